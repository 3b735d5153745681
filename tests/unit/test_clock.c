/* Unit tests for journeys/clock: a worked date for every statutory rule.
 * Expected dates were checked against an independent calendar. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "journeys/clock.h"

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

static void assert_deadline(enum clock_step step, const char *start, const char *want)
{
    int32_t dl = 0;
    assert_int_equal(clock_deadline(step, D(start), &dl), 0);
    assert_date(dl, want);
}

/* ---- one rule at a time -------------------------------------------------------- */

static void test_decision_6_weeks(void **state)
{
    (void)state;
    assert_deadline(CLOCK_DECISION, "2024-01-31", "2024-03-13");   /* month end */
    assert_deadline(CLOCK_DECISION, "2024-02-01", "2024-03-14");   /* across 29 Feb */
    assert_deadline(CLOCK_DECISION, "2023-02-01", "2023-03-15");   /* common year */
    assert_deadline(CLOCK_DECISION, "2100-02-01", "2100-03-15");   /* 2100 not leap */
    assert_deadline(CLOCK_DECISION, "2000-02-01", "2000-03-14");   /* 2000 leap */
    assert_deadline(CLOCK_DECISION, "2024-12-31", "2025-02-11");   /* across the year */
    /* Calendar days: received on a Saturday, due on the Saturday six weeks
     * later; received 20 Nov, due on New Year's Day. Nothing moves. */
    assert_deadline(CLOCK_DECISION, "2024-06-01", "2024-07-13");
    assert_int_equal(date_weekday(D("2024-07-13")), 6);
    assert_deadline(CLOCK_DECISION, "2024-06-02", "2024-07-14");
    assert_int_equal(date_weekday(D("2024-07-14")), 7);
    assert_deadline(CLOCK_DECISION, "2024-11-20", "2025-01-01");
}

static void test_advice_6_weeks(void **state)
{
    (void)state;
    assert_deadline(CLOCK_ADVICE, "2024-03-11", "2024-04-22");
    assert_deadline(CLOCK_ADVICE, "2024-02-29", "2024-04-11");
}

static void test_no_plan_notice_16_weeks(void **state)
{
    (void)state;
    assert_deadline(CLOCK_NO_PLAN_NOTICE, "2024-01-31", "2024-05-22");
    assert_deadline(CLOCK_NO_PLAN_NOTICE, "2024-12-31", "2025-04-22");
}

static void test_final_plan_20_weeks(void **state)
{
    int32_t r = D("2024-01-31");

    (void)state;
    assert_deadline(CLOCK_FINAL_PLAN, "2024-01-31", "2024-06-19");
    assert_deadline(CLOCK_FINAL_PLAN, "2024-12-31", "2025-05-20");
    assert_deadline(CLOCK_FINAL_PLAN, "2024-06-01", "2024-10-19");    /* Sat -> Sat */
    /* Exactly 140 days is within 20 weeks; 141 is not. */
    assert_true(clock_within_20_weeks(r, date_add_days(r, 140)));
    assert_false(clock_within_20_weeks(r, date_add_days(r, 141)));
    assert_true(clock_within_20_weeks(r, D("2024-06-19")));
    assert_false(clock_within_20_weeks(r, D("2024-06-20")));
    assert_true(clock_within_20_weeks(r, r));
    assert_false(clock_within_20_weeks(r, DATE_NONE));
    assert_false(clock_within_20_weeks(DATE_NONE, r));
    assert_false(clock_within_20_weeks(D("2200-12-31"), D("2200-12-31")));
}

