/* db: URL dispatch, the vtable calls, and the query helpers. The engines
 * live in db_sqlite.c and db_pg.c; see db_internal.h for how they plug in. */
#include "db_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void db_set_err(db *d, const char *fmt, ...)
{
    va_list ap;
    buf_reset(&d->err);
    va_start(ap, fmt);
    buf_vprintf(&d->err, fmt, ap);
    va_end(ap);
}

void db_clear_err(db *d)
{
    buf_reset(&d->err);
}

/* Writes a message to the caller's err buffer when there is one. */
static void open_err(char *err, size_t errlen, const char *msg)
{
    if (err && errlen) snprintf(err, errlen, "%s", msg);
}

/* A URL scheme is letters, digits, '+', '-', '.' after a first letter, then
 * ':'. Anything that looks like one but is not ours is refused rather than
 * taken as a file name: "mysql://x" must not create a file called that. */
static int has_scheme(const char *url)
{
    const char *p = url;
    if (!isalpha((unsigned char)*p)) return 0;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.') p++;
    return *p == ':';
}

int db_open(const char *url, db **out, char *err, size_t errlen)
{
    int rc = DB_EARG;
    if (out) *out = NULL;
    if (err && errlen) err[0] = '\0';
    if (!out) goto done;
    if (!url || !*url) {
        open_err(err, errlen, "db: empty database URL");
        goto done;
    }
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        rc = db_pg_open(url, out, err, errlen);
    } else if (strncmp(url, "sqlite:", 7) == 0) {
        const char *path = url + 7;
        /* "sqlite:///abs/path" and "sqlite://rel" are accepted too. */
        if (strncmp(path, "//", 2) == 0) path += 2;
        if (!*path) {
            open_err(err, errlen, "db: sqlite URL without a file path");
            goto done;
        }
        rc = db_sqlite_open(path, out, err, errlen);
    } else if (has_scheme(url)) {
        char msg[160];
        size_t n = strcspn(url, ":");
        snprintf(msg, sizeof msg, "db: unknown database URL scheme \"%.*s\" (use sqlite:PATH or postgresql://...)",
                 (int)(n > 32 ? 32 : n), url);
        open_err(err, errlen, msg);
    } else {
        rc = db_sqlite_open(url, out, err, errlen);
    }
done:
    return rc;
}

/* Runs and forgets the transaction's end hooks. */
static void run_after(db *d, int committed)
{
    int i, n = d->nafter;
    d->txn = 0;
    d->nafter = 0;
    for (i = 0; i < n; i++) d->after[i].fn(d->after[i].ctx, committed);
}

void db_close(db *d)
{
    if (!d) return;
    if (d->txn) run_after(d, 0);
    buf_free(&d->err);
    d->ops->close(d);
}

enum db_kind db_kind(const db *d)
{
    return d->kind;
}

const char *db_errmsg(const db *d)
{
    return d ? buf_str(&d->err) : "db: no connection";
}

int db_ping(db *d)
{
    return d->ops->ping(d);
}

int db_exec(db *d, const char *sql)
{
    if (!sql) {
        db_set_err(d, "db_exec: NULL sql");
        return DB_EARG;
    }
    return d->ops->exec(d, sql);
}

int db_prepare(db *d, const char *sql, db_stmt **out)
{
    *out = NULL;
    if (!sql) {
        db_set_err(d, "db_prepare: NULL sql");
        return DB_EARG;
    }
    return d->ops->prepare(d, sql, out);
}

int db_bind_text(db_stmt *st, int idx, const char *v)
{
    return st->d->ops->bind_text(st, idx, v);
}

int db_bind_text_static(db_stmt *st, int idx, const char *v)
{
    return db_bind_text_static_len(st, idx, v, -1);
}

int db_bind_text_static_len(db_stmt *st, int idx, const char *v, int len)
{
    if (st->d->ops->bind_text_static) return st->d->ops->bind_text_static(st, idx, v, len);
    return st->d->ops->bind_text(st, idx, v);
}

int db_bind_int64(db_stmt *st, int idx, int64_t v)
{
    return st->d->ops->bind_int64(st, idx, v);
}

int db_bind_double(db_stmt *st, int idx, double v)
{
    return st->d->ops->bind_double(st, idx, v);
}

int db_bind_null(db_stmt *st, int idx)
{
    return st->d->ops->bind_text(st, idx, NULL);
}

