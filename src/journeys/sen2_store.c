/* sen2_store: SEN2 persons into and out of the journeys_* tables. */
#include "sen2_store.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/ids.h"

/* The statements an import sends rows to, in the order a flush sends
 * them. A child found again (same UPN in the area) keeps its id and has
 * its person fields updated (T_UPD). Each of its requests in the file is
 * matched with a held request received the same day: a match keeps its
 * id, and with it what sendhub holds beyond SEN2 (advice asked, recorded
 * exceptions, draft dates), has its SEN2 fields updated (T_REQ_UPD) and
 * its placements and needs replaced; a request in the file without a
 * match is added; a held request left unmatched goes, with what hangs
 * from it, unless it was recorded in sendhub (origin): that one stays,
 * renumbered after the file's (T_REQ_SEQ). Deletes go first, dependent
 * rows first, then updates, then the new rows in foreign-key order. */
enum { T_DEL_PL, T_DEL_NEED, T_DEL_ADV, T_DEL_REQ, T_UPD, T_REQ_UPD, T_REQ_SEQ, T_CHILD, T_REQ, T_PL, T_NEED, T_COUNT };

/* The deletes take request ids. Advice is deleted here on SQLite only: the
 * import runs with SQLite's foreign keys (and so their cascades) off;
 * PostgreSQL keeps them on, and cascades. */
static const char *const del_sql[] = {
    "DELETE FROM journeys_placements WHERE request_id IN (VALUES ",
    "DELETE FROM journeys_needs WHERE request_id IN (VALUES ",
    "DELETE FROM journeys_advice WHERE request_id IN (VALUES ",
    "DELETE FROM journeys_requests WHERE id IN (VALUES "};

/* Messages that need a lookup (their UPN may be held) wait in a queue of
 * up to QUEUE_MAX, and so does every message after them (order matters):
 * one query then looks up all their UPNs, one round trip on PostgreSQL
 * instead of one per person. */
#define QUEUE_MAX 256

#define ROW_MAX_COLS 48
/* Parameters per multi-row INSERT at most. PostgreSQL (65,535 allowed)
 * pays a round trip per statement, so it takes large ones. SQLite runs in
 * this process, where smaller ones did better: measured on 640,000
 * persons (when a flush came every few persons), 512 took 5.7 s, 1,000
 * 5.9 s, 8,000 6.8 s (one row per statement: 7.0 s); with SEN2_STORE_HOLD
 * persons per flush, 1,024 and 4,096 were within the noise of 512. */
#define BATCH_PARAMS_PG 16384
#define BATCH_PARAMS_SQLITE 512

/* A Bloom filter of size bytes (a multiple of BLOOM_BLOCK): a string
 * never added is "no", one added is "maybe", and so, rarely, is one not. */
struct bloom {
    unsigned char *bits;
    size_t size;
};

/* One statement taking rows as a VALUES list (a table's INSERT, or a
 * DELETE or UPDATE of the rows it lists), and in batch mode the rows held
 * back (copied) until it sends them. A statement of each power-of-two row
 * count is prepared once, when first needed: any number of held rows goes
 * out as a few of them (37 = 32 + 4 + 1), never a statement prepared for
 * one use. */
#define ROWS_POW 16
struct cell {
    int32_t off, len;            /* in the arena; off -1 for NULL */
};
struct rows {
    char *head, *tail;           /* "INSERT INTO t (a, b, ...) VALUES ", "" (NULL head: not used) */
    int ncols;
    size_t max;                  /* rows a statement takes at most (a power of two) */
    size_t n, cap;               /* rows held, and room for */
    buf arena;                   /* the held values, NUL-terminated */
    struct cell *cell;           /* cap * ncols: where each is */
    db_stmt *st[ROWS_POW];       /* st[k] takes 2^k rows */
};

/* A UPN the queue's lookup found held, and its child. */
struct hit {
    char upn[24];
    char id[IDS_UUID_LEN];
    int used;                    /* its requests in ex were taken (they may have changed since) */
};

/* A held request of a found child: its day received, whether it was
 * recorded in sendhub, and whether a request of the file took it. */
struct held_req {
    char child[IDS_UUID_LEN];
    char id[IDS_UUID_LEN];
    char received[16];
    size_t ord;                  /* the order read (children's requests by seq) */
    int own;                     /* origin 'sendhub': kept when unmatched */
    int taken;
};

/* A growing array of held requests. */
struct held_reqs {
    struct held_req *r;
    size_t n, cap;
};

struct sen2_store {
    db *d;
    char area[IDS_UUID_LEN];
    char now[21];
    char last[IDS_UUID_LEN];
    int64_t seq;
    char idbase[20];             /* prefix of this import's ids (id_prefix) */
    uint64_t idn;                /* and their counter: ids ascend, so inserts append to the indexes */
    db_stmt *find;               /* one UPN's child */
    db_stmt *look;               /* the children of up to QUEUE_MAX UPNs */
    buf queue;                   /* messages waiting (copies, each 8-byte aligned) */
    size_t qoff[QUEUE_MAX], qn;  /* and where each starts */
    struct hit *hits;            /* what look found, sorted by UPN */
    size_t nhits;
    db_stmt *reqs1;              /* the held requests of one child */
    db_stmt *reqsq;              /* of up to QUEUE_MAX children */
    struct held_reqs ex;         /* reqsq's, sorted by child */
    struct held_reqs cur;        /* those of the child being replaced */
    char req[IDS_UUID_LEN];      /* the request whose placements and needs follow */
    size_t added, updated;       /* persons stored as new children, and found held */
    /* children stored or replaced since the last flush: some of their
     * rows (requests, their placements and needs, which do not name the
     * child) may still be held back. A false "maybe" costs a flush. */
    struct bloom touched;
    int req_date;                /* the received date's column in a request row */
    struct rows t[T_COUNT];
    int batch;                   /* rows are held back and sent many at a time */
    size_t held;                 /* rows held, all tables */
    size_t persons;              /* persons stored since the last flush */
    buf msg;                     /* sen2_store_person's message */
    /* The packing side (sen2_store_pack), which may be another thread:
     * only it touches what follows, the storing side only what precedes.
     * UPNs of the area's children (those held before and those packed
     * since), as a fixed-size Bloom filter: a UPN it has never seen needs
     * no lookup. Fixed size, so memory stays constant; a false "maybe" only
     * costs the lookup. */
    struct bloom seen;           /* SEEN_BYTES: under 1 in 10,000 false "maybe"s at 640,000 UPNs */
    buf rowtab;                  /* the row table of the message being packed */
    int32_t nrows;               /* and its rows */
    int upn_idx;                 /* the UPN field index */
    /* PlanDetail field index of each PlacementDetail column, or -1 */
    int plan_map[SEN2_MAX_FIELDS];
    int need_type, need_rank;    /* SENneed field indexes */
};

static const enum sen2_kind req_kinds[] = {SEN2_REQUEST, SEN2_ASSESSMENT, SEN2_NAMED_PLAN, SEN2_ACTIVE_PLANS};

