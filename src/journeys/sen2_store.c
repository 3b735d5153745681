/* sen2_store: SEN2 persons into and out of the journeys_* tables. */
#include "sen2_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/ids.h"

struct sen2_store {
    db *d;
    char area[IDS_UUID_LEN];
    char now[21];
    char last[IDS_UUID_LEN];
    int64_t seq;
    char idbase[20];             /* random prefix of this import's ids */
    uint64_t idn;                /* and their counter: ids ascend, so inserts append to the indexes */
    db_stmt *find, *del, *upd, *ins_child, *ins_req, *ins_pl, *ins_need;
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

static void marks(buf *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) buf_add(b, ", ?");
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

sen2_store *sen2_store_open(db *d, const char *area_id)
{
    sen2_store *s = xcalloc(1, sizeof *s);
    buf b = BUF_INIT;
    size_t i, n = 0;
    int ok = 0;
    s->d = d;
    snprintf(s->area, sizeof s->area, "%s", area_id);
    ids_now_iso(s->now);
    ids_random_hex(s->idbase, 9);
    /* This connection only: a bigger page cache and temporary b-trees in
     * memory. Durability of the commit is left as configured. */
    if (db_kind(d) == DB_SQLITE) db_exec(d, "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY");
    {
        size_t nf;
        const struct sen2_field *f = sen2_fields(SEN2_PLACEMENT_DETAIL, &nf);
        for (i = 0; i < SEN2_MAX_FIELDS; i++) s->plan_map[i] = i < nf ? sen2_field_index(SEN2_PLAN_DETAIL, f[i].tag) : -1;
        s->need_type = sen2_field_index(SEN2_SEN_NEED, "SENtype");
        s->need_rank = sen2_field_index(SEN2_SEN_NEED, "SENtypeRank");
    }
    if (db_query_int64(d, &s->seq, "SELECT COALESCE(MAX(seq), 0) FROM journeys_children", 0) < 0) goto done;
    if (db_prepare(d, "SELECT id FROM journeys_children WHERE area_id = ? AND upn = ?", &s->find) != DB_OK) goto done;
    if (db_prepare(d, "DELETE FROM journeys_requests WHERE child_id = ?", &s->del) != DB_OK) goto done;
    buf_add(&b, "UPDATE journeys_children SET id = id");
    {
        size_t nf;
        const struct sen2_field *f = sen2_fields(SEN2_PERSON, &nf);
        for (i = 0; i < nf; i++) buf_printf(&b, ", %s = ?", f[i].col);
    }
    buf_add(&b, " WHERE id = ?");
    if (prep(d, &b, &s->upd) != DB_OK) goto done;
    buf_add(&b, "INSERT INTO journeys_children (id, area_id, seq, created_at");
    cols(&b, SEN2_PERSON, "");
    buf_add(&b, ") VALUES (?, ?, ?, ?");
    marks(&b, nfields(SEN2_PERSON));
    buf_add(&b, ")");
    if (prep(d, &b, &s->ins_child) != DB_OK) goto done;
    buf_add(&b, "INSERT INTO journeys_requests (id, child_id, seq, has_assessment, has_plan, has_active");
    for (i = 0; i < 4; i++) {
        cols(&b, req_kinds[i], "");
        n += nfields(req_kinds[i]);
    }
    buf_add(&b, ") VALUES (?, ?, ?, ?, ?, ?");
    marks(&b, n);
    buf_add(&b, ")");
    if (prep(d, &b, &s->ins_req) != DB_OK) goto done;
    buf_add(&b, "INSERT INTO journeys_placements (request_id, kind, seq");
    cols(&b, SEN2_PLACEMENT_DETAIL, "");
    buf_add(&b, ") VALUES (?, ?, ?");
    marks(&b, nfields(SEN2_PLACEMENT_DETAIL));
    buf_add(&b, ")");
    if (prep(d, &b, &s->ins_pl) != DB_OK) goto done;
    buf_add(&b, "INSERT INTO journeys_needs (request_id, seq, sen_type, sen_type_rank) VALUES (?, ?, ?, ?)");
    if (prep(d, &b, &s->ins_need) != DB_OK) goto done;
    ok = 1;
done:
    buf_free(&b);
    if (!ok) {
        sen2_store_close(s);
        s = NULL;
    }
    return s;
}

void sen2_store_close(sen2_store *s)
{
    if (!s) return;
    db_finalize(s->find);
    db_finalize(s->del);
    db_finalize(s->upd);
    db_finalize(s->ins_child);
    db_finalize(s->ins_req);
    db_finalize(s->ins_pl);
    db_finalize(s->ins_need);
    free(s);
}

const char *sen2_store_last_id(const sen2_store *s)
{
    return s->last;
}

/* A fresh id of UUID shape (version 4 layout): 72 random bits per import
 * and a counter, so ids of one import ascend. */
static void next_id(sen2_store *s, char out[IDS_UUID_LEN])
{
    snprintf(out, IDS_UUID_LEN, "%.8s-%.4s-4%.3s-8%.3s-%012llx", s->idbase, s->idbase + 8, s->idbase + 12, s->idbase + 15,
             (unsigned long long)(++s->idn & 0xffffffffffffULL));
}

/* Binds kind's values from r starting at idx; returns the next index.
 * Values are borrowed: r outlives the statement's step and reset. */
static int bind_rec(db_stmt *st, int idx, const struct sen2_rec *r, enum sen2_kind k)
{
    size_t n = nfields(k), i;
    for (i = 0; i < n; i++) db_bind_text_static(st, idx++, r && r->set[i] ? r->v[i] : NULL);
    return idx;
}

/* Field i of r when set, else NULL; i < 0 is "no such field". */
static const char *val(const struct sen2_rec *r, int i)
{
    return i >= 0 && r->set[i] ? r->v[i] : NULL;
}

static int run(db_stmt *st)
{
    int rc = db_step(st);
    db_reset(st);
    return rc < 0 ? rc : DB_OK;
}

/* Placement columns hold both PlanDetail and PlacementDetail: map by tag. */
static int store_placement(sen2_store *s, const char *req_id, const char *kind, int seq,
                           const struct sen2_rec *r, enum sen2_kind k)
{
    size_t n = nfields(SEN2_PLACEMENT_DETAIL), i;
    db_bind_text_static(s->ins_pl, 1, req_id);
    db_bind_text_static(s->ins_pl, 2, kind);
    db_bind_int64(s->ins_pl, 3, seq);
    if (k == SEN2_PLACEMENT_DETAIL) bind_rec(s->ins_pl, 4, r, k);
    else
        for (i = 0; i < n; i++) db_bind_text_static(s->ins_pl, 4 + (int)i, val(r, s->plan_map[i]));
    return run(s->ins_pl);
}

int sen2_store_person(sen2_store *s, const struct sen2_person *p, char *err, size_t errlen)
{
    const char *upn = sen2_get(&p->person, SEN2_PERSON, "UPN");
    char rid[IDS_UUID_LEN];
    size_t i, j;
    int rc = DB_OK, found = 0;
    if (upn && *upn) {
        db_bind_text_static(s->find, 1, s->area);
        db_bind_text_static(s->find, 2, upn);
        if ((rc = db_step(s->find)) == DB_ROW) {
            snprintf(s->last, sizeof s->last, "%s", db_col_text(s->find, 0));
            found = 1;
        }
        db_reset(s->find);
        if (rc < 0) goto done;
        rc = DB_OK;
    }
    if (found) {
        db_bind_text_static(s->del, 1, s->last);
        if ((rc = run(s->del)) != DB_OK) goto done;
        db_bind_text_static(s->upd, (int)nfields(SEN2_PERSON) + 1, s->last);
        bind_rec(s->upd, 1, &p->person, SEN2_PERSON);
        if ((rc = run(s->upd)) != DB_OK) goto done;
    } else {
        next_id(s, s->last);
        db_bind_text_static(s->ins_child, 1, s->last);
        db_bind_text_static(s->ins_child, 2, s->area);
        db_bind_int64(s->ins_child, 3, ++s->seq);
        db_bind_text_static(s->ins_child, 4, s->now);
        bind_rec(s->ins_child, 5, &p->person, SEN2_PERSON);
        if ((rc = run(s->ins_child)) != DB_OK) goto done;
    }
    for (i = 0; i < p->n_requests; i++) {
        const struct sen2_request *rq = &p->requests[i];
        int idx = 7;
        next_id(s, rid);
        db_bind_text_static(s->ins_req, 1, rid);
        db_bind_text_static(s->ins_req, 2, s->last);
        db_bind_int64(s->ins_req, 3, (int64_t)i + 1);
        db_bind_int64(s->ins_req, 4, rq->has_assessment);
        db_bind_int64(s->ins_req, 5, rq->has_plan);
        db_bind_int64(s->ins_req, 6, rq->has_active);
        idx = bind_rec(s->ins_req, idx, &rq->req, SEN2_REQUEST);
        idx = bind_rec(s->ins_req, idx, rq->has_assessment ? &rq->assessment : NULL, SEN2_ASSESSMENT);
        idx = bind_rec(s->ins_req, idx, rq->has_plan ? &rq->plan : NULL, SEN2_NAMED_PLAN);
        bind_rec(s->ins_req, idx, rq->has_active ? &rq->active : NULL, SEN2_ACTIVE_PLANS);
        if ((rc = run(s->ins_req)) != DB_OK) goto done;
        for (j = 0; j < rq->n_plan_details; j++)
            if ((rc = store_placement(s, rid, "plan", (int)j + 1, &rq->plan_details[j], SEN2_PLAN_DETAIL)) != DB_OK) goto done;
        for (j = 0; j < rq->n_placements; j++)
            if ((rc = store_placement(s, rid, "active", (int)j + 1, &rq->placements[j], SEN2_PLACEMENT_DETAIL)) != DB_OK) goto done;
        for (j = 0; j < rq->n_needs; j++) {
            db_bind_text_static(s->ins_need, 1, rid);
            db_bind_int64(s->ins_need, 2, (int64_t)j + 1);
            db_bind_text_static(s->ins_need, 3, val(&rq->needs[j], s->need_type));
            db_bind_text_static(s->ins_need, 4, val(&rq->needs[j], s->need_rank));
            if ((rc = run(s->ins_need)) != DB_OK) goto done;
        }
    }
done:
    if (rc != DB_OK) snprintf(err, errlen, "cannot store the person: %s", db_errmsg(s->d));
    return rc;
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
    memset(r, 0, sizeof *r);
    for (i = 0; i < n; i++) {
        const char *v = db_col_text(st, col + (int)i);
        if (!v) continue;
        snprintf(r->v[i], SEN2_VAL_MAX, "%s", v);
        r->set[i] = 1;
    }
}

int journeys_export_each(db *d, const char *area_id, int year,
                         int (*fn)(void *ctx, const char *child_id, const struct sen2_person *p), void *ctx)
{
    db_stmt *c = NULL, *r = NULL, *pl = NULL, *nd = NULL;
    struct sen2_person *p = xcalloc(1, sizeof *p);
    buf b = BUF_INIT;
    char census[DATE_STR_LEN] = "9999-12-31", start[DATE_STR_LEN] = "0000-01-01";
    int rc, rr, rp, rn;
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
                "q.has_active = 1)) ORDER BY c.seq");
    if ((rc = prep(d, &b, &c)) != DB_OK) goto done;
    db_bind_text(c, 1, area_id);
    db_bind_text(c, 2, census);
    db_bind_text(c, 3, start);
    db_bind_text(c, 4, start);
    db_bind_text(c, 5, start);
    buf_add(&b, "SELECT c.seq, r.has_assessment, r.has_plan, r.has_active, r.id");
    for (i = 0; i < 4; i++) cols(&b, req_kinds[i], "r.");
    buf_add(&b, " FROM journeys_requests r JOIN journeys_children c ON c.id = r.child_id WHERE c.area_id = ? ORDER BY c.seq, r.seq");
    if ((rc = prep(d, &b, &r)) != DB_OK) goto done;
    db_bind_text(r, 1, area_id);
    buf_add(&b, "SELECT c.seq, r.seq, p.kind");
    cols(&b, SEN2_PLACEMENT_DETAIL, "p.");
    buf_add(&b, " FROM journeys_placements p JOIN journeys_requests r ON r.id = p.request_id JOIN journeys_children c ON c.id = r.child_id "
                "WHERE c.area_id = ? ORDER BY c.seq, r.seq, p.kind DESC, p.seq");
    if ((rc = prep(d, &b, &pl)) != DB_OK) goto done;
    db_bind_text(pl, 1, area_id);
    buf_add(&b, "SELECT c.seq, r.seq, n.sen_type, n.sen_type_rank FROM journeys_needs n JOIN journeys_requests r ON r.id = n.request_id "
                "JOIN journeys_children c ON c.id = r.child_id WHERE c.area_id = ? ORDER BY c.seq, r.seq, n.seq");
    if ((rc = prep(d, &b, &nd)) != DB_OK) goto done;
    db_bind_text(nd, 1, area_id);
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
                struct sen2_rec tmp;
                size_t nf, k;
                const struct sen2_field *f = sen2_fields(SEN2_PLACEMENT_DETAIL, &nf);
                load_rec(pl, 3, &tmp, SEN2_PLACEMENT_DETAIL);
                if (kind && strcmp(kind, "plan") == 0 && q->n_plan_details < SEN2_MAX_PLAN_DETAILS) {
                    struct sen2_rec *t = &q->plan_details[q->n_plan_details++];
                    memset(t, 0, sizeof *t);
                    for (k = 0; k < nf; k++)
                        if (tmp.set[k]) sen2_set(t, SEN2_PLAN_DETAIL, f[k].tag, tmp.v[k]);
                } else if (kind && strcmp(kind, "active") == 0 && q->n_placements < SEN2_MAX_PLACEMENTS) {
                    q->placements[q->n_placements++] = tmp;
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
                memset(t, 0, sizeof *t);
                if (!db_col_is_null(nd, 2)) sen2_set(t, SEN2_SEN_NEED, "SENtype", db_col_text(nd, 2));
                if (!db_col_is_null(nd, 3)) sen2_set(t, SEN2_SEN_NEED, "SENtypeRank", db_col_text(nd, 3));
            }
            rn = db_step(nd);
        }
        if (rn < 0) { rc = rn; goto done; }
        if (fn(ctx, db_col_text(c, 0), p) != 0) { rc = DB_OK; goto done; }
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
