/* planpages: plans pages and API (see planpages.h). */
#include "planpages.h"

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

static const char *const kind_values[] = {"wsoa", "app", "pap", "strategic", NULL};

#define PLAN_COLS "p.id, p.area_id, ar.name AS area_name, p.inspection_id, p.kind, p.title, p.summary, p.published, p.created_at, p.updated_at, " PLANS_PLAN_LEAD_SQL " AS lead_org_id"
#define PLAN_TYPES "ssssssssss"

int plans_plan_load(req *rq, resp *rs, const char *id, json_t **out)
{
    int rc;
    *out = NULL;
    if (!id || !ids_is_uuid(id)) { resp_error(rq, rs, 404, "not_found", "There is no such plan.", NULL); return -1; }
    rc = plans_row(rq->db, out, "sssssssbsss", "SELECT " PLAN_COLS " FROM plans_plans p JOIN areas ar ON ar.id = p.area_id WHERE p.id = ?", 1, id);
    if (rc < 0) { resp_db_error(rq, rs, rc); return -1; }
    if (rc == DB_DONE) { resp_error(rq, rs, 404, "not_found", "There is no such plan.", NULL); return -1; }
    return 0;
}

int plans_plan_actions(db *d, const char *plan_id, json_t **out)
{
    json_t *r;
    size_t i;
    int stale = plans_stale_days(d), rc;
    int32_t today = date_today();
    *out = NULL;
    rc = plans_rows(d, out, NULL, "SELECT a.id, a.plan_id, a.ref, a.title, a.description, a.public_summary, a.lead_officer, "
                    "a.accountable_officer, a.lead_org_id, o.name AS lead_org_name, a.coproduction, a.forum_org_id, "
                    "a.start_date, a.due_date, a.status, a.completed_date, a.created_at, a.updated_at "
                    "FROM plans_actions a JOIN organisations o ON o.id = a.lead_org_id WHERE a.plan_id = ? ORDER BY a.ref, a.created_at",
                    1, plan_id);
    if (rc != DB_OK) return rc;
    json_array_foreach(*out, i, r) {
        struct plans_rating rt;
        json_t *f = NULL;
        if ((rc = plans_rate_action(d, r, today, stale, &rt)) != DB_OK) return rc;
        json_object_set_new(r, "rag", json_string(plans_rag_name(rt.rag)));
        json_object_set_new(r, "reason", json_string(plans_reason_label(rt.reason)));
        json_object_set_new(r, "stale", json_boolean(rt.stale));
        if ((rc = plans_rows(d, &f, NULL, "SELECT finding_id FROM plans_action_findings WHERE action_id = ?", 1, plans_js(r, "id"))) != DB_OK) return rc;
        {
            json_t *ids = json_array(), *x;
            size_t k;
            json_array_foreach(f, k, x) json_array_append_new(ids, json_string(plans_js(x, "finding_id")));
            json_object_set_new(r, "finding_ids", ids);
        }
        json_decref(f);
    }
    return DB_OK;
}

static enum plans_rag rag_of(const char *name)
{
    if (strcmp(name, "red") == 0) return PLANS_RAG_RED;
    if (strcmp(name, "amber") == 0) return PLANS_RAG_AMBER;
    if (strcmp(name, "green") == 0) return PLANS_RAG_GREEN;
    return PLANS_RAG_NONE;
}

