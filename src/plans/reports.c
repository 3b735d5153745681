/* reports: monitoring reports (see reports.h). */
#include "reports.h"

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
#include "plans/actions.h"
#include "plans/planpages.h"
#include "plans/rating.h"
#include "plans/store.h"
#include "plans/ui.h"

/* Loads a report the caller may see: monitoring viewers only published ones. */
static int load_report(req *rq, resp *rs, const char *id, json_t **out)
{
    int rc;
    *out = NULL;
    if (!id || !ids_is_uuid(id)) goto missing;
    rc = plans_row(rq->db, out, NULL, "SELECT r.id, r.plan_id, p.title AS plan_title, ar.name AS area_name, p.inspection_id, r.title, "
                   "r.period_start, r.period_end, r.status, r.published_at, r.created_at FROM plans_reports r "
                   "JOIN plans_plans p ON p.id = r.plan_id JOIN areas ar ON ar.id = p.area_id WHERE r.id = ?", 1, id);
    if (rc < 0) { resp_db_error(rq, rs, rc); return -1; }
    if (rc == DB_DONE) goto missing;
    if (plans_role_access(rq) == PLANS_NONE && strcmp(plans_js(*out, "status"), "published") != 0) {
        json_decref(*out);
        *out = NULL;
        goto missing;
    }
    return 0;
missing:
    resp_error(rq, rs, 404, "not_found", "There is no such report.", NULL);
    return -1;
}

/* The report's content: findings -> actions (rated as on the period end),
 * with measures; plus the exceptions (red actions) with commentary. */
static int report_data(db *d, const json_t *r, json_t **out)
{
    json_t *finds = NULL, *acts = NULL, *comments = NULL, *f, *a, *exc = json_array();
    size_t i, k;
    int32_t asof, today = date_today();
    int rc, stale = plans_stale_days(d), missing = 0;
    if (date_parse(plans_js(r, "period_end"), &asof) != 0 || asof > today) asof = today;
    rc = plans_rows(d, &finds, "sisss", "SELECT id, seq, kind, text, responsible FROM plans_findings WHERE inspection_id = ? ORDER BY seq", 1,
                    plans_js(r, "inspection_id"));
    if (rc == DB_OK) rc = plans_rows(d, &acts, NULL, "SELECT a.id, a.ref, a.title, a.status, a.start_date, a.due_date, a.created_at, "
                                     "a.lead_officer, o.name AS lead_org_name FROM plans_actions a JOIN organisations o ON o.id = a.lead_org_id "
                                     "WHERE a.plan_id = ? ORDER BY a.ref", 1, plans_js(r, "plan_id"));
    if (rc == DB_OK) rc = plans_rows(d, &comments, NULL, "SELECT action_id, commentary FROM plans_report_comments WHERE report_id = ?", 1, plans_js(r, "id"));
    if (rc != DB_OK) goto done;
    json_array_foreach(acts, i, a) {
        struct plans_rating rt;
        json_t *ms = NULL, *fl = NULL, *ids = json_array(), *c, *x;
        size_t m;
        if ((rc = plans_rate_action(d, a, asof, stale, &rt)) != DB_OK) { json_decref(ids); goto done; }
        json_object_set_new(a, "rag", json_string(plans_rag_name(rt.rag)));
        json_object_set_new(a, "reason", json_string(plans_reason_label(rt.reason)));
        json_object_set_new(a, "stale", json_boolean(rt.stale));
        if ((rc = plans_action_measures(d, plans_js(a, "id"), asof, &ms)) != DB_OK) { json_decref(ids); json_decref(ms); goto done; }
        json_object_set_new(a, "measures", ms);
        if ((rc = plans_rows(d, &fl, NULL, "SELECT finding_id FROM plans_action_findings WHERE action_id = ?", 1, plans_js(a, "id"))) != DB_OK) { json_decref(ids); goto done; }
        json_array_foreach(fl, m, x) json_array_append_new(ids, json_string(plans_js(x, "finding_id")));
        json_decref(fl);
        json_object_set_new(a, "finding_ids", ids);
        json_object_set_new(a, "commentary", json_null());
        json_array_foreach(comments, m, c)
            if (strcmp(plans_js(c, "action_id"), plans_js(a, "id")) == 0) json_object_set(a, "commentary", json_object_get(c, "commentary"));
        if (rt.rag == PLANS_RAG_RED) {
            json_array_append(exc, a);
            if (!*plans_js(a, "commentary")) missing++;
        }
    }
    json_array_foreach(finds, i, f) {
        json_t *fa = json_array(), *x;
        enum plans_rag worst = PLANS_RAG_NONE;
        size_t m;
        json_array_foreach(acts, k, a)
            json_array_foreach(json_object_get(a, "finding_ids"), m, x)
                if (strcmp(json_string_value(x), plans_js(f, "id")) == 0) {
                    const char *rn = plans_js(a, "rag");
                    enum plans_rag rg = !strcmp(rn, "red") ? PLANS_RAG_RED : !strcmp(rn, "amber") ? PLANS_RAG_AMBER : PLANS_RAG_GREEN;
                    if (rg > worst) worst = rg;
                    json_array_append(fa, a);
                }
        json_object_set_new(f, "actions", fa);
        json_object_set_new(f, "rag", json_string(plans_rag_name(worst)));
    }
    {
        char as[11];
        date_format(asof, as);
        *out = json_pack("{s:O, s:O, s:O, s:o, s:i, s:s}", "report", r, "findings", finds, "actions", acts, "exceptions", exc,
                         "exceptions_without_commentary", missing, "rated_as_on", as);
        exc = NULL;
    }
done:
    json_decref(exc);
    json_decref(finds);
    json_decref(acts);
    json_decref(comments);
    return rc;
}

