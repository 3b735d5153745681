/* kpis: DfE EHC plan measures over journeys records. */
#include "kpis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "journeys/clock.h"
#include "journeys/sen2_store.h"

static const char *const need_codes[KPI_NEEDS] = {"ASD", "SLCN", "SEMH", "MLD", "SLD", "PMLD", "SPLD",
                                                  "HI", "VI", "MSI", "PD", "DS", "OTH", NULL};
static const char *const age_labels[KPI_AGES] = {"Under 5", "5 to 10", "11 to 15", "16 to 19", "20 to 25"};

const char *journeys_kpi_need_label(int i)
{
    if (i < 0 || i >= KPI_NEEDS) return "";
    return need_codes[i] ? need_codes[i] : "Not recorded";
}

const char *journeys_kpi_age_label(int i)
{
    return i >= 0 && i < KPI_AGES ? age_labels[i] : "";
}

void journeys_kpis_init(struct journeys_kpis *k, int year)
{
    memset(k, 0, sizeof *k);
    k->year = year;
    k->census = journeys_census_date(year + 1);
}

static int in_year(int32_t d, int year)
{
    int y;
    return date_valid(d) && date_ymd(d, &y, NULL, NULL) == 0 && y == year;
}

static int within(enum clock_step step, int32_t start, int32_t done)
{
    int32_t dl;
    if (!date_valid(start) || !date_valid(done) || clock_deadline(step, start, &dl) != 0) return 0;
    return done <= dl;
}

void journeys_kpis_add(struct journeys_kpis *k, const struct kpi_request *r)
{
    if (in_year(r->received, k->year)) k->requests_received++;
    if ((r->request_outcome == 'Y' || r->request_outcome == 'N') && in_year(r->request_outcome_date, k->year)) {
        if (r->request_outcome == 'Y') k->decided_to_assess++;
        else k->decided_not_to_assess++;
        if (within(CLOCK_DECISION, r->received, r->request_outcome_date)) k->decided_within_6_weeks++;
    }
    if (r->assessment_outcome == 'Y' && in_year(r->assessment_outcome_date, k->year)) {
        int on_time = clock_within_20_weeks(r->received, r->assessment_outcome_date);
        k->plans_issued_den++;
        k->plans_issued_within_20_weeks += on_time;
        if (!r->week20) {
            k->plans_issued_den_ex++;
            k->plans_issued_20_weeks_ex += on_time;
        }
    }
    if (r->assessment_outcome == 'N' && in_year(r->assessment_outcome_date, k->year)) {
        k->not_to_issue++;
        if (within(CLOCK_NO_PLAN_NOTICE, r->received, r->assessment_outcome_date)) k->not_to_issue_within_16_weeks++;
    }
    if (r->has_active && in_year(r->review_meeting, k->year)) k->annual_reviews++;
    if (r->has_active && !(date_valid(r->cease_date) && r->cease_date <= k->census)) {
        int i, age = date_age_on(r->birth_date, k->census), band;
        k->active_plans++;
        /* the latest review's decision, when it has been made */
        if (date_valid(r->review_meeting) && date_valid(r->last_review) && r->last_review >= r->review_meeting) {
            if (within(CLOCK_ANNUAL_REVIEW_DECISION, r->review_meeting, r->last_review)) k->reviews_within_4_weeks++;
            else k->reviews_after_4_weeks++;
        }
        for (i = 0; i < KPI_NEEDS - 1; i++)
            if (r->primary_need && strcmp(r->primary_need, need_codes[i]) == 0) break;
        k->by_need[i]++;
        band = age < 5 ? 0 : age <= 10 ? 1 : age <= 15 ? 2 : age <= 19 ? 3 : 4;
        if (age >= 0) k->by_age[band]++;
    }
}

double journeys_pc(long num, long den)
{
    if (den <= 0) return -1;
    return round(1000.0 * (double)num / (double)den) / 10.0;
}

static int32_t day(const char *s)
{
    int32_t d;
    return s && date_parse(s, &d) == 0 ? d : DATE_NONE;
}

