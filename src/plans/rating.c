/* rating: database side of the RAG rule (see rating.h). */
#include "rating.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "plans/store.h"

static int32_t day_of(const char *s)
{
    int32_t d;
    if (!s || strlen(s) < 10 || date_parsen(s, 10, &d) != 0) return DATE_NONE;
    return d;
}

int plans_measure_load(db *d, const json_t *measure, int32_t asof, struct plans_loaded_measure *out)
{
    char as[11];
    json_t *rows = NULL, *r;
    size_t i;
    int rc;
    memset(out, 0, sizeof *out);
    out->m.baseline.value = json_number_value(json_object_get(measure, "baseline"));
    out->m.baseline.date = day_of(plans_js(measure, "baseline_date"));
    out->m.target.value = json_number_value(json_object_get(measure, "target"));
    out->m.target.date = day_of(plans_js(measure, "target_date"));
    out->m.latest.date = DATE_NONE;
    rc = plans_rows(d, &rows, "sd", "SELECT due_date, value FROM plans_measure_milestones WHERE measure_id = ? "
                    "ORDER BY due_date", 1, plans_js(measure, "id"));
    if (rc != DB_OK) goto done;
    json_array_foreach(rows, i, r) {
        if (i >= PLANS_MAX_POINTS) break;
        out->ms[i].date = day_of(plans_js(r, "due_date"));
        out->ms[i].value = json_number_value(json_object_get(r, "value"));
        out->m.nmilestones = i + 1;
    }
    out->m.milestones = out->ms;
    json_decref(rows);
    rows = NULL;
    date_format(asof, as);
    rc = plans_rows(d, &rows, "sd", "SELECT on_date, value FROM plans_actuals WHERE measure_id = ? AND on_date <= ? "
                    "ORDER BY on_date DESC, created_at DESC", 2, plans_js(measure, "id"), as);
    if (rc != DB_OK) goto done;
    if ((r = json_array_get(rows, 0))) {
        out->m.latest.date = day_of(plans_js(r, "on_date"));
        out->m.latest.value = json_number_value(json_object_get(r, "value"));
    }
done:
    json_decref(rows);
    return rc;
}

int plans_rate_action(db *d, const json_t *action, int32_t today, int stale_days, struct plans_rating *out)
{
    json_t *ms = NULL, *meas = NULL, *r;
    struct plans_milestone mil[PLANS_MAX_POINTS];
    struct plans_loaded_measure *lm = NULL;
    struct plans_measure mm[PLANS_MAX_POINTS];
    struct plans_action_facts f;
    char *last = NULL;
    size_t i;
    int rc, st;
    const char *id = plans_js(action, "id");
    memset(&f, 0, sizeof f);
    st = plans_status_parse(plans_js(action, "status"));
    f.status = st < 0 ? PLANS_NOT_STARTED : (enum plans_status)st;
    f.start = day_of(plans_js(action, "start_date"));
    f.due = day_of(plans_js(action, "due_date"));
    rc = plans_rows(d, &ms, "ss", "SELECT due_date, done_date FROM plans_milestones WHERE action_id = ?", 1, id);
    if (rc != DB_OK) goto done;
    json_array_foreach(ms, i, r) {
        if (i >= PLANS_MAX_POINTS) break;
        mil[i].due = day_of(plans_js(r, "due_date"));
        mil[i].done = day_of(plans_js(r, "done_date"));
        f.nmilestones = i + 1;
    }
    f.milestones = mil;
    rc = plans_rows(d, &meas, "sdsds", "SELECT id, baseline, baseline_date, target, target_date FROM plans_measures "
                    "WHERE action_id = ?", 1, id);
    if (rc != DB_OK) goto done;
    lm = calloc(PLANS_MAX_POINTS, sizeof *lm);
    if (!lm) { rc = DB_ERROR; goto done; }
    json_array_foreach(meas, i, r) {
        if (i >= PLANS_MAX_POINTS) break;
        if ((rc = plans_measure_load(d, r, today, &lm[i])) != DB_OK) goto done;
        mm[i] = lm[i].m;
        mm[i].milestones = lm[i].ms;
        f.nmeasures = i + 1;
    }
    f.measures = mm;
    {
        char limit[24];
        date_format(date_add_days(today, 1), limit);   /* updates before the end of that day */
        rc = db_query_text(d, &last, "SELECT MAX(at) FROM plans_updates WHERE action_id = ? AND at < ?", 2, id, limit);
    }
    if (rc < 0) goto done;
    f.last_update = day_of(last && *last ? last : plans_js(action, "created_at"));
    *out = plans_rag_action(&f, today, stale_days);
    rc = DB_OK;
done:
    free(last);
    free(lm);
    json_decref(ms);
    json_decref(meas);
    return rc;
}

int plans_rate_finding(db *d, const char *finding_id, int32_t today, int stale_days, enum plans_rag *out)
{
    json_t *acts = NULL, *r;
    enum plans_rag worst = PLANS_RAG_NONE;
    size_t i;
    int rc = plans_rows(d, &acts, NULL, "SELECT a.id, a.status, a.start_date, a.due_date, a.created_at "
                        "FROM plans_actions a JOIN plans_action_findings af ON af.action_id = a.id "
                        "WHERE af.finding_id = ?", 1, finding_id);
    if (rc != DB_OK) goto done;
    json_array_foreach(acts, i, r) {
        struct plans_rating rt;
        if ((rc = plans_rate_action(d, r, today, stale_days, &rt)) != DB_OK) goto done;
        if (rt.rag > worst) worst = rt.rag;
    }
    *out = worst;
done:
    json_decref(acts);
    return rc;
}

const char *plans_rag_tag_class(enum plans_rag r)
{
    switch (r) {
    case PLANS_RAG_RED: return "govuk-tag govuk-tag--red";
    case PLANS_RAG_AMBER: return "govuk-tag govuk-tag--yellow";
    case PLANS_RAG_GREEN: return "govuk-tag govuk-tag--green";
    default: return "govuk-tag govuk-tag--grey";
    }
}
