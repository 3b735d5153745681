/* date: calendar dates as whole day numbers, and UTC timestamps.
 *
 * A date is an int32_t counting days from 1970-01-01 (day 0; 1969-12-31 is
 * day -1). Every deadline in sendhub is computed on these numbers in C, never
 * with SQL date functions (SQLite's '+1 month' turns 31 January into 2 March).
 *
 * The valid domain is 1900-01-01 .. 2200-12-31 (DATE_MIN_YEAR..DATE_MAX_YEAR):
 * wide enough for any birth date or deadline the system can meet, narrow
 * enough that no arithmetic below can overflow. Every function that returns
 * a date returns DATE_NONE when its input is DATE_NONE or outside the domain,
 * or when the result would fall outside it, so "no date" flows through a
 * calculation instead of turning into a wrong one.
 *
 * All dates are civil dates in the proleptic Gregorian calendar with no time
 * zone. "Today" is the UTC date: the statutory clock counts whole days, and a
 * UK office working at 00:30 BST sees yesterday's date for that half hour,
 * which is harmless for deadlines measured in weeks.
 *
 * Nothing here allocates; string results go into caller-owned arrays of the
 * sizes given below. */
#ifndef SH_DATE_H
#define SH_DATE_H

#include <stddef.h>
#include <stdint.h>

#define DATE_NONE     INT32_MIN   /* "no date": unknown, not yet happened */
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2200

#define DATE_STR_LEN  11          /* "YYYY-MM-DD" and its NUL */
#define DATE_LONG_LEN 20          /* "30 September 2024" and its NUL */
#define DATE_TS_LEN   21          /* "YYYY-MM-DDTHH:MM:SSZ" and its NUL */

/* ---- calendar facts ----------------------------------------------------- */

int date_is_leap(int year);                 /* 1 or 0 (Gregorian rules) */
int date_days_in_month(int year, int month);/* 28..31; 0 if month not 1..12 */

/* ---- building and taking apart ------------------------------------------ */

/* 1 if day is inside the valid domain (so not DATE_NONE). */
int date_valid(int32_t day);

/* Day number of y-m-d into *out. Returns 0, or -1 (and *out = DATE_NONE)
 * when the year is outside the domain or the month/day do not exist. */
int date_from_ymd(int year, int month, int mday, int32_t *out);

/* Year, month (1..12), day of month of a valid day. Returns 0, or -1 for an
 * invalid day (outputs then 0). Any output pointer may be NULL. */
int date_ymd(int32_t day, int *year, int *month, int *mday);

/* ISO weekday: 1 Monday .. 7 Sunday; 0 for an invalid day. */
int date_weekday(int32_t day);

/* ---- text ------------------------------------------------------------------ */

/* Strict "YYYY-MM-DD": exactly ten characters, zero-padded, a real date in the
 * domain, nothing before or after. Rejects "2024-1-01", "2024-02-30",
 * " 2024-01-01", "2024-01-01x" and NULL. Returns 0 or -1 (*out = DATE_NONE). */
int date_parse(const char *s, int32_t *out);
/* The same for the first n bytes of s (not necessarily NUL-terminated), for
 * parsers that hold a slice: every one of the n bytes must belong to the date. */
int date_parsen(const char *s, size_t n, int32_t *out);

/* "YYYY-MM-DD" into out. Returns 0, or -1 with out = "" for an invalid day. */
int date_format(int32_t day, char out[DATE_STR_LEN]);

/* GOV.UK style "5 January 2024" (no leading zero, full month name) into out.
 * Returns 0, or -1 with out = "". */
int date_format_long(int32_t day, char out[DATE_LONG_LEN]);

/* ---- arithmetic ------------------------------------------------------------ */

/* day + n calendar days. No weekend or bank-holiday adjustment: the SEND
 * Regulations count calendar days and weeks. */
int32_t date_add_days(int32_t day, int32_t n);

/* day + n calendar months (n may be negative), clamping the day of month to
 * the length of the target month: 31 Jan 2024 + 1 month = 29 Feb 2024,
 * 31 Jan 2023 + 1 month = 28 Feb 2023, 29 Feb 2024 + 12 months = 28 Feb 2025.
 * This is the usual reading of "a month after" in English law for a date with
 * no corresponding day (the last day of the shorter month). */
int32_t date_add_months(int32_t day, int32_t n);

/* to - from in days (positive when to is later). Both must be valid; if
 * either is not, returns 0 — callers check date_valid first when it matters. */
int32_t date_diff(int32_t from, int32_t to);

/* Whole years of age on the date `on` for someone born on `birth`, or -1
 * when either date is invalid or on < birth.
 * Someone born on 29 February becomes a year older on 1 March in a common
 * year (the convention usually taken in UK law: s.9 Family Law Reform Act
 * 1969 makes an age attained at the start of the anniversary of birth, and
 * a common year has no 29 February, so the anniversary has not passed until
 * 28 February is over). */
int date_age_on(int32_t birth, int32_t on);

/* ---- now and timestamps ------------------------------------------------- */

/* Seconds since 1970-01-01T00:00:00Z (UTC, no leap seconds). */
int64_t date_now(void);
/* Today's UTC date. */
int32_t date_today(void);
/* Tests and demos: make date_now() return t (and date_today() its date) until
 * called with NULL. Not for use while other threads read the clock. */
void date_set_now(const int64_t *t);

/* The UTC date of a timestamp (floor division, so correct before 1970). */
int32_t date_of_ts(int64_t t);

/* "YYYY-MM-DDTHH:MM:SSZ" for t into out. Returns 0, or -1 (out = "") when t's
 * date is outside the domain. */
int date_ts_format(int64_t t, char out[DATE_TS_LEN]);
/* date_ts_format(date_now()). */
int date_ts_now(char out[DATE_TS_LEN]);
/* Strict parse of exactly "YYYY-MM-DDTHH:MM:SSZ" (upper-case T and Z, hour
 * 00..23, minute and second 00..59: no leap second, no fraction, no offset).
 * Returns 0 or -1 (*out = 0). */
int date_ts_parse(const char *s, int64_t *out);

#endif
