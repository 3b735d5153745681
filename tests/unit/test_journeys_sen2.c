/* SEN2 reader, writer and store: a hand-made file using every element goes
 * in and comes out unchanged; bad files name the person and field and store
 * nothing; the data-quality checks find each kind of problem. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/db.h"
#include "core/ids.h"
#include "core/migrate.h"
#include "journeys/journeys.h"
#include "journeys/kpis.h"
#include "journeys/quality.h"
#include "journeys/sen2.h"
#include "journeys/sen2_pipe.h"
#include "journeys/sen2_store.h"
#include "journeys_sample.h"

static char g_path[64];
static const char *g_pg;        /* SENDHUB_TEST_PG for the PostgreSQL run, else NULL */
static char g_schema[64];
static int g_seq;

static char *sample(void)
{
    buf b = BUF_INIT;
    buf_add(&b, journeys_sample_head);
    buf_add(&b, journeys_sample_persons);
    buf_add(&b, journeys_sample_tail);
    return buf_detach(&b);
}

static int collect(void *ctx, const struct sen2_header *h, const struct sen2_person *p, size_t pos, char *err, size_t errlen)
{
    (void)h; (void)pos; (void)err; (void)errlen;
    sen2_write_person(ctx, p);
    return 0;
}

static void test_read_write_memory(void **state)
{
    char *x = sample(), err[256];
    buf out = BUF_INIT;
    struct sen2_header h;
    size_t n = 0;
    (void)state;
    assert_int_equal(sen2_read_memory(x, strlen(x), collect, &out, &h, &n, err, sizeof err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(h.lea, "991");
    assert_string_equal(h.year, "2025");
    assert_string_equal(buf_str(&out), journeys_sample_persons);
    buf_free(&out);
    free(x);
}

static void expect_error(const char *persons, const char *needle)
{
    buf b = BUF_INIT;
    char err[256];
    size_t n = 0;
    struct sen2_header h;
    buf_add(&b, journeys_sample_head);
    buf_add(&b, persons);
    buf_add(&b, journeys_sample_tail);
    assert_int_equal(sen2_read_memory(b.s, b.len, NULL, NULL, &h, &n, err, sizeof err), -1);
    if (!strstr(err, needle)) fail_msg("error '%s' lacks '%s'", err, needle);
    buf_free(&b);
}

static void test_read_errors(void **state)
{
    (void)state;
    expect_error("<Person><UPN>Z99900010001A</UPN><Requests><RequestSource>7</RequestSource></Requests></Person>",
                 "person 1 (UPN Z99900010001A): Requests/RequestSource is not one of the SEN2 codes");
    expect_error("<Person><Surname>Secret</Surname><Requests><ReceivedDate>2024-02-30</ReceivedDate></Requests></Person>",
                 "person 1: Requests/ReceivedDate is not a date");
    expect_error("<Person><Requests/></Person><Person><Requests><Bogus>1</Bogus></Requests></Person>", "person 2: Requests/Bogus");
    expect_error("<Person></Person>", "Requests is missing");
    expect_error("<Person><Requests><ActivePlans><SENneed><SENtype>ASD</SENtype><SENtype>ASD</SENtype></SENneed></ActivePlans></Requests></Person>",
                 "SENneed/SENtype appears twice");
    expect_error("<Person><UPN>1</UPN><UPN>2</UPN><Requests/></Person>", "UPN");
    expect_error("<Person><Requests>", "well-formed");
    expect_error("<Person><Surname>&undefined;</Surname><Requests/></Person>", "well-formed");
    {
        /* names never appear in errors */
        buf b = BUF_INIT;
        char err[256];
        struct sen2_header h;
        buf_add(&b, journeys_sample_head);
        buf_add(&b, "<Person><Surname>Secret</Surname><Sex>Q</Sex><Requests/></Person>");
        buf_add(&b, journeys_sample_tail);
        assert_int_equal(sen2_read_memory(b.s, b.len, NULL, NULL, &h, NULL, err, sizeof err), -1);
        assert_null(strstr(err, "Secret"));
        buf_free(&b);
    }
    {
        const char *dtd = "<?xml version=\"1.0\"?><!DOCTYPE M [<!ENTITY a \"aaaa\">]><Message><Persons/></Message>";
        char err[256];
        struct sen2_header h;
        assert_int_equal(sen2_read_memory(dtd, strlen(dtd), NULL, NULL, &h, NULL, err, sizeof err), -1);
        assert_non_null(strstr(err, "DOCTYPE"));
    }
}

static db *open_db(void)
{
    db *d = NULL;
    char err[256], url[700];
    if (g_pg) {
        db *admin = NULL;
        char sql[128];
        snprintf(g_schema, sizeof g_schema, "sh_test_sen2_%d_%d", (int)getpid(), ++g_seq);
        assert_int_equal(db_open(g_pg, &admin, err, sizeof err), DB_OK);
        snprintf(sql, sizeof sql, "CREATE SCHEMA %s", g_schema);
        assert_int_equal(db_exec(admin, sql), DB_OK);
        db_close(admin);
        snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s", g_pg, strchr(g_pg, '?') ? "&" : "?", g_schema);
    } else {
        snprintf(url, sizeof url, "sqlite:%s/t.db", g_path);
        unlink(url + 7);
    }
    assert_int_equal(db_open(url, &d, err, sizeof err), DB_OK);
    assert_int_equal(migrate_up(d, NULL), DB_OK);
    assert_true(db_query_text(d, NULL, "INSERT INTO areas (id, name, ons_code, created_at) VALUES ('a1', 'Testshire', 'E06999999', 'x')", 0) >= 0);
    assert_true(db_query_text(d, NULL, "INSERT INTO journeys_area_lea (area_id, lea) VALUES ('a1', '991')", 0) >= 0);
    return d;
}

static void close_db(db *d)
{
    db_close(d);
    if (g_pg) {
        db *admin = NULL;
        char sql[128], err[256];
        if (db_open(g_pg, &admin, err, sizeof err) == DB_OK) {
            snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", g_schema);
            db_exec(admin, sql);
            db_close(admin);
        }
    }
}

struct imp { sen2_store *s; };
static int store_cb(void *ctx, const struct sen2_header *h, const struct sen2_person *p, size_t pos, char *err, size_t errlen)
{
    struct imp *im = ctx;
    (void)h; (void)pos;
    return sen2_store_person(im->s, p, err, errlen) == DB_OK ? 0 : -1;
}

/* x into area a1 with a bulk store, as the import command does, or (bulk
 * 0) with a store that writes each person at once, as the demo does. 0 when
 * it was stored; on a bad file, nothing is (and err says why). */
static int import_mem(db *d, const char *x, int bulk)
{
    struct imp im;
    struct sen2_header h;
    char err[256];
    /* as the import command does: foreign keys (and their cascades) off */
    db_bulk(d, bulk);
    assert_int_equal(db_begin(d), DB_OK);
    im.s = bulk ? sen2_store_open_bulk(d, "a1") : sen2_store_open(d, "a1");
    assert_non_null(im.s);
    if (sen2_read_memory(x, strlen(x), store_cb, &im, &h, NULL, err, sizeof err) != 0 ||
        sen2_store_flush(im.s, err, sizeof err) != DB_OK) {
        sen2_store_close(im.s);
        db_rollback(d);
        db_bulk(d, 0);
        print_message("import: %s\n", err);
        return -1;
    }
    sen2_store_close(im.s);
    assert_int_equal(db_commit(d), DB_OK);
    db_bulk(d, 0);
    return 0;
}

static void import_sample(db *d, const char *x)
{
    (void)import_mem(d, x, 1);
}

static void test_round_trip_db(void **state)
{
    db *d = open_db();
    char *x = sample(), *got = NULL;
    FILE *f;
    size_t len = 0, n = 0;
    const char *persons;
    (void)state;
    import_sample(d, x);
    f = open_memstream(&got, &len);
    assert_int_equal(journeys_sen2_export_file(d, "a1", 2025, f, &n), DB_OK);
    fclose(f);
    assert_int_equal(n, 2);
    assert_non_null(strstr(got, "<LEA>991</LEA>"));
    assert_non_null(strstr(got, "<ReferenceDate>2025-01-16</ReferenceDate>"));
    persons = strstr(got, "  <Persons>\n");
    assert_non_null(persons);
    persons += strlen("  <Persons>\n");
    assert_int_equal(strncmp(persons, journeys_sample_persons, strlen(journeys_sample_persons)), 0);
    assert_string_equal(persons + strlen(journeys_sample_persons), journeys_sample_tail);
    /* importing the same file again replaces, it does not duplicate; a
     * request received the same day is the same request, so the advice
     * asked for it stays */
    assert_true(db_query_text(d, NULL, "INSERT INTO journeys_advice (id, request_id, kind, asked_date, created_at) "
                                       "SELECT 'adv1', min(id), 'health', '2025-01-06', 'x' FROM journeys_requests", 0) >= 0);
    import_sample(d, x);
    {
        int64_t c = 0;
        assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_advice a JOIN journeys_requests r "
                                          "ON r.id = a.request_id", 0) >= 0);
        assert_int_equal(c, 1);
        assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_requests", 0) >= 0);
        assert_int_equal(c, 4);
        assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_children", 0) >= 0);
        assert_int_equal(c, 3);   /* the person with no UPN cannot be matched, so is added again */
        /* nothing left of the replaced requests */
        assert_true(db_query_int64(d, &c, "SELECT (SELECT COUNT(*) FROM journeys_placements WHERE request_id NOT IN "
                                          "(SELECT id FROM journeys_requests)) + (SELECT COUNT(*) FROM journeys_needs "
                                          "WHERE request_id NOT IN (SELECT id FROM journeys_requests))", 0) >= 0);
        assert_int_equal(c, 0);
    }
    /* out of scope for a later year: the first person's plan ceased, nothing open */
    free(got);
    free(x);
    close_db(d);
}

