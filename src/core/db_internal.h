/* db_internal: what db.c shares with its two backends (db_sqlite.c, db_pg.c)
 * and with migrate.c. Not for modules: they use db.h only.
 *
 * A backend's connection and statement structs start with struct db /
 * struct db_stmt, so db.c can hand the public pointers to the backend's
 * functions through the vtable and the backend casts them back. */
#ifndef SH_DB_INTERNAL_H
#define SH_DB_INTERNAL_H

#include "buf.h"
#include "db.h"

#include <stdarg.h>

struct db_ops {
    void (*close)(db *d);
    int (*ping)(db *d);
    int (*exec)(db *d, const char *sql);
    int (*prepare)(db *d, const char *sql, db_stmt **out);
    /* v is NULL for SQL NULL; the backend copies it. */
    int (*bind_text)(db_stmt *st, int idx, const char *v);
    int (*bind_int64)(db_stmt *st, int idx, int64_t v);
    int (*bind_double)(db_stmt *st, int idx, double v);
    int (*step)(db_stmt *st);
    int (*column_count)(db_stmt *st);
    const char *(*column_name)(db_stmt *st, int col);
    const char *(*col_text)(db_stmt *st, int col);
    int64_t (*col_int64)(db_stmt *st, int col);
    double (*col_double)(db_stmt *st, int col);
    int (*col_is_null)(db_stmt *st, int col);
    int (*reset)(db_stmt *st);
    void (*finalize)(db_stmt *st);
    int64_t (*changes)(db_stmt *st);
    int (*begin)(db *d);
    int (*commit)(db *d);
    int (*rollback)(db *d);
    /* Optional: as bind_text, but v is borrowed until the next reset,
     * bind or finalize (NULL: db.c falls back to bind_text). */
    int (*bind_text_static)(db_stmt *st, int idx, const char *v, int len);   /* len < 0: up to the NUL */
    /* Optional (PostgreSQL): LISTEN channel; wait up to timeout_ms for
     * notifications (1 when some came, all consumed; 0 when none). */
    int (*listen)(db *d, const char *channel);
    int (*wait_notify)(db *d, int timeout_ms);
    /* Optional (PostgreSQL): db_stream. */
    int (*stream)(db_stmt *st);
    /* Optional (SQLite): db_bulk. */
    int (*bulk)(db *d, int on);
};

#define DB_MAX_AFTER 8

struct db {
    const struct db_ops *ops;
    enum db_kind kind;
    buf err;                 /* last error message, "" when none */
    int txn;                 /* inside db_begin .. db_commit/db_rollback */
    struct {
        void (*fn)(void *ctx, int committed);
        void *ctx;
    } after[DB_MAX_AFTER];   /* run when the transaction ends (db_after_txn) */
    int nafter;
};

struct db_stmt {
    db *d;                   /* borrowed: the connection it was prepared on */
};

/* Sets (or, with NULL, clears) the connection's last error message. */
void db_set_err(db *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void db_clear_err(db *d);

/* Backend constructors, called by db_open with the URL's scheme already
 * recognised. On failure they return NULL in *out and write err. */
int db_sqlite_open(const char *path, db **out, char *err, size_t errlen);
int db_pg_open(const char *url, db **out, char *err, size_t errlen);

#endif
