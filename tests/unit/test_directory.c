/* test_directory: the directory's helpers (postcodes, distance, full-text
 * query building, validation, CSV) and search ranking on a demo database
 * (SQLite; the HTTP tests cover both backends). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <math.h>

#include "core/buf.h"
#include "core/db.h"
#include "core/ids.h"
#include "core/migrate.h"
#include "directory/directory.h"
#include "directory/dir_geo.h"
#include "directory/dir_pages.h"
#include "directory/dir_postings.h"
#include "directory/dir_search.h"
#include "directory/dir_store.h"
#include "directory/dir_taxonomy.h"

static void test_postcode_parse(void **state)
{
    char out[DIR_POSTCODE_LEN];
    (void)state;
    assert_int_equal(dir_postcode_parse("nb1 1aa", 0, out), DIR_PC_FULL);
    assert_string_equal(out, "NB1 1AA");
    assert_int_equal(dir_postcode_parse("  sw1a2aa ", 0, out), DIR_PC_FULL);
    assert_string_equal(out, "SW1A 2AA");
    assert_int_equal(dir_postcode_parse("M1 1AE", 0, out), DIR_PC_FULL);
    assert_int_equal(dir_postcode_parse("B33 8TH", 0, out), DIR_PC_FULL);
    assert_int_equal(dir_postcode_parse("CR2 6XH", 0, out), DIR_PC_FULL);
    assert_int_equal(dir_postcode_parse("DN55 1PT", 0, out), DIR_PC_FULL);
    assert_string_equal(out, "DN55 1PT");
    assert_int_equal(dir_postcode_parse("W1A 0AX", 0, out), DIR_PC_FULL);
    assert_int_equal(dir_postcode_parse("EC1A 1BB", 0, out), DIR_PC_FULL);
    /* Not postcodes. */
    assert_int_equal(dir_postcode_parse("", 0, out), DIR_PC_INVALID);
    assert_string_equal(out, "");
    assert_int_equal(dir_postcode_parse(NULL, 0, out), DIR_PC_INVALID);
    assert_int_equal(dir_postcode_parse("hello", 0, out), DIR_PC_INVALID);
    assert_int_equal(dir_postcode_parse("QA1 1AA", 0, out), DIR_PC_INVALID);    /* Q never first */
    assert_int_equal(dir_postcode_parse("NB1 1CA", 0, out), DIR_PC_INVALID);    /* C never in the inward code */
    assert_int_equal(dir_postcode_parse("NB1-1AA", 0, out), DIR_PC_INVALID);
    assert_int_equal(dir_postcode_parse("NB1 1AAA", 0, out), DIR_PC_INVALID);
    assert_int_equal(dir_postcode_parse("12345", 0, out), DIR_PC_INVALID);
    assert_int_equal(dir_postcode_parse("NB1 1A<", 0, out), DIR_PC_INVALID);
    /* Outward codes alone only when asked. */
    assert_int_equal(dir_postcode_parse("nb1", 0, out), DIR_PC_INVALID);
    assert_int_equal(dir_postcode_parse("nb1", 1, out), DIR_PC_OUTWARD);
    assert_string_equal(out, "NB1");
}

static void test_haversine(void **state)
{
    double d;
    char words[32];
    (void)state;
    assert_true(dir_haversine_m(53.2, -0.9, 53.2, -0.9) < 0.001);
    /* One degree of latitude is about 111.2 km. */
    d = dir_haversine_m(53.0, -1.0, 54.0, -1.0);
    assert_true(d > 111000 && d < 111400);
    /* London (51.5074, -0.1278) to Manchester (53.4808, -2.2426): about 262 km. */
    d = dir_haversine_m(51.5074, -0.1278, 53.4808, -2.2426);
    assert_true(d > 260000 && d < 264000);
    /* Symmetric. */
    assert_true(abs((int)(dir_haversine_m(1, 2, 3, 4) - dir_haversine_m(3, 4, 1, 2))) < 1);
    dir_distance_words(100, words);
    assert_string_equal(words, "less than 0.1 miles");
    dir_distance_words(1609.344 * 2.25, words);
    assert_string_equal(words, "2.2 miles");
    dir_distance_words(1609.344 * 12.4, words);
    assert_string_equal(words, "12 miles");
}