/* An import's ids sort after every id held (inserts append to the key
 * indexes); when the highest held cannot grow, they are random. */
static void test_ids_above_held(void **state)
{
    static const char *const tops[] = {"f00000ff-0fff-4fff-8fff-00000000000f", "ffffffff-ffff-4fff-8fff-ffffffffffff"};
    size_t t;
    (void)state;
    for (t = 0; t < 2; t++) {
        db *d = open_db();
        char *x = sample();
        int64_t c = -1;
        assert_true(db_query_text(d, NULL, "INSERT INTO journeys_children (id, area_id, seq, created_at) VALUES (?, 'a1', 1, 'x')",
                                  1, tops[t]) >= 0);
        import_sample(d, x);
        assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_children", 0) >= 0);
        assert_int_equal(c, 3);
        if (t == 0) {
            /* f00000ff-0fff-4fff-8fff- plus one is f00000ff-1000-4000-8... */
            assert_true(db_query_int64(d, &c, "SELECT (SELECT COUNT(*) FROM journeys_children WHERE id < 'f00000ff-1000-4000-8') + "
                                              "(SELECT COUNT(*) FROM journeys_requests WHERE id < 'f00000ff-1000-4000-8')", 0) >= 0);
            assert_int_equal(c, 1);
        }
        free(x);
        close_db(d);
    }
}

