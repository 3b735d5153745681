/* Unit tests for core/date. Worked values were checked against an
 * independent calendar (Python's datetime) when the tests were written. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"

/* Parse a date the test itself wrote; a typo in a test should fail loudly. */
static int32_t D(const char *s)
{
    int32_t d;
    assert_int_equal(date_parse(s, &d), 0);
    return d;
}

static void assert_date(int32_t day, const char *want)
{
    char out[DATE_STR_LEN];
    assert_int_equal(date_format(day, out), 0);
    assert_string_equal(out, want);
}

static void test_known_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(D("1970-01-01"), 0);
    assert_int_equal(D("1969-12-31"), -1);
    assert_int_equal(D("1900-01-01"), -25567);
    assert_int_equal(D("2200-12-31"), 84370);
    assert_int_equal(D("2000-02-29"), 11016);
    assert_int_equal(D("2024-01-31"), 19753);
    assert_int_equal(D("2024-02-29"), 19782);
}

/* Walk every day of the domain: each must follow the previous one in the
 * calendar, round-trip through y-m-d and text, and have the next weekday. */
static void test_whole_domain_round_trip(void **state)
{
    int32_t first = D("1900-01-01"), last = D("2200-12-31");
    int py = 1899, pm = 12, pd = 31, pw = 7;   /* 1899-12-31 was a Sunday */

    (void)state;
    assert_int_equal(date_weekday(first), 1);
    for (int32_t day = first; day <= last; day++) {
        int y, m, d, w;
        int32_t back, parsed;
        char s[DATE_STR_LEN];

        assert_int_equal(date_ymd(day, &y, &m, &d), 0);
        if (d == 1) {
            assert_int_equal(pd, date_days_in_month(py, pm));
            assert_true((m == pm + 1 && y == py) || (m == 1 && pm == 12 && y == py + 1));
        } else {
            assert_true(y == py && m == pm && d == pd + 1);
        }
        assert_int_equal(date_from_ymd(y, m, d, &back), 0);
        assert_int_equal(back, day);
        assert_int_equal(date_format(day, s), 0);
        assert_int_equal(date_parse(s, &parsed), 0);
        assert_int_equal(parsed, day);
        w = date_weekday(day);
        assert_int_equal(w, pw % 7 + 1);
        py = y; pm = m; pd = d; pw = w;
    }
    assert_true(py == 2200 && pm == 12 && pd == 31);
}

static void test_leap_years(void **state)
{
    (void)state;
    assert_true(date_is_leap(2024));
    assert_true(date_is_leap(2000));            /* divisible by 400 */
    assert_false(date_is_leap(2100));           /* century, not by 400 */
    assert_false(date_is_leap(1900));
    assert_false(date_is_leap(2023));
    assert_int_equal(date_days_in_month(2024, 2), 29);
    assert_int_equal(date_days_in_month(2100, 2), 28);
    assert_int_equal(date_days_in_month(2000, 2), 29);
    assert_int_equal(date_days_in_month(2024, 4), 30);
    assert_int_equal(date_days_in_month(2024, 0), 0);
    assert_int_equal(date_days_in_month(2024, 13), 0);
    /* 2024 has 366 days, 2025 has 365, 2100 has 365, 2000 has 366. */
    assert_int_equal(date_diff(D("2024-01-01"), D("2025-01-01")), 366);
    assert_int_equal(date_diff(D("2025-01-01"), D("2026-01-01")), 365);
    assert_int_equal(date_diff(D("2100-01-01"), D("2101-01-01")), 365);
    assert_int_equal(date_diff(D("2000-01-01"), D("2001-01-01")), 366);
    assert_date(date_add_days(D("2024-02-28"), 1), "2024-02-29");
    assert_date(date_add_days(D("2100-02-28"), 1), "2100-03-01");
    assert_date(date_add_days(D("2000-02-28"), 1), "2000-02-29");
    assert_date(date_add_days(D("2024-12-31"), 1), "2025-01-01");
}

