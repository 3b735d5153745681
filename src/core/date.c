#include "date.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The domain bounds as day numbers: 1900-01-01 and 2200-12-31. Checked once
 * in test_date.c against date_from_ymd. */
#define DAY_MIN (-25567)
#define DAY_MAX 84370

/* ---- the day-number conversion -------------------------------------------
 *
 * The trick (public domain, described by Howard Hinnant in "chrono-Compatible
 * Low-Level Date Algorithms") is to start the year on 1 March. Then the leap
 * day is the last day of the "year", the month lengths from March to
 * January repeat the pattern 31 30 31 30 31 in a way that a single linear
 * formula captures, and no table is needed:
 *
 *   day of year for March-based month mp (0 = March .. 11 = February) is
 *   (153 * mp + 2) / 5 (integer division): 0, 31, 61, 92, 122, 153, ...
 *
 * Years are grouped into 400-year eras of exactly 146097 days, so the only
 * division that must round towards minus infinity is the one that picks the
 * era; inside an era every quantity is non-negative. 719468 is the number of
 * days from 0000-03-01 to 1970-01-01. All of it runs in 64 bits, so no input
 * in the int32 range can overflow. */

static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    int mp;

    if (m <= 2) y -= 1;                     /* Jan and Feb belong to the year before */
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;                    /* 0..399 */
    mp = (m + 9) % 12;                      /* March = 0 .. February = 11 */
    doy = (153 * mp + 2) / 5 + d - 1;       /* 0..365 */
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;   /* 0..146096 */
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;                 /* 0..146096 */
    /* Years in the era: remove the leap days (one per 4 years, less one per
     * century, plus the one at the end of the era) then divide by 365. */
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;               /* inverse of the 153/5 formula */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* ---- calendar facts ----------------------------------------------------- */

int date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (month < 1 || month > 12) return 0;
    if (month == 2 && date_is_leap(year)) return 29;
    return len[month - 1];
}

int date_valid(int32_t day)
{
    return day >= DAY_MIN && day <= DAY_MAX;
}

int date_from_ymd(int year, int month, int mday, int32_t *out)
{
    int rc = -1;

    *out = DATE_NONE;
    if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) goto done;
    if (month < 1 || month > 12) goto done;
    if (mday < 1 || mday > date_days_in_month(year, month)) goto done;
    *out = (int32_t)days_from_civil(year, month, mday);
    rc = 0;
done:
    return rc;
}

int date_ymd(int32_t day, int *year, int *month, int *mday)
{
    int64_t y = 0;
    int m = 0, d = 0, rc = -1;

    if (!date_valid(day)) goto done;
    civil_from_days(day, &y, &m, &d);
    rc = 0;
done:
    if (year) *year = (int)y;
    if (month) *month = m;
    if (mday) *mday = d;
    return rc;
}

int date_weekday(int32_t day)
{
    int r;

    if (!date_valid(day)) return 0;
    /* Day 0 (1970-01-01) was a Thursday, ISO weekday 4. */
    r = (int)(((int64_t)day % 7 + 7) % 7);  /* 0 = Thursday */
    return (r + 3) % 7 + 1;
}

/* ---- text ------------------------------------------------------------------ */

/* n ASCII digits at s as a number, or -1 if any is not a digit. isdigit()
 * is locale-dependent and takes int; this is neither. */
static int digits(const char *s, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int date_parsen(const char *s, size_t n, int32_t *out)
{
    int y, m, d, rc = -1;

    *out = DATE_NONE;
    if (!s || n != 10) goto done;
    if (s[4] != '-' || s[7] != '-') goto done;
    y = digits(s, 4);
    m = digits(s + 5, 2);
    d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0) goto done;
    rc = date_from_ymd(y, m, d, out);
done:
    return rc;
}

int date_parse(const char *s, int32_t *out)
{
    /* strnlen: a 10-byte date followed by junk must fail, and we need not
     * walk an arbitrarily long string to find that out. */
    return date_parsen(s, s ? strnlen(s, 11) : 0, out);
}

/* Writes v (0 <= v < 10^width) as exactly `width` digits. Done by hand
 * rather than with snprintf so the compiler can see the output length. */
