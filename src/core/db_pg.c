/* db_pg: the PostgreSQL backend, over libpq.
 *
 * A statement is kept as SQL text with '?' rewritten to $1..$n, and its
 * parameters as text; the first db_step sends it (types left for the server
 * to infer, as it does for literals) and fetches the whole result, which
 * later steps walk through. Each connection keeps the SQL it runs prepared
 * on the server (PG_PREPARED of them, least recently used out), so a
 * statement is parsed and planned once, not on every run. So a SQL error shows at the
 * first step, not at db_prepare as with SQLite, and db_column_count /
 * db_column_name know nothing before the first step. A statement marked
 * with db_stream instead gets its rows one at a time (libpq's single-row
 * mode), and holds the connection until they are all read.
 *
 * Connection loss: libpq notices a dead socket only when a command fails;
 * the connection's status is then CONNECTION_BAD. The next db_ping, or the
 * next command outside a transaction, reconnects with PQreset, so the
 * service recovers by itself when the database comes back. Inside a
 * transaction it does not: statements after the loss would otherwise run
 * outside the transaction the caller thinks it has. */
#include "db_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A statement the server holds prepared for this connection ("sh_N"). */
struct pg_cached {
    char *sql;               /* with $n placeholders; NULL for a free slot */
    unsigned long hash;
    unsigned name;
    uint64_t used;
};

#define PG_PREPARED 128      /* per connection, least recently used out */

typedef struct {
    struct db base;
    PGconn *c;
    int txn_open;            /* the server last said we are inside a transaction */
    struct pg_cached prepared[PG_PREPARED];
    unsigned next_name;
    uint64_t tick;
    struct db_stmt *streaming;   /* the statement whose rows are coming (db_stream) */
} pg_db;

typedef struct {
    struct db_stmt base;
    char *sql;               /* with $n placeholders */
    int nparams;
    char **vals;             /* nparams values, owned, NULL for SQL NULL */
    PGresult *res;           /* NULL until executed */
    int row;                 /* current row, -1 before the first */
    int64_t changes;
    enum { PG_WHOLE, PG_STREAM, PG_STREAMING, PG_STREAMED } mode;    /* db_stream */
} pg_stmt;

static const struct db_ops pg_ops;

/* ---- placeholders ---------------------------------------------------------
 *
 * '?' becomes $1, $2 ... except where it is text: inside '...' (with ''
 * doubling), E'...' (backslash escapes), "..." identifiers, -- and nested
 * block comments, and $tag$...$tag$ dollar quotes. The scanner copies every
 * other byte unchanged. */

static int pg_ident_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
           (unsigned char)ch >= 0x80;
}

/* Length of a dollar-quote opener "$tag$" at p (tag may be empty), or 0. */
static size_t pg_dollar_tag(const char *p)
{
    size_t n = 1;
    if (p[1] >= '0' && p[1] <= '9') return 0;      /* $1 is a parameter */
    while (pg_ident_char(p[n]) && p[n] != '$') n++;
    return p[n] == '$' ? n + 1 : 0;
}

