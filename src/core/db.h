/* db: the one storage interface. Two backends: SQLite (embedded default) and
 * PostgreSQL (libpq). Every module talks to storage only through this file.
 *
 * SQL is written once, in the subset both engines share, with '?' for
 * parameters (the PostgreSQL backend rewrites them to $1, $2 ... outside
 * string literals). Conventions that keep the subset small:
 *   - ids: TEXT UUIDs, or INTEGER ids from "INSERT ... RETURNING id";
 *   - times: TEXT in UTC ISO 8601 ("2026-11-23T10:00:00Z"), dates "YYYY-MM-DD";
 *   - booleans: INTEGER 0/1;
 *   - case-insensitive match: lower(col) = lower(?);
 *   - upsert: INSERT ... ON CONFLICT (col) DO UPDATE SET ...
 * Where the engines really differ (full-text search, spatial index) a module
 * asks db_kind() and uses the right SQL; migrations may have a per-backend
 * file (see migrate.h).
 *
 * Every function returns DB_OK (0) or a negative DB_E* code; db_errmsg()
 * says why. A connection belongs to one thread at a time. */
#ifndef SH_DB_H
#define SH_DB_H

#include <stdint.h>
#include <stddef.h>

typedef struct db db;
typedef struct db_stmt db_stmt;

enum db_kind { DB_SQLITE = 1, DB_PG = 2 };

enum {
    DB_OK = 0,
    DB_ROW = 1,          /* db_step: a row is ready */
    DB_DONE = 2,         /* db_step: no more rows */
    DB_ERROR = -1,       /* SQL or engine error (see db_errmsg) */
    DB_ECONSTRAINT = -2, /* unique / foreign key / check violated */
    DB_EUNAVAILABLE = -3,/* the database cannot be reached (connection lost, busy too long) */
    DB_EARG = -4         /* bad argument: unknown URL scheme, index out of range ... */
};

/* Opens "sqlite:PATH" (or a bare path), "postgresql://..." / "postgres://...".
 * On failure *out is NULL and, when err is not NULL, a message is written to
 * err (errlen bytes). SQLite: WAL, foreign_keys=ON, busy_timeout 5s. */
int db_open(const char *url, db **out, char *err, size_t errlen);
void db_close(db *d);
enum db_kind db_kind(const db *d);
const char *db_errmsg(const db *d);       /* last error on this connection */
/* 0 when the connection answers "SELECT 1"; tries to reconnect first when the
 * PostgreSQL connection was lost. */
int db_ping(db *d);

/* Runs one or more statements with no parameters and no result (DDL, PRAGMA). */
int db_exec(db *d, const char *sql);

int db_prepare(db *d, const char *sql, db_stmt **out);
/* Parameters are 1-based, as in SQLite. Values are copied. */
int db_bind_text(db_stmt *st, int idx, const char *v);   /* NULL binds NULL */
/* Like db_bind_text, but v is borrowed, not copied, where the backend
 * allows it (SQLite; PostgreSQL copies): v must stay alive and unchanged
 * until the statement is stepped and then reset, re-bound or finalized.
 * For bulk loads binding values that outlive the step. */
int db_bind_text_static(db_stmt *st, int idx, const char *v);
/* Like db_bind_text_static, with v's length in bytes known (v[len] is its
 * NUL): SQLite then need not measure it. For bulk loads. */
int db_bind_text_static_len(db_stmt *st, int idx, const char *v, int len);
int db_bind_int64(db_stmt *st, int idx, int64_t v);
int db_bind_double(db_stmt *st, int idx, double v);
int db_bind_null(db_stmt *st, int idx);
/* DB_ROW, DB_DONE, or a negative error. */
int db_step(db_stmt *st);
/* Before the first step: rows are to be read one at a time as they come,
 * for a result too large to hold (PostgreSQL otherwise fetches the whole
 * result at the first step; SQLite always steps, so nothing changes). The
 * caller also works on the rows while the server is still producing them.
 * Until the statement returns DB_DONE or an error, or is reset or
 * finalized, nothing else may run on its connection: another statement's
 * step fails with DB_EARG. For loops that run no other SQL. */
int db_stream(db_stmt *st);
int db_column_count(db_stmt *st);
const char *db_column_name(db_stmt *st, int col);
/* Columns are 0-based. Text is borrowed and valid until the next step or
 * finalize; NULL for SQL NULL. */
const char *db_col_text(db_stmt *st, int col);
int64_t db_col_int64(db_stmt *st, int col);     /* NULL -> 0 */
double db_col_double(db_stmt *st, int col);     /* NULL -> 0 */
int db_col_is_null(db_stmt *st, int col);
/* Ready to run again with new bindings: every parameter is NULL again. */
int db_reset(db_stmt *st);
void db_finalize(db_stmt *st);                  /* NULL is fine */
/* Rows changed by the last INSERT/UPDATE/DELETE step on this statement. */
int64_t db_changes(db_stmt *st);

/* Transactions. db_begin on SQLite takes the write lock at once (BEGIN
 * IMMEDIATE) so two writers never deadlock half-way. */
int db_begin(db *d);
int db_commit(db *d);
int db_rollback(db *d);

/* 1 between db_begin and the db_commit / db_rollback that ends it. */
int db_in_txn(const db *d);

/* Runs fn(ctx, committed) once, when the open transaction ends: committed 1
 * after db_commit succeeded, 0 after db_rollback (or db_close). At most 8 per
 * transaction; DB_EARG outside a transaction or when full. */
int db_after_txn(db *d, void (*fn)(void *ctx, int committed), void *ctx);

/* A bulk load (a national SEN2 import) on this connection, outside a
 * transaction; on = 0 ends it. The loader checks its own references, so
 * SQLite's per-row foreign key checks (and their cascades) are off. When
 * no other connection has the SQLite file open, pages are written once,
 * under a rollback journal, instead of to the WAL and again at its
 * checkpoint; other processes then wait for the load to end. Returns 1
 * when the database was the load's alone, 0 when not (the WAL stays) or
 * on PostgreSQL, where nothing changes. */
int db_bulk(db *d, int on);

/* PostgreSQL notifications (DB_EARG on SQLite). db_listen subscribes this
 * connection to channel (a plain identifier); db_wait_notify waits up to
 * timeout_ms and returns 1 when notifications came (all are consumed), 0
 * when none, or an error (the connection is then worth re-opening).
 * Sending one is SQL: SELECT pg_notify('channel', 'payload'). */
int db_listen(db *d, const char *channel);
int db_wait_notify(db *d, int timeout_ms);

/* Convenience: runs sql with n text parameters (each may be NULL) and
 * returns the first column of the first row as a newly allocated string in
 * *out (NULL when no row or SQL NULL); the caller frees *out. out may be NULL
 * to just run the statement. Returns DB_ROW when a row was found, DB_DONE
 * when none, or a negative error. */
int db_query_text(db *d, char **out, const char *sql, int n, ...);
/* Same, first column as an integer; *out is left untouched when no row. */
int db_query_int64(db *d, int64_t *out, const char *sql, int n, ...);

#endif