int journeys_kpis_compute(db *d, int year, const char *area_id, struct journeys_kpis *k)
{
    db_stmt *st = NULL;
    int rc;
    journeys_kpis_init(k, year);
    {
        /* An active plan's primary need (the smallest code should a
         * request carry two of rank 1). SQLite looks it up per request in
         * the needs' key; PostgreSQL runs such a subquery as a separate
         * plan per row, so it gets one grouped pass joined instead
         * (640,000 requests: 0.7 s less). */
        const char *need_col = db_kind(d) == DB_PG ? "n.sen_type" :
            "(SELECT min(n.sen_type) FROM journeys_needs n WHERE n.request_id = r.id AND n.sen_type_rank = '1')";
        const char *need_join = db_kind(d) == DB_PG ?
            " LEFT JOIN (SELECT request_id, min(sen_type) AS sen_type FROM journeys_needs WHERE sen_type_rank = '1' "
            "GROUP BY request_id) n ON n.request_id = r.id" : "";
        buf q = BUF_INIT;
        buf_printf(&q, "SELECT r.received_date, r.request_outcome, r.request_outcome_date, r.assessment_outcome, "
                       "r.assessment_outcome_date, r.week20, r.has_active, r.review_meeting, r.last_review, r.plan_cease_date, "
                       "CASE WHEN r.has_active = 1 THEN %s END, c.birth_date "
                       "FROM journeys_requests r JOIN journeys_children c ON c.id = r.child_id%s%s",
                   need_col, need_join, area_id ? " WHERE c.area_id = ?" : "");
        rc = db_prepare(d, buf_str(&q), &st);
        buf_free(&q);
    }
    if (rc != DB_OK) goto done;
    /* A national file is 640,000 rows: streamed, they take constant memory
     * and are counted while PostgreSQL still joins. */
    if ((rc = db_stream(st)) != DB_OK) goto done;
    if (area_id) db_bind_text(st, 1, area_id);
    while ((rc = db_step(st)) == DB_ROW) {
        struct kpi_request r;
        const char *ro = db_col_text(st, 1), *ao = db_col_text(st, 3), *w = db_col_text(st, 5);
        r.received = day(db_col_text(st, 0));
        r.request_outcome = ro ? ro[0] : 0;
        r.request_outcome_date = day(db_col_text(st, 2));
        r.assessment_outcome = ao ? ao[0] : 0;
        r.assessment_outcome_date = day(db_col_text(st, 4));
        r.week20 = w && (w[0] == '1' || w[0] == 'Y');
        r.has_active = (int)db_col_int64(st, 6);
        r.review_meeting = day(db_col_text(st, 7));
        r.last_review = day(db_col_text(st, 8));
        r.cease_date = day(db_col_text(st, 9));
        r.primary_need = db_col_text(st, 10);
        r.birth_date = day(db_col_text(st, 11));
        journeys_kpis_add(k, &r);
    }
    rc = rc == DB_DONE ? DB_OK : rc;
done:
    db_finalize(st);
    return rc;
}

static json_t *pc_json(long n, long dn)
{
    double v = journeys_pc(n, dn);
    return v < 0 ? json_null() : json_real(v);
}