int db_step(db_stmt *st)
{
    return st->d->ops->step(st);
}

int db_column_count(db_stmt *st)
{
    return st->d->ops->column_count(st);
}

const char *db_column_name(db_stmt *st, int col)
{
    return st->d->ops->column_name(st, col);
}

const char *db_col_text(db_stmt *st, int col)
{
    return st->d->ops->col_text(st, col);
}

int64_t db_col_int64(db_stmt *st, int col)
{
    return st->d->ops->col_int64(st, col);
}

double db_col_double(db_stmt *st, int col)
{
    return st->d->ops->col_double(st, col);
}

int db_col_is_null(db_stmt *st, int col)
{
    return st->d->ops->col_is_null(st, col);
}

int db_reset(db_stmt *st)
{
    return st->d->ops->reset(st);
}

void db_finalize(db_stmt *st)
{
    if (st) st->d->ops->finalize(st);
}

int64_t db_changes(db_stmt *st)
{
    return st->d->ops->changes(st);
}

int db_begin(db *d)
{
    int rc;
    /* A transaction whose failed commit nobody rolled back is over. */
    if (d->txn) run_after(d, 0);
    rc = d->ops->begin(d);
    if (rc == DB_OK) {
        d->txn = 1;
        d->nafter = 0;
    }
    return rc;
}

int db_commit(db *d)
{
    int rc = d->ops->commit(d);
    /* A failed commit is followed by db_rollback, which ends it. */
    if (rc == DB_OK) run_after(d, 1);
    return rc;
}

int db_rollback(db *d)
{
    int rc = d->ops->rollback(d);
    run_after(d, 0);
    return rc;
}

int db_in_txn(const db *d)
{
    return d->txn;
}

int db_after_txn(db *d, void (*fn)(void *ctx, int committed), void *ctx)
{
    if (!d->txn || d->nafter == DB_MAX_AFTER) return DB_EARG;
    d->after[d->nafter].fn = fn;
    d->after[d->nafter++].ctx = ctx;
    return DB_OK;
}

int db_stream(db_stmt *st)
{
    return st->d->ops->stream ? st->d->ops->stream(st) : DB_OK;
}

int db_bulk(db *d, int on)
{
    return d->ops->bulk ? d->ops->bulk(d, on) : 0;
}

int db_listen(db *d, const char *channel)
{
    if (!d->ops->listen) {
        db_set_err(d, "notifications need PostgreSQL");
        return DB_EARG;
    }
    return d->ops->listen(d, channel);
}

int db_wait_notify(db *d, int timeout_ms)
{
    if (!d->ops->wait_notify) {
        db_set_err(d, "notifications need PostgreSQL");
        return DB_EARG;
    }
    return d->ops->wait_notify(d, timeout_ms);
}

/* The two helpers share this: prepare, bind n text parameters from ap,
 * step once. On DB_ROW the statement is left in *out for the caller to read
 * and finalize; otherwise it is finalized here. */
static int query_first(db *d, db_stmt **out, const char *sql, int n, va_list ap)
{
    db_stmt *st = NULL;
    int rc, i;
    *out = NULL;
    rc = db_prepare(d, sql, &st);
    if (rc != DB_OK) goto done;
    for (i = 1; i <= n; i++) {
        rc = db_bind_text(st, i, va_arg(ap, const char *));
        if (rc != DB_OK) goto done;
    }
    rc = db_step(st);
    if (rc == DB_ROW) {
        *out = st;
        st = NULL;
    }
done:
    db_finalize(st);
    return rc;
}

int db_query_text(db *d, char **out, const char *sql, int n, ...)
{
    db_stmt *st = NULL;
    va_list ap;
    int rc;
    if (out) *out = NULL;
    va_start(ap, n);
    rc = query_first(d, &st, sql, n, ap);
    va_end(ap);
    if (rc == DB_ROW && out) *out = xstrdup(db_col_text(st, 0));
    db_finalize(st);
    return rc;
}

int db_query_int64(db *d, int64_t *out, const char *sql, int n, ...)
{
    db_stmt *st = NULL;
    va_list ap;
    int rc;
    va_start(ap, n);
    rc = query_first(d, &st, sql, n, ap);
    va_end(ap);
    if (rc == DB_ROW && out) *out = db_col_int64(st, 0);
    db_finalize(st);
    return rc;
}
