/* inspections: pages and API for inspections, findings and visits. */
#include "inspections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/date.h"
#include "core/form.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/router.h"
#include "core/site.h"
#include "plans/access.h"
#include "plans/rating.h"
#include "plans/store.h"
#include "plans/ui.h"

static const char *const framework_values[] = {"2016", "2023", NULL};
static const char *const outcome_values[] = {"no_wsoa", "wsoa", "outcome1", "outcome2", "outcome3", NULL};
static const char *const kind_values[] = {"significant_weakness", "priority_action", "improvement", NULL};
static const char *const resp_values[] = {"council", "icb", "both", NULL};
static const char *const visit_values[] = {"revisit", "monitoring", NULL};
static const char *const visit_kinds[] = {"revisit", "Revisit (2016 framework)", "monitoring",
                                          "Monitoring inspection (2023 framework)", NULL};

#define INSPECTION_COLS "i.id, i.area_id, ar.name AS area_name, i.framework, i.start_date, i.end_date, " \
    "i.publication_date, i.outcome, i.created_at, i.updated_at"

int plans_inspection_summary(db *d, const char *id, char **out)
{
    int64_t n = 0, yes = 0, no = 0;
    char *fw = NULL, *visit = NULL;
    buf b = BUF_INIT;
    int rc;
    *out = NULL;
    if ((rc = db_query_text(d, &fw, "SELECT framework FROM plans_inspections WHERE id = ?", 1, id)) != DB_ROW) goto done;
    rc = db_query_int64(d, &n, "SELECT COUNT(*) FROM plans_findings WHERE inspection_id = ? AND kind <> 'improvement'", 1, id);
    if (rc < 0) goto done;
    rc = db_query_text(d, &visit, "SELECT id FROM plans_visits WHERE inspection_id = ? ORDER BY start_date DESC, created_at DESC", 1, id);
    if (rc < 0) goto done;
    buf_printf(&b, "%lld %s", (long long)n, strcmp(fw, "2016") == 0 ? (n == 1 ? "significant weakness" : "significant weaknesses")
                                                                  : (n == 1 ? "area for priority action" : "areas for priority action"));
    if (visit) {
        if ((rc = db_query_int64(d, &yes, "SELECT COUNT(*) FROM plans_judgements WHERE visit_id = ? AND sufficient = 1", 1, visit)) < 0) goto done;
        if ((rc = db_query_int64(d, &no, "SELECT COUNT(*) FROM plans_judgements WHERE visit_id = ? AND sufficient = 0", 1, visit)) < 0) goto done;
        buf_printf(&b, ": sufficient progress on %lld, not on %lld", (long long)yes, (long long)no);
    } else if (n > 0) {
        buf_add(&b, ": not yet revisited");
    }
    *out = buf_detach(&b);
    rc = DB_OK;
done:
    if (rc == DB_DONE) rc = DB_OK;
    buf_free(&b);
    free(fw);
    free(visit);
    return rc;
}

/* ---- validation shared by pages and API -------------------------------------- */

static int save_inspection(req *rq, resp *rs, form_errors *fe, char id[IDS_UUID_LEN])
{
    char start[11], pub[11], end[11], now[21];
    const char *area = req_form(rq, "area_id");
    const char *fw = form_choice(rq, "framework", "the inspection framework", 1, framework_values, fe);
    const char *outcome;
    int64_t exists = 0;
    int rc = DB_OK;
    if (!area || !*area) form_error(fe, "area_id", "Select the area");
    else if (!ids_is_uuid(area) || (rc = db_query_int64(rq->db, &exists, "SELECT COUNT(*) FROM areas WHERE id = ?", 1, area)) < 0 || !exists) {
        if (rc < 0) return rc;
        form_error(fe, "area_id", "Select one of the partnership's areas");
    }
    form_date(rq, "start_date", "The start date", 1, start, fe);
    form_date(rq, "end_date", "The end date", 0, end, fe);
    form_date(rq, "publication_date", "The publication date", 0, pub, fe);
    outcome = form_choice(rq, "outcome", "the outcome", 1, outcome_values, fe);
    if (fw && outcome && ((strcmp(fw, "2016") == 0) != (strncmp(outcome, "outcome", 7) != 0)))
        form_error(fe, "outcome", strcmp(fw, "2016") == 0 ? "Select a 2016 outcome: written statement of action required or not"
                                                         : "Select one of the three 2023 outcomes");
    if (form_has_errors(fe)) return DB_OK;
    ids_uuid(id);
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL, "INSERT INTO plans_inspections (id, area_id, framework, start_date, end_date, "
                       "publication_date, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       9, id, area, fw, start, *end ? end : NULL, *pub ? pub : NULL, outcome, now, now);
    if (rc >= 0) rc = audit_log(rq, rs, "create", "inspection", id, NULL);
    return rc < 0 ? rc : DB_OK;
}

