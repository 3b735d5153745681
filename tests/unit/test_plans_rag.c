/* The RAG rule and the success-measure arithmetic, case by case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "core/date.h"
#include "plans/rag.h"

static int32_t D(const char *s)
{
    int32_t d;
    assert_int_equal(date_parse(s, &d), 0);
    return d;
}

static struct plans_action_facts base(void)
{
    struct plans_action_facts a = {PLANS_IN_PROGRESS, 0, 0, NULL, 0, NULL, 0, 0};
    a.start = D("2025-01-01");
    a.due = D("2025-12-31");
    a.last_update = D("2025-06-01");
    return a;
}

static void completed_is_green_even_if_late(void **s)
{
    struct plans_action_facts a = base();
    struct plans_rating r;
    a.status = PLANS_COMPLETED;
    r = plans_rag_action(&a, D("2026-06-01"), 30);
    assert_int_equal(r.rag, PLANS_RAG_GREEN);
    assert_int_equal(r.reason, PLANS_REASON_COMPLETE);
    assert_int_equal(r.stale, 0);
}

static void overdue_is_red(void **s)
{
    struct plans_action_facts a = base();
    struct plans_rating r = plans_rag_action(&a, D("2026-01-01"), 0);
    assert_int_equal(r.rag, PLANS_RAG_RED);
    assert_int_equal(r.reason, PLANS_REASON_OVERDUE);
    /* on the due date itself it is not yet overdue */
    r = plans_rag_action(&a, D("2025-12-31"), 0);
    assert_int_equal(r.rag, PLANS_RAG_GREEN);
}

static void blocked_is_red(void **s)
{
    struct plans_action_facts a = base();
    struct plans_rating r;
    a.status = PLANS_BLOCKED;
    r = plans_rag_action(&a, D("2025-06-02"), 0);
    assert_int_equal(r.rag, PLANS_RAG_RED);
    assert_int_equal(r.reason, PLANS_REASON_BLOCKED);
}

static void not_started_past_start_is_red(void **s)
{
    struct plans_action_facts a = base();
    struct plans_rating r;
    a.status = PLANS_NOT_STARTED;
    a.start = D("2025-03-01");
    r = plans_rag_action(&a, D("2025-03-01"), 0);
    assert_int_equal(r.rag, PLANS_RAG_GREEN);   /* start day itself: fine */
    r = plans_rag_action(&a, D("2025-03-02"), 0);
    assert_int_equal(r.rag, PLANS_RAG_RED);
    assert_int_equal(r.reason, PLANS_REASON_NOT_STARTED);
}

static void missed_milestone_is_amber(void **s)
{
    struct plans_action_facts a = base();
    struct plans_milestone ms[2];
    struct plans_rating r;
    ms[0].due = D("2025-03-01");
    ms[0].done = D("2025-02-20");
    ms[1].due = D("2025-05-01");
    ms[1].done = DATE_NONE;
    a.milestones = ms;
    a.nmilestones = 2;
    r = plans_rag_action(&a, D("2025-04-30"), 0);
    assert_int_equal(r.rag, PLANS_RAG_GREEN);
    r = plans_rag_action(&a, D("2025-05-02"), 0);
    assert_int_equal(r.rag, PLANS_RAG_AMBER);
    assert_int_equal(r.reason, PLANS_REASON_MILESTONE);
    ms[1].done = D("2025-05-03");
    r = plans_rag_action(&a, D("2025-05-04"), 0);
    assert_int_equal(r.rag, PLANS_RAG_GREEN);
}

static struct plans_measure rising(void)
{
    struct plans_measure m;
    m.baseline.date = D("2025-01-01");
    m.baseline.value = 40;
    m.target.date = D("2025-12-31");
    m.target.value = 80;
    m.milestones = NULL;
    m.nmilestones = 0;
    m.latest.date = DATE_NONE;
    m.latest.value = 0;
    return m;
}

static void measure_interpolation(void **s)
{
    struct plans_measure m = rising();
    struct plans_point mp[1];
    /* before the baseline and after the target */
    assert_true(fabs(plans_measure_expected(&m, D("2024-06-01")) - 40) < 1e-9);
    assert_true(fabs(plans_measure_expected(&m, D("2026-06-01")) - 80) < 1e-9);
    /* straight line: 2025-07-02 is day 182 of 364 */
    assert_true(fabs(plans_measure_expected(&m, D("2025-07-02")) - 60) < 1e-9);
    /* a milestone bends the line: 70 by 1 April (day 90) */
    mp[0].date = D("2025-04-01");
    mp[0].value = 70;
    m.milestones = mp;
    m.nmilestones = 1;
    assert_true(fabs(plans_measure_expected(&m, D("2025-04-01")) - 70) < 1e-9);
    assert_true(fabs(plans_measure_expected(&m, D("2025-02-15")) - (40 + 30.0 * 45 / 90)) < 1e-9);
    /* after the milestone: 70 -> 80 over 274 days */
    assert_true(fabs(plans_measure_expected(&m, D("2025-08-16")) - (70 + 10.0 * 137 / 274)) < 1e-9);
}