static void test_bbox(void **state)
{
    double a, b, c, e;
    (void)state;
    dir_bbox(53.2, -0.9, 8000, &a, &b, &c, &e);
    /* Every point on the circle is inside the box. */
    assert_true(dir_haversine_m(53.2, -0.9, b, -0.9) >= 7990);
    assert_true(dir_haversine_m(53.2, -0.9, 53.2, e) >= 7990);
    assert_true(a < 53.2 && b > 53.2 && c < -0.9 && e > -0.9);
}

/* Joins the one-word queries of text with sep (for comparing). */
static void words_joined(const char *text, int pg, char *out, size_t len)
{
    char *w[DIR_POSTINGS_MAX_WORDS];
    size_t n = dir_postings_words(text, pg, w), i, at = 0;
    out[0] = '\0';
    for (i = 0; i < n; i++) {
        at += (size_t)snprintf(out + at, len - at, "%s%s", i ? "|" : "", w[i]);
        free(w[i]);
    }
}

static void test_search_words(void **state)
{
    char q[400];
    (void)state;
    words_joined("Speech  and language!", 0, q, sizeof q);
    assert_string_equal(q, "\"speech\"|\"and\"|\"language\"*");
    words_joined("Speech  and language!", 1, q, sizeof q);
    assert_string_equal(q, "speech|and|language:*");
    /* Operators and quotes never reach the engine. */
    words_joined("a\" OR b* NEAR(c) ' & | ! :*", 0, q, sizeof q);
    assert_string_equal(q, "\"a\"|\"or\"|\"b\"|\"near\"|\"c\"*");
    words_joined("x & y | !z", 1, q, sizeof q);
    assert_string_equal(q, "x|y|z:*");
    words_joined("  ?! ", 0, q, sizeof q);
    assert_string_equal(q, "");
    words_joined(NULL, 1, q, sizeof q);
    assert_string_equal(q, "");
    /* At most 8 words; the eighth is the prefix. */
    words_joined("a b c d e f g h i j", 1, q, sizeof q);
    assert_string_equal(q, "a|b|c|d|e|f|g|h:*");
}

static void test_postings_find(void **state)
{
    struct dir_posting p[] = {{2, 1.0}, {5, 2.0}, {9, 0.5}};
    (void)state;
    assert_int_equal(dir_postings_find(p, 3, 5), 1);
    assert_int_equal(dir_postings_find(p, 3, 9), 2);
    assert_int_equal(dir_postings_find(p, 3, 1), -1);
    assert_int_equal(dir_postings_find(p, 3, 6), -1);
    assert_int_equal(dir_postings_find(p, 0, 6), -1);
}