static int save_finding(req *rq, resp *rs, const char *insp, const char *fw, form_errors *fe, char id[IDS_UUID_LEN])
{
    char now[21], seq[24];
    const char *kind = form_choice(rq, "kind", "the kind of finding", 1, kind_values, fe);
    const char *who = form_choice(rq, "responsible", "who is responsible", 1, resp_values, fe);
    char *text = form_text(rq, "text", "what the inspectors found", 1, 4000, fe);
    int64_t n = 0;
    int rc = DB_OK;
    if (kind && fw && strcmp(fw, "2016") == 0 && strcmp(kind, "significant_weakness") != 0)
        form_error(fe, "kind", "A 2016 inspection has significant weaknesses only");
    if (kind && fw && strcmp(fw, "2023") == 0 && strcmp(kind, "significant_weakness") == 0)
        form_error(fe, "kind", "A 2023 inspection has areas for priority action or for improvement");
    if (form_has_errors(fe)) goto done;
    if ((rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM plans_findings WHERE inspection_id = ?", 1, insp)) < 0) goto done;
    snprintf(seq, sizeof seq, "%lld", (long long)n + 1);
    ids_uuid(id);
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL, "INSERT INTO plans_findings (id, inspection_id, seq, kind, text, responsible, created_at) "
                       "VALUES (?, ?, CAST(? AS INTEGER), ?, ?, ?, ?)", 7, id, insp, seq, kind, text, who, now);
    if (rc >= 0) rc = audit_log(rq, rs, "create", "finding", id, NULL);
done:
    free(text);
    return rc < 0 ? rc : DB_OK;
}

/* Judged findings: every significant weakness / area for priority action;
 * those named in "sufficient" made sufficient progress. One transaction. */
static int save_visit(req *rq, resp *rs, const char *insp, form_errors *fe, char id[IDS_UUID_LEN])
{
    char start[11], pub[11], now[21];
    const char *kind = form_choice(rq, "kind", "the kind of visit", 1, visit_values, fe);
    const char *suff[256];
    size_t ns = form_values(rq, "sufficient", suff, 256), i, k;
    json_t *finds = NULL, *f;
    int rc;
    form_date(rq, "start_date", "The start date", 1, start, fe);
    form_date(rq, "publication_date", "The publication date", 0, pub, fe);
    rc = plans_rows(rq->db, &finds, NULL, "SELECT id FROM plans_findings WHERE inspection_id = ? AND kind <> 'improvement'", 1, insp);
    if (rc != DB_OK) goto done;
    for (k = 0; k < ns; k++) {
        int known = 0;
        json_array_foreach(finds, i, f) if (strcmp(plans_js(f, "id"), suff[k]) == 0) known = 1;
        if (!known && *suff[k]) { form_error(fe, "sufficient", "Select findings of this inspection only"); break; }
    }
    if (form_has_errors(fe)) goto done;
    ids_uuid(id);
    ids_now_iso(now);
    if ((rc = db_begin(rq->db)) != DB_OK) goto done;
    rc = db_query_text(rq->db, NULL, "INSERT INTO plans_visits (id, inspection_id, kind, start_date, publication_date, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)", 6, id, insp, kind, start, *pub ? pub : NULL, now);
    json_array_foreach(finds, i, f) {
        int yes = 0;
        if (rc < 0) break;
        for (k = 0; k < ns; k++) if (strcmp(plans_js(f, "id"), suff[k]) == 0) yes = 1;
        rc = db_query_text(rq->db, NULL, "INSERT INTO plans_judgements (visit_id, finding_id, sufficient) VALUES (?, ?, CAST(? AS INTEGER))",
                           3, id, plans_js(f, "id"), yes ? "1" : "0");
    }
    if (rc >= 0) rc = audit_log(rq, rs, "create", "inspection_visit", id, NULL);
    if (rc < 0) db_rollback(rq->db);
    else rc = db_commit(rq->db);
done:
    json_decref(finds);
    return rc < 0 ? rc : DB_OK;
}

static int load_inspection(req *rq, resp *rs, json_t **out)
{
    const char *id = req_param(rq, "id");
    int rc;
    *out = NULL;
    if (!id || !ids_is_uuid(id)) { resp_error(rq, rs, 404, "not_found", "There is no such inspection.", NULL); return -1; }
    rc = plans_row(rq->db, out, NULL, "SELECT " INSPECTION_COLS " FROM plans_inspections i JOIN areas ar ON ar.id = i.area_id "
                   "WHERE i.id = ?", 1, id);
    if (rc < 0) { resp_db_error(rq, rs, rc); return -1; }
    if (rc == DB_DONE) { resp_error(rq, rs, 404, "not_found", "There is no such inspection.", NULL); return -1; }
    return 0;
}

/* ---- pages ------------------------------------------------------------------------ */

void plans_inspections_page(req *rq, resp *rs)
{
    json_t *rows = NULL, *r, *o, *trows;
    buf b = BUF_INIT;
    size_t i;
    int rc = plans_rows(rq->db, &rows, NULL, "SELECT " INSPECTION_COLS " FROM plans_inspections i JOIN areas ar ON ar.id = i.area_id "
                        "ORDER BY i.start_date DESC", 0);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Inspections</h1>");
    if (plans_role_access(rq) == PLANS_EDIT)
        buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/inspections/new\">Record an inspection</a></p>");
    buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/inspections/national\">Compare with every area in England</a> · "
                "<a class=\"govuk-link\" href=\"/plans\">Improvement plans</a></p>");
    o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s},{s:s}], s:[]}", "caption", "Inspections of the partnership's areas",
                  "captionClasses", "govuk-table__caption--m", "head", "text", "Area", "text", "Framework", "text", "Started",
                  "text", "Outcome", "text", "Findings and progress", "rows");
    trows = json_object_get(o, "rows");
    json_array_foreach(rows, i, r) {
        char d[20], *sum = NULL;
        buf link = BUF_INIT;
        if ((rc = plans_inspection_summary(rq->db, plans_js(r, "id"), &sum)) != DB_OK) { json_decref(o); resp_db_error(rq, rs, rc); goto done; }
        buf_add(&link, "<a class=\"govuk-link\" href=\"/inspections/");
        html_attr(&link, plans_js(r, "id"));
        buf_add(&link, "\">");
        html_txt(&link, plans_js(r, "area_name"));
        buf_add(&link, "</a>");
        json_array_append_new(trows, json_pack("[{s:s},{s:s},{s:s},{s:s},{s:s}]", "html", buf_str(&link), "text",
                                               plans_js(r, "framework"), "text", plans_ui_day(plans_js(r, "start_date"), d),
                                               "text", plans_ui_label(plans_outcomes, plans_js(r, "outcome")), "text", sum ? sum : ""));
        free(sum);
        buf_free(&link);
    }
    if (json_array_size(rows)) govuk_table(&b, o);
    else buf_add(&b, "<p class=\"govuk-body\">No inspections have been recorded yet.</p>");
    json_decref(o);
    page_render(rq, rs, 200, "Inspections", buf_str(&b));
