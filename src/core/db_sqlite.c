/* db_sqlite: the embedded backend. One sqlite3 handle per connection, opened
 * NOMUTEX because a connection belongs to one thread at a time (db.h); other
 * connections and processes are kept apart by SQLite's file locks, with WAL
 * so readers never wait for the writer. */
#include "db_internal.h"

#include <sqlite3.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A compiled statement the connection keeps for the next db_prepare of the
 * same SQL (db_finalize resets it instead of freeing it). */
struct sq_cached {
    char *sql;               /* NULL for a free slot */
    unsigned long hash;
    sqlite3_stmt *h;
    int in_use;              /* handed out and not yet finalized */
    uint64_t used;
};

#define SQ_PREPARED 64       /* per connection, least recently used out */
#define SQ_BUSY_MS 5000      /* how long a statement waits for another writer */

typedef struct {
    struct db base;
    sqlite3 *h;
    struct sq_cached prepared[SQ_PREPARED];
    uint64_t tick;
} sq_db;

typedef struct {
    struct db_stmt base;
    sqlite3_stmt *h;
    struct sq_cached *slot;  /* the connection's, or NULL: owned */
    int64_t changes;
    int writes;              /* not sqlite3_stmt_readonly(): INSERT/UPDATE/DELETE... */
} sq_stmt;

static const struct db_ops sq_ops;

/* SQLite's result code -> ours. The primary code is the low byte of an
 * extended code. BUSY/LOCKED only come back after the busy timeout ran out,
 * so by then "unavailable" is the honest answer; CANTOPEN means the file or
 * its directory went away or is unreadable. */
static int sq_map(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK: return DB_OK;
    case SQLITE_ROW: return DB_ROW;
    case SQLITE_DONE: return DB_DONE;
    case SQLITE_CONSTRAINT: return DB_ECONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN: return DB_EUNAVAILABLE;
    case SQLITE_RANGE:
    case SQLITE_MISUSE: return DB_EARG;
    default: return DB_ERROR;
    }
}

/* Records sqlite's message for rc on the connection and returns our code. */
static int sq_fail(sq_db *s, int rc, const char *what)
{
    db_set_err(&s->base, "sqlite: %s: %s", what, sqlite3_errmsg(s->h));
    return sq_map(rc);
}

/* Once per process, before the first connection: SQLite's memory
 * statistics (unused here) take a global mutex on every allocation, which
 * the worker threads would otherwise queue on. */
static void sq_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
}

int db_sqlite_open(const char *path, db **out, char *err, size_t errlen)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    static const char setup[] =
        /* 16 KiB pages for a new file (no effect on an existing one):
         * fewer, shallower b-tree pages and a quarter of the page writes
         * of the 4 KiB default; a national SEN2 import measured 20%
         * faster. Set before the WAL, which fixes the page size. */
        "PRAGMA page_size=16384;"
        "PRAGMA journal_mode=WAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA synchronous=NORMAL;";
    sq_db *s = xcalloc(1, sizeof *s);
    char *emsg = NULL;
    int rc;

    pthread_once(&once, sq_configure);
    s->base.ops = &sq_ops;
    s->base.kind = DB_SQLITE;
    buf_init(&s->base.err);
    rc = sqlite3_open_v2(path, &s->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                         NULL);
    if (rc != SQLITE_OK) {
        if (err && errlen)
            snprintf(err, errlen, "sqlite: cannot open %s: %s", path, s->h ? sqlite3_errmsg(s->h) : sqlite3_errstr(rc));
        rc = sq_map(rc);
        if (rc >= DB_OK) rc = DB_ERROR;
        goto fail;
    }
    sqlite3_extended_result_codes(s->h, 1);
    sqlite3_busy_timeout(s->h, SQ_BUSY_MS);
    /* Full-text search (directory) and the spatial index need these two
     * modules; Debian's libsqlite3 has both. Failing here is kinder than a
     * migration failing later with "no such module". */
    if (!sqlite3_compileoption_used("ENABLE_FTS5") || !sqlite3_compileoption_used("ENABLE_RTREE")) {
        if (err && errlen) snprintf(err, errlen, "sqlite: this libsqlite3 lacks FTS5 or R*Tree");
        rc = DB_ERROR;
        goto fail;
    }
    rc = sqlite3_exec(s->h, setup, NULL, NULL, &emsg);
    if (rc != SQLITE_OK) {
        if (err && errlen) snprintf(err, errlen, "sqlite: %s: %s", path, emsg ? emsg : sqlite3_errstr(rc));
        rc = sq_map(rc);
        if (rc >= DB_OK) rc = DB_ERROR;
        goto fail;
    }
    *out = &s->base;
    s = NULL;
    rc = DB_OK;