static int save_plan(req *rq, resp *rs, form_errors *fe, char id[IDS_UUID_LEN])
{
    const char *area = req_form(rq, "area_id"), *insp = req_form(rq, "inspection_id"), *lead = req_form(rq, "lead_org_id");
    const char *kind = form_choice(rq, "kind", "the kind of plan", 1, kind_values, fe);
    char *title = form_text(rq, "title", "a title", 1, 200, fe);
    char *summary = form_text(rq, "summary", "a summary", 0, 4000, fe);
    char now[21];
    int64_t n = 0;
    int rc = DB_OK;
    if (!area || !ids_is_uuid(area)) form_error(fe, "area_id", "Select the area");
    else if ((rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM areas WHERE id = ?", 1, area)) < 0) goto done;
    else if (!n) form_error(fe, "area_id", "Select one of the partnership's areas");
    if (insp && !*insp) insp = NULL;
    if (insp) {
        n = 0;
        if (!ids_is_uuid(insp) || (rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM plans_inspections WHERE id = ? AND area_id = ?", 2, insp, area ? area : "")) < 0 || !n) {
            if (rc < 0) goto done;
            form_error(fe, "inspection_id", "Select an inspection of the same area, or none");
        }
    }
    if (lead && !*lead) lead = NULL;
    if (lead) {
        n = 0;
        if (!ids_is_uuid(lead) || (rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM organisations WHERE id = ?", 1, lead)) < 0 || !n) {
            if (rc < 0) goto done;
            form_error(fe, "lead_org_id", "Select the lead organisation, or leave it to the area's council");
        }
    }
    if (form_has_errors(fe)) goto done;
    ids_uuid(id);
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL, "INSERT INTO plans_plans (id, area_id, inspection_id, kind, title, summary, published, created_at, updated_at, lead_org_id) "
                       "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", 9, id, area, insp, kind, title, summary, now, now, lead);
    if (rc >= 0) rc = audit_log(rq, rs, "create", "plan", id, NULL);
done:
    free(title);
    free(summary);
    return rc < 0 ? rc : DB_OK;
}

void plans_plans_page(req *rq, resp *rs)
{
    json_t *rows = NULL, *r, *o, *trows;
    buf b = BUF_INIT;
    size_t i;
    int rc = plans_rows(rq->db, &rows, "sssssssbsss", "SELECT " PLAN_COLS " FROM plans_plans p JOIN areas ar ON ar.id = p.area_id ORDER BY ar.name, p.created_at", 0);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Improvement plans</h1>");
    if (plans_role_access(rq) == PLANS_EDIT)
        buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/plans/new\">Start a plan</a></p>");
    buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/inspections\">Inspections</a> · "
                "<a class=\"govuk-link\" href=\"/reports\">Monitoring reports</a></p>");
    o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s},{s:s, s:s},{s:s, s:s},{s:s, s:s}], s:[]}", "caption", "Plans",
                  "captionClasses", "govuk-table__caption--m", "head", "text", "Plan", "text", "Area", "text", "Kind",
                  "text", "Public page", "text", "Red", "format", "numeric", "text", "Amber", "format", "numeric", "text", "Green", "format", "numeric", "rows");
    trows = json_object_get(o, "rows");
    json_array_foreach(rows, i, r) {
        json_t *acts = NULL, *a;
        size_t k;
        int c[4] = {0, 0, 0, 0};
        char n1[12], n2[12], n3[12];
        buf link = BUF_INIT;
        if ((rc = plans_plan_actions(rq->db, plans_js(r, "id"), &acts)) != DB_OK) { json_decref(acts); json_decref(o); resp_db_error(rq, rs, rc); goto done; }
        json_array_foreach(acts, k, a) c[rag_of(plans_js(a, "rag"))]++;
        json_decref(acts);
        buf_add(&link, "<a class=\"govuk-link\" href=\"/plans/");
        html_attr(&link, plans_js(r, "id"));
        buf_add(&link, "\">");
        html_txt(&link, plans_js(r, "title"));
        buf_add(&link, "</a>");
        snprintf(n1, sizeof n1, "%d", c[PLANS_RAG_RED]);
        snprintf(n2, sizeof n2, "%d", c[PLANS_RAG_AMBER]);
        snprintf(n3, sizeof n3, "%d", c[PLANS_RAG_GREEN]);
        json_array_append_new(trows, json_pack("[{s:s},{s:s},{s:s},{s:s},{s:s, s:s},{s:s, s:s},{s:s, s:s}]", "html", buf_str(&link),
                                               "text", plans_js(r, "area_name"), "text", plans_ui_label(plans_plan_kinds, plans_js(r, "kind")),
                                               "text", json_is_true(json_object_get(r, "published")) ? "Published" : "Not published",
                                               "text", n1, "format", "numeric", "text", n2, "format", "numeric", "text", n3, "format", "numeric"));
        buf_free(&link);
    }
    if (json_array_size(rows)) govuk_table(&b, o);
    else buf_add(&b, "<p class=\"govuk-body\">No plans yet.</p>");
    json_decref(o);
    page_render(rq, rs, 200, "Improvement plans", buf_str(&b));
done:
    json_decref(rows);
    buf_free(&b);
}

