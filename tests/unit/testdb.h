/* testdb: the fresh-database fixture shared by the unit tests that run the
 * same cases against SQLite (a new file in a temp directory) and, when
 * SENDHUB_TEST_PG holds a URL, PostgreSQL (a new schema put first on
 * search_path through the URL's options, so reconnects keep it).
 *
 * Header only, every function static: the Makefile builds each
 * tests/unit/test_*.c alone into its own binary, so a helper .c file here
 * would not be compiled. Include it after <cmocka.h> and "core/db.h".
 *
 * The including test sets testdb_pg (NULL for the SQLite run) and fills
 * testdb_dir (testdb_dir_make) before running its groups. */
#ifndef SH_TESTDB_H
#define SH_TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/db.h"

static const char *testdb_pg; /* base PostgreSQL URL, or NULL for SQLite */
static char testdb_dir[64];   /* temp dir for SQLite files */
static int testdb_seq;        /* numbers each fresh database */

/* One fresh database: d is open on url; schema is the PostgreSQL schema
 * ("" on SQLite). Owned by the test's state. */
typedef struct {
    db *d;
    char url[600];
    char schema[64];
} fix;

#define D(state) (((fix *)*(state))->d)

/* Makes the temp directory from template (ending in XXXXXX) into
 * testdb_dir. Returns 0, or -1 when it cannot. */
static int testdb_dir_make(const char *template)
{
    snprintf(testdb_dir, sizeof testdb_dir, "%s", template);
    return mkdtemp(testdb_dir) ? 0 : -1;
}

/* Reads SENDHUB_TEST_PG into testdb_pg; 1 when it is set (not empty). */
static int testdb_pg_from_env(void)
{
    testdb_pg = getenv("SENDHUB_TEST_PG");
    return testdb_pg && *testdb_pg;
}

/* A new fix with its database open: on PostgreSQL a schema named
 * "<schema_prefix>_<pid>_<seq>", on SQLite the file
 * "<testdb_dir>/<file_prefix><seq>.db". Fails the test when it cannot.
 * The caller owns the result (testdb_fix_free). */
static fix *testdb_fix_new(const char *schema_prefix, const char *file_prefix)
{
    fix *f = xcalloc(1, sizeof *f);
    char err[256];
    testdb_seq++;
    if (testdb_pg) {
        db *admin = NULL;
        char sql[128];
        snprintf(f->schema, sizeof f->schema, "%s_%d_%d", schema_prefix, (int)getpid(), testdb_seq);
        assert_int_equal(db_open(testdb_pg, &admin, err, sizeof err), DB_OK);
        snprintf(sql, sizeof sql, "CREATE SCHEMA %s", f->schema);
        assert_int_equal(db_exec(admin, sql), DB_OK);
        db_close(admin);
        snprintf(f->url, sizeof f->url, "%s%soptions=-csearch_path%%3D%s", testdb_pg,
                 strchr(testdb_pg, '?') ? "&" : "?", f->schema);
    } else {
        snprintf(f->url, sizeof f->url, "sqlite:%s/%s%d.db", testdb_dir, file_prefix, testdb_seq);
    }
    if (db_open(f->url, &f->d, err, sizeof err) != DB_OK) fail_msg("open %s: %s", f->url, err);
    return f;
}

/* Closes the database and drops it: the schema on PostgreSQL, the file and
 * its -wal and -shm companions on SQLite. Frees f (NULL is fine). */
static void testdb_fix_free(fix *f)
{
    if (!f) return;
    db_close(f->d);
    if (testdb_pg) {
        db *admin = NULL;
        char sql[128], err[256];
        if (db_open(testdb_pg, &admin, err, sizeof err) == DB_OK) {
            snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", f->schema);
            db_exec(admin, sql);
            db_close(admin);
        }
    } else {
        char path[700];
        const char *p = f->url + 7; /* after "sqlite:" */
        unlink(p);
        snprintf(path, sizeof path, "%s-wal", p);
        unlink(path);
        snprintf(path, sizeof path, "%s-shm", p);
        unlink(path);
    }
    free(f);
}

#endif