done:
    json_decref(rows);
    buf_free(&b);
}

static void inspection_form(req *rq, resp *rs, int status, const form_errors *fe)
{
    json_t *areas = NULL;
    buf b = BUF_INIT;
    int rc = plans_rows(rq->db, &areas, NULL, "SELECT id, name FROM areas ORDER BY name", 0);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    plans_ui_form_start(rq, &b, fe, NULL, "Record an inspection", "/inspections/new");
    plans_ui_select_rows(&b, fe, "area_id", "Area", areas, "id", "name", req_form(rq, "area_id"), "Select an area");
    plans_ui_radios(&b, fe, "framework", "Framework", plans_frameworks, req_form(rq, "framework"));
    plans_ui_date(&b, fe, rq, "start_date", "First day of the inspection", NULL);
    plans_ui_date(&b, fe, rq, "end_date", "Last day of the inspection (optional)", NULL);
    plans_ui_date(&b, fe, rq, "publication_date", "Date the report was published (optional)", NULL);
    plans_ui_radios(&b, fe, "outcome", "Outcome", plans_outcomes, req_form(rq, "outcome"));
    plans_ui_button(&b, "Save inspection", 0);
    plans_ui_form_end(&b);
    page_render_ex(rq, rs, status, "Record an inspection", buf_str(&b), form_has_errors(fe));
done:
    json_decref(areas);
    buf_free(&b);
}