static void test_draft_comments_15_days(void **state)
{
    int32_t earliest;
    struct clock_status st;

    (void)state;
    /* Sent 20 Feb 2024: comments on 20 Feb .. 5 Mar (15 days, beginning
     * with the day it was sent); the plan may be final from 6 March. */
    assert_int_equal(clock_deadline(CLOCK_DRAFT_COMMENTS, D("2024-02-20"), &earliest), 0);
    assert_date(earliest, "2024-03-06");
    st = clock_draft_status(earliest, D("2024-03-05"), D("2024-04-01"));
    assert_int_equal(st.state, CLOCK_TOO_EARLY);
    assert_int_equal(st.days, 1);
    st = clock_draft_status(earliest, D("2024-03-06"), D("2024-04-01"));
    assert_int_equal(st.state, CLOCK_DONE_ON_TIME);
    st = clock_draft_status(earliest, DATE_NONE, D("2024-03-05"));
    assert_int_equal(st.state, CLOCK_PERIOD_OPEN);
    assert_int_equal(st.days, 1);
    st = clock_draft_status(earliest, DATE_NONE, D("2024-02-20"));
    assert_int_equal(st.state, CLOCK_PERIOD_OPEN);
    assert_int_equal(st.days, 15);
    st = clock_draft_status(earliest, DATE_NONE, D("2024-03-06"));
    assert_int_equal(st.state, CLOCK_PERIOD_ENDED);
    st = clock_draft_status(DATE_NONE, DATE_NONE, D("2024-03-06"));
    assert_int_equal(st.state, CLOCK_NOT_STARTED);
}

static void test_review_amend_reassess(void **state)
{
    (void)state;
    assert_deadline(CLOCK_ANNUAL_REVIEW_DECISION, "2024-02-15", "2024-03-14");
    assert_deadline(CLOCK_ANNUAL_REVIEW_DECISION, "2023-02-15", "2023-03-15");
    assert_deadline(CLOCK_AMENDMENT, "2024-01-31", "2024-03-27");
    assert_deadline(CLOCK_REASSESSMENT, "2024-01-31", "2024-05-08");
}

static void test_phase_transfer(void **state)
{
    int32_t dl;

    (void)state;
    assert_int_equal(clock_phase_transfer_deadline(2025, 0, &dl), 0);
    assert_date(dl, "2025-02-15");
    assert_int_equal(clock_phase_transfer_deadline(2025, 1, &dl), 0);
    assert_date(dl, "2025-03-31");
    assert_int_equal(clock_phase_transfer_deadline(2024, 0, &dl), 0);
    assert_date(dl, "2024-02-15");
    assert_int_equal(clock_phase_transfer_deadline(1899, 0, &dl), -1);
    assert_int_equal(dl, DATE_NONE);
    assert_int_equal(clock_phase_transfer_deadline(-2147483647 - 1, 1, &dl), -1);
    /* On 15 February itself it is still on time; on the 16th it is late. */
    assert_int_equal(clock_phase_transfer_deadline(2025, 0, &dl), 0);
    assert_int_equal(clock_status_of(dl, D("2025-02-15"), DATE_NONE, 0, 14).state,
                     CLOCK_DONE_ON_TIME);
    assert_int_equal(clock_status_of(dl, D("2025-02-16"), DATE_NONE, 0, 14).state,
                     CLOCK_DONE_LATE);
    /* clock_deadline will not guess a transfer year */
    assert_int_equal(clock_deadline(CLOCK_PHASE_TRANSFER, D("2024-09-01"), &dl), -1);
    assert_int_equal(dl, DATE_NONE);
}

static void test_review_every_12_months(void **state)
{
    (void)state;
    /* 29 Feb 2024 + 12 calendar months: no 29 Feb in 2025, so the last day
     * of February, 28 Feb 2025 (see date_add_months). */
    assert_deadline(CLOCK_REVIEW_DUE, "2024-02-29", "2025-02-28");
    assert_deadline(CLOCK_REVIEW_DUE, "2024-01-31", "2025-01-31");
    assert_deadline(CLOCK_REVIEW_DUE, "2023-03-01", "2024-03-01");
    assert_deadline(CLOCK_REVIEW_DUE, "2099-02-28", "2100-02-28");
}