/* Active plans by primary need over stored records: a request carrying
 * two needs of rank 1 (a data error) is counted once, under the first
 * code in order, on both backends. */
static void test_kpis_two_primary_needs(void **state)
{
    db *d = open_db();
    char *x = sample(), *rid = NULL;
    struct journeys_kpis k1, k2;
    long total1 = 0, total2 = 0;
    int i, asd = -1, semh = -1;
    (void)state;
    import_sample(d, x);
    for (i = 0; i < KPI_NEEDS; i++) {
        if (strcmp(journeys_kpi_need_label(i), "ASD") == 0) asd = i;
        if (strcmp(journeys_kpi_need_label(i), "SEMH") == 0) semh = i;
    }
    assert_int_equal(journeys_kpis_compute(d, 2024, NULL, &k1), DB_OK);
    assert_int_equal(db_query_text(d, &rid, "SELECT request_id FROM journeys_needs WHERE sen_type = 'SEMH'", 0), DB_ROW);
    assert_true(db_query_text(d, NULL, "INSERT INTO journeys_needs (request_id, seq, sen_type, sen_type_rank) VALUES (?, 9, 'ASD', '1')",
                              1, rid) >= 0);
    assert_int_equal(journeys_kpis_compute(d, 2024, NULL, &k2), DB_OK);
    assert_int_equal(journeys_kpis_compute(d, 2024, "a1", &k2), DB_OK);
    for (i = 0; i < KPI_NEEDS; i++) { total1 += k1.by_need[i]; total2 += k2.by_need[i]; }
    assert_int_equal(k2.active_plans, k1.active_plans);
    assert_int_equal(total2, total1);
    assert_true(k1.by_need[semh] >= 1);
    assert_int_equal(k2.by_need[semh], k1.by_need[semh] - 1);
    assert_int_equal(k2.by_need[asd], k1.by_need[asd] + 1);
    free(rid);
    free(x);
    close_db(d);
}

static void test_bad_file_stores_nothing(void **state)
{
    db *d = open_db();
    buf b = BUF_INIT;
    int64_t c = -1;
    (void)state;
    buf_add(&b, journeys_sample_head);
    buf_add(&b, journeys_sample_persons);
    buf_add(&b, "<Person><Requests><RequestOutcome>Q</RequestOutcome></Requests></Person>");
    buf_add(&b, journeys_sample_tail);
    import_sample(d, b.s);
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_children", 0) >= 0);
    assert_int_equal(c, 0);
    buf_free(&b);
    close_db(d);
}

static void test_census_dates(void **state)
{
    char s[DATE_STR_LEN];
    static const char *const want[] = {"2023-01-19", "2024-01-18", "2025-01-16", "2026-01-15", "2027-01-21"};
    int y;
    (void)state;
    for (y = 2023; y <= 2027; y++) {
        date_format(journeys_census_date(y), s);
        assert_string_equal(s, want[y - 2023]);
    }
}

static int first_person(void *ctx, const struct sen2_header *h, const struct sen2_person *p, size_t pos, char *err, size_t errlen)
{
    (void)h; (void)err; (void)errlen;
    if (pos == 1) memcpy(ctx, p, sizeof *p);
    return 0;
}

static void test_quality(void **state)
{
    char *x = sample(), err[256];
    struct sen2_person *p = calloc(1, sizeof *p);
    struct sen2_header h;
    buf out = BUF_INIT;
    int32_t census;
    (void)state;
    assert_int_equal(sen2_read_memory(x, strlen(x), first_person, p, &h, NULL, err, sizeof err), 0);
    date_parse("2025-01-16", &census);
    assert_int_equal(journeys_quality_check(p, 1, census, &out), 0);
    /* no UPN and no reason; a bad code; dates out of order; no placement on census day */
    sen2_set(&p->person, SEN2_PERSON, "UPN", NULL);
    sen2_set(&p->person, SEN2_PERSON, "UniqueLearnerNumber", NULL);
    sen2_set(&p->requests[0].req, SEN2_REQUEST, "RequestSource", "9");
    sen2_set(&p->requests[0].req, SEN2_REQUEST, "RequestOutcomeDate", "2023-12-01");
    sen2_set(&p->requests[0].placements[0], SEN2_PLACEMENT_DETAIL, "LeavingDate", "2024-12-01");
    assert_int_equal(journeys_quality_check(p, 7, census, &out), 4);
    assert_non_null(strstr(buf_str(&out), "person 7: UPN missing without a reason"));
    assert_non_null(strstr(buf_str(&out), "Requests/RequestSource is not one of the SEN2 codes"));
    assert_non_null(strstr(buf_str(&out), "request decided before it was received"));
    assert_non_null(strstr(buf_str(&out), "active plan without a placement on the census date"));
    assert_null(strstr(buf_str(&out), "Ada"));
    buf_free(&out);
    free(p);
    free(x);
}