void plans_inspection_new_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    inspection_form(rq, rs, 200, &fe);
}

void plans_inspection_new_post(req *rq, resp *rs)
{
    form_errors fe = {0};
    char id[IDS_UUID_LEN];
    int rc = save_inspection(rq, rs, &fe, id);
    if (plans_ui_after_save(rq, rs, rc, &fe, "/inspections/", id)) inspection_form(rq, rs, 400, &fe);
    form_errors_free(&fe);
}

static void inspection_view(req *rq, resp *rs, json_t *insp, int status, const form_errors *fe)
{
    json_t *finds = NULL, *visits = NULL, *plans = NULL, *r, *o, *trows, *judg = NULL;
    buf b = BUF_INIT;
    char d1[20], d2[20], *sum = NULL;
    size_t i;
    const char *id = plans_js(insp, "id");
    int stale = plans_stale_days(rq->db), rc;
    int is2016 = strcmp(plans_js(insp, "framework"), "2016") == 0;
    rc = plans_rows(rq->db, &finds, "sisss", "SELECT id, seq, kind, text, responsible FROM plans_findings WHERE inspection_id = ? ORDER BY seq", 1, id);
    if (rc == DB_OK) rc = plans_rows(rq->db, &visits, NULL, "SELECT id, kind, start_date, publication_date FROM plans_visits WHERE inspection_id = ? ORDER BY start_date", 1, id);
    if (rc == DB_OK) rc = plans_rows(rq->db, &plans, NULL, "SELECT id, kind, title FROM plans_plans WHERE inspection_id = ? ORDER BY created_at", 1, id);
    if (rc == DB_OK) rc = plans_inspection_summary(rq->db, id, &sum);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    buf_add(&b, "<span class=\"govuk-caption-l\">");
    html_txt(&b, is2016 ? "Local area SEND inspection" : "Area SEND inspection");
    buf_add(&b, "</span><h1 class=\"govuk-heading-l\">");
    html_txt(&b, plans_js(insp, "area_name"));
    buf_add(&b, ": inspection of ");
    html_txt(&b, plans_ui_day(plans_js(insp, "start_date"), d1));
    buf_add(&b, "</h1>");
    form_error_summary(&b, plans_ui_fe(fe));
    buf_add(&b, "<p class=\"govuk-body-l plans-summary-line\">");
    html_txt(&b, sum ? sum : "");
    buf_add(&b, "</p>");
    o = json_pack("{s:[{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}}]}", "rows",
                  "key", "text", "Area", "value", "text", plans_js(insp, "area_name"),
                  "key", "text", "Framework", "value", "text", plans_ui_label(plans_frameworks, plans_js(insp, "framework")),
                  "key", "text", "Published", "value", "text", plans_ui_day(plans_js(insp, "publication_date"), d2),
                  "key", "text", "Outcome", "value", "text", plans_ui_label(plans_outcomes, plans_js(insp, "outcome")));
    govuk_summary_list(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s},{s:s},{s:s}], s:[]}", "caption", "Findings", "captionClasses",
                  "govuk-table__caption--m", "head", "text", "Number", "text", "Kind", "text", "What the inspectors found",
                  "text", "Responsible", "text", "Latest judgement", "text", "Rating from actions", "rows");
    trows = json_object_get(o, "rows");
    json_array_foreach(finds, i, r) {
        enum plans_rag rag = PLANS_RAG_NONE;
        char *j = NULL, n[24];
        buf tag = BUF_INIT;
        const char *fid = plans_js(r, "id");
        if ((rc = plans_rate_finding(rq->db, fid, date_today(), stale, &rag)) != DB_OK ||
            (rc = db_query_text(rq->db, &j, "SELECT j.sufficient FROM plans_judgements j JOIN plans_visits v ON v.id = j.visit_id "
                                "WHERE j.finding_id = ? ORDER BY v.start_date DESC", 1, fid)) < 0) {
            json_decref(o); resp_db_error(rq, rs, rc); goto done;
        }
        plans_ui_tag(&tag, rag);
        snprintf(n, sizeof n, "%lld", (long long)json_integer_value(json_object_get(r, "seq")));
        if (plans_role_access(rq) == PLANS_EDIT) {
            buf_add(&tag, " <a class=\"govuk-link\" href=\"/findings/");
            html_attr(&tag, fid);
            buf_printf(&tag, "/edit\">Change<span class=\"govuk-visually-hidden\"> finding %s</span></a>", n);
        }
        json_array_append_new(trows, json_pack("[{s:s},{s:s},{s:s},{s:s},{s:s},{s:s}]", "text", n, "text",
                                               plans_ui_label(plans_finding_kinds, plans_js(r, "kind")), "text", plans_js(r, "text"),
                                               "text", plans_ui_label(plans_responsible, plans_js(r, "responsible")),
                                               "text", !j ? "Not yet judged" : strcmp(j, "1") == 0 ? "Sufficient progress" : "Not sufficient progress",
                                               "html", buf_str(&tag)));
        free(j);
        buf_free(&tag);
    }
    if (json_array_size(finds)) govuk_table(&b, o);
    else buf_add(&b, "<p class=\"govuk-body\">No findings have been recorded yet.</p>");
    json_decref(o);
    buf_add(&b, "<h2 class=\"govuk-heading-m\">Revisits and monitoring inspections</h2>");
    if (!json_array_size(visits)) buf_add(&b, "<p class=\"govuk-body\">None yet.</p>");
    else buf_add(&b, "<ul class=\"govuk-list govuk-list--bullet\">");
    json_array_foreach(visits, i, r) {
        int64_t y = 0, nn = 0;
        db_query_int64(rq->db, &y, "SELECT COUNT(*) FROM plans_judgements WHERE visit_id = ? AND sufficient = 1", 1, plans_js(r, "id"));
        db_query_int64(rq->db, &nn, "SELECT COUNT(*) FROM plans_judgements WHERE visit_id = ? AND sufficient = 0", 1, plans_js(r, "id"));
        buf_add(&b, "<li>");
        html_txt(&b, plans_ui_label(visit_kinds, plans_js(r, "kind")));
        buf_add(&b, ", ");
        html_txt(&b, plans_ui_day(plans_js(r, "start_date"), d1));
        buf_printf(&b, ": sufficient progress on %lld, not on %lld</li>", (long long)y, (long long)nn);
    }
    if (json_array_size(visits)) buf_add(&b, "</ul>");
    buf_add(&b, "<h2 class=\"govuk-heading-m\">Plans answering this inspection</h2>");
    if (!json_array_size(plans)) buf_add(&b, "<p class=\"govuk-body\">None yet.</p>");
    else buf_add(&b, "<ul class=\"govuk-list\">");
    json_array_foreach(plans, i, r) {
        buf_add(&b, "<li><a class=\"govuk-link\" href=\"/plans/");
        html_attr(&b, plans_js(r, "id"));
        buf_add(&b, "\">");
        html_txt(&b, plans_js(r, "title"));
        buf_add(&b, "</a> (");
        html_txt(&b, plans_ui_label(plans_plan_kinds, plans_js(r, "kind")));
        buf_add(&b, ")</li>");
    }
    if (json_array_size(plans)) buf_add(&b, "</ul>");
    if (plans_role_access(rq) == PLANS_EDIT) {
        buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/inspections/");
        html_attr(&b, id);
        buf_add(&b, "/edit\">Change the inspection's dates or outcome</a></p>");
        buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/inspections/");
        html_attr(&b, id);
        buf_add(&b, "/visits/new\">Record a revisit or monitoring inspection</a></p>"
                    "<h2 class=\"govuk-heading-m\">Add a finding</h2><form method=\"post\" action=\"/inspections/");
        html_attr(&b, id);
        buf_add(&b, "/findings\" novalidate>");
        page_csrf_field(rq, &b);
        plans_ui_radios(&b, fe, "kind", "Kind of finding", plans_finding_kinds, req_form(rq, "kind"));
        plans_ui_textarea(&b, fe, "text", "What the inspectors found", req_form(rq, "text"), NULL);
        plans_ui_radios(&b, fe, "responsible", "Responsible body", plans_responsible, req_form(rq, "responsible"));
        plans_ui_button(&b, "Add finding", 1);
        buf_add(&b, "</form>");
    }
    {
        buf t = BUF_INIT;
        buf_printf(&t, "%s inspection", plans_js(insp, "area_name"));
        page_render_ex(rq, rs, status, buf_str(&t), buf_str(&b), fe && form_has_errors(fe));
        buf_free(&t);
    }