/* The report's content: the frozen snapshot for a published report that
 * has one, else worked out now (report_data). The "report" member is always
 * the current row r (so the status shows as published). */
static int report_content(db *d, const json_t *r, json_t **out)
{
    json_t *row = NULL, *snap = NULL;
    int rc;
    *out = NULL;
    rc = plans_row(d, &row, "s", "SELECT snapshot FROM plans_reports WHERE id = ?", 1, plans_js(r, "id"));
    if (rc < 0) goto done;
    rc = DB_OK;
    if (row && *plans_js(row, "snapshot")) snap = json_loads(plans_js(row, "snapshot"), 0, NULL);
    if (json_is_object(snap)) {
        json_object_set(snap, "report", (json_t *)r);
        json_object_set_new(snap, "frozen", json_true());
        *out = snap;
        snap = NULL;
    } else {
        rc = report_data(d, r, out);
        if (rc == DB_OK) json_object_set_new(*out, "frozen", json_false());
    }
done:
    json_decref(row);
    json_decref(snap);
    return rc;
}

int plans_report_freeze(db *d, const char *report_id)
{
    json_t *r = NULL, *data = NULL;
    char *text = NULL;
    int rc = plans_row(d, &r, NULL, "SELECT r.id, r.plan_id, p.title AS plan_title, ar.name AS area_name, p.inspection_id, r.title, "
                       "r.period_start, r.period_end, r.status, r.published_at, r.created_at FROM plans_reports r "
                       "JOIN plans_plans p ON p.id = r.plan_id JOIN areas ar ON ar.id = p.area_id WHERE r.id = ?", 1, report_id);
    if (rc == DB_DONE) rc = DB_EARG;
    if (rc < 0) goto done;
    if ((rc = report_data(d, r, &data)) != DB_OK) goto done;
    json_object_del(data, "report");
    text = json_dumps(data, JSON_COMPACT | JSON_REAL_PRECISION(12));
    rc = db_query_text(d, NULL, "UPDATE plans_reports SET snapshot = ? WHERE id = ?", 2, text ? text : "", report_id);
    if (rc >= 0) rc = DB_OK;
done:
    free(text);
    json_decref(r);
    json_decref(data);
    return rc;
}

