/* test_migrate: migrations from in-test lists (migrate_up_list), against
 * SQLite and, when SENDHUB_TEST_PG is set, PostgreSQL. Each test gets a fresh
 * database: a new file, or a new schema first on search_path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/db.h"
#include "core/migrate.h"
#include "testdb.h"

static int fix_setup(void **state)
{
    *state = testdb_fix_new("sh_test_mig", "m");
    return 0;
}

static int fix_teardown(void **state)
{
    testdb_fix_free(*state);
    return 0;
}

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int64_t scalar(db *d, const char *sql)
{
    int64_t n = -1;
    assert_int_equal(db_query_int64(d, &n, sql, 0), DB_ROW);
    return n;
}

static int table_exists(db *d, const char *name)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", name);
    return db_query_int64(d, NULL, sql, 0) == DB_ROW;
}

static void test_current_empty(void **state)
{
    db *d = D(state);
    assert_int_equal(migrate_current(d), 0);
    /* Asking does not create anything. */
    assert_false(table_exists(d, "schema_migrations"));
    assert_true(migrate_latest() >= 0);
    assert_true(migrate_latest() >= (migration_file_count ? migration_files[0].version : 0));
}

static const struct migration_file basic[] = {
    {2, "002_fill.sql", NULL, "INSERT INTO m_a (x) VALUES ('one');\nINSERT INTO m_a (x) VALUES ('two');\n"},
    {1, "001_make.sql", NULL, "CREATE TABLE m_a (x TEXT NOT NULL);\n"},
};

static void test_idempotent(void **state)
{
    db *d = D(state);
    int applied = -1;
    char *name = NULL;
    assert_int_equal(migrate_up_list(d, basic, N(basic), &applied), DB_OK);
    assert_int_equal(applied, 2);
    assert_int_equal(migrate_current(d), 2);
    assert_int_equal(scalar(d, "SELECT count(*) FROM m_a"), 2);
    assert_int_equal(migrate_up_list(d, basic, N(basic), &applied), DB_OK);
    assert_int_equal(applied, 0);
    assert_int_equal(migrate_up_list(d, basic, N(basic), NULL), DB_OK);
    assert_int_equal(scalar(d, "SELECT count(*) FROM m_a"), 2);
    assert_int_equal(scalar(d, "SELECT count(*) FROM schema_migrations"), 2);
    assert_int_equal(db_query_text(d, &name, "SELECT name || ' ' || applied_at FROM schema_migrations WHERE version = 1",
                                   0),
                     DB_ROW);
    assert_true(strncmp(name, "001_make 20", 11) == 0);
    assert_int_equal(name[strlen(name) - 1], 'Z');
    free(name);
}

static const struct migration_file failing[] = {
    {3, "003_ok.sql", NULL, "CREATE TABLE m_ok (x INTEGER);"},
    {4, "004_bad.sql", NULL, "CREATE TABLE m_half (x INTEGER);\nINSERT INTO m_half VALUES (1);\n"},
    {4, "004_bad.sqlite.sql", "sqlite", "INSERT INTO m_missing VALUES (1);"},
    {4, "004_bad.pg.sql", "pg", "INSERT INTO m_missing VALUES (1);"},
    {5, "005_never.sql", NULL, "CREATE TABLE m_never (x INTEGER);"},
};

static void test_failure_rolls_back(void **state)
{
    db *d = D(state);
    int applied = -1;
    int rc = migrate_up_list(d, failing, N(failing), &applied);
    const char *bad = db_kind(d) == DB_PG ? "004_bad.pg.sql" : "004_bad.sqlite.sql";
    assert_int_equal(rc, DB_ERROR);
    assert_int_equal(applied, 1);
    assert_non_null(strstr(db_errmsg(d), bad));
    assert_non_null(strstr(db_errmsg(d), "m_missing"));
    assert_int_equal(migrate_current(d), 3);
    assert_true(table_exists(d, "m_ok"));
    assert_false(table_exists(d, "m_half"));
    assert_false(table_exists(d, "m_never"));
    assert_int_equal(scalar(d, "SELECT count(*) FROM schema_migrations WHERE version >= 4"), 0);
    /* Running again fails the same way and changes nothing. */
    assert_int_equal(migrate_up_list(d, failing, N(failing), &applied), DB_ERROR);
    assert_int_equal(applied, 0);
    assert_int_equal(migrate_current(d), 3);
}

static const struct migration_file ids[] = {
    {10, "010_ids.sql", NULL, "CREATE TABLE m_ids (id {{ID}}, name TEXT);\n"
                              "CREATE TABLE m_ids2 (id {{ID}}, ref BIGINT REFERENCES m_ids (id));\n"},
};

static void test_id_token(void **state)
{
    db *d = D(state);
    int64_t id = 0;
    assert_int_equal(migrate_up_list(d, ids, N(ids), NULL), DB_OK);
    assert_int_equal(db_query_int64(d, &id, "INSERT INTO m_ids (name) VALUES (?) RETURNING id", 1, "a"), DB_ROW);
    assert_int_equal(id, 1);
    assert_int_equal(db_query_int64(d, &id, "INSERT INTO m_ids (name) VALUES (?) RETURNING id", 1, "b"), DB_ROW);
    assert_int_equal(id, 2);
    assert_int_equal(db_query_int64(d, &id, "INSERT INTO m_ids2 (ref) VALUES (?) RETURNING id", 1, "2"), DB_ROW);
    assert_int_equal(id, 1);
}