/* "a, b, c" of kind's columns, with a prefix. */
static void cols(buf *b, enum sen2_kind k, const char *prefix)
{
    size_t n, i;
    const struct sen2_field *f = sen2_fields(k, &n);
    for (i = 0; i < n; i++) buf_printf(b, ", %s%s", prefix, f[i].col);
}

static size_t nfields(enum sen2_kind k)
{
    size_t n;
    sen2_fields(k, &n);
    return n;
}

static int prep(db *d, buf *b, db_stmt **st)
{
    int rc = db_prepare(d, buf_str(b), st);
    buf_reset(b);
    return rc;
}

#define BLOOM_BLOCK 64
#define SEEN_BYTES (8u << 20)        /* 131,072 blocks */
#define TOUCHED_BYTES (64u << 10)    /* 1,024 blocks, for SEN2_STORE_HOLD children */

/* A blocked Bloom filter: a string's four bits all lie in one 64-byte
 * block, so a check or an addition touches one cache line, not four. */
static unsigned char *bloom_block(const struct bloom *f, const char *v, uint32_t bit[4])
{
    uint64_t a = 1469598103934665603ULL;
    int i;
    for (; *v; v++) a = (a ^ (unsigned char)*v) * 1099511628211ULL;
    a ^= a >> 31;
    a *= 0x9e3779b97f4a7c15ULL;
    for (i = 0; i < 4; i++) bit[i] = (uint32_t)(a >> (i * 9)) & (BLOOM_BLOCK * 8 - 1);
    return f->bits + ((a >> 40) % (f->size / BLOOM_BLOCK)) * BLOOM_BLOCK;
}

static void bloom_init(struct bloom *f, size_t size)
{
    f->bits = xcalloc(size, 1);
    f->size = size;
}

static void bloom_add(struct bloom *f, const char *v)
{
    uint32_t bit[4];
    unsigned char *b = bloom_block(f, v, bit);
    int i;
    for (i = 0; i < 4; i++) b[bit[i] >> 3] |= (unsigned char)(1u << (bit[i] & 7));
}

static int bloom_maybe(const struct bloom *f, const char *v)
{
    uint32_t bit[4];
    const unsigned char *b = bloom_block(f, v, bit);
    int i;
    for (i = 0; i < 4; i++)
        if (!(b[bit[i] >> 3] & (1u << (bit[i] & 7)))) return 0;
    return 1;
}

/* "VALUES (?, ?), (?, ?) ..." of n rows. */
static void values(buf *b, int ncols, size_t n)
{
    size_t r;
    int c;
    for (r = 0; r < n; r++) {
        buf_add(b, r ? ", (" : "(");
        for (c = 0; c < ncols; c++) buf_add(b, c ? ", ?" : "?");
        buf_add(b, ")");
    }
}

/* The INSERT of 2^k rows of r, prepared when first needed. */
static int rows_stmt(sen2_store *s, struct rows *r, int k, db_stmt **st)
{
    int rc = DB_OK;
    if (!r->st[k]) {
        buf b = BUF_INIT;
        buf_add(&b, r->head);
        values(&b, r->ncols, (size_t)1 << k);
        buf_add(&b, r->tail);
        rc = prep(s->d, &b, &r->st[k]);
        buf_free(&b);
    }
    *st = r->st[k];
    return rc;
}

/* Sets up statement t from its head, the rows' VALUES and its tail, each
 * row of ncols values (0: as many as the head's column list names). */
static int rows_open(sen2_store *s, int t, buf *head, const char *tail, int ncols)
{
    struct rows *r = &s->t[t];
    const char *p;
    db_stmt *st;
    size_t params = db_kind(s->d) == DB_PG ? BATCH_PARAMS_PG : BATCH_PARAMS_SQLITE;
    r->ncols = ncols ? ncols : 1;
    for (p = strchr(buf_str(head), '('); !ncols && p && *p && *p != ')'; p++) r->ncols += *p == ',';
    r->head = xstrdup(buf_str(head));
    r->tail = xstrdup(tail);
    buf_reset(head);
    for (r->max = 1; r->max * 2 * (size_t)r->ncols <= params && r->max * 2 < ((size_t)1 << (ROWS_POW - 1)); r->max *= 2) {}
    return rows_stmt(s, r, 0, &st);
}

static void rows_close(struct rows *r)
{
    int k;
    for (k = 0; k < ROWS_POW; k++) db_finalize(r->st[k]);
    free(r->head);
    free(r->tail);
    free(r->cell);
    buf_free(&r->arena);
}

static int run(db_stmt *st)
{
    int rc = db_step(st);
    db_reset(st);
    return rc < 0 ? rc : DB_OK;
}

/* Sends table r's held rows, the most a statement takes at a time. */
static int rows_send(sen2_store *s, struct rows *r)
{
    size_t done = 0;
    int rc = DB_OK;
    while (done < r->n && rc == DB_OK) {
        db_stmt *st;
        size_t i, nv, left = r->n - done;
        const struct cell *c = r->cell + done * (size_t)r->ncols;
        int k = 0;
        while (((size_t)2 << k) <= left && ((size_t)2 << k) <= r->max) k++;
        if ((rc = rows_stmt(s, r, k, &st)) != DB_OK) break;
        /* parameters are NULL after each run: only values are bound */
        nv = ((size_t)1 << k) * (size_t)r->ncols;
        for (i = 0; i < nv; i++)
            if (c[i].off >= 0) db_bind_text_static_len(st, (int)i + 1, r->arena.s + c[i].off, c[i].len);
        rc = run(st);
        done += (size_t)1 << k;
    }
    s->held -= r->n;
    r->n = 0;
    buf_reset(&r->arena);
    return rc;
}

/* Sends every held row, parents before children (foreign keys). */
static int flush(sen2_store *s)
{
    int t, rc = DB_OK;
    for (t = 0; t < T_COUNT && rc == DB_OK; t++) rc = rows_send(s, &s->t[t]);
    memset(s->touched.bits, 0, s->touched.size);
    s->persons = 0;
    return rc;
}

/* Whether a held row of table t has value v in column col. */
static int held_has(const sen2_store *s, int t, int col, const char *v)
{
    const struct rows *r = &s->t[t];
    size_t i;
    for (i = 0; i < r->n; i++) {
        int32_t o = r->cell[i * (size_t)r->ncols + (size_t)col].off;
        if (o >= 0 && strcmp(r->arena.s + o, v) == 0) return 1;
    }
    return 0;
}

/* One row of table t: v holds ncols values (NULL for SQL NULL) of len[i]
 * bytes, borrowed for the call. Stored at once, or held back in batch
 * mode. */
