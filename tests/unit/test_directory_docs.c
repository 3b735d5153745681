/* test_directory_docs: the stored ORUK documents behind the fast lists
 * (dir_store.c) stay exactly what the tables say after every kind of write,
 * the list dumps are the same JSON as the one-item renderers, and every
 * write bumps the generation the search cache depends on. SQLite, and
 * PostgreSQL when SENDHUB_TEST_PG names a database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/db.h"
#include "core/migrate.h"
#include "directory/directory.h"
#include "directory/dir_store.h"

static char g_schema[32];

static void close_db(db *d, int pg)
{
    db_close(d);
    if (pg) {
        db *admin = NULL;
        char sql[256], err[256];
        if (db_open(getenv("SENDHUB_TEST_PG"), &admin, err, sizeof err) == DB_OK) {
            snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", g_schema);
            db_exec(admin, sql);
            db_close(admin);
        }
    }
}

static db *open_db(int pg, char *path, size_t n)
{
    db *d = NULL;
    char err[200], url[400];
    const char *pgurl = getenv("SENDHUB_TEST_PG");
    if (pg) {
        /* A schema of its own, dropped at the end (see close_db). */
        db *admin = NULL;
        char sql[256];
        if (!pgurl || !*pgurl) return NULL;
        snprintf(g_schema, sizeof g_schema, "dir_docs_%d", (int)getpid());
        assert_int_equal(db_open(pgurl, &admin, err, sizeof err), DB_OK);
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", g_schema, g_schema);
        assert_int_equal(db_exec(admin, sql), DB_OK);
        db_close(admin);
        snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s", pgurl, strchr(pgurl, '?') ? "&" : "?", g_schema);
        assert_int_equal(db_open(url, &d, err, sizeof err), DB_OK);
    } else {
        snprintf(path, n, "/tmp/sh-test-directory-docs-%d.db", (int)getpid());
        unlink(path);
        snprintf(url, sizeof url, "sqlite:%s", path);
        assert_int_equal(db_open(url, &d, err, sizeof err), DB_OK);
    }
    assert_int_equal(migrate_up(d, NULL), DB_OK);
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(dir_demo_load(d), DB_OK);
    assert_int_equal(db_commit(d), DB_OK);
    return d;
}

static char *first_service(db *d)
{
    char *id = NULL;
    assert_int_equal(db_query_text(d, &id, "SELECT id FROM dir_services WHERE organization_id IS NOT NULL ORDER BY name, id LIMIT 1", 0), DB_ROW);
    return id;
}