/* A person's file with the given requests (each "DATE:OUTCOME:NEED"). */
static char *merge_file(const char *const *reqs, size_t n)
{
    buf b = BUF_INIT;
    size_t i;
    buf_add(&b, journeys_sample_head);
    buf_add(&b, "<Person><Surname>Merge</Surname><UPN>Z00000000001A</UPN>");
    for (i = 0; i < n; i++)
        buf_printf(&b, "<Requests><ReceivedDate>%.10s</ReceivedDate><RequestSource>1</RequestSource>"
                       "<RequestOutcomeDate>2024-06-01</RequestOutcomeDate><RequestOutcome>%c</RequestOutcome>"
                       "<ActivePlans><SENneed><SENtype>%s</SENtype><SENtypeRank>1</SENtypeRank></SENneed></ActivePlans>"
                       "</Requests>", reqs[i], reqs[i][11], reqs[i] + 13);
    buf_add(&b, "</Person>\n");
    buf_add(&b, journeys_sample_tail);
    return b.s;                  /* the caller frees */
}

/* A re-import matches each request with the child's held request received
 * the same day: that one keeps its id, sendhub's own data on it (advice,
 * a recorded exception) and takes the file's SEN2 fields and needs; a held
 * request the file no longer has goes with its advice, unless it was
 * recorded in sendhub, which stays after the file's; a new one is added.
 * With a bulk store and with one that writes at once. */
static void test_reimport_merges(void **state)
{
    static const char *const a[] = {"2024-01-10:Y:ASD", "2024-02-10:Y:SLCN", "2024-04-10:Y:HI"};
    static const char *const b[] = {"2024-01-10:N:MLD", "2024-03-10:Y:SEMH"};
    int bulk;
    (void)state;
    for (bulk = 0; bulk < 2; bulk++) {
        db *d = open_db();
        char *xa = merge_file(a, 3), *xb = merge_file(b, 2), *r1 = NULL, *r1b = NULL, *v = NULL;
        int64_t c = 0;
        assert_int_equal(import_mem(d, xa, bulk), 0);
        assert_true(db_query_text(d, &r1, "SELECT id FROM journeys_requests WHERE received_date = '2024-01-10'", 0) == DB_ROW);
        assert_true(db_query_text(d, NULL, "UPDATE journeys_requests SET exception_note = 'kept' WHERE id = ?", 1, r1) >= 0);
        assert_true(db_query_text(d, NULL, "UPDATE journeys_requests SET origin = 'sendhub' WHERE received_date IN ('2024-01-10', '2024-04-10')",
                                  0) >= 0);
        assert_true(db_query_text(d, NULL, "INSERT INTO journeys_advice (id, request_id, kind, asked_date, created_at) "
                                           "SELECT 'adv-' || received_date, id, 'health', '2024-01-12', 'x' FROM journeys_requests", 0) >= 0);
        assert_int_equal(import_mem(d, xb, bulk), 0);
        assert_true(db_query_text(d, &r1b, "SELECT id FROM journeys_requests WHERE received_date = '2024-01-10'", 0) == DB_ROW);
        assert_string_equal(r1, r1b);
        assert_true(db_query_text(d, &v, "SELECT request_outcome || ' ' || exception_note || ' ' || seq || ' ' || "
                                         "(SELECT MIN(sen_type) FROM journeys_needs WHERE request_id = ?) "
                                         "FROM journeys_requests WHERE id = ?", 2, r1, r1) == DB_ROW);
        assert_string_equal(v, "N kept 1 MLD");
        free(v);
        v = NULL;
        /* recorded in sendhub, now in a SEN2 file too: later files decide */
        assert_true(db_query_text(d, &v, "SELECT origin FROM journeys_requests WHERE id = ?", 1, r1) == DB_ROW);
        assert_string_equal(v, "sen2");
        free(v);
        v = NULL;
        assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_needs WHERE request_id = ?", 1, r1) >= 0);
        assert_int_equal(c, 1);
        assert_true(db_query_text(d, &v, "SELECT MIN(received_date) || ',' || MAX(received_date) FROM journeys_requests", 0) == DB_ROW);
        assert_string_equal(v, "2024-01-10,2024-04-10");
        assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_requests", 0) >= 0);
        assert_int_equal(c, 3);
        assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_requests WHERE (received_date = '2024-03-10' AND seq = 2) "
                                          "OR (received_date = '2024-04-10' AND seq = 3 AND origin = 'sendhub')", 0) >= 0);
        assert_int_equal(c, 2);
        /* the advice on the matched and the kept request stays; on the dropped one it went */
        assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_advice", 0) >= 0);
        assert_int_equal(c, 2);
        assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_advice WHERE id = 'adv-2024-02-10'", 0) >= 0);
        assert_int_equal(c, 0);
        assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_advice WHERE request_id = ?", 1, r1) >= 0);
        assert_int_equal(c, 1);
        assert_true(db_query_int64(d, &c, "SELECT (SELECT COUNT(*) FROM journeys_needs WHERE request_id NOT IN "
                                          "(SELECT id FROM journeys_requests)) + (SELECT COUNT(*) FROM journeys_children)", 0) >= 0);
        assert_int_equal(c, 1);
        free(v);
        free(r1);
        free(r1b);
        free(xa);
        free(xb);
        close_db(d);
    }
}