static void test_is_free_and_validate(void **state)
{
    json_t *c, *s;
    char err[200];
    (void)state;
    c = json_pack("[{s:f}]", "amount", 0.0);
    assert_int_equal(dir_is_free(c), 1);
    json_array_append_new(c, json_pack("{s:f}", "amount", 5.0));
    assert_int_equal(dir_is_free(c), 0);
    json_decref(c);
    c = json_array();
    assert_int_equal(dir_is_free(c), 0);
    json_decref(c);
    s = json_pack("{s:s, s:s, s:s}", "id", "3f1e0c56-7c1d-4d8e-9b6a-1f1a2b3c4d5e", "name", "X", "status", "active");
    assert_int_equal(dir_service_validate(s, err, sizeof err), 0);
    json_object_set_new(s, "status", json_string("open"));
    assert_int_equal(dir_service_validate(s, err, sizeof err), -1);
    assert_string_equal(err, "status: is not one of the allowed values");
    json_object_set_new(s, "status", json_string("active"));
    json_object_set_new(s, "contacts", json_pack("[{s:s, s:[{s:s}]}]", "id", "3f1e0c56-7c1d-4d8e-9b6a-1f1a2b3c4d5f", "phones",
                                                 "id", "3f1e0c56-7c1d-4d8e-9b6a-1f1a2b3c4d60"));
    assert_int_equal(dir_service_validate(s, err, sizeof err), -1);
    assert_string_equal(err, "contacts[0].phones[0].number: is required");
    json_object_del(s, "contacts");
    json_object_set_new(s, "minimum_age", json_integer(10));
    json_object_set_new(s, "maximum_age", json_integer(5));
    assert_int_equal(dir_service_validate(s, err, sizeof err), -1);
    json_object_set_new(s, "maximum_age", json_string("5"));
    assert_int_equal(dir_service_validate(s, err, sizeof err), -1);
    assert_string_equal(err, "maximum_age: must be a whole number");
    json_object_set_new(s, "id", json_string("not-a-uuid"));
    assert_int_equal(dir_service_validate(s, err, sizeof err), -1);
    assert_string_equal(err, "id: must be a UUID");
    json_decref(s);
}

static void test_csv_split(void **state)
{
    char line[] = "a,\"b, c\",\"say \"\"hi\"\"\",,last\r\n";
    char *f[8];
    int n;
    (void)state;
    n = dir_csv_split(line, f, 8);
    assert_int_equal(n, 5);
    assert_string_equal(f[0], "a");
    assert_string_equal(f[1], "b, c");
    assert_string_equal(f[2], "say \"hi\"");
    assert_string_equal(f[3], "");
    assert_string_equal(f[4], "last");
}

static void test_schedule_words(void **state)
{
    json_t *s = json_pack("{s:s, s:s, s:s, s:s}", "freq", "WEEKLY", "byday", "MO,TH", "opens_at", "10:00", "closes_at", "12:00");
    buf b = BUF_INIT;
    (void)state;
    dir_schedule_words(&b, s);
    assert_string_equal(buf_str(&b), "Every week on Monday and Thursday, 10:00 to 12:00");
    json_decref(s);
    buf_reset(&b);
    s = json_pack("{s:s, s:s}", "freq", "MONTHLY", "byday", "MO,TU,WE,TH,FR");
    dir_schedule_words(&b, s);
    assert_string_equal(buf_str(&b), "Once a month, Monday to Friday");
    json_decref(s);
    buf_free(&b);
    assert_string_equal(dir_day_name("SU"), "Sunday");
    assert_null(dir_day_name("XX"));
}

/* ---- on a demo database ------------------------------------------------------------- */

static db *demo_db(char *path, size_t n)
{
    db *d = NULL;
    char err[200], url[300];
    snprintf(path, n, "/tmp/sh-test-directory-%d.db", (int)getpid());
    unlink(path);
    snprintf(url, sizeof url, "sqlite:%s", path);
    assert_int_equal(db_open(url, &d, err, sizeof err), DB_OK);
    assert_int_equal(migrate_up(d, NULL), DB_OK);
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(dir_demo_load(d), DB_OK);
    assert_int_equal(db_commit(d), DB_OK);
    return d;
}

static char *hit_name(db *d, const char *id)
{
    char *name = NULL;
    db_query_text(d, &name, "SELECT name FROM dir_services WHERE id = ?", 1, id);
    return name;
}