static int emit(sen2_store *s, int t, const char *const *v, const int32_t *len)
{
    struct rows *r = &s->t[t];
    int i;
    if (!s->batch) {
        /* parameters are NULL after each run: only values are bound */
        for (i = 0; i < r->ncols; i++)
            if (v[i]) db_bind_text_static_len(r->st[0], i + 1, v[i], len[i]);
        return run(r->st[0]);
    }
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : r->max;
        r->cell = xrealloc(r->cell, r->cap * (size_t)r->ncols * sizeof *r->cell);
    }
    for (i = 0; i < r->ncols; i++) {
        struct cell *c = &r->cell[r->n * (size_t)r->ncols + (size_t)i];
        if (!v[i]) { c->off = -1; continue; }
        c->off = (int32_t)r->arena.len;
        c->len = len[i];
        buf_addn(&r->arena, v[i], (size_t)len[i] + 1);     /* with its NUL */
    }
    r->n++;
    s->held++;
    return DB_OK;
}

/* The prefix of this import's ids (next_id): the 15 leading hex digits of
 * the highest child or request id held, plus one, so every id of the
 * import sorts after every id already held and each insert lands at the
 * right-hand end of the key indexes, where SQLite finds the place without
 * a search from the root (measured: 5% of a 640,000-person import). Random
 * when nothing is held, or when the highest cannot grow. */
static int id_prefix(sen2_store *s)
{
    static const char *const tables[] = {"journeys_children", "journeys_requests"};
    /* byte order: PostgreSQL's default collation may rank '-' apart */
    const char *collate = db_kind(s->d) == DB_PG ? " COLLATE \"C\"" : "";
    static const int digit_at[15] = {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 15, 16, 17};
    char top[IDS_UUID_LEN] = "";
    int rc = DB_OK, i;
    size_t k;
    ids_random_hex(s->idbase, 9);
    for (k = 0; k < 2 && rc >= 0; k++) {
        char *id = NULL, sql[96];
        snprintf(sql, sizeof sql, "SELECT max(id%s) FROM %s", collate, tables[k]);
        rc = db_query_text(s->d, &id, sql, 0);
        if (rc == DB_ROW && id && ids_is_uuid(id) && strcmp(id, top) > 0) snprintf(top, sizeof top, "%s", id);
        free(id);
    }
    if (rc < 0) return rc;
    if (!top[0]) return DB_OK;
    for (i = 0; i < 15; i++) s->idbase[i] = (char)tolower((unsigned char)top[digit_at[i]]);
    for (i = 14; i >= 0; i--) {
        char *c = &s->idbase[i];
        if (*c != 'f') {
            *c = *c == '9' ? 'a' : (char)(*c + 1);
            break;
        }
        *c = '0';
    }
    if (i < 0) ids_random_hex(s->idbase, 9);     /* every digit was f */
    return DB_OK;
}

static sen2_store *store_open(db *d, const char *area_id, int batch)
{
    sen2_store *s = xcalloc(1, sizeof *s);
    buf b = BUF_INIT;
    size_t i;
    int ok = 0;
    /* On SQLite, OR FAIL: a failed multi-row INSERT keeps the rows it
     * wrote instead of undoing them, so SQLite keeps no statement journal
     * (a copy of every page a statement touches, which made multi-row
     * INSERTs slower than single rows). The import's transaction is rolled
     * back on any failure all the same. */
    const char *ins = db_kind(d) == DB_SQLITE ? "INSERT OR FAIL INTO" : "INSERT INTO";
    s->d = d;
    s->batch = batch;
    snprintf(s->area, sizeof s->area, "%s", area_id);
    ids_now_iso(s->now);
    if (id_prefix(s) != DB_OK) goto done;
    /* This connection only: temporary b-trees in memory, and a 16 MiB
     * page cache, which holds a national file's UPN index (its inserts
     * land at random places). Measured on 640,000 persons: 2 MiB took 60%
     * longer with UPNs in random order; 64 MiB was 5-15% slower than 16,
     * as SQLite then walks a longer list of dirty pages to evict one.
     * Durability of the commit is left as configured. */
    if (db_kind(d) == DB_SQLITE) db_exec(d, "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY");
    {
        size_t nf;
        const struct sen2_field *f = sen2_fields(SEN2_PLACEMENT_DETAIL, &nf);
        for (i = 0; i < SEN2_MAX_FIELDS; i++) s->plan_map[i] = i < nf ? sen2_field_index(SEN2_PLAN_DETAIL, f[i].tag) : -1;
        s->need_type = sen2_field_index(SEN2_SEN_NEED, "SENtype");
        s->need_rank = sen2_field_index(SEN2_SEN_NEED, "SENtypeRank");
    }
    s->upn_idx = sen2_field_index(SEN2_PERSON, "UPN");
    bloom_init(&s->seen, SEEN_BYTES);
    bloom_init(&s->touched, TOUCHED_BYTES);
    if (db_query_int64(d, &s->seq, "SELECT COALESCE(MAX(seq), 0) FROM journeys_children", 0) < 0) goto done;
    {
        db_stmt *st = NULL;
        int rc;
        if (db_prepare(d, "SELECT upn FROM journeys_children WHERE area_id = ? AND upn IS NOT NULL AND upn <> ''", &st) != DB_OK) goto done;
        db_bind_text(st, 1, s->area);
        db_stream(st);           /* a national area's UPNs: constant memory */
        while ((rc = db_step(st)) == DB_ROW) bloom_add(&s->seen, db_col_text(st, 0));
        db_finalize(st);
        if (rc != DB_DONE) goto done;
    }
    if (db_prepare(d, "SELECT id FROM journeys_children WHERE area_id = ? AND upn = ?", &s->find) != DB_OK) goto done;
    /* the area is checked here, not in SQL: with it there, SQLite
     * (without statistics) walks the area's index, every child of a
     * national area for each queue, rather than the UPN index */
    buf_add(&b, "SELECT upn, id, area_id FROM journeys_children WHERE upn IN (VALUES ");
    values(&b, 1, QUEUE_MAX);
    buf_add(&b, ")");
    if (prep(d, &b, &s->look) != DB_OK) goto done;
    if (db_prepare(d, "SELECT child_id, id, received_date, origin FROM journeys_requests WHERE child_id = ? ORDER BY seq",
                   &s->reqs1) != DB_OK)
        goto done;
    buf_add(&b, "SELECT child_id, id, received_date, origin FROM journeys_requests WHERE child_id IN (VALUES ");
    values(&b, 1, QUEUE_MAX);
    buf_add(&b, ") ORDER BY seq");
    if (prep(d, &b, &s->reqsq) != DB_OK) goto done;
    for (i = T_DEL_PL; i <= T_DEL_REQ; i++) {
        if (i == T_DEL_ADV && db_kind(d) == DB_PG) continue;     /* cascaded */
        buf_add(&b, del_sql[i - T_DEL_PL]);
        if (rows_open(s, (int)i, &b, ")", 1) != DB_OK) goto done;
    }
    buf_add(&b, "UPDATE journeys_children SET ");
    {
        size_t nf;
        const struct sen2_field *f = sen2_fields(SEN2_PERSON, &nf);
        for (i = 0; i < nf; i++) buf_printf(&b, "%s%s = v.column%zu", i ? ", " : "", f[i].col, i + 2);
        buf_add(&b, " FROM (VALUES ");
        if (rows_open(s, T_UPD, &b, ") AS v WHERE journeys_children.id = v.column1", (int)nf + 1) != DB_OK) goto done;
    }
    /* a matched request: every column of a new one but its child (and
     * id, which finds it); VALUES are text, so the counters are cast. One
     * recorded in sendhub is now in SEN2 too: later files are its
     * authority, as for one imported. */
    buf_add(&b, "UPDATE journeys_requests SET origin = 'sen2', seq = CAST(v.column2 AS INTEGER), "
                "has_assessment = CAST(v.column3 AS INTEGER), has_plan = CAST(v.column4 AS INTEGER), "
                "has_active = CAST(v.column5 AS INTEGER)");
    {
        size_t k, nf, col = 6;
        for (k = 0; k < 4; k++) {
            const struct sen2_field *f = sen2_fields(req_kinds[k], &nf);
            for (i = 0; i < nf; i++) buf_printf(&b, ", %s = v.column%zu", f[i].col, col++);
        }
        buf_add(&b, " FROM (VALUES ");
        if (rows_open(s, T_REQ_UPD, &b, ") AS v WHERE journeys_requests.id = v.column1", (int)col - 1) != DB_OK) goto done;
    }
    s->req_date = 6 + sen2_field_index(SEN2_REQUEST, "ReceivedDate");
    buf_add(&b, "UPDATE journeys_requests SET seq = CAST(v.column2 AS INTEGER) FROM (VALUES ");
    if (rows_open(s, T_REQ_SEQ, &b, ") AS v WHERE journeys_requests.id = v.column1", 2) != DB_OK) goto done;
    buf_printf(&b, "%s journeys_children (id, area_id, seq, created_at", ins);
    cols(&b, SEN2_PERSON, "");
    buf_add(&b, ") VALUES ");
    if (rows_open(s, T_CHILD, &b, "", 0) != DB_OK) goto done;
    buf_printf(&b, "%s journeys_requests (id, child_id, seq, has_assessment, has_plan, has_active", ins);
    for (i = 0; i < 4; i++) cols(&b, req_kinds[i], "");
    buf_add(&b, ") VALUES ");
    if (rows_open(s, T_REQ, &b, "", 0) != DB_OK) goto done;
    buf_printf(&b, "%s journeys_placements (request_id, kind, seq", ins);
    cols(&b, SEN2_PLACEMENT_DETAIL, "");
    buf_add(&b, ") VALUES ");
    if (rows_open(s, T_PL, &b, "", 0) != DB_OK) goto done;
    buf_printf(&b, "%s journeys_needs (request_id, seq, sen_type, sen_type_rank) VALUES ", ins);
    if (rows_open(s, T_NEED, &b, "", 0) != DB_OK) goto done;
    for (i = 0; i < T_COUNT; i++)
        if (s->t[i].ncols > ROW_MAX_COLS) goto done;
    if (s->t[T_REQ_UPD].ncols != s->t[T_REQ].ncols - 1) goto done;
    ok = 1;
done:
    buf_free(&b);
    if (!ok) {
        sen2_store_close(s);
        s = NULL;
    }
    return s;
}