static void test_deadline_bad_input(void **state)
{
    int32_t dl = 7;

    (void)state;
    assert_int_equal(clock_deadline(CLOCK_FINAL_PLAN, DATE_NONE, &dl), -1);
    assert_int_equal(dl, DATE_NONE);
    assert_int_equal(clock_deadline(CLOCK_FINAL_PLAN, D("2200-12-31"), &dl), -1);
    assert_int_equal(clock_deadline(CLOCK_REVIEW_DUE, D("2200-06-01"), &dl), -1);
    assert_int_equal(clock_deadline(CLOCK_FINAL_PLAN, INT32_MAX, &dl), -1);
    assert_int_equal(clock_deadline((enum clock_step)CLOCK_STEP_COUNT, D("2024-01-01"), &dl), -1);
    assert_int_equal(clock_deadline((enum clock_step)-1, D("2024-01-01"), &dl), -1);
    assert_string_equal(clock_step_label((enum clock_step)-1), "");
    assert_string_equal(clock_state_key((enum clock_state)99), "");
    assert_string_equal(clock_exception_key((enum clock_exception_kind)-3), "");
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(clock_step_label(CLOCK_DECISION), "Decide whether to carry out an assessment");
    assert_string_equal(clock_step_reg(CLOCK_DECISION), "reg 5(1)");
    assert_string_equal(clock_step_reg(CLOCK_FINAL_PLAN), "reg 13(2)");
    assert_string_equal(clock_step_key(CLOCK_FINAL_PLAN), "final-plan");
    for (int i = 0; i < CLOCK_STEP_COUNT; i++) {
        assert_true(clock_step_label(i)[0] && clock_step_reg(i)[0] && clock_step_key(i)[0]);
        for (int j = 0; j < i; j++) assert_string_not_equal(clock_step_key(i), clock_step_key(j));
    }
    for (int i = 0; i < CLOCK_STATE_COUNT; i++) {
        assert_true(clock_state_label(i)[0] && clock_state_key(i)[0]);
        for (int j = 0; j < i; j++) assert_string_not_equal(clock_state_key(i), clock_state_key(j));
    }
    for (int i = 0; i < CLOCK_EXC_COUNT; i++) {
        assert_true(clock_exception_label(i)[0]);
        assert_int_equal(clock_exception_from_key(clock_exception_key(i)), i);
    }
    assert_int_equal(clock_exception_from_key("nope"), -1);
    assert_int_equal(clock_exception_from_key(NULL), -1);
}

/* ---- status ----------------------------------------------------------------------- */

static void test_status_of(void **state)
{
    int32_t dl = D("2024-03-13");
    struct clock_status st;

    (void)state;
    st = clock_status_of(dl, D("2024-03-13"), D("2024-06-01"), 0, 7);
    assert_int_equal(st.state, CLOCK_DONE_ON_TIME);
    assert_int_equal(st.days, 0);
    st = clock_status_of(dl, D("2024-03-10"), D("2024-06-01"), 1, 7);
    assert_int_equal(st.state, CLOCK_DONE_ON_TIME);   /* exception irrelevant when on time */
    assert_int_equal(st.days, 3);
    st = clock_status_of(dl, D("2024-03-14"), D("2024-06-01"), 0, 7);
    assert_int_equal(st.state, CLOCK_DONE_LATE);
    assert_int_equal(st.days, 1);
    st = clock_status_of(dl, D("2024-03-20"), D("2024-06-01"), 1, 7);
    assert_int_equal(st.state, CLOCK_DONE_LATE_EXCEPTION);
    assert_int_equal(st.days, 7);
    st = clock_status_of(dl, DATE_NONE, D("2024-03-13"), 0, 7);
    assert_int_equal(st.state, CLOCK_DUE_SOON);
    assert_int_equal(st.days, 0);
    st = clock_status_of(dl, DATE_NONE, D("2024-03-06"), 0, 7);
    assert_int_equal(st.state, CLOCK_DUE_SOON);
    assert_int_equal(st.days, 7);
    st = clock_status_of(dl, DATE_NONE, D("2024-03-05"), 0, 7);
    assert_int_equal(st.state, CLOCK_PENDING);
    assert_int_equal(st.days, 8);
    st = clock_status_of(dl, DATE_NONE, D("2024-03-12"), 0, 0);
    assert_int_equal(st.state, CLOCK_PENDING);
    st = clock_status_of(dl, DATE_NONE, D("2024-03-14"), 0, 7);
    assert_int_equal(st.state, CLOCK_OVERDUE);
    assert_int_equal(st.days, 1);
    st = clock_status_of(dl, DATE_NONE, D("2024-04-13"), 1, 7);
    assert_int_equal(st.state, CLOCK_OVERDUE_EXCEPTION);
    assert_int_equal(st.days, 31);
    st = clock_status_of(dl, DATE_NONE, DATE_NONE, 0, 7);
    assert_int_equal(st.state, CLOCK_PENDING);
    st = clock_status_of(DATE_NONE, D("2024-03-14"), D("2024-03-14"), 0, 7);
    assert_int_equal(st.state, CLOCK_NOT_STARTED);
    st = clock_status_of(INT32_MAX, INT32_MIN, INT32_MAX, 0, INT32_MAX);
    assert_int_equal(st.state, CLOCK_NOT_STARTED);
}