/* Returns the rewritten SQL (caller frees) and the number of '?' in *count. */
static char *pg_rewrite(const char *sql, int *count)
{
    buf out = BUF_INIT;
    const char *p = sql;
    int n = 0;
    while (*p) {
        if (*p == '?') {
            buf_printf(&out, "$%d", ++n);
            p++;
        } else if (*p == '\'') {
            /* E'..' when the quote follows a lone E: backslash escapes. */
            int esc = p > sql && (p[-1] == 'E' || p[-1] == 'e') && (p - 1 == sql || !pg_ident_char(p[-2]));
            const char *q = p + 1;
            while (*q && *q != '\'') q += (esc && *q == '\\' && q[1]) ? 2 : 1;
            if (*q) q++;
            buf_addn(&out, p, (size_t)(q - p));
            p = q;
        } else if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            q = q ? q + 1 : p + strlen(p);
            buf_addn(&out, p, (size_t)(q - p));
            p = q;
        } else if (p[0] == '-' && p[1] == '-') {
            size_t len = strcspn(p, "\n");
            buf_addn(&out, p, len);
            p += len;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *q = p + 2;
            int depth = 1;
            while (*q && depth > 0) {
                if (q[0] == '/' && q[1] == '*') {
                    depth++;
                    q += 2;
                } else if (q[0] == '*' && q[1] == '/') {
                    depth--;
                    q += 2;
                } else {
                    q++;
                }
            }
            buf_addn(&out, p, (size_t)(q - p));
            p = q;
        } else if (*p == '$' && (p == sql || !pg_ident_char(p[-1])) && pg_dollar_tag(p)) {
            size_t tl = pg_dollar_tag(p);
            const char *q = p + tl;
            for (;;) {
                q = strchr(q, '$');
                if (!q) {
                    q = p + strlen(p);
                    break;
                }
                if (strncmp(q, p, tl) == 0) {
                    q += tl;
                    break;
                }
                q++;
            }
            buf_addn(&out, p, (size_t)(q - p));
            p = q;
        } else {
            buf_addc(&out, *p);
            p++;
        }
    }
    *count = n;
    buf_addn(&out, "", 0);
    return buf_detach(&out);
}

/* ---- errors --------------------------------------------------------------- */

/* libpq's messages end in a newline and may span lines; a log line wants one. */
static void pg_set_msg(db *d, const char *prefix, const char *msg)
{
    size_t i;
    db_set_err(d, "postgresql: %s%s", prefix, msg && *msg ? msg : "unknown error");
    for (i = 0; i < d->err.len; i++)
        if (d->err.s[i] == '\n' || d->err.s[i] == '\t') d->err.s[i] = ' ';
    while (d->err.len && d->err.s[d->err.len - 1] == ' ') d->err.s[--d->err.len] = '\0';
}

/* Maps a failed command to our codes and records its message. Only the
 * primary message is kept: PostgreSQL's DETAIL lines quote the offending
 * values ("Key (email)=(...) already exists"), which are personal data and
 * must not reach the logs. */
static int pg_fail(pg_db *p, const PGresult *r)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    int rc = DB_ERROR;
    if (!msg || !*msg) msg = PQerrorMessage(p->c);
    if (PQstatus(p->c) == CONNECTION_BAD)
        rc = DB_EUNAVAILABLE;
    else if (state && strncmp(state, "08", 2) == 0)
        rc = DB_EUNAVAILABLE;
    else if (state && (!strcmp(state, "57P01") || !strcmp(state, "57P02") || !strcmp(state, "57P03")))
        rc = DB_EUNAVAILABLE;
    else if (state && strncmp(state, "23", 2) == 0)
        rc = DB_ECONSTRAINT;
    pg_set_msg(&p->base, "", msg);
    if (state) buf_printf(&p->base.err, " (SQLSTATE %s)", state);
    return rc;
}

/* After every command: remember whether the server has a transaction open
 * for us. Unknown once the connection is bad, so the last answer stands. */
static void pg_track(pg_db *p)
{
    switch (PQtransactionStatus(p->c)) {
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR: p->txn_open = 1; break;
    case PQTRANS_IDLE: p->txn_open = 0; break;
    default: break;
    }
}

/* ---- connection ----------------------------------------------------------- */

static void pg_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Per-session settings, run after every connect and reset. Warnings and
 * notices are dropped by pg_quiet: libpq would print them on stderr. No
 * JIT compilation: it pays only on long analytical queries, and cost
 * estimates over a national SEN2 load (640,000 requests) triggered it on
 * the KPI query, where compiling took 0.3-0.4 s of about 3 s. */
static int pg_session(pg_db *p)
{
    PGresult *r = PQexec(p->c, "SET client_min_messages = warning; SET jit = off");
    int rc = DB_OK;
    if (PQresultStatus(r) != PGRES_COMMAND_OK) rc = pg_fail(p, r);
    PQclear(r);
    return rc;
}

/* Forgets the statements prepared on the server (a new session has none). */
static void pg_forget_prepared(pg_db *p)
{
    int i;
    for (i = 0; i < PG_PREPARED; i++) {
        free(p->prepared[i].sql);
        p->prepared[i].sql = NULL;
    }
}