/* Listed as the generated array would list them (".pg.sql" sorts before
 * ".sql"); the backend file needs the shared file's table, so this also
 * checks the shared-first order. */
static const struct migration_file per_backend[] = {
    {20, "020_be.pg.sql", "pg", "INSERT INTO m_be (who) VALUES ('pg');"},
    {20, "020_be.sql", NULL, "CREATE TABLE m_be (who TEXT);"},
    {20, "020_be.sqlite.sql", "sqlite", "INSERT INTO m_be (who) VALUES ('sqlite');"},
    {21, "021_pg_only.pg.sql", "pg", "CREATE TABLE m_pg_only (x INTEGER);"},
    {22, "022_sqlite_only.sqlite.sql", "sqlite", "CREATE TABLE m_sqlite_only (x INTEGER);"},
};

static void test_backend_files(void **state)
{
    db *d = D(state);
    char *who = NULL;
    int applied = 0, pg = db_kind(d) == DB_PG;
    assert_int_equal(migrate_up_list(d, per_backend, N(per_backend), &applied), DB_OK);
    /* A version with nothing for this backend is still recorded. */
    assert_int_equal(applied, 3);
    assert_int_equal(migrate_current(d), 22);
    assert_int_equal(scalar(d, "SELECT count(*) FROM m_be"), 1);
    assert_int_equal(db_query_text(d, &who, "SELECT who FROM m_be", 0), DB_ROW);
    assert_string_equal(who, pg ? "pg" : "sqlite");
    free(who);
    assert_int_equal(table_exists(d, "m_pg_only"), pg);
    assert_int_equal(table_exists(d, "m_sqlite_only"), !pg);
    assert_int_equal(db_query_text(d, &who, "SELECT name FROM schema_migrations WHERE version = 20", 0), DB_ROW);
    assert_string_equal(who, "020_be");
    free(who);
}

/* Module number ranges mean a lower version can arrive after a higher one
 * was applied; it must still run. */
static void test_gap_filled(void **state)
{
    db *d = D(state);
    int applied = 0;
    static const struct migration_file first[] = {
        {1, "001_a.sql", NULL, "CREATE TABLE m_g1 (x INTEGER);"},
        {150, "150_c.sql", NULL, "CREATE TABLE m_g3 (x INTEGER);"},
    };
    static const struct migration_file later[] = {
        {1, "001_a.sql", NULL, "CREATE TABLE m_g1 (x INTEGER);"},
        {101, "101_b.sql", NULL, "CREATE TABLE m_g2 (x INTEGER);"},
        {150, "150_c.sql", NULL, "CREATE TABLE m_g3 (x INTEGER);"},
    };
    assert_int_equal(migrate_up_list(d, first, N(first), &applied), DB_OK);
    assert_int_equal(applied, 2);
    assert_int_equal(migrate_up_list(d, later, N(later), &applied), DB_OK);
    assert_int_equal(applied, 1);
    assert_true(table_exists(d, "m_g2"));
    assert_int_equal(migrate_current(d), 150);
}

/* A table others refer to, rebuilt to drop a constraint (SQLite's way;
 * PostgreSQL alters it): the rows that refer to it survive, and the
 * reference is still enforced afterwards. */
static const struct migration_file fk_base[] = {
    {30, "030_fk.sql", NULL, "CREATE TABLE m_p (id TEXT PRIMARY KEY, tag TEXT UNIQUE);\n"
                             "CREATE TABLE m_c (p TEXT NOT NULL REFERENCES m_p (id) ON DELETE CASCADE);\n"
                             "INSERT INTO m_p VALUES ('a', 't1'), ('b', NULL);\n"
                             "INSERT INTO m_c VALUES ('a'), ('b');\n"},
};
static const struct migration_file fk_rebuild[] = {
    {30, "030_fk.sql", NULL, ""},
    {31, "031_rebuild.pg.sql", "pg", "ALTER TABLE m_p DROP CONSTRAINT m_p_tag_key;\n"
                                     "CREATE UNIQUE INDEX m_p_tag ON m_p (tag) WHERE tag IS NOT NULL;\n"},
    {31, "031_rebuild.sqlite.sql", "sqlite", "CREATE TABLE m_p_new (id TEXT PRIMARY KEY, tag TEXT);\n"
                                             "INSERT INTO m_p_new SELECT id, tag FROM m_p;\n"
                                             "DROP TABLE m_p;\n"
                                             "ALTER TABLE m_p_new RENAME TO m_p;\n"
                                             "CREATE UNIQUE INDEX m_p_tag ON m_p (tag) WHERE tag IS NOT NULL;\n"},
};
static const struct migration_file fk_dangling[] = {
    {30, "030_fk.sql", NULL, ""},
    {32, "032_dangling.sql", NULL, "INSERT INTO m_c VALUES ('nobody');\n"},
};

