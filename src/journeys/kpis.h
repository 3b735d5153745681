/* kpis: the DfE published EHC plan measures, computed from sendhub's records
 * with the DfE's definitions and column names.
 *
 * For calendar year Y:
 *   plans_issued_den            plans issued (AssessmentOutcome Y) with the
 *                               issue date (AssessmentOutcomeDate) in Y;
 *   plans_issued_within_20_weeks  of those, issued <= received + 140 days;
 *   *_ex                        the same leaving out plans with Week20 = 1;
 *   requests_received           requests with ReceivedDate in Y;
 *   decided_to_assess / decided_not_to_assess  RequestOutcome Y / N with
 *                               RequestOutcomeDate in Y; decided_within_6_weeks
 *                               of them, outcome <= received + 42;
 *   not_to_issue / not_to_issue_within_16_weeks  AssessmentOutcome N dated in
 *                               Y; within = date <= received + 112;
 *   annual_reviews              ActivePlans with ReviewMeeting in Y;
 *   reviews_within_4_weeks / reviews_after_4_weeks  the DfE's
 *                               number_decsion_4weeks / number_decision_gt_4weeks
 *                               (annual_reviews.csv): active plans on the
 *                               census date whose latest review decision is
 *                               recorded (LastReview, the day the family was
 *                               told, on or after ReviewMeeting): within =
 *                               LastReview <= ReviewMeeting + 28 days (reg 20).
 *                               pc_reviews_within_4_weeks = within / (within +
 *                               after), as pc_decsion_4weeks: a review with no
 *                               decision yet counts in neither (England 2024:
 *                               154,924 / 348,759 = 44.4%);
 *   active plans                ActivePlans not ceased on the census date
 *                               of January Y+1, by primary need (SENneed
 *                               rank 1) and by age on that date.
 * Percentages are to one decimal place; null when the denominator is 0. */
#ifndef SH_JOURNEYS_KPIS_H
#define SH_JOURNEYS_KPIS_H

#include <stdint.h>
#include <jansson.h>

#include "core/buf.h"
#include "core/db.h"

#define KPI_NEEDS 14           /* the 13 SEN2 types and "not recorded" */
#define KPI_AGES 5

/* One request, as the measures see it. Dates are day numbers (DATE_NONE
 * when absent); outcomes the SEN2 letter or 0. */
struct kpi_request {
    int32_t received;
    char request_outcome;
    int32_t request_outcome_date;
    char assessment_outcome;
    int32_t assessment_outcome_date;
    int week20;
    int has_active;
    int32_t review_meeting, last_review, cease_date;
    const char *primary_need;  /* SENtype or NULL */
    int32_t birth_date;
};

struct journeys_kpis {
    int year;
    int32_t census;            /* census date of January year+1 */
    long plans_issued_den, plans_issued_within_20_weeks;
    long plans_issued_den_ex, plans_issued_20_weeks_ex;
    long requests_received, decided_to_assess, decided_not_to_assess, decided_within_6_weeks;
    long not_to_issue, not_to_issue_within_16_weeks;
    long annual_reviews, reviews_within_4_weeks, reviews_after_4_weeks;
    long active_plans;
    long by_need[KPI_NEEDS];
    long by_age[KPI_AGES];
};

void journeys_kpis_init(struct journeys_kpis *k, int year);
void journeys_kpis_add(struct journeys_kpis *k, const struct kpi_request *r);
/* 100 * num / den to one decimal place; -1 when den is 0. */
double journeys_pc(long num, long den);
const char *journeys_kpi_need_label(int i);    /* "ASD" ... "Not recorded" */
const char *journeys_kpi_age_label(int i);     /* "Under 5" ... */

/* Computes k for year over area_id (NULL: every area). DB_OK or an error. */
int journeys_kpis_compute(db *d, int year, const char *area_id, struct journeys_kpis *k);

/* As JSON (DfE column names) — new reference — and as CSV (header + one row). */
json_t *journeys_kpis_json(const struct journeys_kpis *k);
void journeys_kpis_csv(buf *b, const struct journeys_kpis *k);

#endif