/* ---- exceptions ------------------------------------------------------------------ */

static void test_exception_rules(void **state)
{
    int32_t start = D("2024-01-31"), dl = D("2024-06-19");
    struct clock_exception e = {CLOCK_EXC_PERSONAL, D("2024-04-10"), D("2024-05-10"), "bereavement"};

    (void)state;
    assert_true(clock_exception_applies(CLOCK_FINAL_PLAN, &e, start, dl));
    assert_true(clock_exception_applies(CLOCK_ADVICE, &e, D("2024-04-01"), D("2024-05-13")));
    /* Outside the window: after the deadline, or over before the start */
    e.from = D("2024-06-20");
    e.to = DATE_NONE;
    assert_false(clock_exception_applies(CLOCK_FINAL_PLAN, &e, start, dl));
    e.from = D("2024-06-19");
    assert_true(clock_exception_applies(CLOCK_FINAL_PLAN, &e, start, dl));   /* on the last day */
    e.from = D("2023-10-01");
    e.to = D("2024-01-30");
    assert_false(clock_exception_applies(CLOCK_FINAL_PLAN, &e, start, dl));
    e.to = D("2024-01-31");
    assert_true(clock_exception_applies(CLOCK_FINAL_PLAN, &e, start, dl));
    e.from = DATE_NONE;
    e.to = DATE_NONE;
    assert_true(clock_exception_applies(CLOCK_FINAL_PLAN, &e, start, dl));
    /* Every reg 10(4) kind excuses the decision, 16- and 20-week limits
     * and the re-assessment limit; none excuses annual review steps. */
    for (int k = CLOCK_EXC_SCHOOL_CLOSED; k <= CLOCK_EXC_ABSENT; k++) {
        e.kind = k;
        assert_true(clock_exception_applies(CLOCK_DECISION, &e, start, dl));
        assert_true(clock_exception_applies(CLOCK_NO_PLAN_NOTICE, &e, start, dl));
        assert_true(clock_exception_applies(CLOCK_FINAL_PLAN, &e, start, dl));
        assert_true(clock_exception_applies(CLOCK_REASSESSMENT, &e, start, dl));
        assert_false(clock_exception_applies(CLOCK_ANNUAL_REVIEW_DECISION, &e, start, dl));
        assert_false(clock_exception_applies(CLOCK_AMENDMENT, &e, start, dl));
        assert_false(clock_exception_applies(CLOCK_DRAFT_COMMENTS, &e, start, dl));
    }
    /* A missed appointment excuses late advice, and nothing else. */
    e.kind = CLOCK_EXC_MISSED_APPOINTMENT;
    assert_true(clock_exception_applies(CLOCK_ADVICE, &e, start, dl));
    assert_false(clock_exception_applies(CLOCK_FINAL_PLAN, &e, start, dl));
    assert_false(clock_exception_applies(CLOCK_DECISION, &e, start, dl));
    assert_false(clock_exception_applies(CLOCK_NO_PLAN_NOTICE, &e, start, dl));
    /* Reg 8(2) has no school-closure ground. */
    e.kind = CLOCK_EXC_SCHOOL_CLOSED;
    assert_false(clock_exception_applies(CLOCK_ADVICE, &e, start, dl));
    e.kind = CLOCK_EXC_ABSENT;
    assert_true(clock_exception_applies(CLOCK_ADVICE, &e, start, dl));
    /* Junk */
    e.kind = (enum clock_exception_kind)77;
    assert_false(clock_exception_applies(CLOCK_FINAL_PLAN, &e, start, dl));
    assert_false(clock_exception_applies(CLOCK_FINAL_PLAN, NULL, start, dl));
    e.kind = CLOCK_EXC_ABSENT;
    assert_false(clock_exception_applies(CLOCK_FINAL_PLAN, &e, DATE_NONE, dl));
}