/* The test's own pseudo-random numbers, the same on every machine. */
static unsigned rnd(unsigned *x)
{
    *x = *x * 1103515245u + 12345u;
    return (*x >> 16) & 0x7fff;
}

/* n persons drawn from a pool of UPNs (so many repeat, near and far
 * apart), each with 1 to 3 requests received on one of three days (so
 * some share a day), some with a placement and needs. */
static char *random_file(unsigned seed, int n, unsigned pool, const char *tag)
{
    static const char *const needs[] = {"ASD", "SLCN", "SEMH", "MLD"};
    buf b = BUF_INIT;
    int i, r, k;
    buf_add(&b, journeys_sample_head);
    for (i = 0; i < n; i++) {
        int nreq = 1 + (int)(rnd(&seed) % 3);
        buf_printf(&b, "<Person><Surname>%s%u</Surname><UPN>Z%011uA</UPN>", tag, rnd(&seed) % 100, rnd(&seed) % pool);
        for (r = 0; r < nreq; r++) {
            int nneed = (int)(rnd(&seed) % 3);
            buf_printf(&b, "<Requests><ReceivedDate>2024-01-1%u</ReceivedDate><RequestSource>1</RequestSource>"
                           "<RequestOutcomeDate>2024-03-01</RequestOutcomeDate><RequestOutcome>%c</RequestOutcome>",
                       rnd(&seed) % 3, rnd(&seed) % 2 ? 'Y' : 'N');
            if (nneed) {
                buf_add(&b, "<ActivePlans>");
                if (rnd(&seed) % 2)
                    buf_printf(&b, "<PlacementDetail><URN>1000%02u</URN><PlacementRank>1</PlacementRank>"
                                   "<EntryDate>2024-06-01</EntryDate></PlacementDetail>", rnd(&seed) % 100);
                for (k = 0; k < nneed; k++)
                    buf_printf(&b, "<SENneed><SENtype>%s</SENtype><SENtypeRank>%d</SENtypeRank></SENneed>",
                               needs[rnd(&seed) % 4], k + 1);
                buf_add(&b, "</ActivePlans>");
            }
            buf_add(&b, "</Requests>");
        }
        buf_add(&b, "</Person>\n");
    }
    buf_add(&b, journeys_sample_tail);
    return b.s;
}

/* Every row of sql, one line each, columns separated by '|', appended to b. */
static void dump_query(db *d, const char *sql, buf *b)
{
    db_stmt *st = NULL;
    int rc, i;
    assert_int_equal(db_prepare(d, sql, &st), DB_OK);
    while ((rc = db_step(st)) == DB_ROW) {
        for (i = 0; i < db_column_count(st); i++) {
            const char *v = db_col_text(st, i);
            buf_printf(b, "%s%s", i ? "|" : "", v ? v : "NULL");
        }
        buf_add(b, "\n");
    }
    assert_int_equal(rc, DB_DONE);
    db_finalize(st);
}

/* Files a then b, imported by a bulk store (queued lookups, batched
 * replacements) or one that writes each person at once, with sendhub's
 * own data added to the first requests between the two: the records as
 * text. */