static void test_parse_rejects(void **state)
{
    static const char *bad[] = {
        "2024-02-30", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32",
        "2024-1-01", "2024-01-1", "24-01-01", "", "2024-01-01x", " 2024-01-01",
        "2024-01-01 ", "2023-02-29", "2100-02-29", "1899-12-31", "2201-01-01",
        "0000-01-01", "9999-12-31", "2024/01/01", "2024-01-0a", "+024-01-01",
        "2024-04-31", "20240101", "2024-01-01T00:00:00Z", "-024-01-01",
    };
    int32_t d = 5;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        d = 5;
        if (date_parse(bad[i], &d) != -1) fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(d, DATE_NONE);
    }
    assert_int_equal(date_parse(NULL, &d), -1);
    assert_int_equal(date_parse("2000-02-29", &d), 0);
    assert_int_equal(date_parse("1900-01-01", &d), 0);
    assert_int_equal(date_parse("2200-12-31", &d), 0);
    /* parsen: a slice inside a longer buffer, and a short slice */
    assert_int_equal(date_parsen("2024-03-05<rest", 10, &d), 0);
    assert_date(d, "2024-03-05");
    assert_int_equal(date_parsen("2024-03-05", 9, &d), -1);
    assert_int_equal(date_parsen(NULL, 10, &d), -1);
    /* a NUL inside the ten bytes is junk */
    assert_int_equal(date_parsen("2024-03\0" "05", 10, &d), -1);
}

static void test_from_ymd_bounds(void **state)
{
    int32_t d;
    int y = 1, m = 1, md = 1;

    (void)state;
    assert_int_equal(date_from_ymd(2023, 2, 29, &d), -1);
    assert_int_equal(d, DATE_NONE);
    assert_int_equal(date_from_ymd(1899, 12, 31, &d), -1);
    assert_int_equal(date_from_ymd(2201, 1, 1, &d), -1);
    assert_int_equal(date_from_ymd(-2147483647 - 1, 1, 1, &d), -1);
    assert_int_equal(date_from_ymd(2147483647, 2147483647, 2147483647, &d), -1);
    assert_int_equal(date_from_ymd(2024, -1, 1, &d), -1);
    assert_int_equal(date_from_ymd(2024, 1, -5, &d), -1);
    assert_int_equal(date_ymd(DATE_NONE, &y, &m, &md), -1);
    assert_true(y == 0 && m == 0 && md == 0);
    assert_int_equal(date_ymd(INT32_MAX, NULL, NULL, NULL), -1);
    assert_false(date_valid(DATE_NONE));
    assert_false(date_valid(INT32_MAX));
    assert_false(date_valid(D("1900-01-01") - 1));
    assert_false(date_valid(D("2200-12-31") + 1));
}

static void test_format(void **state)
{
    char s[DATE_STR_LEN] = "junk";
    char l[DATE_LONG_LEN] = "junk";

    (void)state;
    assert_int_equal(date_format(DATE_NONE, s), -1);
    assert_string_equal(s, "");
    assert_int_equal(date_format(INT32_MAX, s), -1);
    assert_date(D("1900-01-01"), "1900-01-01");
    assert_int_equal(date_format_long(D("2024-01-05"), l), 0);
    assert_string_equal(l, "5 January 2024");
    assert_int_equal(date_format_long(D("2024-09-30"), l), 0);
    assert_string_equal(l, "30 September 2024");
    assert_int_equal(date_format_long(DATE_NONE, l), -1);
    assert_string_equal(l, "");
}