static void plan_form(req *rq, resp *rs, int status, const form_errors *fe)
{
    json_t *areas = NULL, *insps = NULL, *orgs = NULL;
    buf b = BUF_INIT;
    int rc = plans_rows(rq->db, &areas, NULL, "SELECT id, name FROM areas ORDER BY name", 0);
    if (rc == DB_OK) rc = plans_rows(rq->db, &orgs, NULL, "SELECT id, name FROM organisations WHERE type IN ('local_authority', 'icb', 'health_provider') ORDER BY name", 0);
    if (rc == DB_OK) rc = plans_rows(rq->db, &insps, NULL, "SELECT i.id, ar.name || ': ' || i.start_date || ' (' || i.framework || ' framework)' AS label "
                                     "FROM plans_inspections i JOIN areas ar ON ar.id = i.area_id ORDER BY ar.name, i.start_date", 0);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    plans_ui_form_start(rq, &b, fe, NULL, "Start a plan", "/plans/new");
    plans_ui_select_rows(&b, fe, "area_id", "Area", areas, "id", "name", req_form(rq, "area_id"), "Select an area");
    plans_ui_select_rows(&b, fe, "inspection_id", "Inspection it answers", insps, "id", "label", req_form(rq, "inspection_id"), "None (a strategic plan)");
    plans_ui_select_rows(&b, fe, "lead_org_id", "Lead organisation (its officers publish the public page)", orgs, "id", "name",
                         req_form(rq, "lead_org_id"), "The council of the area");
    plans_ui_radios(&b, fe, "kind", "Kind of plan", plans_plan_kinds, req_form(rq, "kind"));
    plans_ui_input(&b, fe, "title", "Title", req_form(rq, "title"), NULL);
    plans_ui_textarea(&b, fe, "summary", "Summary in plain English", req_form(rq, "summary"), "Shown on the public page once the plan is published.");
    plans_ui_button(&b, "Save plan", 0);
    plans_ui_form_end(&b);
    page_render_ex(rq, rs, status, "Start a plan", buf_str(&b), form_has_errors(fe));
done:
    json_decref(areas);
    json_decref(insps);
    json_decref(orgs);
    buf_free(&b);
}

void plans_plan_new_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    plan_form(rq, rs, 200, &fe);
}

void plans_plan_new_post(req *rq, resp *rs)
{
    form_errors fe = {0};
    char id[IDS_UUID_LEN];
    int rc = save_plan(rq, rs, &fe, id);
    if (plans_ui_after_save(rq, rs, rc, &fe, "/plans/", id)) plan_form(rq, rs, 400, &fe);
    form_errors_free(&fe);
}