/* Brings a bad connection back. Returns DB_OK or DB_EUNAVAILABLE. */
static int pg_reconnect(pg_db *p)
{
    pg_forget_prepared(p);
    PQreset(p->c);
    p->txn_open = 0;
    if (PQstatus(p->c) != CONNECTION_OK) {
        pg_set_msg(&p->base, "reconnect failed: ", PQerrorMessage(p->c));
        return DB_EUNAVAILABLE;
    }
    return pg_session(p);
}

/* Before a command: a lost connection is re-established when that is safe
 * (see the top of the file). */
static int pg_ready(pg_db *p)
{
    if (p->streaming) {
        db_set_err(&p->base, "postgresql: a streamed result is still being read on this connection");
        return DB_EARG;
    }
    if (PQstatus(p->c) == CONNECTION_OK) return DB_OK;
    if (p->txn_open) {
        db_set_err(&p->base, "postgresql: connection lost inside a transaction; roll back and retry");
        return DB_EUNAVAILABLE;
    }
    return pg_reconnect(p);
}

/* Replaces every occurrence of each non-empty secret in msg with "***". */
static char *pg_redact(const char *msg, char *const *secrets, int n)
{
    char *s = xstrdup(msg);
    int i;
    for (i = 0; i < n; i++) {
        size_t sl = secrets[i] ? strlen(secrets[i]) : 0;
        buf out = BUF_INIT;
        const char *p = s, *hit;
        if (!sl) continue;
        while ((hit = strstr(p, secrets[i]))) {
            buf_addn(&out, p, (size_t)(hit - p));
            buf_add(&out, "***");
            p = hit + sl;
        }
        buf_add(&out, p);
        free(s);
        s = buf_detach(&out);
    }
    return s;
}

/* The password as written in the URL: "scheme://user:PASS@host" and
 * "?password=PASS". Owned by the caller; NULL when absent. */
static char *pg_url_password(const char *url, int query)
{
    const char *a = strstr(url, "://"), *end, *at, *colon;
    if (!a) return NULL;
    a += 3;
    if (query) {
        const char *q = strchr(a, '?'), *k;
        if (!q) return NULL;
        for (k = q + 1; k && *k; k = strchr(k, '&') ? strchr(k, '&') + 1 : NULL)
            if (strncmp(k, "password=", 9) == 0) return xstrndup(k + 9, strcspn(k + 9, "&#"));
        return NULL;
    }
    end = a + strcspn(a, "/?#");
    at = NULL;
    for (const char *x = a; x < end; x++)
        if (*x == '@') at = x;
    if (!at) return NULL;
    colon = memchr(a, ':', (size_t)(at - a));
    return colon ? xstrndup(colon + 1, (size_t)(at - colon - 1)) : NULL;
}

/* Writes msg to err with every form of the URL's password blanked: libpq
 * quotes bits of a malformed URL back in its messages. */
static void pg_open_err(char *err, size_t errlen, const char *url, const PQconninfoOption *opts,
                        const char *prefix, const char *msg)
{
    char *secrets[3] = {pg_url_password(url, 0), pg_url_password(url, 1), NULL};
    char *clean, *nl;
    const PQconninfoOption *o;
    for (o = opts; o && o->keyword; o++)
        if (!strcmp(o->keyword, "password") && o->val) secrets[2] = xstrdup(o->val);
    clean = pg_redact(msg ? msg : "unknown error", secrets, 3);
    while ((nl = strpbrk(clean, "\n\t"))) *nl = ' ';
    while (*clean && clean[strlen(clean) - 1] == ' ') clean[strlen(clean) - 1] = '\0';
    if (err && errlen) snprintf(err, errlen, "postgresql: %s%s", prefix, clean);
    free(clean);
    free(secrets[0]);
    free(secrets[1]);
    free(secrets[2]);
}