static void run(int pg)
{
    char path[128] = "", err[300] = "";
    db *d = open_db(pg, path, sizeof path);
    char *sid, *oid = NULL, *sal = NULL;
    json_t *s, *org, *a, *one, *term;
    int rc, changed;
    int64_t g0 = 0, g1 = 0;
    buf b = BUF_INIT;
    const char *ids[2];
    double dist[2] = {1234.4, 10.6};
    if (!d) { skip(); return; }
    sid = first_service(d);

    /* The dump is exactly the renderers' JSON, with the distance last. */
    assert_int_equal(db_query_text(d, &sal, "SELECT id FROM dir_service_at_locations WHERE service_id = ? ORDER BY id LIMIT 1", 1, sid), DB_ROW);
    ids[0] = sid;
    ids[1] = "00000000-0000-4000-8000-000000000000";   /* gone: left out */
    assert_int_equal(dir_services_dump(d, ids, dist, 2, DIR_LIST, ",", &b), DB_OK);
    a = json_loads(buf_str(&b), 0, NULL);
    assert_non_null(a);
    one = dir_service_json(d, sid, DIR_LIST, &rc);
    assert_non_null(one);
    json_object_set_new(one, "distance", json_integer(1234));
    assert_true(json_equal(a, one));
    json_decref(a);
    json_decref(one);
    buf_reset(&b);
    ids[0] = sal;
    assert_int_equal(dir_sals_dump(d, ids, NULL, 1, DIR_FULL, ",", &b), DB_OK);
    a = json_loads(buf_str(&b), 0, NULL);
    one = dir_sal_json(d, sal, DIR_FULL, &rc);
    assert_non_null(a);
    assert_non_null(one);
    assert_true(json_equal(a, one));
    assert_non_null(json_object_get(json_object_get(a, "service"), "organization"));
    json_decref(a);
    json_decref(one);

    /* An organisation renamed on its own: its services show the new name. */
    assert_int_equal(dir_store_generation(d, &g0), DB_OK);
    s = dir_service_json(d, sid, DIR_FULL, &rc);
    assert_non_null(s);
    oid = strdup(json_string_value(json_object_get(s, "organization_id")));
    org = json_deep_copy(json_object_get(s, "organization"));
    json_object_set_new(org, "name", json_string("Renamed Organisation For Test"));
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(dir_org_put(d, org, NULL, err, sizeof err), DB_OK);
    assert_int_equal(db_commit(d), DB_OK);
    json_decref(org);
    json_decref(s);
    s = dir_service_json(d, sid, DIR_LIST, &rc);
    assert_string_equal(json_string_value(json_object_get(json_object_get(s, "organization"), "name")), "Renamed Organisation For Test");
    json_decref(s);
    assert_int_equal(dir_store_generation(d, &g1), DB_OK);
    assert_true(g1 > g0);

    /* A taxonomy term renamed: the services that use it show it. */
    s = dir_service_json(d, sid, DIR_FULL, &rc);
    term = json_deep_copy(json_object_get(json_array_get(json_object_get(s, "attributes"), 0), "taxonomy_term"));
    assert_non_null(term);
    json_object_del(term, "taxonomy");
    json_object_set_new(term, "name", json_string("Renamed term"));
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(dir_term_put(d, term, err, sizeof err), DB_OK);
    assert_int_equal(db_commit(d), DB_OK);
    json_decref(term);
    json_decref(s);
    s = dir_service_json(d, sid, DIR_FULL, &rc);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(json_object_get(s, "attributes"), 0),
                                                                          "taxonomy_term"), "name")), "Renamed term");

    /* A service edit: its own documents follow, and putting it back as it
     * is changes nothing. */
    json_object_set_new(s, "name", json_string("A new name for the test"));
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(dir_service_put(d, s, NULL, NULL, "test", &changed, err, sizeof err), DB_OK);
    assert_int_equal(db_commit(d), DB_OK);
    assert_int_equal(changed, 1);
    json_decref(s);
    s = dir_service_json(d, sid, DIR_MINIMAL, &rc);
    assert_string_equal(json_string_value(json_object_get(s, "name")), "A new name for the test");
    assert_null(json_object_get(s, "organization"));
    json_decref(s);
    s = dir_service_json(d, sid, DIR_FULL, &rc);
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(dir_service_put(d, s, NULL, NULL, "test", &changed, err, sizeof err), DB_OK);
    assert_int_equal(db_commit(d), DB_OK);
    assert_int_equal(changed, 0);
    json_decref(s);

    /* A location changed through another service's document: the first
     * service's stored document shows the change. */
    {
        char *other = NULL, *lid = NULL;
        json_t *o, *loc, *x;
        size_t i;
        if (db_query_text(d, &lid, "SELECT location_id FROM dir_service_at_locations WHERE service_id = ? LIMIT 1", 1, sid) == DB_ROW &&
            db_query_text(d, &other, "SELECT id FROM dir_services WHERE id <> ? LIMIT 1", 1, sid) == DB_ROW) {
            o = dir_service_json(d, other, DIR_FULL, &rc);
            loc = dir_service_json(d, sid, DIR_FULL, &rc);
            x = json_deep_copy(json_object_get(json_array_get(json_object_get(loc, "service_at_locations"), 0), "location"));
            json_object_set_new(x, "name", json_string("A renamed place"));
            json_array_append_new(json_object_get(o, "service_at_locations"),
                                  json_pack("{s:s, s:o}", "id", "00000000-0000-4000-8000-00000000abcd", "location", x));
            assert_int_equal(db_begin(d), DB_OK);
            rc = dir_service_put(d, o, NULL, NULL, "test", &changed, err, sizeof err);
            if (rc != DB_OK) fprintf(stderr, "%s\n", err);
            assert_int_equal(rc, DB_OK);
            assert_int_equal(db_commit(d), DB_OK);
            json_decref(o);
            json_decref(loc);
            loc = dir_service_json(d, sid, DIR_FULL, &rc);
            json_array_foreach(json_object_get(loc, "service_at_locations"), i, x)
                if (!strcmp(json_string_value(json_object_get(x, "location_id")), lid))
                    assert_string_equal(json_string_value(json_object_get(json_object_get(x, "location"), "name")), "A renamed place");
            json_decref(loc);
        }
        free(other);
        free(lid);
    }
    buf_free(&b);
    free(sid);
    free(sal);
    free(oid);
    close_db(d, pg);
    if (*path) unlink(path);
}

static void test_docs_sqlite(void **state) { (void)state; run(0); }
static void test_docs_pg(void **state) { (void)state; run(1); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docs_sqlite),
        cmocka_unit_test(test_docs_pg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
