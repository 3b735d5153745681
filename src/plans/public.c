/* public: transparency pages and the staff-names setting (see public.h). */
#include "public.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/form.h"
#include "core/date.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/site.h"
#include "plans/actions.h"
#include "plans/planpages.h"
#include "plans/store.h"
#include "plans/ui.h"

void plans_public_list(req *rq, resp *rs)
{
    json_t *rows = NULL, *r;
    buf b = BUF_INIT;
    size_t i;
    int rc = plans_rows(rq->db, &rows, NULL, "SELECT p.id, p.title, p.kind, ar.name AS area_name FROM plans_plans p JOIN areas ar ON ar.id = p.area_id "
                        "WHERE p.published = 1 ORDER BY ar.name, p.title", 0);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    buf_add(&b, "<h1 class=\"govuk-heading-l\">How we are improving SEND services</h1>"
                "<p class=\"govuk-body-l\">When inspectors find that services for children and young people with special educational needs "
                "and disabilities (SEND) must get better, the council and the NHS write a plan. Here is what we are doing and how it is going.</p>");
    if (!json_array_size(rows)) buf_add(&b, "<p class=\"govuk-body\">No plans have been published yet.</p>");
    else buf_add(&b, "<ul class=\"govuk-list\">");
    json_array_foreach(rows, i, r) {
        buf_add(&b, "<li><a class=\"govuk-link\" href=\"/improvement/");
        html_attr(&b, plans_js(r, "id"));
        buf_add(&b, "\">");
        html_txt(&b, plans_js(r, "area_name"));
        buf_add(&b, ": ");
        html_txt(&b, plans_js(r, "title"));
        buf_add(&b, "</a></li>");
    }
    if (json_array_size(rows)) buf_add(&b, "</ul>");
    page_render(rq, rs, 200, "How we are improving SEND services", buf_str(&b));
done:
    json_decref(rows);
    buf_free(&b);
}

static const char *plain_progress(const json_t *a)
{
    const char *st = plans_js(a, "status"), *rag = plans_js(a, "rag");
    if (strcmp(st, "completed") == 0) return "Done";
    if (strcmp(rag, "red") == 0) return strcmp(st, "not_started") == 0 ? "Late starting" : "Behind schedule";
    if (strcmp(rag, "amber") == 0) return "Some delays";
    if (strcmp(st, "not_started") == 0) return "Not started yet";
    return "On track";
}

static const char *plain_kind(const char *k)
{
    if (strcmp(k, "significant_weakness") == 0) return "Something that must get better";
    if (strcmp(k, "priority_action") == 0) return "Something that must get better urgently";
    return "Something that should get better";
}