static void test_add_days_and_diff(void **state)
{
    (void)state;
    assert_date(date_add_days(D("2024-01-31"), 42), "2024-03-13");
    assert_date(date_add_days(D("2024-01-31"), 140), "2024-06-19");
    assert_date(date_add_days(D("2024-03-01"), -1), "2024-02-29");
    assert_date(date_add_days(D("2024-12-20"), 42), "2025-01-31");
    assert_int_equal(date_diff(D("2024-01-31"), D("2024-06-19")), 140);
    assert_int_equal(date_diff(D("2024-06-19"), D("2024-01-31")), -140);
    assert_int_equal(date_diff(DATE_NONE, D("2024-01-01")), 0);
    /* Extremes give DATE_NONE, never signed overflow (UBSan watches). */
    assert_int_equal(date_add_days(D("2200-12-31"), 1), DATE_NONE);
    assert_int_equal(date_add_days(D("1900-01-01"), -1), DATE_NONE);
    assert_int_equal(date_add_days(D("2024-01-01"), INT32_MAX), DATE_NONE);
    assert_int_equal(date_add_days(D("2024-01-01"), INT32_MIN), DATE_NONE);
    assert_int_equal(date_add_days(DATE_NONE, 1), DATE_NONE);
    assert_int_equal(date_add_days(INT32_MAX, INT32_MAX), DATE_NONE);
    assert_int_equal(date_add_days(DATE_NONE, INT32_MIN), DATE_NONE);
}

static void test_add_months(void **state)
{
    (void)state;
    /* End-of-month clamping */
    assert_date(date_add_months(D("2024-01-31"), 1), "2024-02-29");
    assert_date(date_add_months(D("2023-01-31"), 1), "2023-02-28");
    assert_date(date_add_months(D("2100-01-31"), 1), "2100-02-28");
    assert_date(date_add_months(D("2000-01-31"), 1), "2000-02-29");
    assert_date(date_add_months(D("2024-03-31"), 1), "2024-04-30");
    assert_date(date_add_months(D("2024-02-29"), 12), "2025-02-28");
    assert_date(date_add_months(D("2024-02-29"), 48), "2028-02-29");
    assert_date(date_add_months(D("2024-01-15"), 1), "2024-02-15");
    assert_date(date_add_months(D("2024-11-30"), 3), "2025-02-28");
    assert_date(date_add_months(D("2024-12-31"), 1), "2025-01-31");
    /* Backwards, across a year */
    assert_date(date_add_months(D("2024-03-31"), -1), "2024-02-29");
    assert_date(date_add_months(D("2024-01-31"), -2), "2023-11-30");
    assert_date(date_add_months(D("2024-05-10"), 0), "2024-05-10");
    /* Bounds */
    assert_date(date_add_months(D("2200-11-30"), 1), "2200-12-30");
    assert_int_equal(date_add_months(D("2200-12-01"), 1), DATE_NONE);
    assert_int_equal(date_add_months(D("1900-01-31"), -1), DATE_NONE);
    assert_int_equal(date_add_months(D("2024-01-01"), INT32_MAX), DATE_NONE);
    assert_int_equal(date_add_months(D("2024-01-01"), INT32_MIN), DATE_NONE);
    assert_int_equal(date_add_months(DATE_NONE, 1), DATE_NONE);
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(date_weekday(D("1970-01-01")), 4);   /* Thursday */
    assert_int_equal(date_weekday(D("2024-06-01")), 6);   /* Saturday */
    assert_int_equal(date_weekday(D("2024-06-02")), 7);   /* Sunday */
    assert_int_equal(date_weekday(D("2024-06-03")), 1);   /* Monday */
    assert_int_equal(date_weekday(D("1969-12-28")), 7);   /* Sunday, before day 0 */
    assert_int_equal(date_weekday(D("2200-12-31")), 3);   /* Wednesday */
    assert_int_equal(date_weekday(DATE_NONE), 0);
}