static enum plans_rag rag_of(const char *n)
{
    return !strcmp(n, "red") ? PLANS_RAG_RED : !strcmp(n, "amber") ? PLANS_RAG_AMBER : !strcmp(n, "green") ? PLANS_RAG_GREEN : PLANS_RAG_NONE;
}

static void actions_table(buf *b, const char *caption, const json_t *acts)
{
    json_t *o = json_pack("{s:s, s:[{s:s},{s:s},{s:s},{s:s},{s:s},{s:s}], s:[]}", "caption", caption, "head", "text", "Action", "text", "Lead organisation",
                          "text", "Due", "text", "Status", "text", "Rating", "text", "Why", "rows");
    json_t *rows = json_object_get(o, "rows"), *a;
    size_t i;
    json_array_foreach(acts, i, a) {
        buf t = BUF_INIT, tag = BUF_INIT;
        char d[20];
        html_txt(&t, plans_js(a, "ref"));
        buf_add(&t, " ");
        html_txt(&t, plans_js(a, "title"));
        plans_ui_tag(&tag, rag_of(plans_js(a, "rag")));
        json_array_append_new(rows, json_pack("[{s:s},{s:s},{s:s},{s:s},{s:s},{s:s}]", "html", buf_str(&t), "text", plans_js(a, "lead_org_name"),
                                              "text", plans_ui_day(plans_js(a, "due_date"), d), "text", plans_status_label(plans_js(a, "status")),
                                              "html", buf_str(&tag), "text", plans_js(a, "reason")));
        buf_free(&t);
        buf_free(&tag);
    }
    govuk_table(b, o);
    json_decref(o);
}