int db_pg_open(const char *url, db **out, char *err, size_t errlen)
{
    /* connect_timeout comes first so that one given in the URL (expanded
     * from dbname, later in the list) wins over our default. */
    const char *keys[] = {"connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *vals[] = {"5", "sendhub", url, NULL};
    PQconninfoOption *opts = NULL;
    char *perr = NULL;
    pg_db *p = NULL;
    int rc;

    opts = PQconninfoParse(url, &perr);
    if (!opts) {
        pg_open_err(err, errlen, url, NULL, "bad URL: ", perr);
        rc = DB_EARG;
        goto done;
    }
    p = xcalloc(1, sizeof *p);
    p->base.ops = &pg_ops;
    p->base.kind = DB_PG;
    buf_init(&p->base.err);
    p->c = PQconnectdbParams(keys, vals, 1);
    if (!p->c) abort();          /* libpq's out-of-memory answer */
    if (PQstatus(p->c) != CONNECTION_OK) {
        pg_open_err(err, errlen, url, opts, "cannot connect: ", PQerrorMessage(p->c));
        rc = DB_EUNAVAILABLE;
        goto done;
    }
    PQsetNoticeProcessor(p->c, pg_quiet, NULL);
    rc = pg_session(p);
    if (rc != DB_OK) {
        pg_open_err(err, errlen, url, opts, "session setup: ", PQerrorMessage(p->c));
        goto done;
    }
    *out = &p->base;
    p = NULL;
done:
    if (p) {
        PQfinish(p->c);
        buf_free(&p->base.err);
        free(p);
    }
    PQconninfoFree(opts);
    PQfreemem(perr);
    return rc;
}

static void pg_close(db *d)
{
    pg_db *p = (pg_db *)d;
    pg_forget_prepared(p);
    PQfinish(p->c);
    free(p);
}

/* Runs sql with PQexec; tag gets the command tag when not NULL. */
static int pg_run(pg_db *p, const char *sql, char *tag, size_t taglen)
{
    PGresult *r;
    int rc = pg_ready(p);
    if (rc != DB_OK) return rc;
    r = PQexec(p->c, sql);
    switch (PQresultStatus(r)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
        if (tag) snprintf(tag, taglen, "%s", PQcmdStatus(r));
        rc = DB_OK;
        break;
    default: rc = pg_fail(p, r); break;
    }
    PQclear(r);
    pg_track(p);
    return rc;
}

static int pg_exec(db *d, const char *sql)
{
    return pg_run((pg_db *)d, sql, NULL, 0);
}

/* A ping asks for a fresh connection when the old one is bad, whatever the
 * transaction state; a socket that died quietly is only found out by the
 * SELECT failing, so that gets one more try after a reset. */
static int pg_ping(db *d)
{
    pg_db *p = (pg_db *)d;
    int rc = DB_OK;
    if (PQstatus(p->c) != CONNECTION_OK) rc = pg_reconnect(p);
    if (rc == DB_OK) rc = pg_run(p, "SELECT 1", NULL, 0);
    if (rc == DB_EUNAVAILABLE && PQstatus(p->c) != CONNECTION_OK) {
        rc = pg_reconnect(p);
        if (rc == DB_OK) rc = pg_run(p, "SELECT 1", NULL, 0);
    }
    return rc;
}

static int pg_prepare(db *d, const char *sql, db_stmt **out)
{
    pg_stmt *st = xcalloc(1, sizeof *st);
    st->base.d = d;
    st->sql = pg_rewrite(sql, &st->nparams);
    st->vals = xcalloc((size_t)(st->nparams ? st->nparams : 1), sizeof *st->vals);
    st->row = -1;
    *out = &st->base;
    return DB_OK;
}

static int pg_bind_set(db_stmt *st, int idx, char *v)
{
    pg_stmt *q = (pg_stmt *)st;
    if (idx < 1 || idx > q->nparams) {
        db_set_err(st->d, "postgresql: bind: parameter %d out of range (statement has %d)", idx, q->nparams);
        free(v);
        return DB_EARG;
    }
    free(q->vals[idx - 1]);
    q->vals[idx - 1] = v;
    return DB_OK;
}

static int pg_bind_text(db_stmt *st, int idx, const char *v)
{
    return pg_bind_set(st, idx, xstrdup(v));
}

static int pg_bind_int64(db_stmt *st, int idx, int64_t v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%" PRId64, v);
    return pg_bind_set(st, idx, xstrdup(tmp));
}

/* %.17g round-trips every double; the special values take PostgreSQL's
 * spelling. */
static int pg_bind_double(db_stmt *st, int idx, double v)
{
    char tmp[40];
    if (isnan(v))
        snprintf(tmp, sizeof tmp, "NaN");
    else if (isinf(v))
        snprintf(tmp, sizeof tmp, "%sInfinity", v < 0 ? "-" : "");
    else
        snprintf(tmp, sizeof tmp, "%.17g", v);
    return pg_bind_set(st, idx, xstrdup(tmp));
}

/* Rows changed: only for data-changing commands (the tag of a SELECT also
 * carries a count, of rows returned). */
static int64_t pg_tag_changes(const PGresult *r)
{
    const char *tag = PQcmdStatus((PGresult *)r);
    if (strncmp(tag, "INSERT", 6) && strncmp(tag, "UPDATE", 6) && strncmp(tag, "DELETE", 6) &&
        strncmp(tag, "MERGE", 5))
        return 0;
    return strtoll(PQcmdTuples((PGresult *)r), NULL, 10);
}

/* The name of sql prepared on the server: found, or prepared now (the least
 * recently used one making room). NULL when it cannot be prepared (an
 * aborted transaction, a SQL error): the caller then sends it unnamed, and
 * the server's answer says what is wrong. Prepared statements belong to the
 * session, whatever happens to transactions. */
static const char *pg_statement(pg_db *p, const pg_stmt *q, char name[24])
{
    unsigned long h = 5381;
    const char *c;
    struct pg_cached *slot = NULL;
    PGresult *r;
    int i, ok;
    for (c = q->sql; *c; c++) h = h * 33 + (unsigned char)*c;
    for (i = 0; i < PG_PREPARED; i++) {
        struct pg_cached *e = &p->prepared[i];
        if (e->sql && e->hash == h && !strcmp(e->sql, q->sql)) {
            e->used = ++p->tick;
            snprintf(name, 24, "sh_%u", e->name);
            return name;
        }
        if (!slot || !e->sql || (slot->sql && e->used < slot->used)) slot = e;
    }
    if (slot->sql) {
        char sql[40];
        snprintf(sql, sizeof sql, "DEALLOCATE sh_%u", slot->name);
        r = PQexec(p->c, sql);
        ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (!ok) return NULL;
        free(slot->sql);
        slot->sql = NULL;
    }
    snprintf(name, 24, "sh_%u", ++p->next_name);
    r = PQprepare(p->c, name, q->sql, q->nparams, NULL);
    ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) return NULL;
    slot->sql = xstrdup(q->sql);
    slot->hash = h;
    slot->name = p->next_name;
    slot->used = ++p->tick;
    return name;
}