/* A search's postings rank exactly as FTS5's bm25 of the whole query. */
static void test_postings_equal_bm25(void **state)
{
    static const char *const texts[] = {"speech language", "support group", "autism family sup", "the", "club club", NULL};
    char path[128];
    db *d = demo_db(path, sizeof path);
    int64_t gen = 0;
    size_t t;
    (void)state;
    assert_true(dir_store_generation(d, &gen) >= 0);
    for (t = 0; texts[t]; t++) {
        char *w[DIR_POSTINGS_MAX_WORDS];
        size_t nw = dir_postings_words(texts[t], 0, w), i, n = 0, k = 0;
        struct dir_posting *m = NULL;
        buf fq = BUF_INIT;
        db_stmt *st = NULL;
        for (i = 0; i < nw; i++) {
            buf_printf(&fq, "%s%s", i ? " " : "", w[i]);
            free(w[i]);
        }
        assert_int_equal(dir_postings_match(d, gen, texts[t], &m, &n), DB_OK);
        assert_int_equal(db_prepare(d, "SELECT rowid, -bm25(dir_service_fts, 10.0, 2.0, 4.0) FROM dir_service_fts "
                                       "WHERE dir_service_fts MATCH ? ORDER BY rowid", &st), DB_OK);
        db_bind_text(st, 1, buf_str(&fq));
        while (db_step(st) == DB_ROW) {
            assert_true(k < n);
            assert_int_equal(m[k].seq, db_col_int64(st, 0));
            assert_true(fabs(m[k].score - db_col_double(st, 1)) < 1e-9);
            k++;
        }
        assert_int_equal(k, n);
        assert_true(n > 0);
        db_finalize(st);
        buf_free(&fq);
        free(m);
    }
    db_close(d);
    unlink(path);
}

static void test_search_ranking(void **state)
{
    char path[128], tid[IDS_UUID_LEN];
    db *d = demo_db(path, sizeof path);
    struct dir_query q;
    struct dir_hit *h = NULL;
    size_t n, i;
    long total;
    char *name;
    (void)state;
    /* Words in the name rank first; prefixes match ("speec"). */
    dir_query_init(&q);
    q.text = "speec";
    assert_int_equal(dir_search(d, &q, &h, &n, &total), DB_OK);
    assert_true(total >= 4);
    for (i = 0; i < 3; i++) {
        name = hit_name(d, h[i].service_id);
        assert_non_null(strstr(name, "Speech"));
        free(name);
    }
    free(h);
    /* Taxonomy: the parent term finds its children's services. */
    dir_query_init(&q);
    dir_term_id("support-groups", tid);
    q.term_ids[q.nterms++] = tid;
    q.per_page = 100;
    assert_int_equal(dir_search(d, &q, &h, &n, &total), DB_OK);
    assert_true(total >= 9);
    assert_int_equal((long)n, total);
    free(h);
    /* Distance: nearest first, all within the radius. */
    dir_query_init(&q);
    q.has_geo = 1;
    q.lat = 53.2;
    q.lng = -0.9;
    q.radius_m = 8000;
    q.sort_distance = 1;
    q.per_page = 100;
    assert_int_equal(dir_search(d, &q, &h, &n, &total), DB_OK);
    assert_true(n > 5);
    for (i = 0; i < n; i++) {
        assert_true(h[i].distance_m <= 8000);
        if (i) assert_true(h[i].distance_m >= h[i - 1].distance_m);
    }
    free(h);
    /* Words and place together, nearest first. */
    dir_query_init(&q);
    q.text = "group";
    q.has_geo = 1;
    q.lat = 53.2;
    q.lng = -0.9;
    q.radius_m = 8000;
    q.sort_distance = 1;
    assert_int_equal(dir_search(d, &q, &h, &n, &total), DB_OK);
    assert_true(total >= 2);
    for (i = 1; i < n; i++) assert_true(h[i].distance_m >= h[i - 1].distance_m);
    free(h);
    q.sort_distance = 0;
    assert_int_equal(dir_search(d, &q, &h, &n, &total), DB_OK);
    assert_true(total >= 2);
    free(h);
    /* No Eastmere venue (about 34 km away) within 8 km of Northbridge. */
    dir_query_init(&q);
    q.has_geo = 1;
    q.lat = 53.1;
    q.lng = -0.4;
    q.radius_m = 1000;
    q.by_location = 1;
    q.per_page = 100;
    assert_int_equal(dir_search(d, &q, &h, &n, &total), DB_OK);
    for (i = 0; i < n; i++) assert_true(h[i].distance_m <= 1000);
    free(h);
    /* Age and free. */
    dir_query_init(&q);
    q.age = 2;
    q.free_only = 1;
    q.per_page = 100;
    assert_int_equal(dir_search(d, &q, &h, &n, &total), DB_OK);
    assert_true(total > 5);
    for (i = 0; i < n; i++) {
        int64_t ok = 0;
        assert_int_equal(db_query_int64(d, &ok, "SELECT count(*) FROM dir_services WHERE id = ? AND is_free = 1 AND minimum_age <= 2 AND maximum_age >= 2", 1, h[i].service_id), DB_ROW);
        assert_int_equal(ok, 1);
    }
    free(h);
    /* Writing again is no change; the index follows an edit. */
    {
        int rc, changed = 1;
        char err[200] = "";
        json_t *s;
        dir_query_init(&q);
        q.text = "zebracorn";
        assert_int_equal(dir_search(d, &q, &h, &n, &total), DB_OK);
        assert_int_equal(total, 0);
        free(h);
        ids_uuid_from("dir-service", "Talking Tots Drop-in", tid);
        s = dir_service_json(d, tid, DIR_FULL, &rc);
        assert_non_null(s);
        assert_int_equal(db_begin(d), DB_OK);
        assert_int_equal(dir_service_put(d, s, NULL, NULL, NULL, &changed, err, sizeof err), DB_OK);
        assert_int_equal(dir_service_put(d, s, NULL, NULL, NULL, &changed, err, sizeof err), DB_OK);
        assert_int_equal(changed, 0);
        json_object_set_new(s, "name", json_string("Talking Tots Zebracorn Drop-in"));
        assert_int_equal(dir_service_put(d, s, NULL, NULL, NULL, &changed, err, sizeof err), DB_OK);
        assert_int_equal(changed, 1);
        assert_int_equal(db_commit(d), DB_OK);
        json_decref(s);
        assert_int_equal(dir_search(d, &q, &h, &n, &total), DB_OK);
        assert_int_equal(total, 1);
        assert_string_equal(h[0].service_id, tid);
        free(h);
    }
    db_close(d);
    unlink(path);
}