static void report_view(req *rq, resp *rs, json_t *r, int status, const form_errors *fe)
{
    json_t *data = NULL, *f, *a, *m;
    buf b = BUF_INIT;
    size_t i, k, j;
    char d1[20], d2[20];
    int edit = plans_role_access(rq) == PLANS_EDIT, draft = strcmp(plans_js(r, "status"), "published") != 0;
    int rc = report_content(rq->db, r, &data);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    form_error_summary(&b, plans_ui_fe(fe));
    buf_add(&b, "<span class=\"govuk-caption-l\">");
    html_txt(&b, plans_js(r, "plan_title"));
    buf_add(&b, "</span><h1 class=\"govuk-heading-l\">");
    html_txt(&b, plans_js(r, "title"));
    buf_add(&b, "</h1><p class=\"govuk-body\">Period: ");
    html_txt(&b, plans_ui_day(plans_js(r, "period_start"), d1));
    buf_add(&b, " to ");
    html_txt(&b, plans_ui_day(plans_js(r, "period_end"), d2));
    buf_add(&b, ". Ratings as on ");
    html_txt(&b, plans_ui_day(plans_js(data, "rated_as_on"), d1));
    buf_add(&b, ". Status: <strong class=\"govuk-tag");
    buf_add(&b, draft ? " govuk-tag--grey\">Draft" : " govuk-tag--green\">Published");
    buf_add(&b, "</strong></p><p class=\"govuk-body plans-no-print\"><a class=\"govuk-link\" href=\"/reports/");
    html_attr(&b, plans_js(r, "id"));
    buf_add(&b, "/csv\">Download as CSV</a> · Use your browser's print option to save a PDF.</p>");
    json_array_foreach(json_object_get(data, "findings"), i, f) {
        buf cap = BUF_INIT;
        buf_printf(&b, "<h2 class=\"govuk-heading-m\">%lld. ", (long long)json_integer_value(json_object_get(f, "seq")));
        html_txt(&b, plans_ui_label(plans_finding_kinds, plans_js(f, "kind")));
        buf_add(&b, " ");
        plans_ui_tag(&b, rag_of(plans_js(f, "rag")));
        buf_add(&b, "</h2><p class=\"govuk-body\">");
        html_txt(&b, plans_js(f, "text"));
        buf_add(&b, "</p>");
        buf_printf(&cap, "Actions answering finding %lld", (long long)json_integer_value(json_object_get(f, "seq")));
        if (json_array_size(json_object_get(f, "actions"))) actions_table(&b, buf_str(&cap), json_object_get(f, "actions"));
        else buf_add(&b, "<p class=\"govuk-body\">No actions answer this finding.</p>");
        buf_free(&cap);
        json_array_foreach(json_object_get(f, "actions"), k, a)
            json_array_foreach(json_object_get(a, "measures"), j, m) {
                buf_add(&b, "<h3 class=\"govuk-heading-s\">Measure for ");
                html_txt(&b, plans_js(a, "ref"));
                buf_add(&b, ": ");
                html_txt(&b, plans_js(m, "indicator"));
                buf_add(&b, "</h3>");
                plans_measure_svg(&b, m);
                plans_measure_table(&b, m);
            }
    }
    if (!json_array_size(json_object_get(data, "findings")))
        actions_table(&b, "Actions", json_object_get(data, "actions"));
    buf_add(&b, "<h2 class=\"govuk-heading-m\" id=\"exceptions\">Exceptions</h2>");
    if (!json_array_size(json_object_get(data, "exceptions"))) buf_add(&b, "<p class=\"govuk-body\">No actions are rated red.</p>");
    json_array_foreach(json_object_get(data, "exceptions"), i, a) {
        buf_add(&b, "<div class=\"plans-exception\"><h3 class=\"govuk-heading-s\">");
        html_txt(&b, plans_js(a, "ref"));
        buf_add(&b, " ");
        html_txt(&b, plans_js(a, "title"));
        buf_add(&b, " <strong class=\"govuk-tag govuk-tag--red\">Red</strong></h3><p class=\"govuk-body\">");
        html_txt(&b, plans_js(a, "reason"));
        buf_add(&b, "</p>");
        if (draft && edit) {
            char fid[64];
            snprintf(fid, sizeof fid, "commentary-%s", plans_js(a, "id"));
            buf_add(&b, "<form method=\"post\" action=\"/reports/");
            html_attr(&b, plans_js(r, "id"));
            buf_add(&b, "/commentary\" class=\"plans-no-print\" novalidate>");
            page_csrf_field(rq, &b);
            buf_add(&b, "<input type=\"hidden\" name=\"action_id\" value=\"");
            html_attr(&b, plans_js(a, "id"));
            buf_add(&b, "\">");
            {
                json_t *o = json_pack("{s:s, s:s, s:s, s:i, s:{s:s}, s:o*}", "id", fid, "name", "commentary", "value", plans_js(a, "commentary"),
                                      "rows", 3, "label", "text", "Commentary: why it is red and what is being done", "errorMessage",
                                      form_error_message(plans_ui_fe(fe), fid));
                govuk_textarea(&b, o);
                json_decref(o);
            }
            plans_ui_button(&b, "Save commentary", 1);
            buf_add(&b, "</form>");
        } else {
            buf_add(&b, "<p class=\"govuk-body\"><strong>Commentary:</strong> ");
            html_txt(&b, *plans_js(a, "commentary") ? plans_js(a, "commentary") : "None yet.");
            buf_add(&b, "</p>");
        }
        buf_add(&b, "</div>");
    }
    if (draft && edit) {
        buf_add(&b, "<form method=\"post\" action=\"/reports/");
        html_attr(&b, plans_js(r, "id"));
        buf_add(&b, "/publish\" class=\"plans-no-print\" novalidate>");
        page_csrf_field(rq, &b);
        plans_ui_button(&b, "Publish report", 0);
        buf_add(&b, "</form>");
    }
    page_render_ex(rq, rs, status, plans_js(r, "title"), buf_str(&b), fe && form_has_errors(fe));
done:
    json_decref(data);
    buf_free(&b);
}