static char *put_digits(char *p, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

/* "YYYY-MM-DD" at p (no NUL); returns the end. */
static char *put_ymd(char *p, int y, int m, int d)
{
    p = put_digits(p, y, 4);
    *p++ = '-';
    p = put_digits(p, m, 2);
    *p++ = '-';
    return put_digits(p, d, 2);
}

int date_format(int32_t day, char out[DATE_STR_LEN])
{
    int y, m, d;

    out[0] = '\0';
    if (date_ymd(day, &y, &m, &d) < 0) return -1;
    *put_ymd(out, y, m, d) = '\0';
    return 0;
}

int date_format_long(int32_t day, char out[DATE_LONG_LEN])
{
    static const char *const name[12] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    int y, m, d;

    out[0] = '\0';
    if (date_ymd(day, &y, &m, &d) < 0) return -1;
    snprintf(out, DATE_LONG_LEN, "%d %s %d", d, name[m - 1], y);
    return 0;
}

/* ---- arithmetic ------------------------------------------------------------ */

int32_t date_add_days(int32_t day, int32_t n)
{
    int64_t r;

    if (!date_valid(day)) return DATE_NONE;
    r = (int64_t)day + n;
    return r >= DAY_MIN && r <= DAY_MAX ? (int32_t)r : DATE_NONE;
}

int32_t date_add_months(int32_t day, int32_t n)
{
    int y, m, d, dim;
    int64_t total, ny;
    int32_t out = DATE_NONE;

    if (date_ymd(day, &y, &m, &d) < 0) goto done;
    /* Count months from year 0 so that one floor division handles negative
     * n; y is at most 2200 and n an int32, so this fits easily in 64 bits. */
    total = (int64_t)y * 12 + (m - 1) + n;
    if (total < (int64_t)DATE_MIN_YEAR * 12 || total > (int64_t)DATE_MAX_YEAR * 12 + 11)
        goto done;
    ny = total / 12;                        /* total >= 0 here: plain division */
    m = (int)(total % 12) + 1;
    /* No 31 April, no 29 February in a common year: take the month's last
     * day instead (see the header comment). */
    dim = date_days_in_month((int)ny, m);
    if (d > dim) d = dim;
    date_from_ymd((int)ny, m, d, &out);
done:
    return out;
}

int32_t date_diff(int32_t from, int32_t to)
{
    if (!date_valid(from) || !date_valid(to)) return 0;
    return to - from;                       /* |result| < 110000: no overflow */
}

int date_age_on(int32_t birth, int32_t on)
{
    int by, bm, bd, y, m, d, age = -1;

    if (date_ymd(birth, &by, &bm, &bd) < 0 || date_ymd(on, &y, &m, &d) < 0) goto done;
    if (on < birth) goto done;
    age = y - by;
    /* Not yet had this year's birthday? Comparing (month, day) pairs gives
     * the 1 March rule for 29 February births for free: in a common year
     * (2, 28) is still before (2, 29), and (3, 1) is after it. */
    if (m < bm || (m == bm && d < bd)) age--;
done:
    return age;
}

/* ---- now and timestamps ------------------------------------------------- */

static atomic_int fake_set;
static _Atomic int64_t fake_now;

void date_set_now(const int64_t *t)
{
    if (t) {
        atomic_store(&fake_now, *t);
        atomic_store(&fake_set, 1);
    } else {
        atomic_store(&fake_set, 0);
    }
}

int64_t date_now(void)
{
    struct timespec ts;

    if (atomic_load(&fake_set)) return atomic_load(&fake_now);
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) return 0;
    return (int64_t)ts.tv_sec;
}

int32_t date_of_ts(int64_t t)
{
    int64_t q = t / 86400;

    if (t % 86400 < 0) q--;                 /* floor, not truncation */
    if (q < DAY_MIN || q > DAY_MAX) return DATE_NONE;
    return (int32_t)q;
}

int32_t date_today(void)
{
    return date_of_ts(date_now());
}

int date_ts_format(int64_t t, char out[DATE_TS_LEN])
{
    int32_t day = date_of_ts(t);
    char *p;
    int y, m, d, secs;

    out[0] = '\0';
    if (date_ymd(day, &y, &m, &d) < 0) return -1;
    secs = (int)(t - (int64_t)day * 86400); /* 0..86399 */
    p = put_ymd(out, y, m, d);
    *p++ = 'T';
    p = put_digits(p, secs / 3600, 2);
    *p++ = ':';
    p = put_digits(p, secs / 60 % 60, 2);
    *p++ = ':';
    p = put_digits(p, secs % 60, 2);
    *p++ = 'Z';
    *p = '\0';
    return 0;
}

int date_ts_now(char out[DATE_TS_LEN])
{
    return date_ts_format(date_now(), out);
}

int date_ts_parse(const char *s, int64_t *out)
{
    int32_t day;
    int hh, mm, ss, rc = -1;

    *out = 0;
    if (!s || strnlen(s, DATE_TS_LEN) != DATE_TS_LEN - 1) goto done;
    if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') goto done;
    if (date_parsen(s, 10, &day) < 0) goto done;
    hh = digits(s + 11, 2);
    mm = digits(s + 14, 2);
    ss = digits(s + 17, 2);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) goto done;
    *out = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss;
    rc = 0;
done:
    return rc;
}