fail:
    sqlite3_free(emsg);
    if (s) {
        sqlite3_close(s->h);
        buf_free(&s->base.err);
        free(s);
    }
    return rc;
}

static void sq_close(db *d)
{
    sq_db *s = (sq_db *)d;
    int i;
    for (i = 0; i < SQ_PREPARED; i++) {
        sqlite3_finalize(s->prepared[i].h);
        free(s->prepared[i].sql);
    }
    /* close_v2 so a forgotten statement cannot keep the handle (and its
     * locks) alive in a zombie state forever without us noticing in tests. */
    sqlite3_close_v2(s->h);
    free(s);
}

static int sq_exec(db *d, const char *sql)
{
    sq_db *s = (sq_db *)d;
    char *emsg = NULL;
    int rc = sqlite3_exec(s->h, sql, NULL, NULL, &emsg);
    if (rc != SQLITE_OK) {
        db_set_err(d, "sqlite: %s", emsg ? emsg : sqlite3_errmsg(s->h));
        rc = sq_map(rc);
    }
    sqlite3_free(emsg);
    return rc;
}

static int sq_ping(db *d)
{
    return sq_exec(d, "SELECT 1");
}

/* 1 when only whitespace, ';' and comments are left after a statement. */
static int sq_tail_empty(const char *p)
{
    while (*p) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ';') {
            p++;
        } else if (p[0] == '-' && p[1] == '-') {
            p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
        } else {
            return 0;
        }
    }
    return 1;
}

/* sqlite3_prepare compiles the first statement and ignores the rest, where
 * PostgreSQL refuses the lot; refusing here too keeps a second statement
 * from being dropped silently on one backend only. */
/* Compiling costs more than running most statements: the same SQL
 * prepared again (and not in use) gets the connection's compiled copy. */
static int sq_prepare(db *d, const char *sql, db_stmt **out)
{
    sq_db *s = (sq_db *)d;
    sqlite3_stmt *h = NULL;
    const char *tail = NULL, *c;
    struct sq_cached *slot = NULL, *free_slot = NULL;
    unsigned long hash = 5381;
    sq_stmt *st;
    int i, rc;
    for (c = sql; *c; c++) hash = hash * 33 + (unsigned char)*c;
    for (i = 0; i < SQ_PREPARED && !slot; i++) {
        struct sq_cached *e = &s->prepared[i];
        if (e->in_use) continue;
        if (e->sql && e->hash == hash && !strcmp(e->sql, sql)) slot = e;
        else if (!free_slot || !e->sql || (free_slot->sql && e->used < free_slot->used)) free_slot = e;
    }
    if (slot) {
        h = slot->h;
    } else {
        rc = sqlite3_prepare_v3(s->h, sql, -1, free_slot ? SQLITE_PREPARE_PERSISTENT : 0, &h, &tail);
        if (rc != SQLITE_OK) return sq_fail(s, rc, "prepare");
        if (!h || (tail && !sq_tail_empty(tail))) {
            db_set_err(d, "sqlite: prepare: %s", h ? "more than one statement (use db_exec)" : "empty statement");
            sqlite3_finalize(h);
            return DB_EARG;
        }
        if (free_slot) {
            slot = free_slot;
            sqlite3_finalize(slot->h);
            free(slot->sql);
            slot->sql = xstrdup(sql);
            slot->hash = hash;
            slot->h = h;
        }
    }
    if (slot) {
        slot->in_use = 1;
        slot->used = ++s->tick;
    }
    st = xcalloc(1, sizeof *st);
    st->base.d = d;
    st->h = h;
    st->slot = slot;
    st->writes = !sqlite3_stmt_readonly(h);
    *out = &st->base;
    return DB_OK;
}

static int sq_bind_rc(db_stmt *st, int rc)
{
    if (rc == SQLITE_OK) return DB_OK;
    return sq_fail((sq_db *)st->d, rc, "bind");
}