static void test_fk_rebuild(void **state)
{
    db *d = D(state);
    int applied = 0;
    assert_int_equal(migrate_up_list(d, fk_base, N(fk_base), NULL), DB_OK);
    assert_int_equal(migrate_up_list(d, fk_rebuild, N(fk_rebuild), &applied), DB_OK);
    assert_int_equal(applied, 1);
    assert_int_equal(scalar(d, "SELECT count(*) FROM m_c"), 2);
    /* enforcement is back on, and refers to the rebuilt table */
    assert_true(db_query_text(d, NULL, "INSERT INTO m_c VALUES ('nobody')", 0) < 0);
    assert_int_equal(db_query_text(d, NULL, "DELETE FROM m_p WHERE id = 'a'", 0), DB_DONE);
    assert_int_equal(scalar(d, "SELECT count(*) FROM m_c"), 1);
    assert_true(db_query_text(d, NULL, "INSERT INTO m_p VALUES ('c', 'dup'), ('d', 'dup')", 0) < 0);
}

/* A version leaving a row that refers to nothing fails and is undone. */
static void test_fk_dangling(void **state)
{
    db *d = D(state);
    int applied = -1;
    assert_int_equal(migrate_up_list(d, fk_base, N(fk_base), NULL), DB_OK);
    assert_true(migrate_up_list(d, fk_dangling, N(fk_dangling), &applied) < 0);
    assert_int_equal(applied, 0);
    assert_int_equal(scalar(d, "SELECT count(*) FROM m_c"), 2);
    assert_int_equal(migrate_current(d), 30);
    assert_true(db_query_text(d, NULL, "INSERT INTO m_c VALUES ('nobody')", 0) < 0);
}

/* Two processes migrating the same database at once: every version is
 * applied exactly once (the CREATE TABLEs would fail the second time). */
static void test_concurrent(void **state)
{
    fix *f = *state;
    static const struct migration_file many[] = {
        {31, "031.sql", NULL, "CREATE TABLE m_c1 (x INTEGER);"}, {32, "032.sql", NULL, "CREATE TABLE m_c2 (x INTEGER);"},
        {33, "033.sql", NULL, "CREATE TABLE m_c3 (x INTEGER);"}, {34, "034.sql", NULL, "CREATE TABLE m_c4 (x INTEGER);"},
        {35, "035.sql", NULL, "CREATE TABLE m_c5 (x INTEGER);"}, {36, "036.sql", NULL, "CREATE TABLE m_c6 (x INTEGER);"},
    };
    pid_t kids[2];
    int i, total = 0;
    for (i = 0; i < 2; i++) {
        kids[i] = fork();
        assert_true(kids[i] >= 0);
        if (kids[i] == 0) {
            db *d = NULL;
            char err[256];
            int applied = 0, rc;
            if (db_open(f->url, &d, err, sizeof err) != DB_OK) _exit(100);
            rc = migrate_up_list(d, many, N(many), &applied);
            if (rc != DB_OK) fprintf(stderr, "child: %s\n", db_errmsg(d));
            db_close(d);
            _exit(rc == DB_OK ? applied : 101);
        }
    }
    for (i = 0; i < 2; i++) {
        int st = 0;
        assert_int_equal(waitpid(kids[i], &st, 0), kids[i]);
        assert_true(WIFEXITED(st));
        assert_true(WEXITSTATUS(st) <= N(many));
        total += WEXITSTATUS(st);
    }
    assert_int_equal(total, N(many));
    assert_int_equal(scalar(f->d, "SELECT count(*) FROM schema_migrations"), N(many));
    assert_int_equal(migrate_current(f->d), 36);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_current_empty, fix_setup, fix_teardown),
    cmocka_unit_test_setup_teardown(test_idempotent, fix_setup, fix_teardown),
    cmocka_unit_test_setup_teardown(test_failure_rolls_back, fix_setup, fix_teardown),
    cmocka_unit_test_setup_teardown(test_id_token, fix_setup, fix_teardown),
    cmocka_unit_test_setup_teardown(test_backend_files, fix_setup, fix_teardown),
    cmocka_unit_test_setup_teardown(test_gap_filled, fix_setup, fix_teardown),
    cmocka_unit_test_setup_teardown(test_fk_rebuild, fix_setup, fix_teardown),
    cmocka_unit_test_setup_teardown(test_fk_dangling, fix_setup, fix_teardown),
    cmocka_unit_test_setup_teardown(test_concurrent, fix_setup, fix_teardown),
};

int main(void)
{
    int failed = 0;
    if (testdb_dir_make("/tmp/sh-test-migrate.XXXXXX") != 0) return 1;
    failed += cmocka_run_group_tests_name("migrate sqlite", tests, NULL, NULL);
    rmdir(testdb_dir);
    if (testdb_pg_from_env()) {
        failed += cmocka_run_group_tests_name("migrate postgresql", tests, NULL, NULL);
    } else {
        printf("migrate postgresql: skipped: SENDHUB_TEST_PG not set\n");
        fflush(stdout);
    }
    return failed ? 1 : 0;
}