sen2_store *sen2_store_open(db *d, const char *area_id)
{
    return store_open(d, area_id, 0);
}

sen2_store *sen2_store_open_bulk(db *d, const char *area_id)
{
    /* Rows are held back and sent by multi-row INSERTs on both backends:
     * PostgreSQL saves round trips, SQLite the statement's set-up and a
     * b-tree descent per row (7.0 s against 5.7 s for 640,000 persons). */
    return store_open(d, area_id, 1);
}

void sen2_store_close(sen2_store *s)
{
    int t;
    if (!s) return;
    db_finalize(s->find);
    db_finalize(s->look);
    db_finalize(s->reqs1);
    db_finalize(s->reqsq);
    buf_free(&s->queue);
    free(s->hits);
    free(s->ex.r);
    free(s->cur.r);
    free(s->touched.bits);
    for (t = 0; t < T_COUNT; t++) rows_close(&s->t[t]);
    free(s->seen.bits);
    buf_free(&s->rowtab);
    buf_free(&s->msg);
    free(s);
}

const char *sen2_store_last_id(const sen2_store *s)
{
    return s->last;
}

void sen2_store_counts(const sen2_store *s, size_t *added, size_t *updated)
{
    *added = s->added;
    *updated = s->updated;
}

/* A fresh id of UUID shape (version 4 layout): the import's prefix and a
 * counter, so ids of one import ascend, above those held before. */
static void next_id(sen2_store *s, char out[IDS_UUID_LEN])
{
    static const char hex[] = "0123456789abcdef";
    uint64_t n = ++s->idn & 0xffffffffffffULL;
    int i;
    /* "%.8s-%.4s-4%.3s-8%.3s-%012llx", written by hand: this runs for
     * every person and request of a national file */
    memcpy(out, s->idbase, 8);
    out[8] = '-';
    memcpy(out + 9, s->idbase + 8, 4);
    out[13] = '-';
    out[14] = '4';
    memcpy(out + 15, s->idbase + 12, 3);
    out[18] = '-';
    out[19] = '8';
    memcpy(out + 20, s->idbase + 15, 3);
    out[23] = '-';
    for (i = 35; i >= 24; i--, n >>= 4) out[i] = hex[n & 15];
    out[36] = '\0';
}

/* ---- a person as a message: its rows, ready to store ------------------------

   sen2_store_pack writes, and sen2_store_packed reads, one person as

     struct msg_head, the values (each NUL-terminated), padding to 4 bytes,
     the row table: per row its table, then per column an (offset, length)
     pair: offset -1 is NULL, FILL a value only the storing side knows
     (the child's seq; a request's child id, which is another child's when
     the UPN is found held; a placement's or need's request id, which is a
     held request's when it is matched). */

struct msg_head {
    int32_t rows_at, nrows;      /* where the row table starts; its rows */
    int32_t upn;                 /* offset of the UPN, or -1 */
    int32_t maybe;               /* the UPN may be held: look it up */
};
#define FILL (-2)
static const char fill_mark[] = "";   /* a v[] value that packs as FILL */

/* Appends one row of table t (v: its ncols values, NULL for NULL, borrowed)
 * to the message out and its entry to the row table. */
static void pack_row(sen2_store *s, buf *out, int t, const char *const *v)
{
    int32_t e[1 + 2 * ROW_MAX_COLS];
    int i, n = 1;
    e[0] = t;
    for (i = 0; i < s->t[t].ncols; i++) {
        if (!v[i] || v[i] == fill_mark) {
            e[n++] = v[i] ? FILL : -1;
            e[n++] = 0;
        } else {
            size_t len = strlen(v[i]);
            e[n++] = (int32_t)out->len;
            e[n++] = (int32_t)len;
            buf_addn(out, v[i], len + 1);
        }
    }
    buf_addn(&s->rowtab, (const char *)e, (size_t)n * sizeof e[0]);
    s->nrows++;
}