static int sq_bind_text(db_stmt *st, int idx, const char *v)
{
    sq_stmt *q = (sq_stmt *)st;
    int rc = v ? sqlite3_bind_text(q->h, idx, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(q->h, idx);
    return sq_bind_rc(st, rc);
}

static int sq_bind_text_static(db_stmt *st, int idx, const char *v, int len)
{
    sq_stmt *q = (sq_stmt *)st;
    int rc = v ? sqlite3_bind_text(q->h, idx, v, len, SQLITE_STATIC) : sqlite3_bind_null(q->h, idx);
    return sq_bind_rc(st, rc);
}

static int sq_bind_int64(db_stmt *st, int idx, int64_t v)
{
    return sq_bind_rc(st, sqlite3_bind_int64(((sq_stmt *)st)->h, idx, v));
}

static int sq_bind_double(db_stmt *st, int idx, double v)
{
    return sq_bind_rc(st, sqlite3_bind_double(((sq_stmt *)st)->h, idx, v));
}

/* db_changes: sqlite3_changes() is per connection and only set when a
 * statement finishes, so a caller that reads one row of
 * "INSERT ... RETURNING id" and stops would see a stale number. Each
 * RETURNING row is one changed row, so rows seen so far stand in until the
 * statement is done. Read-only statements report 0, as in PostgreSQL. */
static int sq_step(db_stmt *st)
{
    sq_stmt *q = (sq_stmt *)st;
    sq_db *s = (sq_db *)st->d;
    int rc = sqlite3_step(q->h);
    if (rc == SQLITE_ROW) {
        if (q->writes) q->changes++;
        return DB_ROW;
    }
    if (rc == SQLITE_DONE) {
        if (q->writes) q->changes = sqlite3_changes64(s->h);
        return DB_DONE;
    }
    return sq_fail(s, rc, "step");
}

static int sq_column_count(db_stmt *st)
{
    return sqlite3_column_count(((sq_stmt *)st)->h);
}

static const char *sq_column_name(db_stmt *st, int col)
{
    return sqlite3_column_name(((sq_stmt *)st)->h, col);
}

static const char *sq_col_text(db_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(((sq_stmt *)st)->h, col);
}

static int64_t sq_col_int64(db_stmt *st, int col)
{
    return sqlite3_column_int64(((sq_stmt *)st)->h, col);
}

static double sq_col_double(db_stmt *st, int col)
{
    return sqlite3_column_double(((sq_stmt *)st)->h, col);
}

static int sq_col_is_null(db_stmt *st, int col)
{
    return sqlite3_column_type(((sq_stmt *)st)->h, col) == SQLITE_NULL;
}

/* sqlite3_reset() repeats the last step's error, already reported, so its
 * return value is not ours to pass on. Bindings are cleared so a value from
 * the previous run never leaks into the next one. */
static int sq_reset(db_stmt *st)
{
    sq_stmt *q = (sq_stmt *)st;
    sqlite3_reset(q->h);
    sqlite3_clear_bindings(q->h);
    q->changes = 0;
    return DB_OK;
}

static void sq_finalize(db_stmt *st)
{
    sq_stmt *q = (sq_stmt *)st;
    if (q->slot) {
        sqlite3_reset(q->h);
        sqlite3_clear_bindings(q->h);
        q->slot->in_use = 0;
    } else {
        sqlite3_finalize(q->h);
    }
    free(q);
}

static int64_t sq_changes(db_stmt *st)
{
    return ((sq_stmt *)st)->changes;
}

static int sq_begin(db *d)
{
    return sq_exec(d, "BEGIN IMMEDIATE");
}

static int sq_commit(db *d)
{
    return sq_exec(d, "COMMIT");
}

/* Some errors (disk full, I/O, busy in a commit) make SQLite roll back by
 * itself; a second ROLLBACK would then fail with "no transaction is active"
 * and hide the first error, so there is nothing to do. */
static int sq_rollback(db *d)
{
    sq_db *s = (sq_db *)d;
    if (sqlite3_get_autocommit(s->h)) return DB_OK;
    return sq_exec(d, "ROLLBACK");
}

/* db_bulk. Leaving the WAL needs the file to ourselves: with another
 * connection open the switch fails at once (no busy wait) and the load
 * goes through the WAL as usual. */
static int sq_bulk(db *d, int on)
{
    sq_db *s = (sq_db *)d;
    int alone = 0;
    if (!on) {
        sqlite3_exec(s->h, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON", NULL, NULL, NULL);
        return 0;
    }
    sqlite3_exec(s->h, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    sqlite3_busy_timeout(s->h, 0);
    {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(s->h, "PRAGMA journal_mode = DELETE", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            alone = sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "delete") == 0;
        sqlite3_finalize(st);
    }
    sqlite3_busy_timeout(s->h, SQ_BUSY_MS);
    return alone;
}

static const struct db_ops sq_ops = {
    .close = sq_close,
    .ping = sq_ping,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .bind_text = sq_bind_text,
    .bind_text_static = sq_bind_text_static,
    .bind_int64 = sq_bind_int64,
    .bind_double = sq_bind_double,
    .step = sq_step,
    .column_count = sq_column_count,
    .column_name = sq_column_name,
    .col_text = sq_col_text,
    .col_int64 = sq_col_int64,
    .col_double = sq_col_double,
    .col_is_null = sq_col_is_null,
    .reset = sq_reset,
    .finalize = sq_finalize,
    .changes = sq_changes,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .bulk = sq_bulk,
};