void plans_report_page(req *rq, resp *rs)
{
    json_t *r = NULL;
    if (load_report(rq, rs, req_param(rq, "id"), &r) != 0) return;
    report_view(rq, rs, r, 200, NULL);
    json_decref(r);
}

static void csv_field(buf *b, const char *s, int last)
{
    const char *p;
    char *end = NULL;
    /* Spreadsheet formula injection: prefix text cells that start like a
     * formula (numbers such as -5 are left as they are). */
    int number = *s && (strtod(s, &end), end && *end == '\0');
    int formula = *s && !number && strchr("=+-@", *s);
    int quote = strpbrk(s, ",\"\r\n") != NULL || formula;
    if (quote) buf_addc(b, '"');
    if (formula) buf_addc(b, '\'');
    for (p = s; *p; p++) {
        if (*p == '"') buf_addc(b, '"');
        buf_addc(b, *p);
    }
    if (quote) buf_addc(b, '"');
    buf_add(b, last ? "\r\n" : ",");
}

void plans_report_csv(req *rq, resp *rs)
{
    json_t *r = NULL, *data = NULL, *f, *a, *m;
    size_t i, k, j;
    int rc;
    if (load_report(rq, rs, req_param(rq, "id"), &r) != 0) return;
    if ((rc = report_content(rq->db, r, &data)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    buf_reset(&rs->body);
    buf_add(&rs->body, "finding,finding_kind,action_ref,action_title,lead_organisation,due_date,status,rating,reason,commentary,"
                       "measure,baseline,baseline_date,target,target_date,latest_actual,progress_percent\r\n");
    json_array_foreach(json_object_get(data, "actions"), i, a) {
        const char *fnum = "";
        char fb[24] = "", kind[64] = "";
        json_array_foreach(json_object_get(data, "findings"), k, f) {
            json_t *x;
            json_array_foreach(json_object_get(a, "finding_ids"), j, x)
                if (strcmp(json_string_value(x), plans_js(f, "id")) == 0 && !*fb) {
                    snprintf(fb, sizeof fb, "%lld", (long long)json_integer_value(json_object_get(f, "seq")));
                    snprintf(kind, sizeof kind, "%s", plans_js(f, "kind"));
                }
        }
        fnum = fb;
        m = json_array_get(json_object_get(a, "measures"), 0);
        for (j = 0; j == 0 || (m = json_array_get(json_object_get(a, "measures"), j)); j++) {
            char n1[32] = "", n2[32] = "", n3[32] = "", n4[32] = "";
            csv_field(&rs->body, fnum, 0);
            csv_field(&rs->body, kind, 0);
            csv_field(&rs->body, plans_js(a, "ref"), 0);
            csv_field(&rs->body, plans_js(a, "title"), 0);
            csv_field(&rs->body, plans_js(a, "lead_org_name"), 0);
            csv_field(&rs->body, plans_js(a, "due_date"), 0);
            csv_field(&rs->body, plans_js(a, "status"), 0);
            csv_field(&rs->body, plans_js(a, "rag"), 0);
            csv_field(&rs->body, plans_js(a, "reason"), 0);
            csv_field(&rs->body, plans_js(a, "commentary"), 0);
            if (m) {
                snprintf(n1, sizeof n1, "%g", json_number_value(json_object_get(m, "baseline")));
                snprintf(n2, sizeof n2, "%g", json_number_value(json_object_get(m, "target")));
                if (json_is_number(json_object_get(m, "latest"))) snprintf(n3, sizeof n3, "%g", json_number_value(json_object_get(m, "latest")));
                if (json_is_number(json_object_get(m, "progress"))) snprintf(n4, sizeof n4, "%.0f", 100 * json_number_value(json_object_get(m, "progress")));
            }
            csv_field(&rs->body, m ? plans_js(m, "indicator") : "", 0);
            csv_field(&rs->body, n1, 0);
            csv_field(&rs->body, m ? plans_js(m, "baseline_date") : "", 0);
            csv_field(&rs->body, n2, 0);
            csv_field(&rs->body, m ? plans_js(m, "target_date") : "", 0);
            csv_field(&rs->body, n3, 0);
            csv_field(&rs->body, n4, 1);
            if (!m) break;
        }
    }
    rs->status = 200;
    rs->content_type = "text/csv; charset=utf-8";
    resp_header(rs, "Content-Disposition", "attachment; filename=\"monitoring-report.csv\"");
    audit_log(rq, rs, "export", "report", plans_js(r, "id"), "csv");
done:
    json_decref(r);
    json_decref(data);
}

void plans_reports_page(req *rq, resp *rs)
{
    json_t *rows = NULL, *r, *o, *trows;
    buf b = BUF_INIT;
    size_t i;
    int all = plans_role_access(rq) != PLANS_NONE;
    int rc = plans_rows(rq->db, &rows, NULL, "SELECT r.id, r.title, r.status, r.period_end, p.title AS plan_title, ar.name AS area_name "
                        "FROM plans_reports r JOIN plans_plans p ON p.id = r.plan_id JOIN areas ar ON ar.id = p.area_id "
                        "WHERE (? = '1' OR r.status = 'published') ORDER BY r.period_end DESC", 1, all ? "1" : "0");
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Monitoring reports</h1>");
    if (!all) buf_add(&b, "<p class=\"govuk-body\">You can see published reports.</p>");
    o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s}], s:[]}", "caption", "Reports", "captionClasses", "govuk-table__caption--m", "head",
                  "text", "Report", "text", "Plan", "text", "Period end", "text", "Status", "rows");
    trows = json_object_get(o, "rows");
    json_array_foreach(rows, i, r) {
        buf l = BUF_INIT;
        char d[20];
        buf_add(&l, "<a class=\"govuk-link\" href=\"/reports/");
        html_attr(&l, plans_js(r, "id"));
        buf_add(&l, "\">");
        html_txt(&l, plans_js(r, "title"));
        buf_add(&l, "</a>");
        json_array_append_new(trows, json_pack("[{s:s},{s:s},{s:s},{s:s}]", "html", buf_str(&l), "text", plans_js(r, "plan_title"),
                                               "text", plans_ui_day(plans_js(r, "period_end"), d), "text",
                                               strcmp(plans_js(r, "status"), "published") == 0 ? "Published" : "Draft"));
        buf_free(&l);
    }
    if (json_array_size(rows)) govuk_table(&b, o);
    else buf_add(&b, "<p class=\"govuk-body\">No reports yet.</p>");
    json_decref(o);
    page_render(rq, rs, 200, "Monitoring reports", buf_str(&b));