/* Sends q: on the server's prepared statement when it can be had, unnamed
 * otherwise. Whole: waits for and returns the whole result. Streamed: NULL,
 * after the query went out (failures show in the first PQgetResult). */
static PGresult *pg_send(pg_db *p, pg_stmt *q, int whole)
{
    char name[24];
    const char *const *vals = (const char *const *)q->vals;
    int named = pg_statement(p, q, name) != NULL;
    if (whole)
        return named ? PQexecPrepared(p->c, name, q->nparams, vals, NULL, NULL, 0)
                     : PQexecParams(p->c, q->sql, q->nparams, NULL, vals, NULL, NULL, 0);
    if (named ? PQsendQueryPrepared(p->c, name, q->nparams, vals, NULL, NULL, 0)
              : PQsendQueryParams(p->c, q->sql, q->nparams, NULL, vals, NULL, NULL, 0))
        PQsetSingleRowMode(p->c);
    return NULL;
}

/* A result's status, as a step's answer: DB_OK when it is rows or a
 * command done (kept in q), else the error (cleared). */
static int pg_take(pg_db *p, pg_stmt *q, PGresult *r)
{
    switch (PQresultStatus(r)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_SINGLE_TUPLE:
    case PGRES_EMPTY_QUERY:
        PQclear(q->res);
        q->res = r;
        q->changes = pg_tag_changes(r);
        q->row = -1;
        return DB_OK;
    default: {
        int rc = pg_fail(p, r);
        PQclear(r);
        return rc;
    }
    }
}