done:
    free(sum);
    json_decref(finds);
    json_decref(visits);
    json_decref(plans);
    json_decref(judg);
    buf_free(&b);
}

void plans_inspection_page(req *rq, resp *rs)
{
    json_t *insp = NULL;
    form_errors fe = {0};
    if (load_inspection(rq, rs, &insp) != 0) return;
    inspection_view(rq, rs, insp, 200, &fe);
    json_decref(insp);
}

void plans_finding_post(req *rq, resp *rs)
{
    json_t *insp = NULL;
    form_errors fe = {0};
    char id[IDS_UUID_LEN];
    int rc;
    if (load_inspection(rq, rs, &insp) != 0) return;
    rc = save_finding(rq, rs, plans_js(insp, "id"), plans_js(insp, "framework"), &fe, id);
    if (plans_ui_after_save(rq, rs, rc, &fe, "/inspections/", plans_js(insp, "id")))
        inspection_view(rq, rs, insp, 400, &fe);
    form_errors_free(&fe);
    json_decref(insp);
}

static void visit_form(req *rq, resp *rs, json_t *insp, int status, const form_errors *fe)
{
    json_t *finds = NULL, *sel = json_array();
    buf b = BUF_INIT, act = BUF_INIT;
    const char *vals[256];
    size_t n = form_values(rq, "sufficient", vals, 256), i;
    int rc = plans_rows(rq->db, &finds, NULL, "SELECT id, CAST(seq AS TEXT) || '. ' || text AS label FROM plans_findings "
                        "WHERE inspection_id = ? AND kind <> 'improvement' ORDER BY seq", 1, plans_js(insp, "id"));
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    for (i = 0; i < n; i++) json_array_append_new(sel, json_string(vals[i]));
    buf_printf(&act, "/inspections/%s/visits", plans_js(insp, "id"));
    plans_ui_form_start(rq, &b, fe, NULL, "Record a revisit or monitoring inspection", buf_str(&act));
    plans_ui_radios(&b, fe, "kind", "Kind of visit", visit_kinds, req_form(rq, "kind"));
    plans_ui_date(&b, fe, rq, "start_date", "First day of the visit", NULL);
    plans_ui_date(&b, fe, rq, "publication_date", "Date the letter was published (optional)", NULL);
    plans_ui_checkboxes(&b, fe, "sufficient", "Findings where inspectors judged sufficient progress had been made", finds, "id", "label", sel);
    plans_ui_button(&b, "Save visit", 0);
    plans_ui_form_end(&b);
    page_render_ex(rq, rs, status, "Record a revisit", buf_str(&b), form_has_errors(fe));
done:
    json_decref(finds);
    json_decref(sel);
    buf_free(&b);
    buf_free(&act);
}