/* Appends kind's values from r (NULL r: all NULL) to v from *n. Borrowed. */
static void put_rec(const char **v, int *n, const struct sen2_rec *r, enum sen2_kind k)
{
    size_t nf = nfields(k), i;
    for (i = 0; i < nf; i++) v[(*n)++] = r ? sen2_val(r, i) : NULL;
}

/* Field i of r when set, else NULL; i < 0 is "no such field". */
static const char *val(const struct sen2_rec *r, int i)
{
    return i >= 0 ? sen2_val(r, (size_t)i) : NULL;
}

/* Counters, flags and seqs as text (every value travels as text), written
 * by hand: this runs for most values of a national file. Sets *len. */
#define NUM_LEN 21
static const char *num_len(char out[NUM_LEN], uint64_t v, int32_t *len)
{
    char t[NUM_LEN];
    int n = 0, i;
    do t[n++] = (char)('0' + v % 10); while ((v /= 10) && n < NUM_LEN - 1);
    for (i = 0; i < n; i++) out[i] = t[n - 1 - i];
    out[n] = '\0';
    *len = n;
    return out;
}

static const char *num(char out[NUM_LEN], uint64_t v)
{
    int32_t len;
    return num_len(out, v, &len);
}

/* dst (cap bytes) takes src's len bytes, cut to fit, and a NUL. */
static void copy_str(char *dst, size_t cap, const char *src, size_t len)
{
    if (len >= cap) len = cap - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* One PlacementDetail or PlanDetail row (placement columns hold both: a
 * PlanDetail is mapped by tag). */
static void pack_placement(sen2_store *s, buf *out, const char *kind, size_t seq, const struct sen2_rec *r,
                           enum sen2_kind k)
{
    const char *v[ROW_MAX_COLS];
    char sq[NUM_LEN];
    int n = 0;
    size_t i, nf = nfields(SEN2_PLACEMENT_DETAIL);
    v[n++] = fill_mark;
    v[n++] = kind;
    v[n++] = num(sq, seq);
    if (k == SEN2_PLACEMENT_DETAIL) put_rec(v, &n, r, k);
    else
        for (i = 0; i < nf; i++) v[n++] = val(r, s->plan_map[i]);
    pack_row(s, out, T_PL, v);
}

void sen2_store_pack(sen2_store *s, const struct sen2_person *p, buf *out)
{
    const char *upn = val(&p->person, s->upn_idx);
    const char *v[ROW_MAX_COLS];
    char cid[IDS_UUID_LEN], rid[IDS_UUID_LEN], a[NUM_LEN], b[NUM_LEN], c[NUM_LEN], rs[NUM_LEN];
    struct msg_head h = {0, 0, -1, 0};
    size_t i, j;
    int n;
    buf_reset(&s->rowtab);
    s->nrows = 0;
    buf_addn(out, (const char *)&h, sizeof h);
    if (upn && *upn) {
        h.upn = (int32_t)out->len;
        buf_addn(out, upn, strlen(upn) + 1);
        h.maybe = bloom_maybe(&s->seen, upn);
        bloom_add(&s->seen, upn);
    }
    /* the child's row, with a fresh id (unused when the UPN is found held) */
    next_id(s, cid);
    n = 0;
    v[n++] = cid;
    v[n++] = s->area;
    v[n++] = fill_mark;
    v[n++] = s->now;
    put_rec(v, &n, &p->person, SEN2_PERSON);
    pack_row(s, out, T_CHILD, v);
    for (i = 0; i < p->n_requests; i++) {
        const struct sen2_request *rq = &p->requests[i];
        next_id(s, rid);
        n = 0;
        v[n++] = rid;
        v[n++] = fill_mark;
        v[n++] = num(rs, i + 1);
        v[n++] = num(a, (size_t)rq->has_assessment);
        v[n++] = num(b, (size_t)rq->has_plan);
        v[n++] = num(c, (size_t)rq->has_active);
        put_rec(v, &n, &rq->req, SEN2_REQUEST);
        put_rec(v, &n, rq->has_assessment ? &rq->assessment : NULL, SEN2_ASSESSMENT);
        put_rec(v, &n, rq->has_plan ? &rq->plan : NULL, SEN2_NAMED_PLAN);
        put_rec(v, &n, rq->has_active ? &rq->active : NULL, SEN2_ACTIVE_PLANS);
        pack_row(s, out, T_REQ, v);
        /* in key order ('active' sorts before 'plan'): each row then lands
         * at the end of the b-tree */
        for (j = 0; j < rq->n_placements; j++)
            pack_placement(s, out, "active", j + 1, &rq->placements[j], SEN2_PLACEMENT_DETAIL);
        for (j = 0; j < rq->n_plan_details; j++)
            pack_placement(s, out, "plan", j + 1, &rq->plan_details[j], SEN2_PLAN_DETAIL);
        for (j = 0; j < rq->n_needs; j++) {
            char ns[NUM_LEN];
            const char *nv[4];
            nv[0] = fill_mark;
            nv[1] = num(ns, j + 1);
            nv[2] = val(&rq->needs[j], s->need_type);
            nv[3] = val(&rq->needs[j], s->need_rank);
            pack_row(s, out, T_NEED, nv);
        }
    }
    while (out->len % sizeof(int32_t)) buf_addc(out, '\0');
    h.rows_at = (int32_t)out->len;
    h.nrows = s->nrows;
    buf_addn(out, s->rowtab.s, s->rowtab.len);
    memcpy(out->s, &h, sizeof h);
}

/* A new slot at the end of h. */
static struct held_req *held_push(struct held_reqs *h)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 64;
        h->r = xrealloc(h->r, h->cap * sizeof *h->r);
    }
    return &h->r[h->n];
}

/* Appends to h the held requests st (bound) reads: child_id, id,
 * received_date, origin. */