void plans_plan_page(req *rq, resp *rs)
{
    json_t *plan = NULL, *acts = NULL, *finds = NULL, *reports = NULL, *f, *a, *o, *trows;
    buf b = BUF_INIT;
    size_t i, k;
    int rc, edit = plans_role_access(rq) == PLANS_EDIT;
    const char *id = req_param(rq, "id");
    if (plans_plan_load(rq, rs, id, &plan) != 0) return;
    rc = plans_plan_actions(rq->db, id, &acts);
    if (rc == DB_OK) rc = plans_rows(rq->db, &finds, "sisss", "SELECT f.id, f.seq, f.kind, f.text, f.responsible FROM plans_findings f "
                                     "WHERE f.inspection_id = ? ORDER BY f.seq", 1, plans_js(plan, "inspection_id"));
    if (rc == DB_OK) rc = plans_rows(rq->db, &reports, NULL, "SELECT id, title, status, period_end FROM plans_reports WHERE plan_id = ? ORDER BY period_end DESC", 1, id);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    buf_add(&b, "<span class=\"govuk-caption-l\">");
    html_txt(&b, plans_ui_label(plans_plan_kinds, plans_js(plan, "kind")));
    buf_add(&b, ", ");
    html_txt(&b, plans_js(plan, "area_name"));
    buf_add(&b, "</span><h1 class=\"govuk-heading-l\">");
    html_txt(&b, plans_js(plan, "title"));
    buf_add(&b, "</h1><p class=\"govuk-body\">");
    html_txt(&b, plans_js(plan, "summary"));
    buf_add(&b, "</p><p class=\"govuk-body\">");
    if (*plans_js(plan, "inspection_id")) {
        buf_add(&b, "<a class=\"govuk-link\" href=\"/inspections/");
        html_attr(&b, plans_js(plan, "inspection_id"));
        buf_add(&b, "\">The inspection this plan answers</a> · ");
    }
    if (json_is_true(json_object_get(plan, "published"))) {
        buf_add(&b, "<a class=\"govuk-link\" href=\"/improvement/");
        html_attr(&b, id);
        buf_add(&b, "\">Public page for families</a>");
    } else buf_add(&b, "The public page is not published yet.");
    buf_add(&b, "</p>");
    if (edit) {
        buf_add(&b, "<div class=\"govuk-button-group\"><a class=\"govuk-button\" href=\"/plans/");
        html_attr(&b, id);
        buf_add(&b, "/actions/new\">Add an action</a><a class=\"govuk-button govuk-button--secondary\" href=\"/plans/");
        html_attr(&b, id);
        buf_add(&b, "/reports/new\">Start a monitoring report</a></div>");
    }
    if (plans_plan_publish_allowed(rq, id) == PLANS_EDIT) {
        buf_add(&b, "<form method=\"post\" action=\"/plans/");
        html_attr(&b, id);
        buf_add(&b, "/publish\" novalidate>");
        page_csrf_field(&*rq, &b);
        buf_printf(&b, "<input type=\"hidden\" name=\"published\" value=\"%s\">", json_is_true(json_object_get(plan, "published")) ? "0" : "1");
        plans_ui_button(&b, json_is_true(json_object_get(plan, "published")) ? "Withdraw the public page" : "Publish the public page", 1);
        buf_add(&b, "</form>");
    }
    /* Actions grouped by finding. */
    json_array_foreach(finds, i, f) {
        buf_printf(&b, "<h2 class=\"govuk-heading-m\">%lld. ", (long long)json_integer_value(json_object_get(f, "seq")));
        html_txt(&b, plans_ui_label(plans_finding_kinds, plans_js(f, "kind")));
        buf_add(&b, "</h2><p class=\"govuk-body\">");
        html_txt(&b, plans_js(f, "text"));
        buf_add(&b, "</p>");
        o = json_pack("{s:s, s:[{s:s},{s:s},{s:s},{s:s},{s:s},{s:s}], s:[]}", "caption", "Actions answering this finding", "head",
                      "text", "Action", "text", "Lead", "text", "Due", "text", "Status", "text", "Rating", "text", "Why", "rows");
        trows = json_object_get(o, "rows");
        json_array_foreach(acts, k, a) {
            json_t *x;
            size_t m;
            int answers = 0;
            buf link = BUF_INIT, tag = BUF_INIT;
            char d[20];
            json_array_foreach(json_object_get(a, "finding_ids"), m, x)
                if (strcmp(json_string_value(x), plans_js(f, "id")) == 0) answers = 1;
            if (!answers) continue;
            buf_add(&link, "<a class=\"govuk-link\" href=\"/actions/");
            html_attr(&link, plans_js(a, "id"));
            buf_add(&link, "\">");
            html_txt(&link, plans_js(a, "ref"));
            buf_add(&link, " ");
            html_txt(&link, plans_js(a, "title"));
            buf_add(&link, "</a>");
            plans_ui_tag(&tag, rag_of(plans_js(a, "rag")));
            if (json_is_true(json_object_get(a, "stale"))) buf_add(&tag, " <strong class=\"govuk-tag govuk-tag--grey\">No recent update</strong>");
            json_array_append_new(trows, json_pack("[{s:s},{s:s},{s:s},{s:s},{s:s},{s:s}]", "html", buf_str(&link), "text", plans_js(a, "lead_org_name"),
                                                   "text", plans_ui_day(plans_js(a, "due_date"), d), "text", plans_status_label(plans_js(a, "status")),
                                                   "html", buf_str(&tag), "text", plans_js(a, "reason")));
            buf_free(&link);
            buf_free(&tag);
        }
        if (json_array_size(trows)) govuk_table(&b, o);
        else buf_add(&b, "<p class=\"govuk-body\">No actions answer this finding yet.</p>");
        json_decref(o);
    }
    if (!json_array_size(finds)) {
        o = json_pack("{s:s, s:[{s:s},{s:s},{s:s},{s:s}], s:[]}", "caption", "Actions", "head", "text", "Action", "text", "Due",
                      "text", "Status", "text", "Rating", "rows");
        trows = json_object_get(o, "rows");
        json_array_foreach(acts, k, a) {
            buf link = BUF_INIT, tag = BUF_INIT;
            char d[20];
            buf_add(&link, "<a class=\"govuk-link\" href=\"/actions/");
            html_attr(&link, plans_js(a, "id"));
            buf_add(&link, "\">");
            html_txt(&link, plans_js(a, "title"));
            buf_add(&link, "</a>");
            plans_ui_tag(&tag, rag_of(plans_js(a, "rag")));
            json_array_append_new(trows, json_pack("[{s:s},{s:s},{s:s},{s:s}]", "html", buf_str(&link), "text", plans_ui_day(plans_js(a, "due_date"), d),
                                                   "text", plans_status_label(plans_js(a, "status")), "html", buf_str(&tag)));
            buf_free(&link);
            buf_free(&tag);
        }
        if (json_array_size(acts)) govuk_table(&b, o);
        else buf_add(&b, "<p class=\"govuk-body\">No actions yet.</p>");
        json_decref(o);
    }
    buf_add(&b, "<h2 class=\"govuk-heading-m\">Monitoring reports</h2>");
    if (!json_array_size(reports)) buf_add(&b, "<p class=\"govuk-body\">None yet.</p>");
    else buf_add(&b, "<ul class=\"govuk-list\">");
    json_array_foreach(reports, i, f) {
        buf_add(&b, "<li><a class=\"govuk-link\" href=\"/reports/");
        html_attr(&b, plans_js(f, "id"));
        buf_add(&b, "\">");
        html_txt(&b, plans_js(f, "title"));
        buf_add(&b, "</a> (");
        html_txt(&b, strcmp(plans_js(f, "status"), "published") == 0 ? "published" : "draft");
        buf_add(&b, ")</li>");
    }
    if (json_array_size(reports)) buf_add(&b, "</ul>");
    page_render(rq, rs, 200, plans_js(plan, "title"), buf_str(&b));
done:
    json_decref(plan);
    json_decref(acts);
    json_decref(finds);
    json_decref(reports);
    buf_free(&b);
}