/* ---- whole timelines -------------------------------------------------------------- */

static struct clock_request blank_request(const char *received)
{
    struct clock_request r = {0};
    r.received = D(received);
    r.decided = DATE_NONE;
    r.decision = CLOCK_OUTCOME_PENDING;
    r.no_plan_notice = DATE_NONE;
    r.draft_sent = DATE_NONE;
    r.final_issued = DATE_NONE;
    r.withdrawn = DATE_NONE;
    return r;
}

static void expect(const struct clock_entry *e, enum clock_step step, const char *deadline,
                   enum clock_state state, int32_t days)
{
    assert_int_equal(e->step, step);
    assert_string_equal(e->label, clock_step_label(step));
    assert_string_equal(e->reg, clock_step_reg(step));
    if (deadline) assert_date(e->deadline, deadline);
    else assert_int_equal(e->deadline, DATE_NONE);
    if (e->status.state != state)
        fail_msg("%s: state %s, want %s", clock_step_key(step),
                 clock_state_key(e->status.state), clock_state_key(state));
    assert_int_equal(e->status.days, days);
}

/* Day 32 of a new request: decision due in 5 days, the rest ahead. */
static void test_timeline_new_request(void **state)
{
    struct clock_request r = blank_request("2024-01-31");
    struct clock_entry *e = NULL;
    size_t n = 0;

    (void)state;
    assert_int_equal(clock_timeline(&r, D("2024-03-08"), 7, &e, &n), 0);
    assert_int_equal(n, 4);
    expect(&e[0], CLOCK_DECISION, "2024-03-13", CLOCK_DUE_SOON, 5);
    expect(&e[1], CLOCK_NO_PLAN_NOTICE, "2024-05-22", CLOCK_PENDING, 75);
    expect(&e[2], CLOCK_DRAFT_COMMENTS, NULL, CLOCK_NOT_STARTED, 0);
    assert_int_equal(e[2].start, DATE_NONE);
    expect(&e[3], CLOCK_FINAL_PLAN, "2024-06-19", CLOCK_PENDING, 103);
    assert_int_equal(e[3].start, r.received);
    assert_int_equal(clock_most_urgent(e, n), 0);
    assert_int_equal(clock_most_urgent(e + 2, 1), -1);     /* not started: not work */
    assert_int_equal(clock_most_urgent(NULL, 0), -1);
    free(e);

    /* A day after the decision deadline, still undecided */
    assert_int_equal(clock_timeline(&r, D("2024-03-14"), 7, &e, &n), 0);
    expect(&e[0], CLOCK_DECISION, "2024-03-13", CLOCK_OVERDUE, 1);
    free(e);
}

