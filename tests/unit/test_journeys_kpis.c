/* DfE EHC plan measures on hand-made records with known answers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "journeys/kpis.h"

static int32_t D(const char *s)
{
    int32_t d;
    if (date_parse(s, &d) != 0) fail_msg("bad date %s", s);
    return d;
}

static struct kpi_request blank(void)
{
    struct kpi_request r;
    memset(&r, 0, sizeof r);
    r.received = r.request_outcome_date = r.assessment_outcome_date = DATE_NONE;
    r.review_meeting = r.last_review = r.cease_date = r.birth_date = DATE_NONE;
    return r;
}

static struct kpi_request plan(const char *recv, const char *issued, int week20)
{
    struct kpi_request r = blank();
    r.received = D(recv);
    r.assessment_outcome = 'Y';
    r.assessment_outcome_date = D(issued);
    r.week20 = week20;
    return r;
}

static void test_20_weeks(void **state)
{
    struct journeys_kpis k;
    struct kpi_request r;
    (void)state;
    journeys_kpis_init(&k, 2024);
    r = plan("2024-01-01", "2024-05-20", 0);   /* +140: on time (the last day) */
    journeys_kpis_add(&k, &r);
    r = plan("2024-01-01", "2024-05-21", 0);   /* +141: late */
    journeys_kpis_add(&k, &r);
    r = plan("2023-12-01", "2024-03-01", 1);   /* on time, but an exception applied */
    journeys_kpis_add(&k, &r);
    r = plan("2024-02-29", "2024-09-30", 1);   /* late with exception */
    journeys_kpis_add(&k, &r);
    r = plan("2023-06-01", "2023-12-31", 0);   /* issued in 2023: not counted */
    journeys_kpis_add(&k, &r);
    r = plan("2024-10-01", "2025-01-01", 0);   /* issued in 2025: not counted */
    journeys_kpis_add(&k, &r);
    r = plan("2024-01-01", "2024-02-01", 0);
    r.assessment_outcome = 'H';                /* transferred in: not a new plan */
    journeys_kpis_add(&k, &r);
    assert_int_equal(k.plans_issued_den, 4);
    assert_int_equal(k.plans_issued_within_20_weeks, 2);
    assert_int_equal(k.plans_issued_den_ex, 2);
    assert_int_equal(k.plans_issued_20_weeks_ex, 1);
    assert_true(journeys_pc(k.plans_issued_within_20_weeks, k.plans_issued_den) == 50.0);
    assert_true(journeys_pc(k.plans_issued_20_weeks_ex, k.plans_issued_den_ex) == 50.0);
}

static void test_percent_rounding(void **state)
{
    (void)state;
    assert_true(journeys_pc(1, 3) == 33.3);
    assert_true(journeys_pc(2, 3) == 66.7);
    assert_true(journeys_pc(39407, 84866) == 46.4);   /* England 2024, excluding exceptions */
    assert_true(journeys_pc(0, 5) == 0.0);
    assert_true(journeys_pc(1, 0) < 0);
}

static void test_requests_and_decisions(void **state)
{
    struct journeys_kpis k;
    struct kpi_request r;
    (void)state;
    journeys_kpis_init(&k, 2024);
    r = blank(); r.received = D("2024-03-01"); r.request_outcome = 'Y'; r.request_outcome_date = D("2024-04-12"); /* +42 */
    journeys_kpis_add(&k, &r);
    r = blank(); r.received = D("2024-03-01"); r.request_outcome = 'N'; r.request_outcome_date = D("2024-04-13"); /* +43 */
    journeys_kpis_add(&k, &r);
    r = blank(); r.received = D("2023-12-20"); r.request_outcome = 'Y'; r.request_outcome_date = D("2024-01-10");
    journeys_kpis_add(&k, &r);                 /* received 2023, decided 2024 */
    r = blank(); r.received = D("2024-12-20"); r.request_outcome = 'A';
    journeys_kpis_add(&k, &r);                 /* not yet decided */
    r = blank(); r.received = D("2024-06-01"); r.request_outcome = 'W'; r.request_outcome_date = D("2024-06-10");
    journeys_kpis_add(&k, &r);                 /* withdrawn: not a decision */
    assert_int_equal(k.requests_received, 4);
    assert_int_equal(k.decided_to_assess, 2);
    assert_int_equal(k.decided_not_to_assess, 1);
    assert_int_equal(k.decided_within_6_weeks, 2);
}

static void test_not_to_issue(void **state)
{
    struct journeys_kpis k;
    struct kpi_request r;
    (void)state;
    journeys_kpis_init(&k, 2024);
    r = blank(); r.received = D("2024-01-01"); r.assessment_outcome = 'N'; r.assessment_outcome_date = D("2024-04-22"); /* +112 */
    journeys_kpis_add(&k, &r);
    r = blank(); r.received = D("2024-01-01"); r.assessment_outcome = 'N'; r.assessment_outcome_date = D("2024-04-23"); /* +113 */
    journeys_kpis_add(&k, &r);
    assert_int_equal(k.not_to_issue, 2);
    assert_int_equal(k.not_to_issue_within_16_weeks, 1);
    assert_int_equal(k.plans_issued_den, 0);
}

