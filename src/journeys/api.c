/* api: /api/v1/journeys — children, requests with their timeline, measures.
 * Record-level access through journeys_child_access, as the pages. */
#include "journeys/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/date.h"
#include "core/router.h"
#include "core/site.h"
#include "journeys/clock.h"
#include "journeys/journeys.h"
#include "journeys/kpis.h"
#include "journeys/records.h"

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static void api_children(req *rq, resp *rs)
{
    int page, per_page, rc;
    int64_t total = 0;
    db_stmt *st = NULL;
    json_t *items = json_array();
    char lim[16], off[16];
    if (router_page_params(rq, rs, 50, 200, &page, &per_page) != 0) { json_decref(items); return; }
    rc = db_prepare(rq->db, "SELECT COUNT(*) FROM journeys_children c WHERE " JOURNEYS_VISIBLE_SQL, &st);
    if (rc != DB_OK) goto fail;
    journeys_bind_visible(st, 1, rq);
    if ((rc = db_step(st)) != DB_ROW) goto fail;
    total = db_col_int64(st, 0);
    db_finalize(st);
    st = NULL;
    snprintf(lim, sizeof lim, "%d", per_page);
    snprintf(off, sizeof off, "%d", (page - 1) * per_page);
    rc = db_prepare(rq->db, "SELECT c.id, c.forename, c.surname, c.birth_date, a.ons_code FROM journeys_children c JOIN areas a ON a.id = c.area_id "
                            "WHERE " JOURNEYS_VISIBLE_SQL " ORDER BY c.surname, c.forename, c.id LIMIT CAST(? AS INTEGER) OFFSET CAST(? AS INTEGER)", &st);
    if (rc != DB_OK) goto fail;
    {
        int i = journeys_bind_visible(st, 1, rq);
        db_bind_text(st, i, lim);
        db_bind_text(st, i + 1, off);
    }
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:o, s:o, s:o, s:o}", "id", db_col_text(st, 0), "forename", jstr(db_col_text(st, 1)),
                                               "surname", jstr(db_col_text(st, 2)), "birth_date", jstr(db_col_text(st, 3)), "area",
                                               jstr(db_col_text(st, 4))));
    if (rc != DB_DONE) goto fail;
    db_finalize(st);
    audit_log(rq, rs, "view", "child-list", NULL, NULL);
    resp_json(rs, 200, json_pack("{s:o, s:i, s:i, s:I}", "items", items, "page", page, "per_page", per_page, "total", (json_int_t)total));
    return;
fail:
    db_finalize(st);
    json_decref(items);
    resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
}

static json_t *request_json(const struct journeys_req *r)
{
    struct clock_entry *e = NULL;
    size_t n = 0, i;
    json_t *steps = json_array(), *adv = json_array();
    char d1[DATE_STR_LEN], d2[DATE_STR_LEN];
    if (clock_timeline(&r->creq, date_today(), 7, &e, &n) == 0) {
        for (i = 0; i < n; i++) {
            date_format(e[i].deadline, d1);
            date_format(e[i].done, d2);
            json_array_append_new(steps, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:b}", "step", clock_step_key(e[i].step), "label", e[i].label,
                                                   "regulation", e[i].reg, "who", jstr(e[i].who), "deadline", d1[0] ? json_string(d1) : json_null(),
                                                   "done", d2[0] ? json_string(d2) : json_null(), "status", clock_state_key(e[i].status.state),
                                                   "exception", e[i].has_exception));
        }
    }
    free(e);
    for (i = 0; i < r->n_advice; i++)
        json_array_append_new(adv, json_pack("{s:s, s:s, s:s, s:s, s:o}", "id", r->advice[i].id, "kind", r->advice[i].kind, "organisation",
                                             r->advice[i].org_name, "asked", r->advice[i].asked, "received",
                                             r->advice[i].received[0] ? json_string(r->advice[i].received) : json_null()));
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", r->id, "child_id", r->child_id,
                     "received_date", jstr(r->received[0] ? r->received : NULL),
                     "request_outcome", jstr(r->request_outcome[0] ? r->request_outcome : NULL),
                     "assessment_outcome", jstr(r->assessment_outcome[0] ? r->assessment_outcome : NULL),
                     "assessment_outcome_date", jstr(r->assessment_outcome_date[0] ? r->assessment_outcome_date : NULL),
                     "week20", json_integer(clock_week20(&r->creq)), "exception", jstr(r->exc_kind[0] ? r->exc_kind : NULL),
                     "advice", adv, "timeline", steps);
}