static void measure_progress(void **s)
{
    struct plans_measure m = rising();
    assert_true(fabs(plans_measure_progress(&m, 40) - 0) < 1e-9);
    assert_true(fabs(plans_measure_progress(&m, 60) - 0.5) < 1e-9);
    assert_true(fabs(plans_measure_progress(&m, 90) - 1.25) < 1e-9);
    assert_true(plans_measure_progress(&m, 30) < 0);
    /* a falling measure: waiting weeks 30 -> 18 */
    m.baseline.value = 30;
    m.target.value = 18;
    assert_true(fabs(plans_measure_progress(&m, 24) - 0.5) < 1e-9);
    /* target equals baseline */
    m.target.value = 30;
    assert_true(fabs(plans_measure_progress(&m, 30) - 1) < 1e-9);
    assert_true(fabs(plans_measure_progress(&m, 29) - 0) < 1e-9);
}

static void measure_behind_makes_amber(void **s)
{
    struct plans_action_facts a = base();
    struct plans_measure m = rising();
    struct plans_rating r;
    a.measures = &m;
    a.nmeasures = 1;
    /* no actuals yet: not behind */
    assert_int_equal(plans_measure_behind(&m), 0);
    m.latest.date = D("2025-07-02");   /* expected 60 */
    m.latest.value = 61;
    assert_int_equal(plans_measure_behind(&m), 0);
    r = plans_rag_action(&a, D("2025-07-10"), 0);
    assert_int_equal(r.rag, PLANS_RAG_GREEN);
    m.latest.value = 59;
    assert_int_equal(plans_measure_behind(&m), 1);
    r = plans_rag_action(&a, D("2025-07-10"), 0);
    assert_int_equal(r.rag, PLANS_RAG_AMBER);
    assert_int_equal(r.reason, PLANS_REASON_MEASURE);
    /* falling measure: lower is better */
    m.baseline.value = 30;
    m.target.value = 18;                /* expected on 2 July: 24 */
    m.latest.value = 23;
    assert_int_equal(plans_measure_behind(&m), 0);
    m.latest.value = 25;
    assert_int_equal(plans_measure_behind(&m), 1);
}

static void overdue_beats_milestone(void **s)
{
    struct plans_action_facts a = base();
    struct plans_milestone ms = {0, DATE_NONE};
    struct plans_rating r;
    ms.due = D("2025-05-01");
    a.milestones = &ms;
    a.nmilestones = 1;
    a.status = PLANS_NOT_STARTED;
    r = plans_rag_action(&a, D("2026-02-01"), 0);
    assert_int_equal(r.reason, PLANS_REASON_OVERDUE);
}

static void stale_flag(void **s)
{
    struct plans_action_facts a = base();    /* last update 2025-06-01 */
    struct plans_rating r;
    r = plans_rag_action(&a, D("2025-07-01"), 30);
    assert_int_equal(r.stale, 0);            /* exactly 30 days */
    r = plans_rag_action(&a, D("2025-07-02"), 30);
    assert_int_equal(r.stale, 1);
    assert_int_equal(r.rag, PLANS_RAG_GREEN); /* the flag does not change the colour */
    r = plans_rag_action(&a, D("2025-07-02"), 0);
    assert_int_equal(r.stale, 0);            /* 0: staleness not checked */
}

static void finding_is_worst(void **s)
{
    enum plans_rag r[3] = {PLANS_RAG_GREEN, PLANS_RAG_AMBER, PLANS_RAG_GREEN};
    assert_int_equal(plans_rag_worst(r, 3), PLANS_RAG_AMBER);
    r[2] = PLANS_RAG_RED;
    assert_int_equal(plans_rag_worst(r, 3), PLANS_RAG_RED);
    assert_int_equal(plans_rag_worst(r, 0), PLANS_RAG_NONE);
    assert_string_equal(plans_rag_label(PLANS_RAG_NONE), "No actions yet");
    assert_int_equal(plans_status_parse("blocked"), PLANS_BLOCKED);
    assert_int_equal(plans_status_parse("x"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(completed_is_green_even_if_late),
        cmocka_unit_test(overdue_is_red),
        cmocka_unit_test(blocked_is_red),
        cmocka_unit_test(not_started_past_start_is_red),
        cmocka_unit_test(missed_milestone_is_amber),
        cmocka_unit_test(measure_interpolation),
        cmocka_unit_test(measure_progress),
        cmocka_unit_test(measure_behind_makes_amber),
        cmocka_unit_test(overdue_beats_milestone),
        cmocka_unit_test(stale_flag),
        cmocka_unit_test(finding_is_worst),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