/* The full story: decided on time, one advice late with a missed
 * appointment, plan issued a day late with a personal-circumstances
 * exception, so Week20 = 1. */
static void test_timeline_plan_issued_late_with_exception(void **state)
{
    struct clock_advice adv[] = {
        {"Educational psychology", D("2024-03-11"), D("2024-05-01")},
        {"Health", D("2024-03-11"), D("2024-04-15")},
        {"Social care", D("2024-03-11"), DATE_NONE},
    };
    struct clock_exception exc[] = {
        {CLOCK_EXC_MISSED_APPOINTMENT, D("2024-04-01"), D("2024-04-01"), "missed EP visit"},
        {CLOCK_EXC_PERSONAL, D("2024-04-10"), D("2024-05-10"), "family illness"},
    };
    struct clock_request r = blank_request("2024-01-31");
    struct clock_entry *e = NULL;
    size_t n = 0;

    (void)state;
    r.decided = D("2024-03-10");
    r.decision = CLOCK_OUTCOME_YES;
    r.advice = adv;
    r.n_advice = 3;
    r.draft_sent = D("2024-06-01");
    r.final_issued = D("2024-06-20");
    r.exceptions = exc;
    r.n_exceptions = 2;
    assert_int_equal(clock_timeline(&r, D("2024-07-01"), 7, &e, &n), 0);
    assert_int_equal(n, 6);
    expect(&e[0], CLOCK_DECISION, "2024-03-13", CLOCK_DONE_ON_TIME, 3);
    expect(&e[1], CLOCK_ADVICE, "2024-04-22", CLOCK_DONE_LATE_EXCEPTION, 9);
    assert_string_equal(e[1].who, "Educational psychology");
    expect(&e[2], CLOCK_ADVICE, "2024-04-22", CLOCK_DONE_ON_TIME, 7);
    assert_string_equal(e[2].who, "Health");
    /* Still outstanding; the exceptions overlap its window so they apply */
    expect(&e[3], CLOCK_ADVICE, "2024-04-22", CLOCK_OVERDUE_EXCEPTION, 70);
    expect(&e[4], CLOCK_DRAFT_COMMENTS, "2024-06-16", CLOCK_DONE_ON_TIME, 0);
    expect(&e[5], CLOCK_FINAL_PLAN, "2024-06-19", CLOCK_DONE_LATE_EXCEPTION, 1);
    assert_true(e[5].has_exception);
    assert_int_equal(clock_most_urgent(e, n), 3);           /* the missing social care advice */
    assert_false(clock_within_20_weeks(r.received, r.final_issued));
    assert_int_equal(clock_week20(&r), 1);
    free(e);

    /* Without the personal exception the missed appointment alone does not
     * excuse the 20-week limit: plain late, Week20 = 0. */
    r.n_exceptions = 1;
    assert_int_equal(clock_timeline(&r, D("2024-07-01"), 7, &e, &n), 0);
    expect(&e[1], CLOCK_ADVICE, "2024-04-22", CLOCK_DONE_LATE_EXCEPTION, 9);
    expect(&e[5], CLOCK_FINAL_PLAN, "2024-06-19", CLOCK_DONE_LATE, 1);
    assert_false(e[5].has_exception);
    assert_int_equal(clock_week20(&r), 0);
    free(e);

    /* Issued on day 140 exactly: on time */
    r.final_issued = D("2024-06-19");
    assert_int_equal(clock_timeline(&r, D("2024-07-01"), 7, &e, &n), 0);
    expect(&e[5], CLOCK_FINAL_PLAN, "2024-06-19", CLOCK_DONE_ON_TIME, 0);
    free(e);

    /* Finalised inside the family's 15 days */
    r.draft_sent = D("2024-06-10");
    assert_int_equal(clock_timeline(&r, D("2024-07-01"), 7, &e, &n), 0);
    expect(&e[4], CLOCK_DRAFT_COMMENTS, "2024-06-25", CLOCK_TOO_EARLY, 6);
    free(e);
}