static void api_child(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    int a = journeys_child_access(rq, id), rc;
    db_stmt *st = NULL;
    json_t *o = NULL, *reqs = json_array();
    struct journeys_req *r = NULL;
    if (a <= 0) {
        json_decref(reqs);
        if (a < 0) resp_db_error(rq, rs, DB_ERROR);
        else resp_error(rq, rs, 404, "not_found", "No such child or young person", NULL);
        return;
    }
    rc = db_prepare(rq->db, "SELECT c.id, c.forename, c.surname, c.birth_date, c.sex, c.ethnicity, c.postcode, c.upn, c.uln, c.upn_unknown, a.ons_code "
                            "FROM journeys_children c JOIN areas a ON a.id = c.area_id WHERE c.id = ?", &st);
    if (rc != DB_OK) goto fail;
    db_bind_text(st, 1, id);
    if ((rc = db_step(st)) != DB_ROW) goto fail;
    o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", db_col_text(st, 0), "forename", jstr(db_col_text(st, 1)),
                  "surname", jstr(db_col_text(st, 2)), "birth_date", jstr(db_col_text(st, 3)), "sex", jstr(db_col_text(st, 4)),
                  "ethnicity", jstr(db_col_text(st, 5)), "postcode", jstr(db_col_text(st, 6)), "upn", jstr(db_col_text(st, 7)),
                  "uln", jstr(db_col_text(st, 8)), "upn_unknown", jstr(db_col_text(st, 9)), "area", jstr(db_col_text(st, 10)));
    db_finalize(st);
    st = NULL;
    rc = db_prepare(rq->db, "SELECT id FROM journeys_requests WHERE child_id = ? ORDER BY seq", &st);
    if (rc != DB_OK) goto fail;
    db_bind_text(st, 1, id);
    r = xcalloc(1, sizeof *r);
    while ((rc = db_step(st)) == DB_ROW)
        if (journeys_req_load(rq->db, db_col_text(st, 0), r) == DB_ROW) json_array_append_new(reqs, request_json(r));
    if (rc != DB_DONE) goto fail;
    json_object_set_new(o, "requests", reqs);
    reqs = NULL;
    audit_log(rq, rs, "view", "child", id, NULL);
    resp_json(rs, 200, o);
    o = NULL;
    goto done;
fail:
    resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
done:
    json_decref(o);
    json_decref(reqs);
    db_finalize(st);
    free(r);
}

static void api_request(req *rq, resp *rs)
{
    struct journeys_req *r = xcalloc(1, sizeof *r);
    int rc = journeys_req_load(rq->db, req_param(rq, "id"), r), a;
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    a = rc == DB_ROW ? journeys_child_access(rq, r->child_id) : 0;
    if (a < 0) { resp_db_error(rq, rs, DB_ERROR); goto done; }
    if (a == 0) { resp_error(rq, rs, 404, "not_found", "No such request", NULL); goto done; }
    audit_log(rq, rs, "view", "child-request", r->id, NULL);
    resp_json(rs, 200, request_json(r));
done:
    free(r);
}