static char *import_twice(const char *a, const char *b, int bulk)
{
    db *d = open_db();
    buf out = BUF_INIT;
    int64_t c = -1;
    assert_int_equal(import_mem(d, a, bulk), 0);
    assert_true(db_query_text(d, NULL, "INSERT INTO journeys_advice (id, request_id, kind, asked_date, created_at) "
                                       "SELECT 'adv-' || c.upn || '-' || r.seq, r.id, 'health', '2024-01-20', 'x' "
                                       "FROM journeys_requests r JOIN journeys_children c ON c.id = r.child_id", 0) >= 0);
    assert_true(db_query_text(d, NULL, "UPDATE journeys_requests SET exception_note = 'note ' || received_date", 0) >= 0);
    assert_true(db_query_text(d, NULL, "UPDATE journeys_requests SET origin = 'sendhub' WHERE received_date = '2024-01-10'", 0) >= 0);
    assert_int_equal(import_mem(d, b, bulk), 0);
    dump_query(d, "SELECT upn, surname FROM journeys_children ORDER BY upn", &out);
    dump_query(d, "SELECT c.upn, r.seq, r.received_date, r.request_outcome, r.has_active, r.exception_note, r.origin "
                  "FROM journeys_requests r JOIN journeys_children c ON c.id = r.child_id ORDER BY c.upn, r.seq", &out);
    dump_query(d, "SELECT c.upn, r.seq, p.kind, p.seq, p.urn FROM journeys_placements p JOIN journeys_requests r "
                  "ON r.id = p.request_id JOIN journeys_children c ON c.id = r.child_id ORDER BY c.upn, r.seq, p.kind, p.seq", &out);
    dump_query(d, "SELECT c.upn, r.seq, n.seq, n.sen_type FROM journeys_needs n JOIN journeys_requests r "
                  "ON r.id = n.request_id JOIN journeys_children c ON c.id = r.child_id ORDER BY c.upn, r.seq, n.seq", &out);
    dump_query(d, "SELECT c.upn, r.seq, a.id FROM journeys_advice a JOIN journeys_requests r ON r.id = a.request_id "
                  "JOIN journeys_children c ON c.id = r.child_id ORDER BY c.upn, r.seq, a.id", &out);
    assert_true(db_query_int64(d, &c, "SELECT (SELECT COUNT(*) FROM journeys_placements WHERE request_id NOT IN "
                                      "(SELECT id FROM journeys_requests)) + (SELECT COUNT(*) FROM journeys_needs WHERE "
                                      "request_id NOT IN (SELECT id FROM journeys_requests)) + (SELECT COUNT(*) FROM "
                                      "journeys_advice WHERE request_id NOT IN (SELECT id FROM journeys_requests))", 0) >= 0);
    assert_int_equal(c, 0);
    close_db(d);
    return out.s;
}

/* The bulk store against the plain one, which does each step at once:
 * the same records after two imports of 1,500 persons over 300 UPNs, and
 * of 600 over 40 (a UPN again within a few persons, within one batch). */
static void test_reimport_bulk_as_plain(void **state)
{
    static const struct { unsigned n, pool; } runs[] = {{1500, 300}, {600, 40}};
    size_t k;
    (void)state;
    for (k = 0; k < sizeof runs / sizeof runs[0]; k++) {
        char *a = random_file(7 + (unsigned)k, (int)runs[k].n, runs[k].pool, "A");
        char *b = random_file(11 + (unsigned)k, (int)runs[k].n, runs[k].pool, "B");
        char *bulk = import_twice(a, b, 1), *plain = import_twice(a, b, 0);
        assert_true(strlen(plain) > 2000);
        if (k == 0) assert_non_null(strstr(plain, "adv-"));   /* (over 40 UPNs, few requests keep theirs) */
        assert_string_equal(bulk, plain);
        free(bulk);
        free(plain);
        free(a);
        free(b);
    }
}

/* A file of the sample persons n times over (at g_path/many.xml). */
static const char *many_file(int n)
{
    static char path[96];
    FILE *f;
    int i;
    snprintf(path, sizeof path, "%s/many.xml", g_path);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(journeys_sample_head, f);
    for (i = 0; i < n; i++) fputs(journeys_sample_persons, f);
    fputs(journeys_sample_tail, f);
    fclose(f);
    return path;
}

/* The pipe's two sides for these tests: the person written back as XML
 * on the reading thread, the messages appended in order on this one. */
static int pack_xml(void *ctx, const struct sen2_header *h, const struct sen2_person *p, size_t pos, buf *out, char *err,
                    size_t errlen)
{
    (void)ctx; (void)h; (void)pos; (void)err; (void)errlen;
    sen2_write_person(out, p);
    return 0;
}

static int pack_fail_at_90(void *ctx, const struct sen2_header *h, const struct sen2_person *p, size_t pos, buf *out,
                           char *err, size_t errlen)
{
    if (pos == 90) { snprintf(err, errlen, "cannot pack %zu", pos); return -1; }
    return pack_xml(ctx, h, p, pos, out, err, errlen);
}

static int append_msg(void *ctx, const struct sen2_header *h, const buf *msg, size_t pos, char *err, size_t errlen)
{
    (void)h; (void)pos; (void)err; (void)errlen;
    buf_addn(ctx, msg->s, msg->len);
    return 0;
}

static int stop_at_150(void *ctx, const struct sen2_header *h, const buf *msg, size_t pos, char *err, size_t errlen)
{
    (void)h; (void)msg;
    ++*(size_t *)ctx;
    if (pos == 150) { snprintf(err, errlen, "stop at %zu", pos); return -1; }
    return 0;
}

/* The reader thread and the ring: thousands of persons (over 2 MiB, so
 * values are split across the file's read blocks and libxml2's) come out
 * whole and in file order; a failing callback on either side stops the
 * read. */