void plans_visit_new_page(req *rq, resp *rs)
{
    json_t *insp = NULL;
    form_errors fe = {0};
    if (load_inspection(rq, rs, &insp) != 0) return;
    visit_form(rq, rs, insp, 200, &fe);
    json_decref(insp);
}

void plans_visit_post(req *rq, resp *rs)
{
    json_t *insp = NULL;
    form_errors fe = {0};
    char id[IDS_UUID_LEN];
    int rc;
    if (load_inspection(rq, rs, &insp) != 0) return;
    rc = save_visit(rq, rs, plans_js(insp, "id"), &fe, id);
    if (plans_ui_after_save(rq, rs, rc, &fe, "/inspections/", plans_js(insp, "id")))
        visit_form(rq, rs, insp, 400, &fe);
    form_errors_free(&fe);
    json_decref(insp);
}

/* ---- API ---------------------------------------------------------------------------- */

static json_t *inspection_json(db *d, json_t *insp)
{
    char *sum = NULL;
    json_t *finds = NULL, *visits = NULL, *v;
    size_t i;
    const char *id = plans_js(insp, "id");
    plans_inspection_summary(d, id, &sum);
    plans_rows(d, &finds, "ssisss", "SELECT id, inspection_id, seq, kind, text, responsible FROM plans_findings WHERE inspection_id = ? ORDER BY seq", 1, id);
    plans_rows(d, &visits, NULL, "SELECT id, kind, start_date, publication_date FROM plans_visits WHERE inspection_id = ? ORDER BY start_date", 1, id);
    json_array_foreach(visits, i, v) {
        json_t *j = NULL;
        plans_rows(d, &j, "sb", "SELECT finding_id, sufficient FROM plans_judgements WHERE visit_id = ?", 1, plans_js(v, "id"));
        json_object_set_new(v, "judgements", j ? j : json_array());
    }
    json_object_set_new(insp, "summary", json_string(sum ? sum : ""));
    json_object_set_new(insp, "findings", finds ? finds : json_array());
    json_object_set_new(insp, "visits", visits ? visits : json_array());
    free(sum);
    return insp;
}