/* Ends a streamed statement's query: reads (and drops) what is left of it. */
static void pg_stream_end(pg_db *p, pg_stmt *q)
{
    PGresult *r;
    if (q->mode != PG_STREAMING) return;
    while ((r = PQgetResult(p->c))) PQclear(r);
    q->mode = PG_STREAMED;
    p->streaming = NULL;
    pg_track(p);
}

/* The next row of a streamed statement: one result per row, then the
 * empty one that ends them. */
static int pg_step_stream(pg_db *p, pg_stmt *q)
{
    int rc = DB_OK;
    if (q->mode == PG_STREAM) {
        if ((rc = pg_ready(p)) != DB_OK) return rc;
        pg_send(p, q, 0);
        q->mode = PG_STREAMING;
        p->streaming = &q->base;
    }
    if (q->mode == PG_STREAMING) {
        PGresult *r = PQgetResult(p->c);
        rc = r ? pg_take(p, q, r) : pg_fail(p, NULL);
        if (rc == DB_OK && PQresultStatus(q->res) == PGRES_SINGLE_TUPLE) {
            q->row = 0;
            return DB_ROW;
        }
        pg_stream_end(p, q);
    }
    return rc == DB_OK ? DB_DONE : rc;
}

static int pg_step(db_stmt *st)
{
    pg_stmt *q = (pg_stmt *)st;
    pg_db *p = (pg_db *)st->d;
    int rc;
    if (q->mode != PG_WHOLE) return pg_step_stream(p, q);
    if (!q->res) {
        rc = pg_ready(p);
        if (rc != DB_OK) return rc;
        rc = pg_take(p, q, pg_send(p, q, 1));
        pg_track(p);
        if (rc != DB_OK) return rc;
    }
    if (q->row < PQntuples(q->res)) q->row++;
    return q->row < PQntuples(q->res) ? DB_ROW : DB_DONE;
}

static int pg_stream(db_stmt *st)
{
    pg_stmt *q = (pg_stmt *)st;
    if (q->res || q->mode != PG_WHOLE) {
        db_set_err(st->d, "postgresql: db_stream comes before the first step");
        return DB_EARG;
    }
    q->mode = PG_STREAM;
    return DB_OK;
}

static int pg_column_count(db_stmt *st)
{
    pg_stmt *q = (pg_stmt *)st;
    return q->res ? PQnfields(q->res) : 0;
}

static const char *pg_column_name(db_stmt *st, int col)
{
    pg_stmt *q = (pg_stmt *)st;
    if (!q->res || col < 0 || col >= PQnfields(q->res)) return NULL;
    return PQfname(q->res, col);
}

/* The current row's value, NULL for SQL NULL or no such cell. */
static const char *pg_cell(pg_stmt *q, int col)
{
    if (!q->res || q->row < 0 || q->row >= PQntuples(q->res) || col < 0 || col >= PQnfields(q->res))
        return NULL;
    if (PQgetisnull(q->res, q->row, col)) return NULL;
    return PQgetvalue(q->res, q->row, col);
}

static const char *pg_col_text(db_stmt *st, int col)
{
    return pg_cell((pg_stmt *)st, col);
}

/* Booleans come as "t"/"f" (from EXISTS, comparisons); everything else
 * numeric parses as text would in SQLite, leading digits only. */
static int64_t pg_col_int64(db_stmt *st, int col)
{
    const char *v = pg_cell((pg_stmt *)st, col);
    if (!v) return 0;
    if (!strcmp(v, "t")) return 1;
    return strtoll(v, NULL, 10);
}

static double pg_col_double(db_stmt *st, int col)
{
    const char *v = pg_cell((pg_stmt *)st, col);
    return v ? strtod(v, NULL) : 0;
}

static int pg_col_is_null(db_stmt *st, int col)
{
    return pg_cell((pg_stmt *)st, col) == NULL;
}