void plans_public_plan(req *rq, resp *rs)
{
    json_t *plan = NULL, *acts = NULL, *finds = NULL, *f, *a, *m;
    buf b = BUF_INIT;
    size_t i, k, j;
    const char *id = req_param(rq, "id");
    int rc;
    if (!id || !ids_is_uuid(id)) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); return; }
    rc = plans_row(rq->db, &plan, NULL, "SELECT p.id, p.title, p.summary, p.inspection_id, p.updated_at, ar.name AS area_name FROM plans_plans p "
                   "JOIN areas ar ON ar.id = p.area_id WHERE p.id = ? AND p.published = 1", 1, id);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    if (rc == DB_DONE) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); goto done; }
    rc = plans_plan_actions(rq->db, id, &acts);
    if (rc == DB_OK) rc = plans_rows(rq->db, &finds, "sis", "SELECT id, seq, kind FROM plans_findings WHERE inspection_id = ? ORDER BY seq", 1,
                                     plans_js(plan, "inspection_id"));
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    /* Staff names only where the lead organisation allows them. */
    json_array_foreach(acts, i, a) {
        int64_t show = 0;
        db_query_int64(rq->db, &show, "SELECT show_staff_names FROM plans_org_settings WHERE organisation_id = ?", 1, plans_js(a, "lead_org_id"));
        json_object_set_new(a, "show_names", json_boolean(show != 0));
    }
    buf_add(&b, "<span class=\"govuk-caption-l\">");
    html_txt(&b, plans_js(plan, "area_name"));
    buf_add(&b, "</span><h1 class=\"govuk-heading-l\">");
    html_txt(&b, plans_js(plan, "title"));
    buf_add(&b, "</h1><p class=\"govuk-body-l\">");
    html_txt(&b, plans_js(plan, "summary"));
    buf_add(&b, "</p>");
    {
        int n = (int)json_array_size(acts), done_n = 0, track = 0;
        json_array_foreach(acts, i, a) {
            if (!strcmp(plans_js(a, "status"), "completed")) done_n++;
            else if (!strcmp(plans_js(a, "rag"), "green")) track++;
        }
        buf_printf(&b, "<p class=\"govuk-body\">There are %d actions in this plan: %d done, %d on track and %d with delays.</p>",
                   n, done_n, track, n - done_n - track);
    }
    json_array_foreach(finds, i, f) {
        int any = 0;
        buf_printf(&b, "<h2 class=\"govuk-heading-m\">%lld. ", (long long)json_integer_value(json_object_get(f, "seq")));
        html_txt(&b, plain_kind(plans_js(f, "kind")));
        buf_add(&b, "</h2>");
        {
            char *text = NULL;
            db_query_text(rq->db, &text, "SELECT text FROM plans_findings WHERE id = ?", 1, plans_js(f, "id"));
            buf_add(&b, "<p class=\"govuk-body\"><strong>What the inspectors found:</strong> ");
            html_txt(&b, text ? text : "");
            buf_add(&b, "</p>");
            free(text);
        }
        json_array_foreach(acts, k, a) {
            json_t *x, *meas = NULL;
            size_t q;
            int answers = 0;
            json_array_foreach(json_object_get(a, "finding_ids"), q, x)
                if (!strcmp(json_string_value(x), plans_js(f, "id"))) answers = 1;
            if (!answers) continue;
            if (!any) buf_add(&b, "<h3 class=\"govuk-heading-s\">What we are doing</h3><ul class=\"govuk-list govuk-list--spaced\">");
            any = 1;
            buf_add(&b, "<li><strong>");
            html_txt(&b, plans_js(a, "title"));
            buf_add(&b, "</strong>: ");
            html_txt(&b, plain_progress(a));
            buf_add(&b, ".");
            if (*plans_js(a, "public_summary")) {
                buf_add(&b, " ");
                html_txt(&b, plans_js(a, "public_summary"));
            }
            if (json_is_true(json_object_get(a, "show_names"))) {
                buf_add(&b, " Led by ");
                html_txt(&b, plans_js(a, "lead_officer"));
                buf_add(&b, ", ");
                html_txt(&b, plans_js(a, "lead_org_name"));
                buf_add(&b, ".");
            } else {
                buf_add(&b, " Led by ");
                html_txt(&b, plans_js(a, "lead_org_name"));
                buf_add(&b, ".");
            }
            if (plans_action_measures(rq->db, plans_js(a, "id"), date_today(), &meas) == DB_OK)
                json_array_foreach(meas, j, m) {
                    char d[20];
                    buf_add(&b, "<br>");
                    html_txt(&b, plans_js(m, "indicator"));
                    buf_printf(&b, ": it was %g", json_number_value(json_object_get(m, "baseline")));
                    if (json_is_number(json_object_get(m, "latest")))
                        buf_printf(&b, ", it is now %g", json_number_value(json_object_get(m, "latest")));
                    buf_printf(&b, ", and the aim is %g by ", json_number_value(json_object_get(m, "target")));
                    html_txt(&b, plans_ui_day(plans_js(m, "target_date"), d));
                    buf_add(&b, ".");
                }
            json_decref(meas);
            buf_add(&b, "</li>");
        }
        if (any) buf_add(&b, "</ul>");
        else buf_add(&b, "<p class=\"govuk-body\">We are still planning what to do about this.</p>");
    }
    buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/feedback\">Tell us what you think</a></p>");
    page_render(rq, rs, 200, plans_js(plan, "title"), buf_str(&b));
done:
    json_decref(plan);
    json_decref(acts);
    json_decref(finds);
    buf_free(&b);
}