static void test_pipelined_read(void **state)
{
    const char *path = many_file(3000);
    buf out = BUF_INIT, want = BUF_INIT;
    struct sen2_header h;
    struct stat sb;
    char err[256];
    size_t n = 0, calls = 0;
    int i;
    (void)state;
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size > 2 << 20);
    assert_int_equal(sen2_read_file_pipelined(path, pack_xml, NULL, append_msg, &out, NULL, &h, &n, err, sizeof err), 0);
    assert_int_equal(n, 6000);
    assert_string_equal(h.lea, "991");
    for (i = 0; i < 3000; i++) buf_add(&want, journeys_sample_persons);
    assert_string_equal(buf_str(&out), buf_str(&want));
    assert_int_equal(sen2_read_file_pipelined(path, pack_xml, NULL, stop_at_150, &calls, NULL, &h, &n, err, sizeof err), -1);
    assert_string_equal(err, "stop at 150");
    assert_int_equal(calls, 150);
    calls = 0;
    assert_int_equal(sen2_read_file_pipelined(path, pack_fail_at_90, NULL, stop_at_150, &calls, NULL, &h, &n, err, sizeof err), -1);
    assert_string_equal(err, "cannot pack 90");
    assert_true(calls <= 89);
    assert_int_equal(sen2_read_file_pipelined("/nonexistent/sen2.xml", pack_xml, NULL, append_msg, &out, NULL, &h, &n, err,
                                              sizeof err), -1);
    assert_non_null(strstr(err, "cannot open"));
    buf_free(&out);
    buf_free(&want);
    unlink(path);
}

/* The import's two halves, as the command runs them. */
static int pack_each(void *ctx, const struct sen2_header *h, const struct sen2_person *p, size_t pos, buf *out, char *err,
                     size_t errlen)
{
    (void)h; (void)pos; (void)err; (void)errlen;
    sen2_store_pack(ctx, p, out);
    return 0;
}

static int store_each(void *ctx, const struct sen2_header *h, const buf *msg, size_t pos, char *err, size_t errlen)
{
    (void)h; (void)pos;
    return sen2_store_packed(ctx, msg, err, errlen) == DB_OK ? 0 : -1;
}

/* path into area a1, as the import command does. */
static size_t import_file(db *d, const char *path)
{
    sen2_store *st;
    struct sen2_header h;
    char err[256];
    size_t n = 0;
    db_bulk(d, 1);
    assert_int_equal(db_begin(d), DB_OK);
    st = sen2_store_open_bulk(d, "a1");
    assert_non_null(st);
    assert_int_equal(sen2_read_file_pipelined(path, pack_each, st, store_each, st, NULL, &h, &n, err, sizeof err), 0);
    assert_int_equal(sen2_store_flush(st, err, sizeof err), DB_OK);
    sen2_store_close(st);
    assert_int_equal(db_commit(d), DB_OK);
    db_bulk(d, 0);
    return n;
}

/* One file holding the same UPN many times: one child, its requests
 * replaced each time (upsert by UPN within an import, not only across). */
static void test_upsert_within_file(void **state)
{
    db *d = open_db();
    const char *path = many_file(400);
    int64_t c = 0;
    (void)state;
    assert_int_equal(import_file(d, path), 800);    /* on PostgreSQL: rows held back, several full batches */
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_children WHERE upn = 'Z99900010001A'", 0) >= 0);
    assert_int_equal(c, 1);
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_children", 0) >= 0);
    assert_int_equal(c, 401);     /* the person without a UPN is added each time */
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_requests", 0) >= 0);
    assert_int_equal(c, 402);
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_placements", 0) >= 0);
    assert_true(c > 0);
    unlink(path);
    close_db(d);
}

/* Persons [from, to) with UPNs Z000000000<i>A (at g_path/people.xml):
 * surname <prefix><i>, nreq requests each with one need. */