done:
    json_decref(rows);
    buf_free(&b);
}

static int save_report(req *rq, resp *rs, const char *plan_id, form_errors *fe, char id[IDS_UUID_LEN])
{
    char *title = form_text(rq, "title", "a title", 1, 200, fe), s[11], e[11], now[21];
    int rc = DB_OK;
    form_date(rq, "period_start", "The start of the period", 1, s, fe);
    form_date(rq, "period_end", "The end of the period", 1, e, fe);
    if (*s && *e && strcmp(e, s) < 0) form_error(fe, "period_end", "The end of the period must be after its start");
    if (!form_has_errors(fe)) {
        ids_uuid(id);
        ids_now_iso(now);
        rc = db_query_text(rq->db, NULL, "INSERT INTO plans_reports (id, plan_id, title, period_start, period_end, status, created_at) "
                           "VALUES (?, ?, ?, ?, ?, 'draft', ?)", 6, id, plan_id, title, s, e, now);
        if (rc >= 0) rc = audit_log(rq, rs, "create", "report", id, NULL);
    }
    free(title);
    return rc < 0 ? rc : DB_OK;
}

static void report_form(req *rq, resp *rs, const json_t *plan, int status, const form_errors *fe)
{
    buf b = BUF_INIT, act = BUF_INIT;
    buf_printf(&act, "/plans/%s/reports/new", plans_js(plan, "id"));
    plans_ui_form_start(rq, &b, fe, plans_js(plan, "title"), "Start a monitoring report", buf_str(&act));
    plans_ui_input(&b, fe, "title", "Title", req_form(rq, "title"), "For example, SEND board report, March 2026");
    plans_ui_date(&b, fe, rq, "period_start", "Start of the period", NULL);
    plans_ui_date(&b, fe, rq, "period_end", "End of the period", NULL);
    plans_ui_button(&b, "Start report", 0);
    plans_ui_form_end(&b);
    page_render_ex(rq, rs, status, "Start a monitoring report", buf_str(&b), form_has_errors(fe));
    buf_free(&b);
    buf_free(&act);
}