void plans_plan_publish_post(req *rq, resp *rs)
{
    json_t *plan = NULL;
    const char *id = req_param(rq, "id"), *p = req_form(rq, "published");
    char now[21], loc[64];
    int rc;
    if (plans_plan_load(rq, rs, id, &plan) != 0) return;
    if (plans_plan_publish_access(rq, rs, id) != 0) goto done;
    if (!p || (strcmp(p, "0") && strcmp(p, "1") && strcmp(p, "true") && strcmp(p, "false"))) {
        resp_error(rq, rs, 400, "invalid", "Say whether the public page is published", "published");
        goto done;
    }
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL, "UPDATE plans_plans SET published = CAST(? AS INTEGER), updated_at = ? WHERE id = ?", 3,
                       (strcmp(p, "1") == 0 || strcmp(p, "true") == 0) ? "1" : "0", now, id);
    if (rc >= 0) rc = audit_log(rq, rs, "update", "plan", id, "published");
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    if (rq->is_api) {
        json_decref(plan);
        plan = NULL;
        plans_plan_load(rq, rs, id, &plan);
        resp_json(rs, 200, plan);
        plan = NULL;
    } else {
        snprintf(loc, sizeof loc, "/plans/%s", id);
        resp_redirect(rs, loc);
    }
done:
    json_decref(plan);
}

void plans_plans_api(req *rq, resp *rs)
{
    int page, per, rc;
    json_t *rows = NULL;
    int64_t total = 0;
    char sql[1200];
    if (router_page_params(rq, rs, 20, 100, &page, &per) != 0) return;
    snprintf(sql, sizeof sql, "SELECT " PLAN_COLS " FROM plans_plans p JOIN areas ar ON ar.id = p.area_id ORDER BY ar.name, p.created_at LIMIT %d OFFSET %d", per, (page - 1) * per);
    rc = plans_rows(rq->db, &rows, "sssssssbsss", sql, 0);
    if (rc == DB_OK) rc = db_query_int64(rq->db, &total, "SELECT COUNT(*) FROM plans_plans", 0);
    if (rc < 0) { json_decref(rows); resp_db_error(rq, rs, rc); return; }
    resp_json(rs, 200, json_pack("{s:o, s:i, s:i, s:I}", "items", rows, "page", page, "per_page", per, "total", (json_int_t)total));
}

void plans_plan_create_api(req *rq, resp *rs)
{
    form_errors fe = {0};
    char id[IDS_UUID_LEN];
    json_t *plan = NULL;
    int rc = save_plan(rq, rs, &fe, id);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (form_has_errors(&fe)) resp_json(rs, 400, form_errors_json(&fe));
    else if (plans_plan_load(rq, rs, id, &plan) == 0) resp_json(rs, 201, plan);
    form_errors_free(&fe);
}

void plans_plan_api(req *rq, resp *rs)
{
    json_t *plan = NULL, *acts = NULL;
    int rc;
    if (plans_plan_load(rq, rs, req_param(rq, "id"), &plan) != 0) return;
    if ((rc = plans_plan_actions(rq->db, plans_js(plan, "id"), &acts)) != DB_OK) {
        json_decref(plan);
        json_decref(acts);
        resp_db_error(rq, rs, rc);
        return;
    }
    json_object_set_new(plan, "actions", acts);
    resp_json(rs, 200, plan);
}