void plans_inspections_api(req *rq, resp *rs)
{
    int page, per, rc;
    json_t *rows = NULL, *r;
    int64_t total = 0;
    char sql[512];
    size_t i;
    const char *area = req_query(rq, "area");
    if (router_page_params(rq, rs, 20, 100, &page, &per) != 0) return;
    snprintf(sql, sizeof sql, "SELECT " INSPECTION_COLS " FROM plans_inspections i JOIN areas ar ON ar.id = i.area_id "
             "WHERE (CAST(? AS TEXT) IS NULL OR i.area_id = ? OR lower(ar.name) = lower(?)) ORDER BY i.start_date DESC LIMIT %d OFFSET %d",
             per, (page - 1) * per);
    rc = plans_rows(rq->db, &rows, NULL, sql, 3, area, area, area);
    if (rc == DB_OK) rc = db_query_int64(rq->db, &total, "SELECT COUNT(*) FROM plans_inspections i JOIN areas ar ON ar.id = i.area_id "
                                         "WHERE (CAST(? AS TEXT) IS NULL OR i.area_id = ? OR lower(ar.name) = lower(?))", 3, area, area, area);
    if (rc < 0) { json_decref(rows); resp_db_error(rq, rs, rc); return; }
    json_array_foreach(rows, i, r) {
        char *sum = NULL;
        plans_inspection_summary(rq->db, plans_js(r, "id"), &sum);
        json_object_set_new(r, "summary", json_string(sum ? sum : ""));
        free(sum);
    }
    resp_json(rs, 200, json_pack("{s:o, s:i, s:i, s:I}", "items", rows, "page", page, "per_page", per, "total", (json_int_t)total));
}