static void api_kpis(req *rq, resp *rs)
{
    const char *ys = req_query(rq, "year"), *acode = req_query(rq, "area");
    char area[37] = "";
    struct journeys_kpis k;
    int year, rc;
    char *end = NULL;
    json_t *o;
    year = ys ? (int)strtol(ys, &end, 10) : 0;
    if (!ys || *end || year < 2000 || year > 2100) {
        resp_error(rq, rs, 400, "invalid", "Give year as a calendar year, for example 2024", "year");
        return;
    }
    if (acode && *acode && journeys_area_resolve(rq->db, acode, area) != DB_ROW) {
        resp_error(rq, rs, 404, "not_found", "No such area", "area");
        return;
    }
    if ((rc = journeys_kpis_compute(rq->db, year, area[0] ? area : NULL, &k)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        return;
    }
    o = journeys_kpis_json(&k);
    json_object_set_new(o, "area", acode && *acode ? json_string(acode) : json_null());
    resp_json(rs, 200, o);
}

#define CHILD_SCHEMA "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"forename\":{\"type\":\"string\"},\"surname\":{\"type\":\"string\"},\"birth_date\":{\"type\":\"string\",\"format\":\"date\"},\"area\":{\"type\":\"string\"},\"requests\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}}}}"
#define REQUEST_SCHEMA "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"child_id\":{\"type\":\"string\"},\"received_date\":{\"type\":\"string\",\"format\":\"date\"},\"request_outcome\":{\"type\":\"string\"},\"assessment_outcome\":{\"type\":\"string\"},\"week20\":{\"type\":\"integer\"},\"advice\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},\"timeline\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"string\"},\"deadline\":{\"type\":\"string\"},\"done\":{\"type\":\"string\"},\"status\":{\"type\":\"string\"}}}}}}"
#define NEW_SCHEMA "{\"type\":\"object\",\"required\":[\"forename\",\"surname\",\"dob\",\"received\",\"source\"],\"properties\":{\"forename\":{\"type\":\"string\"},\"surname\":{\"type\":\"string\"},\"dob\":{\"type\":\"string\",\"format\":\"date\"},\"received\":{\"type\":\"string\",\"format\":\"date\"},\"source\":{\"type\":\"string\",\"enum\":[\"1\",\"2\",\"3\",\"4\",\"5\"]},\"upn\":{\"type\":\"string\"}}}"
#define KPI_SCHEMA "{\"type\":\"object\",\"properties\":{\"year\":{\"type\":\"integer\"},\"plans_issued_den\":{\"type\":\"integer\"},\"plans_issued_within_20_weeks\":{\"type\":\"integer\"},\"pc_plans_issued_within_20_weeks\":{\"type\":[\"number\",\"null\"]},\"plans_issued_den_ex\":{\"type\":\"integer\"},\"plans_issued_20_weeks_ex\":{\"type\":\"integer\"},\"PC_plans_issued_20_weeks_ex\":{\"type\":[\"number\",\"null\"]},\"requests_received\":{\"type\":\"integer\"},\"active_plans\":{\"type\":\"integer\"}}}"

static const struct route journeys_api[] = {
    {"GET", "/api/v1/journeys/children", api_children, ACCESS_STAFF, "Children and young people your organisation is involved with", "Journeys",
     "page,per_page", NULL, "{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":" CHILD_SCHEMA "},\"page\":{\"type\":\"integer\"},\"per_page\":{\"type\":\"integer\"},\"total\":{\"type\":\"integer\"}}}"},
    {"POST", "/api/v1/journeys/children", journeys_api_create_child, ACCESS_STAFF, "Record a new child or young person with a request for assessment (councils)",
     "Journeys", NULL, NEW_SCHEMA, "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"request_id\":{\"type\":\"string\"}}}"},
    {"GET", "/api/v1/journeys/children/{id}", api_child, ACCESS_STAFF, "One child or young person with their requests and statutory timelines",
     "Journeys", NULL, NULL, CHILD_SCHEMA},
    {"GET", "/api/v1/journeys/requests/{id}", api_request, ACCESS_STAFF, "One request for an EHC needs assessment with its statutory timeline",
     "Journeys", NULL, NULL, REQUEST_SCHEMA},
    {"GET", "/api/v1/journeys/kpis", api_kpis, ACCESS_ANY_USER, "DfE EHC plan measures for a calendar year (DfE column names)", "Journeys",
     "year,area", NULL, KPI_SCHEMA},
};

void journeys_api_routes(void)
{
    router_add(journeys_api, sizeof journeys_api / sizeof journeys_api[0]);
}