static void test_timeline_decided_not_to_assess(void **state)
{
    struct clock_request r = blank_request("2024-06-01");    /* a Saturday */
    struct clock_entry *e = NULL;
    size_t n = 0;

    (void)state;
    r.decided = D("2024-07-15");
    r.decision = CLOCK_OUTCOME_NO;
    assert_int_equal(clock_timeline(&r, D("2024-08-01"), 7, &e, &n), 0);
    assert_int_equal(n, 1);
    expect(&e[0], CLOCK_DECISION, "2024-07-13", CLOCK_DONE_LATE, 2);
    free(e);
}

static void test_timeline_no_plan_notice(void **state)
{
    struct clock_advice adv[] = {{"Educational psychology", D("2024-03-11"), D("2024-04-20")}};
    struct clock_request r = blank_request("2024-01-31");
    struct clock_entry *e = NULL;
    size_t n = 0;

    (void)state;
    r.decided = D("2024-03-10");
    r.decision = CLOCK_OUTCOME_YES;
    r.advice = adv;
    r.n_advice = 1;
    r.no_plan_notice = D("2024-05-20");
    assert_int_equal(clock_timeline(&r, D("2024-07-01"), 7, &e, &n), 0);
    assert_int_equal(n, 3);
    expect(&e[0], CLOCK_DECISION, "2024-03-13", CLOCK_DONE_ON_TIME, 3);
    expect(&e[1], CLOCK_ADVICE, "2024-04-22", CLOCK_DONE_ON_TIME, 2);
    expect(&e[2], CLOCK_NO_PLAN_NOTICE, "2024-05-22", CLOCK_DONE_ON_TIME, 2);
    free(e);

    /* Draft sent, plan not yet final: no 16-week step any more */
    r.no_plan_notice = DATE_NONE;
    r.draft_sent = D("2024-06-01");
    assert_int_equal(clock_timeline(&r, D("2024-06-05"), 7, &e, &n), 0);
    assert_int_equal(n, 4);
    expect(&e[2], CLOCK_DRAFT_COMMENTS, "2024-06-16", CLOCK_PERIOD_OPEN, 11);
    expect(&e[3], CLOCK_FINAL_PLAN, "2024-06-19", CLOCK_PENDING, 14);
    free(e);
}

static void test_timeline_withdrawn(void **state)
{
    struct clock_advice adv[] = {{"Health", D("2024-03-11"), DATE_NONE}};
    struct clock_request r = blank_request("2024-01-31");
    struct clock_entry *e = NULL;
    size_t n = 0;

    (void)state;
    r.decided = D("2024-03-10");
    r.decision = CLOCK_OUTCOME_YES;
    r.advice = adv;
    r.n_advice = 1;
    r.withdrawn = D("2024-04-01");
    assert_int_equal(clock_timeline(&r, D("2024-09-01"), 7, &e, &n), 0);
    assert_int_equal(n, 4);                         /* draft never started: left out */
    expect(&e[0], CLOCK_DECISION, "2024-03-13", CLOCK_DONE_ON_TIME, 3);
    expect(&e[1], CLOCK_ADVICE, "2024-04-22", CLOCK_CLOSED, 0);
    expect(&e[2], CLOCK_NO_PLAN_NOTICE, "2024-05-22", CLOCK_CLOSED, 0);
    expect(&e[3], CLOCK_FINAL_PLAN, "2024-06-19", CLOCK_CLOSED, 0);
    free(e);

    /* SEN2 'W' at the decision stage */
    r = blank_request("2024-01-31");
    r.decided = D("2024-02-20");
    r.decision = CLOCK_OUTCOME_WITHDRAWN;
    assert_int_equal(clock_timeline(&r, D("2024-09-01"), 7, &e, &n), 0);
    assert_int_equal(n, 3);
    expect(&e[0], CLOCK_DECISION, "2024-03-13", CLOCK_CLOSED, 0);
    assert_int_equal(e[0].done, DATE_NONE);
    free(e);
}