static void test_age(void **state)
{
    int32_t b = D("2010-09-01");

    (void)state;
    assert_int_equal(date_age_on(b, b), 0);
    assert_int_equal(date_age_on(b, D("2011-08-31")), 0);
    assert_int_equal(date_age_on(b, D("2011-09-01")), 1);
    assert_int_equal(date_age_on(b, D("2035-08-31")), 24);
    assert_int_equal(date_age_on(b, D("2035-09-01")), 25);
    assert_int_equal(date_age_on(b, D("2010-08-31")), -1);
    assert_int_equal(date_age_on(DATE_NONE, b), -1);
    assert_int_equal(date_age_on(b, DATE_NONE), -1);
    /* Born 29 February: in a common year the birthday is 1 March. */
    b = D("2008-02-29");
    assert_int_equal(date_age_on(b, D("2025-02-28")), 16);
    assert_int_equal(date_age_on(b, D("2025-03-01")), 17);
    assert_int_equal(date_age_on(b, D("2024-02-28")), 15);
    assert_int_equal(date_age_on(b, D("2024-02-29")), 16);
    /* 2100 is not a leap year either */
    assert_int_equal(date_age_on(D("2096-02-29"), D("2100-02-28")), 3);
    assert_int_equal(date_age_on(D("2096-02-29"), D("2100-03-01")), 4);
}

static void test_timestamps(void **state)
{
    char s[DATE_TS_LEN];
    int64_t t = 0, fake = 1709214307;           /* 2024-02-29T13:45:07Z */
    static const char *bad[] = {
        "", "2024-02-29T13:45:07", "2024-02-29T13:45:07Zx", "2024-02-29t13:45:07Z",
        "2024-02-29T24:00:00Z", "2024-02-29T23:60:00Z", "2024-02-29T23:59:60Z",
        "2023-02-29T00:00:00Z", "2024-02-29 13:45:07Z", "2024-02-29T13:45:07.5Z",
        "2024-02-29T13:45:07+00:00", "2024-02-29T1:45:07Z", "1899-12-31T23:59:59Z",
    };

    (void)state;
    assert_int_equal(date_ts_format(fake, s), 0);
    assert_string_equal(s, "2024-02-29T13:45:07Z");
    assert_int_equal(date_ts_parse("2024-02-29T13:45:07Z", &t), 0);
    assert_true(t == fake);
    assert_int_equal(date_ts_format(-1, s), 0);
    assert_string_equal(s, "1969-12-31T23:59:59Z");
    assert_int_equal(date_ts_parse("1969-12-31T23:59:59Z", &t), 0);
    assert_true(t == -1);
    assert_int_equal(date_of_ts(-1), -1);
    assert_int_equal(date_of_ts(-86400), -1);
    assert_int_equal(date_of_ts(-86401), -2);
    assert_int_equal(date_of_ts(0), 0);
    assert_int_equal(date_of_ts(86399), 0);
    assert_int_equal(date_of_ts(INT64_MAX), DATE_NONE);
    assert_int_equal(date_of_ts(INT64_MIN), DATE_NONE);
    assert_int_equal(date_ts_format(INT64_MAX, s), -1);
    assert_string_equal(s, "");
    assert_int_equal(date_ts_format(INT64_MIN, s), -1);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        t = 5;
        if (date_ts_parse(bad[i], &t) != -1) fail_msg("accepted \"%s\"", bad[i]);
        assert_true(t == 0);
    }
    assert_int_equal(date_ts_parse(NULL, &t), -1);
    assert_int_equal(date_ts_parse("2200-12-31T23:59:59Z", &t), 0);
    assert_int_equal(date_ts_format(t, s), 0);
    assert_string_equal(s, "2200-12-31T23:59:59Z");
    assert_int_equal(date_ts_format(t + 1, s), -1);

    /* The fake clock */
    date_set_now(&fake);
    assert_true(date_now() == fake);
    assert_date(date_today(), "2024-02-29");
    assert_int_equal(date_ts_now(s), 0);
    assert_string_equal(s, "2024-02-29T13:45:07Z");
    date_set_now(NULL);
    assert_true(date_now() > fake);             /* the real clock is later than this test */
    assert_true(date_valid(date_today()));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_day_numbers),
        cmocka_unit_test(test_whole_domain_round_trip),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_from_ymd_bounds),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_add_days_and_diff),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_age),
        cmocka_unit_test(test_timestamps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