void plans_report_new_page(req *rq, resp *rs)
{
    json_t *plan = NULL;
    form_errors fe = {0};
    if (plans_plan_load(rq, rs, req_param(rq, "id"), &plan) != 0) return;
    report_form(rq, rs, plan, 200, &fe);
    json_decref(plan);
}

void plans_report_new_post(req *rq, resp *rs)
{
    json_t *plan = NULL;
    form_errors fe = {0};
    char id[IDS_UUID_LEN];
    int rc;
    if (plans_plan_load(rq, rs, req_param(rq, "id"), &plan) != 0) return;
    rc = save_report(rq, rs, plans_js(plan, "id"), &fe, id);
    if (plans_ui_after_save(rq, rs, rc, &fe, "/reports/", id)) report_form(rq, rs, plan, 400, &fe);
    form_errors_free(&fe);
    json_decref(plan);
}

void plans_report_create_api(req *rq, resp *rs)
{
    json_t *plan = NULL, *r = NULL;
    form_errors fe = {0};
    char id[IDS_UUID_LEN];
    int rc;
    if (plans_plan_load(rq, rs, req_param(rq, "id"), &plan) != 0) return;
    rc = save_report(rq, rs, plans_js(plan, "id"), &fe, id);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (form_has_errors(&fe)) resp_json(rs, 400, form_errors_json(&fe));
    else if (load_report(rq, rs, id, &r) == 0) resp_json(rs, 201, r);
    form_errors_free(&fe);
    json_decref(plan);
}

void plans_report_commentary_post(req *rq, resp *rs)
{
    json_t *r = NULL;
    form_errors fe = {0};
    const char *aid = req_form(rq, "action_id");
    char *text = NULL, fid[64], loc[96];
    int64_t n = 0;
    int rc = DB_OK;
    if (load_report(rq, rs, req_param(rq, "id"), &r) != 0) return;
    if (strcmp(plans_js(r, "status"), "published") == 0) {
        resp_error(rq, rs, 409, "published", "This report is published and can no longer be changed.", NULL);
        goto done;
    }
    if (!aid || !ids_is_uuid(aid) || (rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM plans_actions WHERE id = ? AND plan_id = ?", 2, aid, plans_js(r, "plan_id"))) < 0 || !n) {
        if (rc < 0) resp_db_error(rq, rs, rc);
        else resp_error(rq, rs, 400, "invalid", "Choose an action of this report's plan", "action_id");
        goto done;
    }
    snprintf(fid, sizeof fid, "commentary-%s", aid);
    text = form_text(rq, "commentary", "the commentary", 1, 4000, &fe);
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else {
            form_errors fe2 = {0};
            form_error(&fe2, fid, "Enter the commentary");
            report_view(rq, rs, r, 400, &fe2);
            form_errors_free(&fe2);
        }
        goto done;
    }
    rc = db_query_text(rq->db, NULL, "INSERT INTO plans_report_comments (report_id, action_id, commentary) VALUES (?, ?, ?) "
                       "ON CONFLICT (report_id, action_id) DO UPDATE SET commentary = excluded.commentary", 3, plans_js(r, "id"), aid, text);
    if (rc >= 0) rc = audit_log(rq, rs, "update", "report", plans_js(r, "id"), "commentary");
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (rq->is_api) resp_json(rs, 200, json_pack("{s:s, s:s, s:s}", "report_id", plans_js(r, "id"), "action_id", aid, "commentary", text));
    else { snprintf(loc, sizeof loc, "/reports/%s#exceptions", plans_js(r, "id")); resp_redirect(rs, loc); }
done:
    free(text);
    form_errors_free(&fe);
    json_decref(r);
}

