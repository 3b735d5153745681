/* The Ofsted statistics importer: CSV quoting, validation with row and
 * column, all-or-nothing, and updating in place. SQLite in a temporary file
 * (the HTTP tests run the real file on both backends). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/db.h"
#include "core/ids.h"
#include "core/migrate.h"
#include "plans/ofsted.h"

#define HEADER "Local authority code,Area name,Ofsted region,Inspection start date,Inspection publication date," \
    "Inspection outcome: written statement of action required?,Number significant weaknesses identified in written statement of action," \
    "Revisit start date,Revisit publication date,Revisit outcome: sufficient progress in addressing all significant weaknesses?," \
    "Number significant weaknesses where sufficient progress has been made,Number significant weaknesses where sufficient progress has not been made\r\n"

static char g_path[64];

static int setup(void **state)
{
    db *d = NULL;
    char err[256], url[80];
    int fd;
    snprintf(g_path, sizeof g_path, "/tmp/plans-ofsted-XXXXXX");
    fd = mkstemp(g_path);
    if (fd < 0) return -1;
    close(fd);
    snprintf(url, sizeof url, "sqlite:%s", g_path);
    if (db_open(url, &d, err, sizeof err) != DB_OK) return -1;
    if (migrate_up(d, NULL) != DB_OK) return -1;
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    char p[80];
    db_close(*state);
    unlink(g_path);
    snprintf(p, sizeof p, "%s-wal", g_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", g_path);
    unlink(p);
    return 0;
}

static int import(db *d, const char *text, char *err, size_t n)
{
    int count = -1;
    int rc = plans_ofsted_import(d, text, strlen(text), &count, err, n);
    return rc == DB_OK ? count : -1;
}

static int64_t count_rows(db *d)
{
    int64_t n = -1;
    db_query_int64(d, &n, "SELECT COUNT(*) FROM plans_ofsted", 0);
    return n;
}

static void imports_quoted_rows_and_updates_in_place(void **state)
{
    db *d = *state;
    char err[300], *v = NULL;
    const char *csv = HEADER
        "E10000017,Lancashire,North West,2017-11-13T00:00:00,2018-01-16T00:00:00,Yes,12,2020-03-09T00:00:00,2020-08-05T00:00:00,Some,7,5\r\n"
        "E08000016,Barnsley,\"North East, Yorkshire and the Humber\",2021-09-20T00:00:00,2021-11-24T00:00:00,Yes,2,Not revisited yet\r\n"
        "E09000002,\"Barking \"\"and\"\" Dagenham\",London,2017-03-27T00:00:00,2017-06-29T00:00:00,No\r\n";
    assert_int_equal(import(d, csv, err, sizeof err), 3);
    assert_int_equal(count_rows(d), 3);
    assert_int_equal(db_query_text(d, &v, "SELECT region FROM plans_ofsted WHERE la_code = 'E08000016'", 0), DB_ROW);
    assert_string_equal(v, "North East, Yorkshire and the Humber");
    free(v);
    assert_int_equal(db_query_text(d, &v, "SELECT area_name FROM plans_ofsted WHERE la_code = 'E09000002'", 0), DB_ROW);
    assert_string_equal(v, "Barking \"and\" Dagenham");
    free(v);
    /* Re-run with a changed row: updated, not duplicated. */
    csv = HEADER "E08000016,Barnsley,North East,2021-09-20T00:00:00,2021-11-24T00:00:00,Yes,2,2023-01-09T00:00:00,2023-03-01T00:00:00,Yes,2,0\n";
    assert_int_equal(import(d, csv, err, sizeof err), 1);
    assert_int_equal(count_rows(d), 3);
    assert_int_equal(db_query_text(d, &v, "SELECT revisit_outcome FROM plans_ofsted WHERE la_code = 'E08000016'", 0), DB_ROW);
    assert_string_equal(v, "Yes");
    free(v);
}

static void a_bad_row_applies_nothing(void **state)
{
    db *d = *state;
    char err[300];
    static const struct { const char *row, *want; } cases[] = {
        {"X1,Area,Region,2017-01-01T00:00:00,,No\n", "row 3, column 1 (Local authority code)"},
        {"E06000001,,Region,2017-01-01T00:00:00,,No\n", "row 3, column 2 (Area name)"},
        {"E06000001,Area,Region,2017-02-30T00:00:00,,No\n", "row 3, column 4 (Inspection start date)"},
        {"E06000001,Area,Region,2017-01-01T00:00:00,,Maybe\n", "row 3, column 6"},
        {"E06000001,Area,Region,2017-01-01T00:00:00,,Yes,many\n", "row 3, column 7"},
        {"E06000001,Area,Region,2017-01-01T00:00:00,,Yes,3,2019-01-01T00:00:00,,Some,1,1\n", "row 3, column 12"},
        {"E06000001,Area,Region,2017-01-01T00:00:00,,Yes,3,2019-01-01T00:00:00,,Partly,1,2\n", "row 3, column 10"},
        {"E06000001,Area,Region,2017-01-01T00:00:00,,No,4\n", "row 3, column 7"},
        {"E06000001,\"Area,Region,2017-01-01T00:00:00,,No\n", "row 3: a quoted value"},
        {"E06000001,Area,Region,2017-01-01T00:00:00,,No,,,,,,,extra\n", "more than 12 columns"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char csv[2048];
        snprintf(csv, sizeof csv, "%s%s%s", HEADER, "E06000099,Goodplace,Region,2017-01-01T00:00:00,,No\n", cases[i].row);
        assert_int_equal(import(d, csv, err, sizeof err), -1);
        if (!strstr(err, cases[i].want)) fail_msg("case %zu: got \"%s\", want \"%s\"", i, err, cases[i].want);
    }
    assert_int_equal(import(d, "Code,Name\nE1,x\n", err, sizeof err), -1);
    assert_non_null(strstr(err, "row 1, column 1"));
    assert_int_equal(import(d, "", err, sizeof err), -1);
    /* Nothing from any of those files was applied. */
    {
        int64_t n = -1;
        db_query_int64(d, &n, "SELECT COUNT(*) FROM plans_ofsted WHERE la_code = 'E06000099'", 0);
        assert_int_equal(n, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(imports_quoted_rows_and_updates_in_place),
        cmocka_unit_test(a_bad_row_applies_nothing),
    };
    if (ids_init() != 0) return 1;
    return cmocka_run_group_tests(tests, setup, teardown);
}