json_t *journeys_kpis_json(const struct journeys_kpis *k)
{
    json_t *needs = json_object(), *ages = json_object();
    char census[DATE_STR_LEN];
    int i;
    date_format(k->census, census);
    for (i = 0; i < KPI_NEEDS; i++) json_object_set_new(needs, journeys_kpi_need_label(i), json_integer(k->by_need[i]));
    for (i = 0; i < KPI_AGES; i++) json_object_set_new(ages, age_labels[i], json_integer(k->by_age[i]));
    return json_pack("{s:i, s:i, s:I, s:I, s:o, s:I, s:I, s:o, s:I, s:I, s:I, s:I, s:o, s:I, s:I, s:o, s:I, s:I, s:I, s:o, s:s, s:I, s:o, s:o}",
                     "year", k->year, "time_period", k->year,
                     "plans_issued_den", (json_int_t)k->plans_issued_den,
                     "plans_issued_within_20_weeks", (json_int_t)k->plans_issued_within_20_weeks,
                     "pc_plans_issued_within_20_weeks", pc_json(k->plans_issued_within_20_weeks, k->plans_issued_den),
                     "plans_issued_den_ex", (json_int_t)k->plans_issued_den_ex,
                     "plans_issued_20_weeks_ex", (json_int_t)k->plans_issued_20_weeks_ex,
                     "PC_plans_issued_20_weeks_ex", pc_json(k->plans_issued_20_weeks_ex, k->plans_issued_den_ex),
                     "requests_received", (json_int_t)k->requests_received,
                     "decided_to_assess", (json_int_t)k->decided_to_assess,
                     "decided_not_to_assess", (json_int_t)k->decided_not_to_assess,
                     "decided_within_6_weeks", (json_int_t)k->decided_within_6_weeks,
                     "pc_decided_within_6_weeks", pc_json(k->decided_within_6_weeks, k->decided_to_assess + k->decided_not_to_assess),
                     "not_to_issue", (json_int_t)k->not_to_issue,
                     "not_to_issue_within_16_weeks", (json_int_t)k->not_to_issue_within_16_weeks,
                     "pc_not_to_issue_within_16_weeks", pc_json(k->not_to_issue_within_16_weeks, k->not_to_issue),
                     "annual_reviews", (json_int_t)k->annual_reviews,
                     "reviews_within_4_weeks", (json_int_t)k->reviews_within_4_weeks,
                     "reviews_after_4_weeks", (json_int_t)k->reviews_after_4_weeks,
                     "pc_reviews_within_4_weeks", pc_json(k->reviews_within_4_weeks, k->reviews_within_4_weeks + k->reviews_after_4_weeks),
                     "census_date", census, "active_plans", (json_int_t)k->active_plans,
                     "active_plans_by_primary_need", needs, "active_plans_by_age", ages);
}

static void csv_pc(buf *b, long n, long dn)
{
    double v = journeys_pc(n, dn);
    if (v < 0) buf_add(b, ",x");
    else buf_printf(b, ",%.1f", v);
}

void journeys_kpis_csv(buf *b, const struct journeys_kpis *k)
{
    int i;
    buf_add(b, "time_period,plans_issued_den,plans_issued_within_20_weeks,pc_plans_issued_within_20_weeks,"
               "plans_issued_den_ex,plans_issued_20_weeks_ex,PC_plans_issued_20_weeks_ex,requests_received,"
               "decided_to_assess,decided_not_to_assess,decided_within_6_weeks,pc_decided_within_6_weeks,"
               "not_to_issue,not_to_issue_within_16_weeks,pc_not_to_issue_within_16_weeks,annual_reviews,"
               "reviews_within_4_weeks,reviews_after_4_weeks,pc_reviews_within_4_weeks,active_plans");
    for (i = 0; i < KPI_NEEDS; i++) buf_printf(b, ",need_%s", need_codes[i] ? need_codes[i] : "not_recorded");
    for (i = 0; i < KPI_AGES; i++) buf_printf(b, ",age_%d", i);
    buf_printf(b, "\n%d,%ld,%ld", k->year, k->plans_issued_den, k->plans_issued_within_20_weeks);
    csv_pc(b, k->plans_issued_within_20_weeks, k->plans_issued_den);
    buf_printf(b, ",%ld,%ld", k->plans_issued_den_ex, k->plans_issued_20_weeks_ex);
    csv_pc(b, k->plans_issued_20_weeks_ex, k->plans_issued_den_ex);
    buf_printf(b, ",%ld,%ld,%ld,%ld", k->requests_received, k->decided_to_assess, k->decided_not_to_assess, k->decided_within_6_weeks);
    csv_pc(b, k->decided_within_6_weeks, k->decided_to_assess + k->decided_not_to_assess);
    buf_printf(b, ",%ld,%ld", k->not_to_issue, k->not_to_issue_within_16_weeks);
    csv_pc(b, k->not_to_issue_within_16_weeks, k->not_to_issue);
    buf_printf(b, ",%ld,%ld,%ld", k->annual_reviews, k->reviews_within_4_weeks, k->reviews_after_4_weeks);
    csv_pc(b, k->reviews_within_4_weeks, k->reviews_within_4_weeks + k->reviews_after_4_weeks);
    buf_printf(b, ",%ld", k->active_plans);
    for (i = 0; i < KPI_NEEDS; i++) buf_printf(b, ",%ld", k->by_need[i]);
    for (i = 0; i < KPI_AGES; i++) buf_printf(b, ",%ld", k->by_age[i]);
    buf_add(b, "\n");
}