void plans_inspection_create_api(req *rq, resp *rs)
{
    form_errors fe = {0};
    char id[IDS_UUID_LEN];
    json_t *insp = NULL;
    int rc = save_inspection(rq, rs, &fe, id);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (form_has_errors(&fe)) resp_json(rs, 400, form_errors_json(&fe));
    else if (plans_row(rq->db, &insp, NULL, "SELECT " INSPECTION_COLS " FROM plans_inspections i JOIN areas ar ON ar.id = i.area_id WHERE i.id = ?", 1, id) == DB_ROW)
        resp_json(rs, 201, inspection_json(rq->db, insp));
    else resp_db_error(rq, rs, DB_ERROR);
    form_errors_free(&fe);
}

void plans_inspection_api(req *rq, resp *rs)
{
    json_t *insp = NULL;
    if (load_inspection(rq, rs, &insp) != 0) return;
    resp_json(rs, 200, inspection_json(rq->db, insp));
}

void plans_findings_api(req *rq, resp *rs)
{
    json_t *insp = NULL, *rows = NULL, *r;
    size_t i;
    int stale;
    if (load_inspection(rq, rs, &insp) != 0) return;
    stale = plans_stale_days(rq->db);
    plans_rows(rq->db, &rows, "ssisss", "SELECT id, inspection_id, seq, kind, text, responsible FROM plans_findings WHERE inspection_id = ? ORDER BY seq", 1, plans_js(insp, "id"));
    json_array_foreach(rows, i, r) {
        enum plans_rag rag = PLANS_RAG_NONE;
        plans_rate_finding(rq->db, plans_js(r, "id"), date_today(), stale, &rag);
        json_object_set_new(r, "rag", json_string(plans_rag_name(rag)));
    }
    resp_json(rs, 200, json_pack("{s:o, s:i, s:i, s:i}", "items", rows ? rows : json_array(), "page", 1, "per_page",
                                 (int)json_array_size(rows), "total", (int)json_array_size(rows)));
    json_decref(insp);
}

void plans_finding_create_api(req *rq, resp *rs)
{
    json_t *insp = NULL, *f = NULL;
    form_errors fe = {0};
    char id[IDS_UUID_LEN];
    int rc;
    if (load_inspection(rq, rs, &insp) != 0) return;
    rc = save_finding(rq, rs, plans_js(insp, "id"), plans_js(insp, "framework"), &fe, id);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (form_has_errors(&fe)) resp_json(rs, 400, form_errors_json(&fe));
    else if (plans_row(rq->db, &f, "ssisss", "SELECT id, inspection_id, seq, kind, text, responsible FROM plans_findings WHERE id = ?", 1, id) == DB_ROW)
        resp_json(rs, 201, f);
    else resp_db_error(rq, rs, DB_ERROR);
    form_errors_free(&fe);
    json_decref(insp);
}

void plans_visit_create_api(req *rq, resp *rs)
{
    json_t *insp = NULL;
    form_errors fe = {0};
    char id[IDS_UUID_LEN];
    int rc;
    if (load_inspection(rq, rs, &insp) != 0) return;
    rc = save_visit(rq, rs, plans_js(insp, "id"), &fe, id);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (form_has_errors(&fe)) resp_json(rs, 400, form_errors_json(&fe));
    else {
        json_decref(insp);
        insp = NULL;
        if (plans_row(rq->db, &insp, NULL, "SELECT " INSPECTION_COLS " FROM plans_inspections i JOIN areas ar ON ar.id = i.area_id "
                      "WHERE i.id = (SELECT inspection_id FROM plans_visits WHERE id = ?)", 1, id) == DB_ROW)
            resp_json(rs, 201, inspection_json(rq->db, insp)), insp = NULL;
        else resp_db_error(rq, rs, DB_ERROR);
    }
    form_errors_free(&fe);
    json_decref(insp);
}