void plans_report_publish_post(req *rq, resp *rs)
{
    json_t *r = NULL, *data = NULL, *a;
    form_errors fe = {0};
    char now[21], loc[96];
    size_t i;
    int rc;
    if (load_report(rq, rs, req_param(rq, "id"), &r) != 0) return;
    if (strcmp(plans_js(r, "status"), "published") == 0) {
        resp_error(rq, rs, 409, "published", "This report is already published.", NULL);
        goto done;
    }
    if ((rc = report_data(rq->db, r, &data)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    json_array_foreach(json_object_get(data, "exceptions"), i, a)
        if (!*plans_js(a, "commentary")) {
            char fid[64], msg[300];
            snprintf(fid, sizeof fid, "commentary-%s", plans_js(a, "id"));
            snprintf(msg, sizeof msg, "Enter commentary for red action %.20s before publishing", plans_js(a, "ref"));
            form_error(&fe, fid, msg);
        }
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else report_view(rq, rs, r, 400, &fe);
        goto done;
    }
    ids_now_iso(now);
    if ((rc = db_begin(rq->db)) < 0) { resp_db_error(rq, rs, rc); goto done; }
    rc = plans_report_freeze(rq->db, plans_js(r, "id"));
    if (rc >= 0) rc = db_query_text(rq->db, NULL, "UPDATE plans_reports SET status = 'published', published_at = ?, published_by = ? WHERE id = ?", 3,
                                    now, rq->user->id, plans_js(r, "id"));
    if (rc >= 0) rc = audit_log(rq, rs, "publish", "report", plans_js(r, "id"), NULL);
    if (rc >= 0) rc = db_commit(rq->db);
    else db_rollback(rq->db);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (rq->is_api) {
        json_t *r2 = NULL;
        if (load_report(rq, rs, plans_js(r, "id"), &r2) == 0) resp_json(rs, 200, r2);
    } else { snprintf(loc, sizeof loc, "/reports/%s", plans_js(r, "id")); resp_redirect(rs, loc); }
done:
    form_errors_free(&fe);
    json_decref(r);
    json_decref(data);
}

void plans_reports_api(req *rq, resp *rs)
{
    json_t *rows = NULL;
    int all = plans_role_access(rq) != PLANS_NONE;
    int rc = plans_rows(rq->db, &rows, NULL, "SELECT r.id, r.plan_id, r.title, r.period_start, r.period_end, r.status, r.published_at "
                        "FROM plans_reports r WHERE (? = '1' OR r.status = 'published') ORDER BY r.period_end DESC", 1, all ? "1" : "0");
    if (rc != DB_OK) { json_decref(rows); resp_db_error(rq, rs, rc); return; }
    resp_json(rs, 200, json_pack("{s:o, s:i, s:i, s:i}", "items", rows, "page", 1, "per_page", (int)json_array_size(rows), "total", (int)json_array_size(rows)));
}

void plans_report_api(req *rq, resp *rs)
{
    json_t *r = NULL, *data = NULL;
    int rc;
    if (load_report(rq, rs, req_param(rq, "id"), &r) != 0) return;
    if ((rc = report_content(rq->db, r, &data)) != DB_OK) resp_db_error(rq, rs, rc);
    else { resp_json(rs, 200, data); data = NULL; }
    json_decref(r);
    json_decref(data);
}