static void test_timeline_reassessment(void **state)
{
    struct clock_exception exc[] = {{CLOCK_EXC_ABSENT, D("2024-03-01"), D("2024-04-15"), "abroad"}};
    struct clock_request r = blank_request("2024-01-31");
    struct clock_entry *e = NULL;
    size_t n = 0;

    (void)state;
    r.reassessment = 1;
    r.decided = D("2024-02-10");
    r.decision = CLOCK_OUTCOME_YES;
    assert_int_equal(clock_timeline(&r, D("2024-05-10"), 14, &e, &n), 0);
    assert_int_equal(n, 2);
    expect(&e[0], CLOCK_DRAFT_COMMENTS, NULL, CLOCK_NOT_STARTED, 0);
    expect(&e[1], CLOCK_REASSESSMENT, "2024-05-18", CLOCK_DUE_SOON, 8);
    free(e);
    assert_int_equal(clock_week20(&r), 0);
    r.exceptions = exc;
    r.n_exceptions = 1;
    assert_int_equal(clock_week20(&r), 1);

    r.decision = CLOCK_OUTCOME_NO;
    assert_int_equal(clock_timeline(&r, D("2024-05-10"), 14, &e, &n), 0);
    assert_int_equal(n, 0);
    free(e);
}

static void test_timeline_bad_input(void **state)
{
    struct clock_request r = blank_request("2024-01-31");
    struct clock_entry *e = (struct clock_entry *)&r;
    size_t n = 9;

    (void)state;
    r.received = DATE_NONE;
    assert_int_equal(clock_timeline(&r, D("2024-05-10"), 7, &e, &n), -1);
    assert_null(e);
    assert_int_equal(n, 0);
    assert_int_equal(clock_timeline(NULL, D("2024-05-10"), 7, &e, &n), -1);
    r = blank_request("2024-01-31");
    r.n_advice = 3;                                 /* count without array */
    assert_int_equal(clock_timeline(&r, D("2024-05-10"), 7, &e, &n), -1);
    r.advice = (const struct clock_advice *)&r;     /* never read: the size check fails first */
    r.n_advice = SIZE_MAX;
    assert_int_equal(clock_timeline(&r, D("2024-05-10"), 7, &e, &n), -1);
    assert_null(e);
    /* Near the end of the domain: deadlines fall outside it and the steps
     * show as not started rather than with a wrong date. */
    r = blank_request("2200-12-01");
    assert_int_equal(clock_timeline(&r, DATE_NONE, 7, &e, &n), 0);
    assert_int_equal(n, 4);
    expect(&e[0], CLOCK_DECISION, NULL, CLOCK_NOT_STARTED, 0);
    expect(&e[3], CLOCK_FINAL_PLAN, NULL, CLOCK_NOT_STARTED, 0);
    free(e);
    assert_int_equal(clock_week20(&r), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decision_6_weeks),
        cmocka_unit_test(test_advice_6_weeks),
        cmocka_unit_test(test_no_plan_notice_16_weeks),
        cmocka_unit_test(test_final_plan_20_weeks),
        cmocka_unit_test(test_draft_comments_15_days),
        cmocka_unit_test(test_review_amend_reassess),
        cmocka_unit_test(test_phase_transfer),
        cmocka_unit_test(test_review_every_12_months),
        cmocka_unit_test(test_deadline_bad_input),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_status_of),
        cmocka_unit_test(test_exception_rules),
        cmocka_unit_test(test_timeline_new_request),
        cmocka_unit_test(test_timeline_plan_issued_late_with_exception),
        cmocka_unit_test(test_timeline_decided_not_to_assess),
        cmocka_unit_test(test_timeline_no_plan_notice),
        cmocka_unit_test(test_timeline_withdrawn),
        cmocka_unit_test(test_timeline_reassessment),
        cmocka_unit_test(test_timeline_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