static void test_annual_reviews(void **state)
{
    struct journeys_kpis k;
    struct kpi_request r;
    (void)state;
    journeys_kpis_init(&k, 2024);
    r = blank(); r.has_active = 1; r.review_meeting = D("2024-02-01"); r.last_review = D("2024-02-29");  /* +28 */
    journeys_kpis_add(&k, &r);
    r = blank(); r.has_active = 1; r.review_meeting = D("2024-12-10"); r.last_review = D("2025-01-08");  /* +29 */
    journeys_kpis_add(&k, &r);
    r = blank(); r.has_active = 1; r.review_meeting = D("2024-05-01");  /* no decision yet */
    journeys_kpis_add(&k, &r);
    r = blank(); r.has_active = 1; r.review_meeting = D("2023-05-01"); r.last_review = D("2023-05-02");
    journeys_kpis_add(&k, &r);                 /* meeting another year: still the plan's latest decision */
    r = blank(); r.has_active = 1; r.review_meeting = D("2024-06-03"); r.last_review = D("2023-06-20");
    journeys_kpis_add(&k, &r);                 /* decision of an older review: this one is outstanding */
    r = blank(); r.has_active = 1; r.review_meeting = D("2024-03-01"); r.last_review = D("2024-03-05");
    r.cease_date = D("2024-09-01");
    journeys_kpis_add(&k, &r);                 /* ceased before the census: not an active plan */
    assert_int_equal(k.annual_reviews, 5);     /* meetings in 2024 */
    /* DfE annual_reviews.csv: active plans on the census with the latest
     * decision recorded; % = within / (within + after), not / meetings */
    assert_int_equal(k.reviews_within_4_weeks, 2);
    assert_int_equal(k.reviews_after_4_weeks, 1);
    {
        json_t *j = journeys_kpis_json(&k);
        assert_true(json_real_value(json_object_get(j, "pc_reviews_within_4_weeks")) == 66.7);
        json_decref(j);
    }
    /* the DfE's own England 2024 figures give its published 44.4% */
    assert_true(journeys_pc(154924, 154924 + 193835) == 44.4);
}

static void test_active_plans(void **state)
{
    struct journeys_kpis k;
    struct kpi_request r;
    (void)state;
    journeys_kpis_init(&k, 2024);              /* census 16 January 2025 */
    r = blank(); r.has_active = 1; r.primary_need = "ASD"; r.birth_date = D("2020-01-16");   /* 5 on census day */
    journeys_kpis_add(&k, &r);
    r = blank(); r.has_active = 1; r.primary_need = "ASD"; r.birth_date = D("2020-01-17");   /* still 4 */
    journeys_kpis_add(&k, &r);
    r = blank(); r.has_active = 1; r.primary_need = "SEMH"; r.birth_date = D("2008-06-01");  /* 16 */
    journeys_kpis_add(&k, &r);
    r = blank(); r.has_active = 1; r.primary_need = NULL; r.birth_date = D("2001-06-01");    /* 23 */
    journeys_kpis_add(&k, &r);
    r = blank(); r.has_active = 1; r.primary_need = "MLD"; r.birth_date = D("2010-01-01"); r.cease_date = D("2025-01-10");
    journeys_kpis_add(&k, &r);                 /* ceased before the census */
    r = blank(); r.has_active = 0; r.primary_need = "MLD"; r.birth_date = D("2010-01-01");
    journeys_kpis_add(&k, &r);
    assert_int_equal(k.active_plans, 4);
    assert_int_equal(k.by_need[0], 2);         /* ASD */
    assert_int_equal(k.by_need[2], 1);         /* SEMH */
    assert_int_equal(k.by_need[KPI_NEEDS - 1], 1);
    assert_int_equal(k.by_age[0], 1);
    assert_int_equal(k.by_age[1], 1);
    assert_int_equal(k.by_age[3], 1);
    assert_int_equal(k.by_age[4], 1);
}

static void test_json_csv(void **state)
{
    struct journeys_kpis k;
    struct kpi_request r;
    json_t *j;
    buf b = BUF_INIT;
    (void)state;
    journeys_kpis_init(&k, 2024);
    r = plan("2024-01-01", "2024-05-20", 0);
    journeys_kpis_add(&k, &r);
    r = plan("2024-01-01", "2024-08-20", 0);
    journeys_kpis_add(&k, &r);
    r = plan("2024-01-01", "2024-08-20", 1);
    journeys_kpis_add(&k, &r);
    j = journeys_kpis_json(&k);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "plans_issued_den")), 3);
    assert_true(json_real_value(json_object_get(j, "pc_plans_issued_within_20_weeks")) == 33.3);
    assert_true(json_real_value(json_object_get(j, "PC_plans_issued_20_weeks_ex")) == 50.0);
    assert_true(json_is_null(json_object_get(j, "pc_reviews_within_4_weeks")));
    json_decref(j);
    journeys_kpis_csv(&b, &k);
    assert_non_null(strstr(buf_str(&b), "\n2024,3,1,33.3,2,1,50.0,"));
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_20_weeks), cmocka_unit_test(test_percent_rounding),
        cmocka_unit_test(test_requests_and_decisions), cmocka_unit_test(test_not_to_issue),
        cmocka_unit_test(test_annual_reviews), cmocka_unit_test(test_active_plans), cmocka_unit_test(test_json_csv),
    };
    return cmocka_run_group_tests_name("journeys kpis", tests, NULL, NULL);
}