static const char *people_file(const char *name, int from, int to, const char *prefix, int nreq)
{
    static char path[96];
    FILE *f;
    int i, r;
    snprintf(path, sizeof path, "%s/%s", g_path, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(journeys_sample_head, f);
    for (i = from; i < to; i++) {
        fprintf(f, "<Person><Surname>%s%d</Surname><Forename>Sam</Forename><PersonBirthDate>2015-03-01</PersonBirthDate>"
                   "<Sex>F</Sex><UPN>Z%011dA</UPN>", prefix, i, i);
        for (r = 0; r < nreq; r++)
            fprintf(f, "<Requests><ReceivedDate>2024-0%d-10</ReceivedDate><RequestSource>1</RequestSource><ActivePlans>"
                       "<SENneed><SENtype>ASD</SENtype><SENtypeRank>1</SENtypeRank></SENneed></ActivePlans></Requests>", r + 1);
        fputs("</Person>\n", f);
    }
    fputs(journeys_sample_tail, f);
    fclose(f);
    return path;
}

/* A re-import of hundreds of persons found again (several queues of
 * lookups, several batches of replacements): each child keeps its id and
 * takes the new file's person fields and requests, new persons are added,
 * a person repeated later in the file is replaced again, and nothing of
 * the replaced requests is left. */
static void test_reimport_replaces(void **state)
{
    db *d = open_db();
    char *id0 = NULL, *id1 = NULL, *rq0 = NULL, *v = NULL;
    int64_t c = 0;
    FILE *f;
    char path[96];
    const char *a;
    (void)state;
    import_file(d, people_file("a.xml", 0, 700, "Alpha", 1));
    assert_true(db_query_text(d, &id0, "SELECT id FROM journeys_children WHERE upn = 'Z00000000007A'", 0) == DB_ROW);
    assert_true(db_query_text(d, &rq0, "SELECT r.id FROM journeys_requests r JOIN journeys_children c ON c.id = r.child_id "
                                       "WHERE c.upn = 'Z00000000007A'", 0) == DB_ROW);
    /* b: the 700 again with two requests each, 100 new, then person 5 once more */
    a = people_file("b.xml", 0, 800, "Beta", 2);
    snprintf(path, sizeof path, "%s", a);
    {
        char *all = NULL, *tail;
        size_t len = 0;
        FILE *in = fopen(path, "r");
        assert_non_null(in);
        assert_int_equal(getdelim(&all, &len, '\0', in) > 0, 1);
        fclose(in);
        tail = strstr(all, "  </Persons>");
        assert_non_null(tail);
        *tail = '\0';
        f = fopen(path, "w");
        fprintf(f, "%s<Person><Surname>Gamma5</Surname><UPN>Z00000000005A</UPN><Requests><ReceivedDate>2024-09-01</ReceivedDate>"
                   "<RequestSource>1</RequestSource></Requests></Person>\n%s", all, journeys_sample_tail);
        fclose(f);
        free(all);
    }
    import_file(d, path);
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_children", 0) >= 0);
    assert_int_equal(c, 800);
    assert_true(db_query_text(d, &id1, "SELECT id FROM journeys_children WHERE upn = 'Z00000000007A'", 0) == DB_ROW);
    assert_string_equal(id0, id1);
    /* its request received the same day is the same request */
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_requests WHERE id = ? AND received_date = '2024-01-10'",
                               1, rq0) >= 0);
    assert_int_equal(c, 1);
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_children WHERE surname LIKE 'Alpha%'", 0) >= 0);
    assert_int_equal(c, 0);
    assert_true(db_query_text(d, &v, "SELECT surname FROM journeys_children WHERE upn = 'Z00000000699A'", 0) == DB_ROW);
    assert_string_equal(v, "Beta699");
    free(v);
    assert_true(db_query_text(d, &v, "SELECT surname || ' ' || COALESCE(forename, '-') FROM journeys_children "
                                     "WHERE upn = 'Z00000000005A'", 0) == DB_ROW);
    assert_string_equal(v, "Gamma5 -");
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_requests", 0) >= 0);
    assert_int_equal(c, 799 * 2 + 1);
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_requests r JOIN journeys_children ch ON ch.id = r.child_id "
                                      "WHERE ch.upn = 'Z00000000007A' AND r.received_date IN ('2024-01-10', '2024-02-10')", 0) >= 0);
    assert_int_equal(c, 2);
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_needs", 0) >= 0);
    assert_int_equal(c, 799 * 2);
    assert_true(db_query_int64(d, &c, "SELECT COUNT(*) FROM journeys_needs WHERE request_id NOT IN (SELECT id FROM journeys_requests)", 0) >= 0);
    assert_int_equal(c, 0);
    free(v);
    free(id0);
    free(id1);
    free(rq0);
    unlink(path);
    snprintf(path, sizeof path, "%s/a.xml", g_path);
    unlink(path);
    close_db(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_write_memory), cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_round_trip_db), cmocka_unit_test(test_bad_file_stores_nothing),
        cmocka_unit_test(test_ids_above_held), cmocka_unit_test(test_kpis_two_primary_needs),
        cmocka_unit_test(test_census_dates), cmocka_unit_test(test_quality),
        cmocka_unit_test(test_pipelined_read), cmocka_unit_test(test_upsert_within_file),
        cmocka_unit_test(test_reimport_replaces), cmocka_unit_test(test_reimport_merges),
        cmocka_unit_test(test_reimport_bulk_as_plain),
    };
    int rc;
    ids_init();
    snprintf(g_path, sizeof g_path, "/tmp/sh-test-sen2.XXXXXX");
    if (!mkdtemp(g_path)) return 1;
    const struct CMUnitTest db_tests[] = {
        cmocka_unit_test(test_round_trip_db), cmocka_unit_test(test_bad_file_stores_nothing),
        cmocka_unit_test(test_ids_above_held), cmocka_unit_test(test_kpis_two_primary_needs),
        cmocka_unit_test(test_upsert_within_file), cmocka_unit_test(test_reimport_replaces),
        cmocka_unit_test(test_reimport_merges), cmocka_unit_test(test_reimport_bulk_as_plain),
    };
    rc = cmocka_run_group_tests_name("journeys sen2 (sqlite)", tests, NULL, NULL);
    g_pg = getenv("SENDHUB_TEST_PG");
    if (g_pg && *g_pg)
        rc += cmocka_run_group_tests_name("journeys sen2 postgresql", db_tests, NULL, NULL);
    else
        printf("journeys sen2 postgresql: skipped: SENDHUB_TEST_PG not set\n");
    g_pg = NULL;
    {
        char p[96];
        snprintf(p, sizeof p, "%s/t.db", g_path); unlink(p);
        snprintf(p, sizeof p, "%s/t.db-wal", g_path); unlink(p);
        snprintf(p, sizeof p, "%s/t.db-shm", g_path); unlink(p);
        rmdir(g_path);
    }
    return rc;
}