static int pg_reset(db_stmt *st)
{
    pg_stmt *q = (pg_stmt *)st;
    int i;
    pg_stream_end((pg_db *)st->d, q);
    if (q->mode != PG_WHOLE) q->mode = PG_STREAM;
    PQclear(q->res);
    q->res = NULL;
    q->row = -1;
    q->changes = 0;
    for (i = 0; i < q->nparams; i++) {
        free(q->vals[i]);
        q->vals[i] = NULL;
    }
    return DB_OK;
}

static void pg_finalize(db_stmt *st)
{
    pg_stmt *q = (pg_stmt *)st;
    pg_reset(st);
    free(q->vals);
    free(q->sql);
    free(q);
}

static int64_t pg_changes(db_stmt *st)
{
    return ((pg_stmt *)st)->changes;
}

static int pg_begin(db *d)
{
    return pg_run((pg_db *)d, "BEGIN", NULL, 0);
}

/* COMMIT of a transaction that already failed "succeeds" with the tag
 * ROLLBACK; the caller must hear that nothing was saved. */
static int pg_commit(db *d)
{
    char tag[32] = "";
    int rc = pg_run((pg_db *)d, "COMMIT", tag, sizeof tag);
    if (rc == DB_OK && strcmp(tag, "COMMIT") != 0) {
        db_set_err(d, "postgresql: transaction had failed and was rolled back");
        rc = DB_ERROR;
    }
    return rc;
}

/* When the connection is gone so is the transaction: the server rolls back
 * a session that ends. Nothing is left to undo. */
static int pg_rollback(db *d)
{
    pg_db *p = (pg_db *)d;
    if (PQstatus(p->c) != CONNECTION_OK) {
        p->txn_open = 0;
        return DB_OK;
    }
    return pg_run(p, "ROLLBACK", NULL, 0);
}

/* ---- notifications --------------------------------------------------------- */

static int pg_listen(db *d, const char *channel)
{
    pg_db *p = (pg_db *)d;
    char *q = PQescapeIdentifier(p->c, channel, strlen(channel));
    buf sql = BUF_INIT;
    int rc;
    if (!q) {
        pg_set_msg(d, "listen: ", PQerrorMessage(p->c));
        return DB_ERROR;
    }
    buf_printf(&sql, "LISTEN %s", q);
    PQfreemem(q);
    rc = pg_run(p, buf_str(&sql), NULL, 0);
    buf_free(&sql);
    return rc;
}

/* Drains what libpq has read; 1 when it held notifications. */
static int pg_drain(pg_db *p)
{
    PGnotify *n;
    int got = 0;
    while ((n = PQnotifies(p->c))) {
        got = 1;
        PQfreemem(n);
    }
    return got;
}

static int pg_wait_notify(db *d, int timeout_ms)
{
    pg_db *p = (pg_db *)d;
    struct pollfd pfd;
    int rc;
    if (PQstatus(p->c) != CONNECTION_OK) {
        pg_set_msg(d, "connection lost: ", PQerrorMessage(p->c));
        return DB_EUNAVAILABLE;
    }
    if (pg_drain(p)) return 1;
    pfd.fd = PQsocket(p->c);
    pfd.events = POLLIN;
    pfd.revents = 0;
    rc = poll(&pfd, 1, timeout_ms);
    if (rc < 0) return errno == EINTR ? 0 : DB_ERROR;
    if (rc == 0) return 0;
    if (!PQconsumeInput(p->c)) {
        pg_set_msg(d, "connection lost: ", PQerrorMessage(p->c));
        return DB_EUNAVAILABLE;
    }
    return pg_drain(p);
}

static const struct db_ops pg_ops = {
    .close = pg_close,
    .ping = pg_ping,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .bind_text = pg_bind_text,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .step = pg_step,
    .column_count = pg_column_count,
    .column_name = pg_column_name,
    .col_text = pg_col_text,
    .col_int64 = pg_col_int64,
    .col_double = pg_col_double,
    .col_is_null = pg_col_is_null,
    .reset = pg_reset,
    .finalize = pg_finalize,
    .changes = pg_changes,
    .stream = pg_stream,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .listen = pg_listen,
    .wait_notify = pg_wait_notify,
};