static int read_held(db_stmt *st, struct held_reqs *h)
{
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        struct held_req *r = held_push(h);
        const char *d = db_col_text(st, 2), *origin = db_col_text(st, 3);
        snprintf(r->child, sizeof r->child, "%s", db_col_text(st, 0));
        snprintf(r->id, sizeof r->id, "%s", db_col_text(st, 1));
        snprintf(r->received, sizeof r->received, "%s", d ? d : "");
        r->ord = h->n++;
        r->own = origin && strcmp(origin, "sen2") != 0;
        r->taken = 0;
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static int held_cmp(const void *a, const void *b)
{
    const struct held_req *x = a, *y = b;
    int c = strcmp(x->child, y->child);
    return c ? c : (x->ord > y->ord) - (x->ord < y->ord);
}

/* Where the UPN u's child is among the queue's lookup hits, or NULL. */
static struct hit *hit_find(sen2_store *s, const char *u)
{
    size_t lo = 0, hi = s->nhits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(u, s->hits[mid].upn);
        if (c == 0) return &s->hits[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

/* s->cur: the held requests of the child s->last, from the queue's (hit,
 * when it has not been used: later they may have changed) or read now. */
static int load_cur(sen2_store *s, struct hit *hit)
{
    s->cur.n = 0;
    if (hit && !hit->used) {
        size_t lo = 0, hi = s->ex.n;
        hit->used = 1;
        while (lo < hi) {                        /* the first of the child's */
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(s->ex.r[mid].child, s->last) < 0) lo = mid + 1;
            else hi = mid;
        }
        for (; lo < s->ex.n && strcmp(s->ex.r[lo].child, s->last) == 0; lo++) {
            *held_push(&s->cur) = s->ex.r[lo];
            s->cur.n++;
        }
        return DB_OK;
    }
    db_bind_text_static(s->reqs1, 1, s->last);
    return read_held(s->reqs1, &s->cur);
}

/* Holds back the deletes of request id: its placements and needs, and
 * when whole (not matched) its advice and itself. */
static int drop_request(sen2_store *s, const char *id, int whole)
{
    const char *u[1] = {id};
    int32_t ul[1] = {(int32_t)strlen(id)};
    int t, rc = DB_OK;
    for (t = T_DEL_PL; t <= (whole ? T_DEL_REQ : T_DEL_NEED) && rc == DB_OK; t++)
        if (s->t[t].head) rc = emit(s, t, u, ul);       /* advice on PostgreSQL: cascaded */
    return rc;
}

/* The person's child is held already (its id in s->last): its person
 * fields (v from column 4, len[i] bytes each) are updated, and its held
 * requests read to be matched (s->cur); held back like new rows, and sent
 * before them at the next flush. */
static int replace_child(sen2_store *s, const char *const *v, const int32_t *len, struct hit *hit)
{
    const char *u[ROW_MAX_COLS];
    int32_t ul[ROW_MAX_COLS];
    size_t j, nf = nfields(SEN2_PERSON);
    int rc = DB_OK;
    /* this child's rows still held back are sent first, so its held
     * requests are read as they are (and one UPDATE cannot set a row
     * twice) */
    if (s->held && bloom_maybe(&s->touched, s->last) && (rc = flush(s)) != DB_OK) return rc;
    if ((rc = load_cur(s, hit)) != DB_OK) return rc;
    u[0] = s->last;
    ul[0] = (int32_t)strlen(s->last);
    for (j = 0; j < nf; j++) {
        u[1 + j] = v[4 + j];
        ul[1 + j] = len[4 + j];
    }
    return emit(s, T_UPD, u, ul);
}

/* A request row (v, len). Of a found child, matched with the first held
 * request received the same day not yet taken, it updates that one, whose
 * placements and needs go; else it is added. Sets s->req. */
static int store_request(sen2_store *s, const char **v, int32_t *len, int found)
{
    const char *day = v[s->req_date] ? v[s->req_date] : "";
    size_t i;
    int rc;
    for (i = 0; found && i < s->cur.n; i++) {
        struct held_req *r = &s->cur.r[i];
        if (!r->taken && strcmp(r->received, day) == 0) {
            r->taken = 1;
            snprintf(s->req, sizeof s->req, "%s", r->id);
            if ((rc = drop_request(s, r->id, 0)) != DB_OK) return rc;
            /* the row without its child: (id, seq, flags, fields) */
            v[1] = r->id;
            len[1] = (int32_t)strlen(r->id);
            return emit(s, T_REQ_UPD, v + 1, len + 1);
        }
    }
    copy_str(s->req, sizeof s->req, v[0], (size_t)len[0]);
    return emit(s, T_REQ, v, len);
}

/* Stores message m. hit: its child found held by the queue's lookup, else
 * NULL (a UPN that may be held is then looked up alone). */
static int store_msg(sen2_store *s, const char *m, struct hit *hit)
{
    struct msg_head h;
    const char *upn;
    const int32_t *e;
    const char *v[ROW_MAX_COLS];
    int32_t len[ROW_MAX_COLS];
    char sq[NUM_LEN] = "";       /* the new child's seq (unused when found) */
    int rc = DB_OK, found = 0, row, i;
    size_t k, nreq = 0;
    memcpy(&h, m, sizeof h);
    upn = h.upn >= 0 ? m + h.upn : NULL;
    e = (const int32_t *)(m + h.rows_at);
    if (hit) {
        snprintf(s->last, sizeof s->last, "%s", hit->id);
        found = 1;
    } else if (h.maybe) {
        /* maybe held before: a child row still held back with this UPN is
         * sent first, so the lookup finds it */
        if (s->held && held_has(s, T_CHILD, 4 + s->upn_idx, upn) && (rc = flush(s)) != DB_OK) return rc;
        db_bind_text_static(s->find, 1, s->area);
        db_bind_text_static(s->find, 2, upn);
        if ((rc = db_step(s->find)) == DB_ROW) {
            snprintf(s->last, sizeof s->last, "%s", db_col_text(s->find, 0));
            found = 1;
        }
        db_reset(s->find);
        if (rc < 0) return rc;
        rc = DB_OK;
    }
    for (row = 0; row < h.nrows && rc == DB_OK; row++) {
        int t = e[0], nc = s->t[t].ncols;
        if (t == T_CHILD && !found) num(sq, (uint64_t)++s->seq);
        for (i = 0; i < nc; i++) {
            int32_t off = e[1 + 2 * i];
            len[i] = e[2 + 2 * i];
            v[i] = off >= 0 ? m + off : NULL;
            if (off == FILL) {
                v[i] = t == T_CHILD ? sq : t == T_REQ ? s->last : s->req;
                len[i] = (int32_t)strlen(v[i]);
            }
        }
        e += 1 + 2 * nc;
        if (t == T_CHILD && found) {
            rc = replace_child(s, v, len, hit);
        } else if (t == T_REQ) {
            nreq++;
            rc = store_request(s, v, len, found);
        } else {
            if (t == T_CHILD) copy_str(s->last, sizeof s->last, v[0], (size_t)len[0]);
            rc = emit(s, t, v, len);
        }
    }
    /* held requests the file no longer has go, but those recorded in
     * sendhub, which stay after the file's */
    for (k = 0; found && k < s->cur.n && rc == DB_OK; k++) {
        const struct held_req *r = &s->cur.r[k];
        if (r->taken) continue;
        if (r->own) {
            char sn[NUM_LEN];
            const char *u[2] = {r->id, sn};
            int32_t ul[2];
            ul[0] = (int32_t)strlen(r->id);
            num_len(sn, ++nreq, &ul[1]);
            rc = emit(s, T_REQ_SEQ, u, ul);
        } else {
            rc = drop_request(s, r->id, 1);
        }
    }
    if (found) s->updated++;
    else s->added++;
    if (s->batch) {
        bloom_add(&s->touched, s->last);
        if (rc == DB_OK && ++s->persons >= SEN2_STORE_HOLD) rc = flush(s);
    }
    return rc;
}

static int hit_cmp(const void *a, const void *b)
{
    return strcmp(((const struct hit *)a)->upn, ((const struct hit *)b)->upn);
}

static void add_hit(sen2_store *s, db_stmt *st)
{
    const char *u = db_col_text(st, 0), *id = db_col_text(st, 1), *area = db_col_text(st, 2);
    /* (a UPN held twice in the area: either child, as with the single
     * lookup; hits past QUEUE_MAX are left to it) */
    if (s->nhits < QUEUE_MAX && u && id && area && strcmp(area, s->area) == 0) {
        struct hit *h = &s->hits[s->nhits++];
        snprintf(h->upn, sizeof h->upn, "%s", u);
        snprintf(h->id, sizeof h->id, "%s", id);
        h->used = 0;
    }
}

/* Looks up the queue's UPNs that may be held, and the held requests of the
 * children found, in one query each, then stores its messages in order. A
 * UPN not found then may still be a child this queue adds before it:
 * store_msg looks it up alone. */
static int drain(sen2_store *s)
{
    size_t i;
    int np = 0, rc = DB_OK;
    s->nhits = 0;
    s->ex.n = 0;
    /* rows held back go first: the queries must see every person before */
    if (s->held && (rc = flush(s)) != DB_OK) return rc;
    for (i = 0; i < s->qn; i++) {
        struct msg_head h;
        memcpy(&h, s->queue.s + s->qoff[i], sizeof h);
        if (h.maybe) db_bind_text_static(s->look, ++np, s->queue.s + s->qoff[i] + h.upn);
    }
    if (np > 0) {
        if (!s->hits) s->hits = xcalloc(QUEUE_MAX, sizeof *s->hits);
        while ((rc = db_step(s->look)) == DB_ROW) add_hit(s, s->look);
        db_reset(s->look);
        rc = rc == DB_DONE ? DB_OK : rc;
        qsort(s->hits, s->nhits, sizeof *s->hits, hit_cmp);
    }
    if (rc == DB_OK && s->nhits > 0) {
        for (i = 0; i < s->nhits; i++) db_bind_text_static(s->reqsq, (int)i + 1, s->hits[i].id);
        rc = read_held(s->reqsq, &s->ex);
        qsort(s->ex.r, s->ex.n, sizeof *s->ex.r, held_cmp);
    }
    for (i = 0; i < s->qn && rc == DB_OK; i++) {
        const char *m = s->queue.s + s->qoff[i];
        struct msg_head h;
        memcpy(&h, m, sizeof h);
        rc = store_msg(s, m, h.maybe ? hit_find(s, m + h.upn) : NULL);
    }
    s->qn = 0;
    buf_reset(&s->queue);
    return rc;
}

int sen2_store_packed(sen2_store *s, const buf *msg, char *err, size_t errlen)
{
    struct msg_head h;
    int rc = DB_OK;
    memcpy(&h, msg->s, sizeof h);
    if (!s->batch || (s->qn == 0 && !h.maybe)) {
        rc = store_msg(s, msg->s, NULL);
    } else {
        while (s->queue.len % 8) buf_addc(&s->queue, '\0');
        s->qoff[s->qn++] = s->queue.len;
        buf_addn(&s->queue, msg->s, msg->len);
        if (s->qn == QUEUE_MAX) rc = drain(s);
    }
    if (rc != DB_OK) snprintf(err, errlen, "cannot store the person: %s", db_errmsg(s->d));
    return rc;
}

int sen2_store_flush(sen2_store *s, char *err, size_t errlen)
{
    int rc = s->qn ? drain(s) : DB_OK;
    if (rc == DB_OK) rc = flush(s);
    if (rc != DB_OK) snprintf(err, errlen, "cannot store the persons: %s", db_errmsg(s->d));
    return rc;
}

int sen2_store_person(sen2_store *s, const struct sen2_person *p, char *err, size_t errlen)
{
    buf_reset(&s->msg);
    sen2_store_pack(s, p, &s->msg);
    return sen2_store_packed(s, &s->msg, err, errlen);
}

/* ---- export ------------------------------------------------------------------- */

int32_t journeys_census_date(int year)
{
    int32_t jan1, d = DATE_NONE;
    int wd;
    if (date_from_ymd(year, 1, 1, &jan1) != 0) return DATE_NONE;
    wd = date_weekday(jan1);                       /* 1 Mon .. 7 Sun; Thursday = 4 */
    d = date_add_days(jan1, ((4 - wd + 7) % 7) + 14);
    return d;
}

static void load_rec(db_stmt *st, int col, struct sen2_rec *r, enum sen2_kind k)
{
    size_t n = nfields(k), i;
    sen2_rec_clear(r);
    for (i = 0; i < n; i++) {
        const char *v = db_col_text(st, col + (int)i);
        if (v) sen2_rec_put(r, i, v, strlen(v));
    }
}

#define EXPORT_WINDOW 20000

/* The area and the window of children seqs [lo, lo + EXPORT_WINDOW). */
static void bind_window(db_stmt *st, const char *area_id, int64_t lo)
{
    db_bind_text(st, 1, area_id);
    db_bind_int64(st, 2, lo);
    db_bind_int64(st, 3, lo + EXPORT_WINDOW);
}

int journeys_export_each(db *d, const char *area_id, int year,
                         int (*fn)(void *ctx, const char *child_id, const struct sen2_person *p), void *ctx)
{
    db_stmt *c = NULL, *r = NULL, *pl = NULL, *nd = NULL;
    struct sen2_person *p = xcalloc(1, sizeof *p);
    buf b = BUF_INIT;
    char census[DATE_STR_LEN] = "9999-12-31", start[DATE_STR_LEN] = "0000-01-01";
    int rc, rr, rp, rn;
    int64_t lo = 0, last = 0;
    size_t i;
    if (year) {
        int32_t s0;
        date_format(journeys_census_date(year), census);
        date_from_ymd(year - 1, 1, 1, &s0);
        date_format(s0, start);
    }
    buf_add(&b, "SELECT c.id, c.seq");
    cols(&b, SEN2_PERSON, "c.");
    buf_add(&b, " FROM journeys_children c WHERE c.area_id = ? AND EXISTS (SELECT 1 FROM journeys_requests q "
                "WHERE q.child_id = c.id AND (q.received_date IS NULL OR q.received_date = '' OR q.received_date <= ?) AND ("
                "q.request_outcome_date IS NULL OR q.request_outcome_date = '' OR q.request_outcome_date >= ? OR "
                "(q.has_assessment = 1 AND (q.assessment_outcome_date IS NULL OR q.assessment_outcome_date = '' OR q.assessment_outcome_date >= ?)) OR "
                "(q.has_plan = 1 AND (q.plan_cease_date IS NULL OR q.plan_cease_date = '' OR q.plan_cease_date >= ?)) OR "
                "q.has_active = 1)) AND c.seq >= ? AND c.seq < ? ORDER BY c.seq");
    if ((rc = prep(d, &b, &c)) != DB_OK) goto done;
    buf_add(&b, "SELECT c.seq, r.has_assessment, r.has_plan, r.has_active, r.id");
    for (i = 0; i < 4; i++) cols(&b, req_kinds[i], "r.");
    buf_add(&b, " FROM journeys_requests r JOIN journeys_children c ON c.id = r.child_id WHERE c.area_id = ? "
                "AND c.seq >= ? AND c.seq < ? ORDER BY c.seq, r.seq");
    if ((rc = prep(d, &b, &r)) != DB_OK) goto done;
    buf_add(&b, "SELECT c.seq, r.seq, p.kind");
    cols(&b, SEN2_PLACEMENT_DETAIL, "p.");
    buf_add(&b, " FROM journeys_placements p JOIN journeys_requests r ON r.id = p.request_id JOIN journeys_children c ON c.id = r.child_id "
                "WHERE c.area_id = ? AND c.seq >= ? AND c.seq < ? ORDER BY c.seq, r.seq, p.kind DESC, p.seq");
    if ((rc = prep(d, &b, &pl)) != DB_OK) goto done;
    buf_add(&b, "SELECT c.seq, r.seq, n.sen_type, n.sen_type_rank FROM journeys_needs n JOIN journeys_requests r ON r.id = n.request_id "
                "JOIN journeys_children c ON c.id = r.child_id WHERE c.area_id = ? AND c.seq >= ? AND c.seq < ? "
                "ORDER BY c.seq, r.seq, n.seq");
    if ((rc = prep(d, &b, &nd)) != DB_OK) goto done;
    if ((rc = db_query_int64(d, &last, "SELECT COALESCE(MAX(seq), 0) FROM journeys_children WHERE area_id = ?", 1, area_id)) < 0) goto done;
    rc = DB_DONE;
    /* A window of EXPORT_WINDOW children at a time: PostgreSQL hands over a
     * query's whole result, so each query's result (and the memory it
     * takes) stays bounded whatever the number of children. */
    for (lo = 0; lo <= last; lo += EXPORT_WINDOW) {
        db_reset(c);
        db_reset(r);
        db_reset(pl);
        db_reset(nd);
        db_bind_text(c, 1, area_id);
        db_bind_text(c, 2, census);
        db_bind_text(c, 3, start);
        db_bind_text(c, 4, start);
        db_bind_text(c, 5, start);
        db_bind_int64(c, 6, lo);
        db_bind_int64(c, 7, lo + EXPORT_WINDOW);
        bind_window(r, area_id, lo);
        bind_window(pl, area_id, lo);
        bind_window(nd, area_id, lo);
        rr = db_step(r);
        rp = db_step(pl);
        rn = db_step(nd);
        while ((rc = db_step(c)) == DB_ROW) {
            int64_t seq = db_col_int64(c, 1);
            load_rec(c, 2, &p->person, SEN2_PERSON);
            p->n_requests = 0;
            while (rr == DB_ROW && db_col_int64(r, 0) < seq) rr = db_step(r);
            while (rr == DB_ROW && db_col_int64(r, 0) == seq) {
                struct sen2_request *q;
                int col = 5;
                if (p->n_requests >= SEN2_MAX_REQUESTS) { rr = db_step(r); continue; }
                q = &p->requests[p->n_requests++];
                q->has_assessment = (int)db_col_int64(r, 1);
                q->has_plan = (int)db_col_int64(r, 2);
                q->has_active = (int)db_col_int64(r, 3);
                q->n_plan_details = q->n_placements = q->n_needs = 0;
                load_rec(r, col, &q->req, SEN2_REQUEST);
                col += (int)nfields(SEN2_REQUEST);
                load_rec(r, col, &q->assessment, SEN2_ASSESSMENT);
                col += (int)nfields(SEN2_ASSESSMENT);
                load_rec(r, col, &q->plan, SEN2_NAMED_PLAN);
                col += (int)nfields(SEN2_NAMED_PLAN);
                load_rec(r, col, &q->active, SEN2_ACTIVE_PLANS);
                rr = db_step(r);
            }
            if (rr < 0) { rc = rr; goto done; }
            /* placements and needs of this child's requests (request seq 1..n) */
            while (rp == DB_ROW && db_col_int64(pl, 0) < seq) rp = db_step(pl);
            while (rp == DB_ROW && db_col_int64(pl, 0) == seq) {
                int64_t rs = db_col_int64(pl, 1);
                const char *kind = db_col_text(pl, 2);
                if (rs >= 1 && (size_t)rs <= p->n_requests) {
                    struct sen2_request *q = &p->requests[rs - 1];
                    if (kind && strcmp(kind, "plan") == 0 && q->n_plan_details < SEN2_MAX_PLAN_DETAILS) {
                        /* placement columns hold a PlanDetail's fields by tag */
                        struct sen2_rec *t = &q->plan_details[q->n_plan_details++];
                        size_t nf, k;
                        const struct sen2_field *f = sen2_fields(SEN2_PLACEMENT_DETAIL, &nf);
                        sen2_rec_clear(t);
                        for (k = 0; k < nf; k++)
                            if (!db_col_is_null(pl, 3 + (int)k)) sen2_set(t, SEN2_PLAN_DETAIL, f[k].tag, db_col_text(pl, 3 + (int)k));
                    } else if (kind && strcmp(kind, "active") == 0 && q->n_placements < SEN2_MAX_PLACEMENTS) {
                        load_rec(pl, 3, &q->placements[q->n_placements++], SEN2_PLACEMENT_DETAIL);
                    }
                }
                rp = db_step(pl);
            }
            if (rp < 0) { rc = rp; goto done; }
            while (rn == DB_ROW && db_col_int64(nd, 0) < seq) rn = db_step(nd);
            while (rn == DB_ROW && db_col_int64(nd, 0) == seq) {
                int64_t rs = db_col_int64(nd, 1);
                if (rs >= 1 && (size_t)rs <= p->n_requests && p->requests[rs - 1].n_needs < SEN2_MAX_NEEDS) {
                    struct sen2_request *q = &p->requests[rs - 1];
                    struct sen2_rec *t = &q->needs[q->n_needs++];
                    sen2_rec_clear(t);
                    if (!db_col_is_null(nd, 2)) sen2_set(t, SEN2_SEN_NEED, "SENtype", db_col_text(nd, 2));
                    if (!db_col_is_null(nd, 3)) sen2_set(t, SEN2_SEN_NEED, "SENtypeRank", db_col_text(nd, 3));
                }
                rn = db_step(nd);
            }
            if (rn < 0) { rc = rn; goto done; }
            if (fn(ctx, db_col_text(c, 0), p) != 0) { rc = DB_OK; goto done; }
        }
        if (rc != DB_DONE) break;
    }
    rc = rc == DB_DONE ? DB_OK : rc;
done:
    db_finalize(c);
    db_finalize(r);
    db_finalize(pl);
    db_finalize(nd);
    buf_free(&b);
    free(p);
    return rc;
}