static void test_postcode_lookup(void **state)
{
    char path[128], norm[DIR_POSTCODE_LEN];
    db *d = demo_db(path, sizeof path);
    double lat = 0, lng = 0;
    (void)state;
    assert_int_equal(dir_postcode_lookup(d, "nb11aa", norm, &lat, &lng), DIR_PC_FOUND);
    assert_string_equal(norm, "NB1 1AA");
    assert_true(lat > 53 && lat < 54);
    /* Unknown inward code: the outward code's centroid. */
    assert_int_equal(dir_postcode_lookup(d, "NB1 9ZZ", norm, &lat, &lng), DIR_PC_CENTROID);
    assert_true(fabs(lat - 53.2) < 0.01);
    assert_int_equal(dir_postcode_lookup(d, "NB1", norm, &lat, &lng), DIR_PC_FOUND);
    assert_int_equal(dir_postcode_lookup(d, "ZE9 9ZZ", norm, &lat, &lng), DIR_PC_UNKNOWN);
    assert_int_equal(dir_postcode_lookup(d, "not a postcode", norm, &lat, &lng), DIR_PC_BAD_FORMAT);
    db_close(d);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_postcode_parse),
        cmocka_unit_test(test_haversine),
        cmocka_unit_test(test_bbox),
        cmocka_unit_test(test_search_words),
        cmocka_unit_test(test_postings_find),
        cmocka_unit_test(test_is_free_and_validate),
        cmocka_unit_test(test_csv_split),
        cmocka_unit_test(test_schedule_words),
        cmocka_unit_test(test_postings_equal_bm25),
        cmocka_unit_test(test_search_ranking),
        cmocka_unit_test(test_postcode_lookup),
    };
    if (ids_init() != 0) return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