static void settings_form(req *rq, resp *rs, int status, const form_errors *fe)
{
    json_t *orgs = NULL, *on = NULL;
    buf b = BUF_INIT;
    int rc = plans_rows(rq->db, &orgs, NULL, "SELECT id, name FROM organisations ORDER BY name", 0);
    if (rc == DB_OK) {
        json_t *rows = NULL, *r;
        size_t i;
        on = json_array();
        rc = plans_rows(rq->db, &rows, NULL, "SELECT organisation_id FROM plans_org_settings WHERE show_staff_names = 1", 0);
        json_array_foreach(rows, i, r) json_array_append_new(on, json_string(plans_js(r, "organisation_id")));
        json_decref(rows);
    }
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, plans_ui_fe(fe));
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Improvement settings</h1><h2 class=\"govuk-heading-m\">Staff names on public pages</h2>"
                "<p class=\"govuk-body\">Public improvement pages name the lead organisation of each action. They name the lead officer too only "
                "for the organisations ticked here.</p><form method=\"post\" action=\"/plans/settings\" novalidate>");
    page_csrf_field(rq, &b);
    plans_ui_checkboxes(&b, NULL, "show_names", "Organisations that allow staff names on public pages", orgs, "id", "name", on);
    {
        char days[16];
        snprintf(days, sizeof days, "%d", plans_stale_days(rq->db));
        plans_ui_input(&b, fe, "stale_days", "Flag an action as stale after this many days without a progress update",
                       req_form(rq, "stale_days") ? req_form(rq, "stale_days") : days, "A whole number from 1 to 365.");
    }
    plans_ui_button(&b, "Save", 0);
    buf_add(&b, "</form></div></div>");
    page_render_ex(rq, rs, status, "Improvement settings", buf_str(&b), fe && form_has_errors(fe));
done:
    json_decref(orgs);
    json_decref(on);
    buf_free(&b);
}

void plans_settings_page(req *rq, resp *rs)
{
    settings_form(rq, rs, 200, NULL);
}

void plans_settings_post(req *rq, resp *rs)
{
    const char *vals[256], *days = req_form(rq, "stale_days");
    size_t n = form_values(rq, "show_names", vals, 256), i;
    form_errors fe = {0};
    char *end = NULL;
    long nd = days && *days ? strtol(days, &end, 10) : 30;
    int rc;
    if ((days && *days && *end) || nd < 1 || nd > 365) {
        form_error(&fe, "stale_days", "The number of days must be a whole number from 1 to 365");
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else settings_form(rq, rs, 400, &fe);
        form_errors_free(&fe);
        return;
    }
    if ((rc = db_begin(rq->db)) != DB_OK) { resp_db_error(rq, rs, rc); return; }
    if (days && *days) {
        char v[16];
        snprintf(v, sizeof v, "%ld", nd);
        rc = db_query_text(rq->db, NULL, "INSERT INTO settings (name, value) VALUES ('plans.stale_days', ?) "
                           "ON CONFLICT (name) DO UPDATE SET value = excluded.value", 1, v);
        if (rc < 0) { db_rollback(rq->db); resp_db_error(rq, rs, rc); return; }
    }
    rc = db_query_text(rq->db, NULL, "UPDATE plans_org_settings SET show_staff_names = 0", 0);
    for (i = 0; rc >= 0 && i < n; i++) {
        if (!ids_is_uuid(vals[i])) continue;
        rc = db_query_text(rq->db, NULL, "INSERT INTO plans_org_settings (organisation_id, show_staff_names) "
                           "SELECT id, 1 FROM organisations WHERE id = ? ON CONFLICT (organisation_id) DO UPDATE SET show_staff_names = 1", 1, vals[i]);
    }
    if (rc >= 0) rc = audit_log(rq, rs, "update", "plans_settings", NULL, "staff names");
    if (rc < 0) { db_rollback(rq->db); resp_db_error(rq, rs, rc); return; }
    if ((rc = db_commit(rq->db)) != DB_OK) { resp_db_error(rq, rs, rc); return; }
    if (rq->is_api) resp_json(rs, 200, json_pack("{s:i}", "organisations_showing_names", (int)n));
    else resp_redirect(rs, "/plans/settings");
}
