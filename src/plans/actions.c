/* actions: pages and API for actions and everything hanging off them. */
#include "actions.h"

#include <math.h>
#include <sodium.h>
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
#include "core/utf8.h"
#include "plans/access.h"
#include "plans/planpages.h"
#include "plans/rating.h"
#include "plans/store.h"
#include "plans/ui.h"

static const char *const status_values[] = {"not_started", "in_progress", "blocked", "completed", NULL};
static const char *const copro_values[] = {"information", "consultation", "participation", "coproduction", NULL};

#define MAXF 64

struct action_in {
    char *ref, *title, *desc, *pub, *lead_off, *acc_off;
    const char *lead_org, *copro, *forum_org, *status;
    char start[11], due[11], done[11];
    const char *finds[MAXF];
    size_t nf;
    const char *partners[MAXF];
    size_t np;
};

static void in_free(struct action_in *in)
{
    free(in->ref);
    free(in->title);
    free(in->desc);
    free(in->pub);
    free(in->lead_off);
    free(in->acc_off);
}

static int exists(db *d, const char *sql, const char *a, const char *b2, int *rc)
{
    int64_t n = 0;
    if (!a || !ids_is_uuid(a)) return 0;
    *rc = db_query_int64(d, &n, sql, b2 ? 2 : 1, a, b2);
    return *rc >= 0 && n > 0;
}

/* Validates an action form against its plan. Returns DB_OK or a DB error;
 * problems go to fe. */
static int read_action(req *rq, const json_t *plan, struct action_in *in, form_errors *fe)
{
    int rc = DB_OK;
    size_t i;
    int32_t s, d;
    memset(in, 0, sizeof *in);
    in->ref = form_text(rq, "ref", "a reference, such as 1.2", 1, 20, fe);
    in->title = form_text(rq, "title", "a title", 1, 200, fe);
    in->desc = form_text(rq, "description", "a description", 0, 8000, fe);
    in->pub = form_text(rq, "public_summary", "a summary for families", 0, 2000, fe);
    in->lead_off = form_text(rq, "lead_officer", "the lead officer", 1, 200, fe);
    in->acc_off = form_text(rq, "accountable_officer", "the accountable officer", 1, 200, fe);
    in->lead_org = req_form(rq, "lead_org_id");
    if (!in->lead_org || !*in->lead_org) form_error(fe, "lead_org_id", "Select the lead organisation");
    else if (!exists(rq->db, "SELECT COUNT(*) FROM organisations WHERE id = ?", in->lead_org, NULL, &rc)) {
        if (rc < 0) return rc;
        form_error(fe, "lead_org_id", "Select one of the partnership's organisations");
    }
    in->np = form_values(rq, "partners", in->partners, MAXF);
    for (i = 0; i < in->np; i++) {
        if (!*in->partners[i]) continue;
        if (!exists(rq->db, "SELECT COUNT(*) FROM organisations WHERE id = ?", in->partners[i], NULL, &rc)) {
            if (rc < 0) return rc;
            form_error(fe, "partners", "Select partner organisations from the list");
            break;
        }
    }
    in->nf = form_values(rq, "findings", in->finds, MAXF);
    for (i = 0; i < in->nf; i++) {
        if (!*in->finds[i]) continue;
        if (!exists(rq->db, "SELECT COUNT(*) FROM plans_findings WHERE id = ? AND inspection_id = ?", in->finds[i],
                    plans_js(plan, "inspection_id"), &rc)) {
            if (rc < 0) return rc;
            form_error(fe, "findings", "Select findings of the inspection this plan answers");
            break;
        }
    }
    in->copro = form_choice(rq, "coproduction", "the level of co-production", 1, copro_values, fe);
    in->forum_org = req_form(rq, "forum_org_id");
    if (in->forum_org && !*in->forum_org) in->forum_org = NULL;
    if (in->forum_org && !exists(rq->db, "SELECT COUNT(*) FROM organisations WHERE id = ? AND type = 'forum'", in->forum_org, NULL, &rc)) {
        if (rc < 0) return rc;
        form_error(fe, "forum_org_id", "Select a parent carer forum, or none");
    }
    form_date(rq, "start_date", "The start date", 1, in->start, fe);
    form_date(rq, "due_date", "The due date", 1, in->due, fe);
    if (*in->start && *in->due && date_parse(in->start, &s) == 0 && date_parse(in->due, &d) == 0 && d < s)
        form_error(fe, "due_date", "The due date must be the same as or after the start date");
    in->status = form_choice(rq, "status", "the status", 1, status_values, fe);
    form_date(rq, "completed_date", "The date it was completed", 0, in->done, fe);
    if (in->status && strcmp(in->status, "completed") == 0 && !*in->done) date_format(date_today(), in->done);
    if (in->status && strcmp(in->status, "completed") != 0) in->done[0] = '\0';
    /* An officer works on their own organisation's actions only. */
    if (rq->user && rq->user->role == ROLE_OFFICER && in->lead_org && !form_error_for(fe, "lead_org_id")) {
        int mine = strcmp(in->lead_org, rq->user->org_id) == 0;
        for (i = 0; i < in->np; i++) if (strcmp(in->partners[i], rq->user->org_id) == 0) mine = 1;
        if (!mine) form_error(fe, "lead_org_id", "Your organisation must lead this action or be a partner on it");
    }
    return DB_OK;
}

/* Inserts (id empty) or updates the action and its links in one transaction. */
static int write_action(req *rq, resp *rs, const char *plan_id, const struct action_in *in, char id[IDS_UUID_LEN], int create)
{
    char now[21];
    size_t i;
    int rc;
    ids_now_iso(now);
    if (create) ids_uuid(id);
    if ((rc = db_begin(rq->db)) != DB_OK) return rc;
    if (create)
        rc = db_query_text(rq->db, NULL, "INSERT INTO plans_actions (id, plan_id, ref, title, description, public_summary, lead_officer, "
                           "accountable_officer, lead_org_id, coproduction, forum_org_id, start_date, due_date, status, completed_date, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 17,
                           id, plan_id, in->ref, in->title, in->desc, in->pub, in->lead_off, in->acc_off, in->lead_org, in->copro,
                           in->forum_org, in->start, in->due, in->status, *in->done ? in->done : NULL, now, now);
    else
        rc = db_query_text(rq->db, NULL, "UPDATE plans_actions SET ref = ?, title = ?, description = ?, public_summary = ?, lead_officer = ?, "
                           "accountable_officer = ?, lead_org_id = ?, coproduction = ?, forum_org_id = ?, start_date = ?, due_date = ?, "
                           "status = ?, completed_date = ?, updated_at = ? WHERE id = ?", 15,
                           in->ref, in->title, in->desc, in->pub, in->lead_off, in->acc_off, in->lead_org, in->copro, in->forum_org,
                           in->start, in->due, in->status, *in->done ? in->done : NULL, now, id);
    if (rc >= 0) rc = db_query_text(rq->db, NULL, "DELETE FROM plans_action_findings WHERE action_id = ?", 1, id);
    if (rc >= 0) rc = db_query_text(rq->db, NULL, "DELETE FROM plans_action_partners WHERE action_id = ?", 1, id);
    for (i = 0; rc >= 0 && i < in->nf; i++)
        if (*in->finds[i])
            rc = db_query_text(rq->db, NULL, "INSERT INTO plans_action_findings (action_id, finding_id) VALUES (?, ?) ON CONFLICT DO NOTHING", 2, id, in->finds[i]);
    for (i = 0; rc >= 0 && i < in->np; i++)
        if (*in->partners[i] && strcmp(in->partners[i], in->lead_org) != 0)
            rc = db_query_text(rq->db, NULL, "INSERT INTO plans_action_partners (action_id, organisation_id) VALUES (?, ?) ON CONFLICT DO NOTHING", 2, id, in->partners[i]);
    if (rc >= 0) rc = audit_log(rq, rs, create ? "create" : "update", "action", id, NULL);
    if (rc < 0) {
        db_rollback(rq->db);
        return rc;
    }
    return db_commit(rq->db);
}

static int action_links(db *d, const char *id, json_t **finds, json_t **partners)
{
    int rc = plans_rows(d, finds, "sis", "SELECT f.id, f.seq, f.text FROM plans_findings f JOIN plans_action_findings af ON af.finding_id = f.id "
                        "WHERE af.action_id = ? ORDER BY f.seq", 1, id);
    if (rc == DB_OK) rc = plans_rows(d, partners, NULL, "SELECT o.id, o.name FROM organisations o JOIN plans_action_partners p ON p.organisation_id = o.id "
                                     "WHERE p.action_id = ? ORDER BY o.name", 1, id);
    return rc;
}

static void action_form(req *rq, resp *rs, int status, const form_errors *fe, const json_t *plan, const json_t *action)
{
    json_t *orgs = NULL, *forums = NULL, *finds = NULL, *selF = json_array(), *selP = json_array(), *cf = NULL, *cp = NULL, *x;
    buf b = BUF_INIT, title = BUF_INIT, act = BUF_INIT;
    const char *vals[MAXF];
    size_t n, i;
    int posted = strcmp(rq->method, "POST") == 0;
    int rc = plans_rows(rq->db, &orgs, NULL, "SELECT id, name FROM organisations ORDER BY name", 0);
    if (rc == DB_OK) rc = plans_rows(rq->db, &forums, NULL, "SELECT id, name FROM organisations WHERE type = 'forum' ORDER BY name", 0);
    if (rc == DB_OK) rc = plans_rows(rq->db, &finds, NULL, "SELECT id, CAST(seq AS TEXT) || '. ' || text AS label FROM plans_findings "
                                     "WHERE inspection_id = ? ORDER BY seq", 1, plans_js(plan, "inspection_id"));
    if (rc == DB_OK && action && !posted) rc = action_links(rq->db, plans_js(action, "id"), &cf, &cp);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    if (posted) {
        n = form_values(rq, "findings", vals, MAXF);
        for (i = 0; i < n; i++) json_array_append_new(selF, json_string(vals[i]));
        n = form_values(rq, "partners", vals, MAXF);
        for (i = 0; i < n; i++) json_array_append_new(selP, json_string(vals[i]));
    } else {
        json_array_foreach(cf, i, x) json_array_append_new(selF, json_string(plans_js(x, "id")));
        json_array_foreach(cp, i, x) json_array_append_new(selP, json_string(plans_js(x, "id")));
    }
#define V(name) (posted ? req_form(rq, name) : action ? plans_js(action, name) : NULL)
    buf_printf(&title, "%s", action ? "Change an action" : "Add an action");
    if (action) buf_printf(&act, "/actions/%s/edit", plans_js(action, "id"));
    else buf_printf(&act, "/plans/%s/actions/new", plans_js(plan, "id"));
    plans_ui_form_start(rq, &b, fe, plans_js(plan, "title"), buf_str(&title), buf_str(&act));
    plans_ui_input(&b, fe, "ref", "Reference", V("ref"), "For example, 1.2");
    plans_ui_input(&b, fe, "title", "Title", V("title"), NULL);
    plans_ui_textarea(&b, fe, "description", "Description", V("description"), NULL);
    plans_ui_textarea(&b, fe, "public_summary", "What families will notice, in plain English", V("public_summary"),
                      "Shown on the public page. Do not include names.");
    if (json_array_size(finds)) plans_ui_checkboxes(&b, fe, "findings", "Findings this action answers", finds, "id", "label", selF);
    plans_ui_input(&b, fe, "lead_officer", "Lead officer", V("lead_officer"), NULL);
    plans_ui_input(&b, fe, "accountable_officer", "Accountable officer", V("accountable_officer"), "The senior responsible officer.");
    plans_ui_select_rows(&b, fe, "lead_org_id", "Lead organisation", orgs, "id", "name", V("lead_org_id"), "Select an organisation");
    plans_ui_checkboxes(&b, fe, "partners", "Partner organisations", orgs, "id", "name", selP);
    plans_ui_radios(&b, fe, "coproduction", "Co-production with families", plans_coproduction, V("coproduction"));
    plans_ui_select_rows(&b, fe, "forum_org_id", "Parent carer forum that took part", forums, "id", "name", V("forum_org_id"), "None");
    plans_ui_date(&b, fe, posted ? rq : NULL, "start_date", "Start date", V("start_date"));
    plans_ui_date(&b, fe, posted ? rq : NULL, "due_date", "Due date", V("due_date"));
    plans_ui_select(&b, fe, "status", "Status", plans_statuses, V("status") && *V("status") ? V("status") : "not_started");
    plans_ui_date(&b, fe, posted ? rq : NULL, "completed_date", "Date completed (if completed)", V("completed_date"));
#undef V
    plans_ui_button(&b, "Save action", 0);
    plans_ui_form_end(&b);
    page_render_ex(rq, rs, status, buf_str(&title), buf_str(&b), form_has_errors(fe));
done:
    json_decref(orgs);
    json_decref(forums);
    json_decref(finds);
    json_decref(selF);
    json_decref(selP);
    json_decref(cf);
    json_decref(cp);
    buf_free(&b);
    buf_free(&title);
    buf_free(&act);
}

void plans_action_new_page(req *rq, resp *rs)
{
    json_t *plan = NULL;
    form_errors fe = {0};
    if (plans_plan_load(rq, rs, req_param(rq, "id"), &plan) != 0) return;
    action_form(rq, rs, 200, &fe, plan, NULL);
    json_decref(plan);
}

void plans_action_new_post(req *rq, resp *rs)
{
    json_t *plan = NULL;
    form_errors fe = {0};
    struct action_in in;
    char id[IDS_UUID_LEN];
    int rc;
    if (plans_plan_load(rq, rs, req_param(rq, "id"), &plan) != 0) return;
    rc = read_action(rq, plan, &in, &fe);
    if (rc == DB_OK && !form_has_errors(&fe)) rc = write_action(rq, rs, plans_js(plan, "id"), &in, id, 1);
    if (plans_ui_after_save(rq, rs, rc, &fe, "/actions/", id)) action_form(rq, rs, 400, &fe, plan, NULL);
    in_free(&in);
    form_errors_free(&fe);
    json_decref(plan);
}

void plans_action_edit_page(req *rq, resp *rs)
{
    json_t *a = NULL, *plan = NULL;
    form_errors fe = {0};
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_EDIT, &a, NULL) != 0) return;
    if (plans_plan_load(rq, rs, plans_js(a, "plan_id"), &plan) == 0) action_form(rq, rs, 200, &fe, plan, a);
    json_decref(a);
    json_decref(plan);
}

void plans_action_edit_post(req *rq, resp *rs)
{
    json_t *a = NULL, *plan = NULL;
    form_errors fe = {0};
    struct action_in in;
    char id[IDS_UUID_LEN];
    int rc;
    memset(&in, 0, sizeof in);
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_EDIT, &a, NULL) != 0) return;
    if (plans_plan_load(rq, rs, plans_js(a, "plan_id"), &plan) != 0) goto done;
    snprintf(id, sizeof id, "%s", plans_js(a, "id"));
    rc = read_action(rq, plan, &in, &fe);
    if (rc == DB_OK && !form_has_errors(&fe)) rc = write_action(rq, rs, plans_js(plan, "id"), &in, id, 0);
    if (plans_ui_after_save(rq, rs, rc, &fe, "/actions/", id)) action_form(rq, rs, 400, &fe, plan, a);
done:
    in_free(&in);
    form_errors_free(&fe);
    json_decref(a);
    json_decref(plan);
}

/* ---- measures ---------------------------------------------------------------------- */

int plans_action_measures(db *d, const char *action_id, int32_t asof, json_t **out)
{
    char as[11];
    json_t *m;
    size_t i;
    int rc;
    date_format(asof, as);
    rc = plans_rows(d, out, "ssssdsdss", "SELECT id, action_id, indicator, unit, baseline, baseline_date, target, target_date, created_at "
                        "FROM plans_measures WHERE action_id = ? ORDER BY created_at", 1, action_id);
    if (rc != DB_OK) return rc;
    json_array_foreach(*out, i, m) {
        json_t *ms = NULL, *acts = NULL;
        struct plans_loaded_measure lm;
        const char *id = plans_js(m, "id");
        if ((rc = plans_rows(d, &ms, "ssd", "SELECT id, due_date, value FROM plans_measure_milestones WHERE measure_id = ? ORDER BY due_date", 1, id)) != DB_OK) return rc;
        if ((rc = plans_rows(d, &acts, "ssds", "SELECT id, on_date, value, source FROM plans_actuals WHERE measure_id = ? AND on_date <= ? ORDER BY on_date, created_at", 2, id, as)) != DB_OK) {
            json_decref(ms);
            return rc;
        }
        json_object_set_new(m, "milestones", ms);
        json_object_set_new(m, "actuals", acts);
        if ((rc = plans_measure_load(d, m, asof, &lm)) != DB_OK) return rc;
        lm.m.milestones = lm.ms;
        if (date_valid(lm.m.latest.date)) {
            json_object_set_new(m, "latest", json_real(lm.m.latest.value));
            json_object_set_new(m, "progress", json_real(plans_measure_progress(&lm.m, lm.m.latest.value)));
            json_object_set_new(m, "expected_at_latest", json_real(plans_measure_expected(&lm.m, lm.m.latest.date)));
        } else {
            json_object_set_new(m, "latest", json_null());
            json_object_set_new(m, "progress", json_null());
            json_object_set_new(m, "expected_at_latest", json_null());
        }
        json_object_set_new(m, "behind", json_boolean(plans_measure_behind(&lm.m)));
    }
    return DB_OK;
}

static void num(char *out, size_t n, double v)
{
    if (fabs(v - round(v)) < 1e-9) snprintf(out, n, "%.0f", v);
    else snprintf(out, n, "%.1f", v);
}

void plans_measure_svg(buf *b, const json_t *m)
{
    const double W = 600, H = 220, L = 50, R = 20, T = 20, B = 40;
    json_t *pts = json_array(), *x, *acts = json_object_get(m, "actuals");
    int32_t d0, d1, dd;
    double lo, hi, v;
    size_t i;
    char a[32], c[32];
    if (date_parse(plans_js(m, "baseline_date"), &d0) != 0 || date_parse(plans_js(m, "target_date"), &d1) != 0 || d1 <= d0) {
        json_decref(pts);
        return;
    }
    json_array_append_new(pts, json_pack("{s:s, s:f}", "d", plans_js(m, "baseline_date"), "v", json_number_value(json_object_get(m, "baseline"))));
    json_array_foreach(json_object_get(m, "milestones"), i, x)
        json_array_append_new(pts, json_pack("{s:s, s:f}", "d", plans_js(x, "due_date"), "v", json_number_value(json_object_get(x, "value"))));
    json_array_append_new(pts, json_pack("{s:s, s:f}", "d", plans_js(m, "target_date"), "v", json_number_value(json_object_get(m, "target"))));
    lo = hi = json_number_value(json_object_get(m, "baseline"));
    json_array_foreach(pts, i, x) { v = json_number_value(json_object_get(x, "v")); if (v < lo) lo = v; if (v > hi) hi = v; }
    json_array_foreach(acts, i, x) {
        v = json_number_value(json_object_get(x, "value"));
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        if (date_parse(plans_js(x, "on_date"), &dd) == 0 && dd > d1) d1 = dd;
        if (date_parse(plans_js(x, "on_date"), &dd) == 0 && dd < d0) d0 = dd;
    }
    if (hi - lo < 1e-9) { hi += 1; lo -= 1; }
#define PX(day) (L + (W - L - R) * (double)((day) - d0) / (double)(d1 - d0))
#define PY(val) (T + (H - T - B) * (1.0 - ((val) - lo) / (hi - lo)))
    buf_add(b, "<svg class=\"plans-chart\" viewBox=\"0 0 600 220\" width=\"100%\" role=\"img\" aria-labelledby=\"chart-");
    html_attr(b, plans_js(m, "id"));
    buf_add(b, "\" focusable=\"false\"><title id=\"chart-");
    html_attr(b, plans_js(m, "id"));
    buf_add(b, "\">");
    html_txt(b, plans_js(m, "indicator"));
    buf_add(b, ": planned path from baseline to target (dashed line) and actual values (solid line with dots). The table below has the same figures.</title>");
    buf_printf(b, "<line class=\"plans-chart__axis\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#0b0c0c\"/>", L, H - B, W - R, H - B);
    buf_printf(b, "<line class=\"plans-chart__axis\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#0b0c0c\"/>", L, T, L, H - B);
    num(a, sizeof a, hi);
    num(c, sizeof c, lo);
    buf_printf(b, "<text class=\"plans-chart__label\" x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%s</text>", L - 6, T + 4, a);
    buf_printf(b, "<text class=\"plans-chart__label\" x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%s</text>", L - 6, H - B + 4, c);
    {
        char s0[11], s1[11];
        date_format(d0, s0);
        date_format(d1, s1);
        buf_printf(b, "<text class=\"plans-chart__label\" x=\"%.0f\" y=\"%.0f\">%s</text>", L, H - B + 20, s0);
        buf_printf(b, "<text class=\"plans-chart__label\" x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%s</text>", W - R, H - B + 20, s1);
    }
    buf_add(b, "<polyline class=\"plans-chart__plan\" fill=\"none\" stroke=\"#505a5f\" stroke-width=\"2\" stroke-dasharray=\"6 4\" points=\"");
    json_array_foreach(pts, i, x)
        if (date_parse(plans_js(x, "d"), &dd) == 0)
            buf_printf(b, "%.1f,%.1f ", PX(dd), PY(json_number_value(json_object_get(x, "v"))));
    buf_add(b, "\"/>");
    if (json_array_size(acts)) {
        buf_add(b, "<polyline class=\"plans-chart__actual\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"3\" points=\"");
        json_array_foreach(acts, i, x)
            if (date_parse(plans_js(x, "on_date"), &dd) == 0)
                buf_printf(b, "%.1f,%.1f ", PX(dd), PY(json_number_value(json_object_get(x, "value"))));
        buf_add(b, "\"/>");
        json_array_foreach(acts, i, x)
            if (date_parse(plans_js(x, "on_date"), &dd) == 0)
                buf_printf(b, "<circle class=\"plans-chart__point\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#1d70b8\"/>", PX(dd),
                           PY(json_number_value(json_object_get(x, "value"))));
    }
#undef PX
#undef PY
    buf_add(b, "</svg>");
    json_decref(pts);
}

void plans_measure_table(buf *b, const json_t *m)
{
    json_t *o, *rows, *x;
    size_t i;
    char v[32], d[20];
    buf cap = BUF_INIT;
    buf_printf(&cap, "%s%s%s%s", plans_js(m, "indicator"), *plans_js(m, "unit") ? " (" : "", plans_js(m, "unit"), *plans_js(m, "unit") ? ")" : "");
    o = json_pack("{s:s, s:[{s:s},{s:s},{s:s, s:s},{s:s}], s:[]}", "caption", buf_str(&cap), "head", "text", "Date", "text", "What",
                  "text", "Value", "format", "numeric", "text", "Source", "rows");
    rows = json_object_get(o, "rows");
    num(v, sizeof v, json_number_value(json_object_get(m, "baseline")));
    json_array_append_new(rows, json_pack("[{s:s},{s:s},{s:s, s:s},{s:s}]", "text", plans_ui_day(plans_js(m, "baseline_date"), d), "text", "Baseline",
                                          "text", v, "format", "numeric", "text", ""));
    json_array_foreach(json_object_get(m, "milestones"), i, x) {
        num(v, sizeof v, json_number_value(json_object_get(x, "value")));
        json_array_append_new(rows, json_pack("[{s:s},{s:s},{s:s, s:s},{s:s}]", "text", plans_ui_day(plans_js(x, "due_date"), d), "text", "Milestone",
                                              "text", v, "format", "numeric", "text", ""));
    }
    json_array_foreach(json_object_get(m, "actuals"), i, x) {
        num(v, sizeof v, json_number_value(json_object_get(x, "value")));
        json_array_append_new(rows, json_pack("[{s:s},{s:s},{s:s, s:s},{s:s}]", "text", plans_ui_day(plans_js(x, "on_date"), d), "text", "Actual",
                                              "text", v, "format", "numeric", "text", plans_js(x, "source")));
    }
    num(v, sizeof v, json_number_value(json_object_get(m, "target")));
    json_array_append_new(rows, json_pack("[{s:s},{s:s},{s:s, s:s},{s:s}]", "text", plans_ui_day(plans_js(m, "target_date"), d), "text", "Target",
                                          "text", v, "format", "numeric", "text", ""));
    govuk_table(b, o);
    json_decref(o);
    buf_free(&cap);
    if (json_is_true(json_object_get(m, "behind")))
        buf_add(b, "<p class=\"govuk-body\"><strong class=\"govuk-tag govuk-tag--yellow\">Behind</strong> The latest actual is behind the planned path.</p>");
    else if (json_is_number(json_object_get(m, "progress")))
        buf_printf(b, "<p class=\"govuk-body\">Progress from baseline to target: %.0f%%.</p>", 100.0 * json_number_value(json_object_get(m, "progress")));
}

static int load_measure(req *rq, resp *rs, enum plans_access need, json_t **m)
{
    const char *id = req_param(rq, "id");
    int rc;
    *m = NULL;
    if (!id || !ids_is_uuid(id)) { resp_error(rq, rs, 404, "not_found", "There is no such measure.", NULL); return -1; }
    rc = plans_row(rq->db, m, "ssssdsds", "SELECT id, action_id, indicator, unit, baseline, baseline_date, target, target_date FROM plans_measures WHERE id = ?", 1, id);
    if (rc < 0) { resp_db_error(rq, rs, rc); return -1; }
    if (rc == DB_DONE) { resp_error(rq, rs, 404, "not_found", "There is no such measure.", NULL); return -1; }
    if (plans_action_access(rq, rs, plans_js(*m, "action_id"), need, NULL, NULL) != 0) {
        json_decref(*m);
        *m = NULL;
        return -1;
    }
    return 0;
}

/* ---- the action page --------------------------------------------------------------- */

static void action_view(req *rq, resp *rs, json_t *a, enum plans_access acc, int status, const form_errors *fe, const char *section)
{
    json_t *finds = NULL, *partners = NULL, *ms = NULL, *ups = NULL, *ev = NULL, *meas = NULL, *forum = NULL, *x, *o;
    buf b = BUF_INIT, fl = BUF_INIT, pl = BUF_INIT, tag = BUF_INIT;
    struct plans_rating rt;
    size_t i;
    char d1[20], d2[20];
    const char *id = plans_js(a, "id");
    int rc = action_links(rq->db, id, &finds, &partners);
    if (rc == DB_OK) rc = plans_rows(rq->db, &ms, NULL, "SELECT id, title, due_date, done_date FROM plans_milestones WHERE action_id = ? ORDER BY due_date", 1, id);
    if (rc == DB_OK) rc = plans_rows(rq->db, &ups, "sssb", "SELECT at, author_name, body, forum_comment FROM plans_updates WHERE action_id = ? ORDER BY at DESC", 1, id);
    if (rc == DB_OK) rc = plans_rows(rq->db, &ev, "sssssis", "SELECT id, kind, title, url, filename, size, created_at FROM plans_evidence WHERE action_id = ? ORDER BY created_at", 1, id);
    if (rc == DB_OK) rc = plans_action_measures(rq->db, id, date_today(), &meas);
    if (rc == DB_OK && *plans_js(a, "forum_org_id")) rc = plans_row(rq->db, &forum, NULL, "SELECT name FROM organisations WHERE id = ?", 1, plans_js(a, "forum_org_id"));
    if (rc >= 0) rc = plans_rate_action(rq->db, a, date_today(), plans_stale_days(rq->db), &rt);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    form_error_summary(&b, plans_ui_fe(fe));
    buf_add(&b, "<span class=\"govuk-caption-l\"><a class=\"govuk-link\" href=\"/plans/");
    html_attr(&b, plans_js(a, "plan_id"));
    buf_add(&b, "\">");
    html_txt(&b, plans_js(a, "plan_title"));
    buf_add(&b, "</a></span><h1 class=\"govuk-heading-l\">");
    html_txt(&b, plans_js(a, "ref"));
    buf_add(&b, " ");
    html_txt(&b, plans_js(a, "title"));
    buf_add(&b, "</h1><p class=\"govuk-body\">Rating: ");
    plans_ui_tag(&b, rt.rag);
    buf_add(&b, " ");
    html_txt(&b, plans_reason_label(rt.reason));
    buf_add(&b, "</p>");
    if (rt.stale) {
        buf_printf(&b, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
                       "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>"
                       "No progress update for more than %d days.</strong></div>", plans_stale_days(rq->db));
    }
    json_array_foreach(finds, i, x) {
        buf_printf(&fl, "%s%lld. ", i ? "<br>" : "", (long long)json_integer_value(json_object_get(x, "seq")));
        html_txt(&fl, plans_js(x, "text"));
    }
    json_array_foreach(partners, i, x) {
        if (i) buf_add(&pl, ", ");
        html_txt(&pl, plans_js(x, "name"));
    }
    {
        buf cp = BUF_INIT;
        html_txt(&cp, plans_ui_label(plans_coproduction, plans_js(a, "coproduction")));
        if (forum) { buf_add(&cp, ", with "); html_txt(&cp, plans_js(forum, "name")); }
        o = json_pack("{s:[{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}},"
                      "{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}},{s:{s:s},s:{s:s}}]}", "rows",
                      "key", "text", "Description", "value", "text", plans_js(a, "description"),
                      "key", "text", "Findings it answers", "value", "html", json_array_size(finds) ? buf_str(&fl) : "None recorded",
                      "key", "text", "Lead officer", "value", "text", plans_js(a, "lead_officer"),
                      "key", "text", "Accountable officer", "value", "text", plans_js(a, "accountable_officer"),
                      "key", "text", "Lead organisation", "value", "text", plans_js(a, "lead_org_name"),
                      "key", "text", "Partner organisations", "value", "html", json_array_size(partners) ? buf_str(&pl) : "None",
                      "key", "text", "Co-production", "value", "html", buf_str(&cp),
                      "key", "text", "Start date", "value", "text", plans_ui_day(plans_js(a, "start_date"), d1),
                      "key", "text", "Due date", "value", "text", plans_ui_day(plans_js(a, "due_date"), d2),
                      "key", "text", "Status", "value", "text", plans_status_label(plans_js(a, "status")));
        govuk_summary_list(&b, o);
        json_decref(o);
        buf_free(&cp);
    }
    if (acc >= PLANS_EDIT) {
        buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/actions/");
        html_attr(&b, id);
        buf_add(&b, "/edit\">Change this action</a></p>");
    }
    /* Milestones */
    buf_add(&b, "<h2 class=\"govuk-heading-m\" id=\"milestones\">Milestones</h2>");
    if (!json_array_size(ms)) buf_add(&b, "<p class=\"govuk-body\">No milestones yet.</p>");
    else {
        buf_add(&b, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-visually-hidden\">Milestones</caption>"
                    "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Milestone</th>"
                    "<th scope=\"col\" class=\"govuk-table__header\">Due</th><th scope=\"col\" class=\"govuk-table__header\">Done</th></tr></thead><tbody class=\"govuk-table__body\">");
        json_array_foreach(ms, i, x) {
            buf_add(&b, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
            html_txt(&b, plans_js(x, "title"));
            if (acc >= PLANS_EDIT) {
                buf_add(&b, " <a class=\"govuk-link\" href=\"/actions/");
                html_attr(&b, id);
                buf_add(&b, "/milestones/");
                html_attr(&b, plans_js(x, "id"));
                buf_add(&b, "/edit\">Change<span class=\"govuk-visually-hidden\"> ");
                html_txt(&b, plans_js(x, "title"));
                buf_add(&b, "</span></a>");
            }
            buf_add(&b, "</td><td class=\"govuk-table__cell\">");
            html_txt(&b, plans_ui_day(plans_js(x, "due_date"), d1));
            buf_add(&b, "</td><td class=\"govuk-table__cell\">");
            if (*plans_js(x, "done_date")) html_txt(&b, plans_ui_day(plans_js(x, "done_date"), d2));
            else if (acc >= PLANS_EDIT) {
                buf_add(&b, "<form method=\"post\" action=\"/actions/");
                html_attr(&b, id);
                buf_add(&b, "/milestones/");
                html_attr(&b, plans_js(x, "id"));
                buf_add(&b, "/done\" novalidate>");
                page_csrf_field(rq, &b);
                buf_add(&b, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
                            "Mark done<span class=\"govuk-visually-hidden\"> (");
                html_txt(&b, plans_js(x, "title"));
                buf_add(&b, ")</span></button></form>");
            } else buf_add(&b, "Not yet");
            buf_add(&b, "</td></tr>");
        }
        buf_add(&b, "</tbody></table>");
    }
    if (acc >= PLANS_EDIT) {
        int mine = section && strcmp(section, "milestone") == 0;
        buf_add(&b, "<details class=\"govuk-details\"");
        if (mine) buf_add(&b, " open");
        buf_add(&b, "><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">Add a milestone</span></summary>"
                    "<div class=\"govuk-details__text\"><form method=\"post\" action=\"/actions/");
        html_attr(&b, id);
        buf_add(&b, "/milestones\" novalidate>");
        page_csrf_field(rq, &b);
        plans_ui_input(&b, fe, "milestone_title", "Milestone", mine ? req_form(rq, "milestone_title") : NULL, NULL);
        plans_ui_date(&b, fe, mine ? rq : NULL, "milestone_due", "Due", NULL);
        plans_ui_button(&b, "Add milestone", 1);
        buf_add(&b, "</form></div></details>");
    }
    /* Measures */
    buf_add(&b, "<h2 class=\"govuk-heading-m\" id=\"measures\">Success measures</h2>");
    if (!json_array_size(meas)) buf_add(&b, "<p class=\"govuk-body\">No success measures yet.</p>");
    json_array_foreach(meas, i, x) {
        buf_add(&b, "<h3 class=\"govuk-heading-s\">");
        html_txt(&b, plans_js(x, "indicator"));
        buf_add(&b, "</h3>");
        plans_measure_svg(&b, x);
        plans_measure_table(&b, x);
        if (acc >= PLANS_EDIT) {
            buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/measures/");
            html_attr(&b, plans_js(x, "id"));
            buf_add(&b, "/edit\">Change or remove<span class=\"govuk-visually-hidden\"> the measure ");
            html_txt(&b, plans_js(x, "indicator"));
            buf_add(&b, "</span></a></p>");
        }
        if (acc >= PLANS_EDIT) {
            char fid[64];
            int mine = section && strcmp(section, plans_js(x, "id")) == 0;
            buf_add(&b, "<details class=\"govuk-details\"");
            if (mine) buf_add(&b, " open");
            buf_add(&b, "><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">Record an actual for ");
            html_txt(&b, plans_js(x, "indicator"));
            buf_add(&b, "</span></summary><div class=\"govuk-details__text\"><form method=\"post\" action=\"/measures/");
            html_attr(&b, plans_js(x, "id"));
            buf_add(&b, "/actuals\" novalidate>");
            page_csrf_field(rq, &b);
            {
                char i1[64], i2[64], i3[64];
                snprintf(i1, sizeof i1, "on_date-%.8s", plans_js(x, "id"));
                snprintf(i2, sizeof i2, "value-%.8s", plans_js(x, "id"));
                snprintf(i3, sizeof i3, "source-%.8s", plans_js(x, "id"));
                plans_ui_date_named(&b, mine ? fe : NULL, mine ? rq : NULL, i1, "on_date", "Date of the figure", NULL);
                plans_ui_input_named(&b, mine ? fe : NULL, i2, "value", "Value", mine ? req_form(rq, "value") : NULL, NULL);
                plans_ui_input_named(&b, mine ? fe : NULL, i3, "source", "Source", mine ? req_form(rq, "source") : NULL,
                                     "For example, the council's case management system, March extract.");
            }
            plans_ui_button(&b, "Record actual", 1);
            buf_add(&b, "</form></div></details>");
            snprintf(fid, sizeof fid, "p:%s", plans_js(x, "id"));
            mine = section && strcmp(section, fid) == 0;
            buf_add(&b, "<details class=\"govuk-details\"");
            if (mine) buf_add(&b, " open");
            buf_add(&b, "><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">Add a planned value (milestone) for ");
            html_txt(&b, plans_js(x, "indicator"));
            buf_add(&b, "</span></summary><div class=\"govuk-details__text\"><form method=\"post\" action=\"/measures/");
            html_attr(&b, plans_js(x, "id"));
            buf_add(&b, "/milestones\" novalidate>");
            page_csrf_field(rq, &b);
            {
                char i1[64], i2[64];
                snprintf(i1, sizeof i1, "due_date-%.8s", plans_js(x, "id"));
                snprintf(i2, sizeof i2, "planned-%.8s", plans_js(x, "id"));
                plans_ui_date_named(&b, mine ? fe : NULL, mine ? rq : NULL, i1, "due_date", "Date", NULL);
                plans_ui_input_named(&b, mine ? fe : NULL, i2, "value", "Planned value", mine ? req_form(rq, "value") : NULL, NULL);
            }
            plans_ui_button(&b, "Add planned value", 1);
            buf_add(&b, "</form></div></details>");
        }
    }
    if (acc >= PLANS_EDIT) {
        int mine = section && strcmp(section, "measure") == 0;
        buf_add(&b, "<details class=\"govuk-details\"");
        if (mine) buf_add(&b, " open");
        buf_add(&b, "><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">Add a success measure</span></summary>"
                    "<div class=\"govuk-details__text\"><form method=\"post\" action=\"/actions/");
        html_attr(&b, id);
        buf_add(&b, "/measures\" novalidate>");
        page_csrf_field(rq, &b);
        plans_ui_input(&b, mine ? fe : NULL, "indicator", "Indicator", mine ? req_form(rq, "indicator") : NULL, NULL);
        plans_ui_input(&b, mine ? fe : NULL, "unit", "Unit (optional)", mine ? req_form(rq, "unit") : NULL, "For example, per cent or weeks.");
        plans_ui_input(&b, mine ? fe : NULL, "baseline", "Baseline value", mine ? req_form(rq, "baseline") : NULL, NULL);
        plans_ui_date(&b, mine ? fe : NULL, mine ? rq : NULL, "baseline_date", "Baseline date", NULL);
        plans_ui_input(&b, mine ? fe : NULL, "target", "Target value", mine ? req_form(rq, "target") : NULL, NULL);
        plans_ui_date(&b, mine ? fe : NULL, mine ? rq : NULL, "target_date", "Target date", NULL);
        plans_ui_button(&b, "Add measure", 1);
        buf_add(&b, "</form></div></details>");
    }
    /* Updates */
    buf_add(&b, "<h2 class=\"govuk-heading-m\" id=\"updates\">Progress updates</h2>");
    if (!json_array_size(ups)) buf_add(&b, "<p class=\"govuk-body\">No updates yet.</p>");
    json_array_foreach(ups, i, x) {
        buf_add(&b, "<div class=\"plans-update\"><p class=\"govuk-body-s govuk-!-margin-bottom-1\">");
        html_txt(&b, plans_ui_day(plans_js(x, "at"), d1));
        buf_add(&b, ", ");
        html_txt(&b, plans_js(x, "author_name"));
        if (json_is_true(json_object_get(x, "forum_comment"))) buf_add(&b, " <strong class=\"govuk-tag govuk-tag--purple\">Forum comment</strong>");
        buf_add(&b, "</p><p class=\"govuk-body\">");
        html_txt(&b, plans_js(x, "body"));
        buf_add(&b, "</p></div>");
    }
    if (acc >= PLANS_COMMENT) {
        int mine = section && strcmp(section, "update") == 0;
        buf_add(&b, "<form method=\"post\" action=\"/actions/");
        html_attr(&b, id);
        buf_add(&b, "/updates\" novalidate>");
        page_csrf_field(rq, &b);
        plans_ui_textarea(&b, mine ? fe : NULL, "body", acc == PLANS_COMMENT ? "Add a forum comment" : "Add a progress update",
                          mine ? req_form(rq, "body") : NULL, NULL);
        plans_ui_button(&b, acc == PLANS_COMMENT ? "Add comment" : "Add update", 1);
        buf_add(&b, "</form>");
        mine = section && strcmp(section, "coproduction") == 0;
        buf_add(&b, "<h2 class=\"govuk-heading-m\">Record co-production</h2><form method=\"post\" action=\"/actions/");
        html_attr(&b, id);
        buf_add(&b, "/coproduction\" novalidate>");
        page_csrf_field(rq, &b);
        plans_ui_radios(&b, mine ? fe : NULL, "coproduction", "How families took part", plans_coproduction,
                        mine ? req_form(rq, "coproduction") : plans_js(a, "coproduction"));
        plans_ui_button(&b, "Save co-production", 1);
        buf_add(&b, "</form>");
    }
    /* Evidence */
    buf_add(&b, "<h2 class=\"govuk-heading-m\" id=\"evidence\">Evidence</h2>");
    if (!json_array_size(ev)) buf_add(&b, "<p class=\"govuk-body\">No evidence yet.</p>");
    else buf_add(&b, "<ul class=\"govuk-list\">");
    json_array_foreach(ev, i, x) {
        buf_add(&b, "<li><a class=\"govuk-link\" href=\"");
        if (strcmp(plans_js(x, "kind"), "link") == 0) html_attr(&b, plans_js(x, "url"));
        else { buf_add(&b, "/actions/"); html_attr(&b, id); buf_add(&b, "/evidence/"); html_attr(&b, plans_js(x, "id")); }
        buf_add(&b, "\">");
        html_txt(&b, plans_js(x, "title"));
        buf_add(&b, "</a>");
        if (strcmp(plans_js(x, "kind"), "file") == 0)
            buf_printf(&b, " (file, %lld KB)", (long long)(json_integer_value(json_object_get(x, "size")) + 1023) / 1024);
        buf_add(&b, "</li>");
    }
    if (json_array_size(ev)) buf_add(&b, "</ul>");
    if (acc >= PLANS_EDIT) {
        int mine = section && strcmp(section, "evidence") == 0;
        json_t *fo;
        buf_add(&b, "<form method=\"post\" action=\"/actions/");
        html_attr(&b, id);
        buf_add(&b, "/evidence\" enctype=\"multipart/form-data\" novalidate>");
        page_csrf_field(rq, &b);
        plans_ui_input(&b, mine ? fe : NULL, "evidence_title", "Evidence title", mine ? req_form(rq, "evidence_title") : NULL, NULL);
        fo = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:o*}", "id", "file", "name", "file", "label", "text", "Upload a file",
                       "hint", "text", "PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG, up to 5 MB.", "errorMessage",
                       mine ? form_error_message(fe, "file") : NULL);
        buf_add(&b, "<div class=\"govuk-form-group");
        if (mine && form_error_for(fe, "file")) buf_add(&b, " govuk-form-group--error");
        buf_add(&b, "\"><label class=\"govuk-label\" for=\"file\">Upload a file</label>"
                    "<div id=\"file-hint\" class=\"govuk-hint\">PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG, up to 5 MB.</div>");
        if (mine && form_error_for(fe, "file")) {
            buf_add(&b, "<p id=\"file-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ");
            html_txt(&b, form_error_for(fe, "file"));
            buf_add(&b, "</p>");
        }
        buf_add(&b, "<input class=\"govuk-file-upload\" id=\"file\" name=\"file\" type=\"file\" aria-describedby=\"file-hint\"></div>");
        json_decref(fo);
        plans_ui_input(&b, mine ? fe : NULL, "url", "Or a link to the evidence", mine ? req_form(rq, "url") : NULL, "An address starting https://");
        plans_ui_button(&b, "Add evidence", 1);
        buf_add(&b, "</form>");
    }
    {
        buf t = BUF_INIT;
        buf_printf(&t, "Action %s", plans_js(a, "ref"));
        page_render_ex(rq, rs, status, buf_str(&t), buf_str(&b), fe && form_has_errors(fe));
        buf_free(&t);
    }
done:
    json_decref(finds);
    json_decref(partners);
    json_decref(ms);
    json_decref(ups);
    json_decref(ev);
    json_decref(meas);
    json_decref(forum);
    buf_free(&b);
    buf_free(&fl);
    buf_free(&pl);
    buf_free(&tag);
}

void plans_action_page(req *rq, resp *rs)
{
    json_t *a = NULL;
    enum plans_access acc;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_READ, &a, &acc) != 0) return;
    action_view(rq, rs, a, acc, 200, NULL, NULL);
    json_decref(a);
}

/* After a sub-form: redirect to the action page, or show it with errors (page)
 * / the JSON error (API). */
static void finish(req *rq, resp *rs, json_t *a, enum plans_access acc, int rc, form_errors *fe, const char *section,
                   const char *anchor, json_t *created)
{
    char loc[96];
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (form_has_errors(fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(fe));
        else action_view(rq, rs, a, acc, 400, fe, section);
    } else if (rq->is_api) {
        resp_json(rs, 201, created ? json_incref(created) : json_object());
    } else {
        snprintf(loc, sizeof loc, "/actions/%s#%s", plans_js(a, "id"), anchor);
        resp_redirect(rs, loc);
    }
}

void plans_update_post(req *rq, resp *rs)
{
    json_t *a = NULL, *created = NULL;
    enum plans_access acc;
    form_errors fe = {0};
    char *body = NULL, id[IDS_UUID_LEN], now[21];
    int rc = DB_OK, forum;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_COMMENT, &a, &acc) != 0) return;
    forum = acc == PLANS_COMMENT;
    body = form_text(rq, "body", forum ? "your comment" : "the progress update", 1, 4000, &fe);
    if (!form_has_errors(&fe)) {
        ids_uuid(id);
        ids_now_iso(now);
        rc = db_query_text(rq->db, NULL, "INSERT INTO plans_updates (id, action_id, at, author_id, author_name, body, forum_comment) "
                           "VALUES (?, ?, ?, ?, ?, ?, CAST(? AS INTEGER))", 7, id, plans_js(a, "id"), now, rq->user->id, rq->user->name,
                           body, forum ? "1" : "0");
        if (rc >= 0) rc = audit_log(rq, rs, "create", "action_update", id, forum ? "forum comment" : NULL);
        if (rc >= 0) plans_row(rq->db, &created, "ssssssb", "SELECT id, action_id, at, author_name, body, author_id, forum_comment FROM plans_updates WHERE id = ?", 1, id);
    }
    finish(rq, rs, a, acc, rc, &fe, "update", "updates", created);
    free(body);
    form_errors_free(&fe);
    json_decref(a);
    json_decref(created);
}

void plans_coproduction_post(req *rq, resp *rs)
{
    json_t *a = NULL, *created = NULL;
    enum plans_access acc;
    form_errors fe = {0};
    char now[21];
    const char *level, *forum = NULL;
    int rc = DB_OK;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_COMMENT, &a, &acc) != 0) return;
    level = form_choice(rq, "coproduction", "how families took part", 1, copro_values, &fe);
    if (rq->user->role == ROLE_FORUM) forum = rq->user->org_id;
    else if (*plans_js(a, "forum_org_id")) forum = plans_js(a, "forum_org_id");
    if (!form_has_errors(&fe)) {
        ids_now_iso(now);
        rc = db_query_text(rq->db, NULL, "UPDATE plans_actions SET coproduction = ?, forum_org_id = ?, updated_at = ? WHERE id = ?", 4,
                           level, forum, now, plans_js(a, "id"));
        if (rc >= 0) rc = audit_log(rq, rs, "update", "action", plans_js(a, "id"), "co-production");
        created = json_pack("{s:s, s:s, s:s?}", "id", plans_js(a, "id"), "coproduction", level, "forum_org_id", forum);
    }
    finish(rq, rs, a, acc, rc, &fe, "coproduction", "updates", created);
    form_errors_free(&fe);
    json_decref(a);
    json_decref(created);
}

void plans_milestone_post(req *rq, resp *rs)
{
    json_t *a = NULL, *created = NULL;
    enum plans_access acc;
    form_errors fe = {0};
    char *title = NULL, due[11], id[IDS_UUID_LEN], now[21];
    int rc = DB_OK;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_EDIT, &a, &acc) != 0) return;
    title = form_text(rq, "milestone_title", "the milestone", 1, 300, &fe);
    form_date(rq, "milestone_due", "The milestone's due date", 1, due, &fe);
    if (!form_has_errors(&fe)) {
        ids_uuid(id);
        ids_now_iso(now);
        rc = db_query_text(rq->db, NULL, "INSERT INTO plans_milestones (id, action_id, title, due_date, created_at) VALUES (?, ?, ?, ?, ?)",
                           5, id, plans_js(a, "id"), title, due, now);
        if (rc >= 0) rc = audit_log(rq, rs, "create", "action_milestone", id, NULL);
        created = json_pack("{s:s, s:s, s:s, s:s}", "id", id, "action_id", plans_js(a, "id"), "title", title, "due_date", due);
    }
    finish(rq, rs, a, acc, rc, &fe, "milestone", "milestones", created);
    free(title);
    form_errors_free(&fe);
    json_decref(a);
    json_decref(created);
}

void plans_milestone_done_post(req *rq, resp *rs)
{
    json_t *a = NULL;
    enum plans_access acc;
    form_errors fe = {0};
    char today[11];
    const char *mid = req_param(rq, "mid");
    int rc;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_EDIT, &a, &acc) != 0) return;
    date_format(date_today(), today);
    rc = db_query_text(rq->db, NULL, "UPDATE plans_milestones SET done_date = ? WHERE id = ? AND action_id = ? AND done_date IS NULL",
                       3, today, mid ? mid : "", plans_js(a, "id"));
    if (rc >= 0) rc = audit_log(rq, rs, "update", "action_milestone", mid, "done");
    finish(rq, rs, a, acc, rc, &fe, NULL, "milestones", NULL);
    json_decref(a);
}

/* Allowed evidence: the type is decided from the content and the name's
 * extension together, never from what the client claims. */
static const char *evidence_type(const char *name, const unsigned char *p, size_t n)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (!dot) return NULL;
    if (!strcasecmp(dot, ".pdf") && n >= 5 && memcmp(p, "%PDF-", 5) == 0) return "application/pdf";
    if (!strcasecmp(dot, ".png") && n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) return "image/png";
    if ((!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg")) && n >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0) return "image/jpeg";
    if (n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0) {
        if (!strcasecmp(dot, ".docx")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (!strcasecmp(dot, ".xlsx")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        if (!strcasecmp(dot, ".pptx")) return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    }
    if ((!strcasecmp(dot, ".csv") || !strcasecmp(dot, ".txt")) && !memchr(p, 0, n) && utf8_valid((const char *)p, n))
        return strcasecmp(dot, ".csv") == 0 ? "text/csv" : "text/plain";
    return NULL;
}

void plans_evidence_post(req *rq, resp *rs)
{
    json_t *a = NULL, *created = NULL;
    enum plans_access acc;
    form_errors fe = {0};
    const upload *up = req_upload(rq, "file");
    char *title = NULL, *url = NULL, id[IDS_UUID_LEN], now[21], sz[24];
    const char *type = NULL;
    int rc = DB_OK;
    if (up && up->data.len == 0 && (!up->filename || !*up->filename)) up = NULL;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_EDIT, &a, &acc) != 0) return;
    title = form_text(rq, "evidence_title", "a title for the evidence", 1, 200, &fe);
    url = form_text(rq, "url", "a link", 0, 2000, &fe);
    if (up && *url) form_error(&fe, "file", "Upload a file or give a link, not both");
    else if (!up && !*url) form_error(&fe, "file", "Upload a file or give a link");
    else if (*url && strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) form_error(&fe, "url", "Enter a link starting https://");
    else if (up && up->data.len == 0) form_error(&fe, "file", "The selected file is empty");
    else if (up && up->data.len > PLANS_EVIDENCE_MAX) form_error(&fe, "file", "The selected file must be smaller than 5 MB");
    else if (up && !(type = evidence_type(up->filename, (const unsigned char *)up->data.s, up->data.len)))
        form_error(&fe, "file", "The selected file must be a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file");
    if (!form_has_errors(&fe)) {
        ids_uuid(id);
        ids_now_iso(now);
        if (up) {
            size_t blen = sodium_base64_encoded_len(up->data.len, sodium_base64_VARIANT_ORIGINAL);
            char *b64 = xmalloc(blen), fname[200];
            size_t k, j = 0;
            sodium_bin2base64(b64, blen, (const unsigned char *)up->data.s, up->data.len, sodium_base64_VARIANT_ORIGINAL);
            for (k = 0; up->filename[k] && j + 1 < sizeof fname; k++) {
                unsigned char c = (unsigned char)up->filename[k];
                fname[j++] = (c < 0x20 || c == '"' || c == '\\' || c == '/' || c > 0x7e) ? '_' : (char)c;
            }
            fname[j] = '\0';
            snprintf(sz, sizeof sz, "%zu", up->data.len);
            rc = db_query_text(rq->db, NULL, "INSERT INTO plans_evidence (id, action_id, kind, title, filename, content_type, size, data_b64, added_by, created_at) "
                               "VALUES (?, ?, 'file', ?, ?, ?, CAST(? AS INTEGER), ?, ?, ?)", 9, id, plans_js(a, "id"), title, fname, type, sz, b64,
                               rq->user->id, now);
            free(b64);
        } else {
            rc = db_query_text(rq->db, NULL, "INSERT INTO plans_evidence (id, action_id, kind, title, url, added_by, created_at) "
                               "VALUES (?, ?, 'link', ?, ?, ?, ?)", 6, id, plans_js(a, "id"), title, url, rq->user->id, now);
        }
        if (rc >= 0) rc = audit_log(rq, rs, "create", "action_evidence", id, up ? "file" : "link");
        if (rc >= 0) plans_row(rq->db, &created, "sssssssi", "SELECT id, action_id, kind, title, url, filename, content_type, size FROM plans_evidence WHERE id = ?", 1, id);
    }
    finish(rq, rs, a, acc, rc, &fe, "evidence", "evidence", created);
    free(title);
    free(url);
    form_errors_free(&fe);
    json_decref(a);
    json_decref(created);
}

void plans_evidence_get(req *rq, resp *rs)
{
    json_t *a = NULL, *e = NULL;
    const char *eid = req_param(rq, "eid");
    unsigned char *bin = NULL;
    size_t blen = 0;
    int rc;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_READ, &a, NULL) != 0) return;
    rc = plans_row(rq->db, &e, NULL, "SELECT filename, content_type, data_b64 FROM plans_evidence WHERE id = ? AND action_id = ? AND kind = 'file'",
                   2, eid ? eid : "", plans_js(a, "id"));
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    if (rc == DB_DONE) { resp_error(rq, rs, 404, "not_found", "There is no such file.", NULL); goto done; }
    {
        const char *b64 = plans_js(e, "data_b64");
        size_t cap = strlen(b64);
        bin = xmalloc(cap + 1);
        if (sodium_base642bin(bin, cap + 1, b64, strlen(b64), NULL, &blen, NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
            resp_db_error(rq, rs, DB_ERROR);
            goto done;
        }
    }
    {
        static char types[][80] = {"application/pdf", "image/png", "image/jpeg", "text/csv", "text/plain",
                                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                   "application/vnd.openxmlformats-officedocument.presentationml.presentation"};
        size_t k;
        char disp[300];
        rs->content_type = "application/octet-stream";
        for (k = 0; k < sizeof types / sizeof types[0]; k++)
            if (strcmp(types[k], plans_js(e, "content_type")) == 0) rs->content_type = types[k];
        snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", plans_js(e, "filename"));
        resp_header(rs, "Content-Disposition", disp);
        buf_reset(&rs->body);
        buf_addn(&rs->body, (const char *)bin, blen);
        if (!rs->body.s) buf_add(&rs->body, "");
        rs->status = 200;
    }
done:
    free(bin);
    json_decref(a);
    json_decref(e);
}

void plans_measure_post(req *rq, resp *rs)
{
    json_t *a = NULL, *created = NULL;
    enum plans_access acc;
    form_errors fe = {0};
    char *ind = NULL, *unit = NULL, bd[11], td[11], id[IDS_UUID_LEN], now[21];
    double base = 0, target = 0;
    int rc = DB_OK;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_EDIT, &a, &acc) != 0) return;
    ind = form_text(rq, "indicator", "the indicator", 1, 300, &fe);
    unit = form_text(rq, "unit", "the unit", 0, 40, &fe);
    plans_ui_form_number(rq, "baseline", "the baseline value", "The baseline value must be a number, like 42 or 3.5", &base, &fe);
    form_date(rq, "baseline_date", "The baseline date", 1, bd, &fe);
    plans_ui_form_number(rq, "target", "the target value", "The target value must be a number, like 42 or 3.5", &target, &fe);
    form_date(rq, "target_date", "The target date", 1, td, &fe);
    if (*bd && *td && strcmp(td, bd) <= 0) form_error(&fe, "target_date", "The target date must be after the baseline date");
    if (!form_has_errors(&fe)) {
        db_stmt *st = NULL;
        ids_uuid(id);
        ids_now_iso(now);
        rc = db_prepare(rq->db, "INSERT INTO plans_measures (id, action_id, indicator, unit, baseline, baseline_date, target, target_date, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st);
        if (rc == DB_OK) {
            db_bind_text(st, 1, id); db_bind_text(st, 2, plans_js(a, "id")); db_bind_text(st, 3, ind); db_bind_text(st, 4, unit);
            db_bind_double(st, 5, base); db_bind_text(st, 6, bd); db_bind_double(st, 7, target); db_bind_text(st, 8, td); db_bind_text(st, 9, now);
            rc = db_step(st);
        }
        db_finalize(st);
        if (rc >= 0) rc = audit_log(rq, rs, "create", "measure", id, NULL);
        if (rc >= 0) plans_row(rq->db, &created, "ssssdsds", "SELECT id, action_id, indicator, unit, baseline, baseline_date, target, target_date FROM plans_measures WHERE id = ?", 1, id);
    }
    finish(rq, rs, a, acc, rc, &fe, "measure", "measures", created);
    free(ind);
    free(unit);
    form_errors_free(&fe);
    json_decref(a);
    json_decref(created);
}

static void measure_point_post(req *rq, resp *rs, int actual)
{
    json_t *m = NULL, *a = NULL, *created = NULL;
    enum plans_access acc;
    form_errors fe = {0};
    char day[11], id[IDS_UUID_LEN], now[21], *source = NULL;
    double v = 0;
    int rc = DB_OK;
    if (load_measure(rq, rs, PLANS_EDIT, &m) != 0) return;
    if (plans_action_access(rq, rs, plans_js(m, "action_id"), PLANS_EDIT, &a, &acc) != 0) goto out;
    form_date(rq, actual ? "on_date" : "due_date", actual ? "The date of the figure" : "The milestone date", 1, day, &fe);
    if (actual && *day) {
        int32_t dd;
        if (date_parse(day, &dd) == 0 && dd > date_today()) form_error(&fe, "on_date", "The date of the figure must be today or in the past");
    }
    plans_ui_form_number(rq, "value", "the value", "The value must be a number, like 42 or 3.5", &v, &fe);
    if (actual) source = form_text(rq, "source", "where the figure comes from", 1, 300, &fe);
    if (!form_has_errors(&fe)) {
        db_stmt *st = NULL;
        ids_uuid(id);
        ids_now_iso(now);
        rc = db_prepare(rq->db, actual ? "INSERT INTO plans_actuals (id, measure_id, on_date, value, source, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                                       : "INSERT INTO plans_measure_milestones (id, measure_id, due_date, value) VALUES (?, ?, ?, ?)", &st);
        if (rc == DB_OK) {
            db_bind_text(st, 1, id); db_bind_text(st, 2, plans_js(m, "id")); db_bind_text(st, 3, day); db_bind_double(st, 4, v);
            if (actual) { db_bind_text(st, 5, source); db_bind_text(st, 6, now); }
            rc = db_step(st);
        }
        db_finalize(st);
        if (rc >= 0) rc = audit_log(rq, rs, "create", actual ? "measure_actual" : "measure_milestone", id, NULL);
        created = json_pack("{s:s, s:s, s:s, s:f, s:s?}", "id", id, "measure_id", plans_js(m, "id"), actual ? "on_date" : "due_date", day,
                            "value", v, "source", source);
    }
    {
        char sec[64];
        form_errors shown = {0};
        size_t k;
        snprintf(sec, sizeof sec, "%s%s", actual ? "" : "p:", plans_js(m, "id"));
        /* On the page, each measure's form has its own element ids. */
        for (k = 0; !rq->is_api && k < fe.items.n; k++) {
            char key[96];
            const char *f = fe.items.items[k].name;
            snprintf(key, sizeof key, "%s-%.8s", !actual && strcmp(f, "value") == 0 ? "planned" : f, plans_js(m, "id"));
            form_error(&shown, key, fe.items.items[k].value);
        }
        finish(rq, rs, a, acc, rc, rq->is_api ? &fe : &shown, sec, "measures", created);
        form_errors_free(&shown);
    }
out:
    free(source);
    form_errors_free(&fe);
    json_decref(a);
    json_decref(m);
    json_decref(created);
}

void plans_actual_post(req *rq, resp *rs) { measure_point_post(rq, rs, 1); }
void plans_measure_milestone_post(req *rq, resp *rs) { measure_point_post(rq, rs, 0); }

/* ---- API ------------------------------------------------------------------------------ */

static json_t *action_json(db *d, json_t *a)
{
    json_t *finds = NULL, *partners = NULL, *ms = NULL, *meas = NULL, *ev = NULL;
    struct plans_rating rt;
    const char *id = plans_js(a, "id");
    action_links(d, id, &finds, &partners);
    plans_rows(d, &ms, NULL, "SELECT id, title, due_date, done_date FROM plans_milestones WHERE action_id = ? ORDER BY due_date", 1, id);
    plans_rows(d, &ev, "sssssssi", "SELECT id, action_id, kind, title, url, filename, content_type, size FROM plans_evidence WHERE action_id = ?", 1, id);
    plans_action_measures(d, id, date_today(), &meas);
    if (plans_rate_action(d, a, date_today(), plans_stale_days(d), &rt) == DB_OK) {
        json_object_set_new(a, "rag", json_string(plans_rag_name(rt.rag)));
        json_object_set_new(a, "reason", json_string(plans_reason_label(rt.reason)));
        json_object_set_new(a, "stale", json_boolean(rt.stale));
    }
    json_object_set_new(a, "findings", finds ? finds : json_array());
    json_object_set_new(a, "partners", partners ? partners : json_array());
    json_object_set_new(a, "milestones", ms ? ms : json_array());
    json_object_set_new(a, "measures", meas ? meas : json_array());
    json_object_set_new(a, "evidence", ev ? ev : json_array());
    return a;
}

void plans_actions_api(req *rq, resp *rs)
{
    json_t *plan = NULL, *acts = NULL;
    int rc;
    if (plans_role_access(rq) < PLANS_COMMENT) { resp_error(rq, rs, 404, "not_found", "There is no such plan.", NULL); return; }
    if (plans_plan_load(rq, rs, req_param(rq, "id"), &plan) != 0) return;
    rc = plans_plan_actions(rq->db, plans_js(plan, "id"), &acts);
    if (rc != DB_OK) resp_db_error(rq, rs, rc);
    else resp_json(rs, 200, json_pack("{s:O, s:i, s:i, s:i}", "items", acts, "page", 1, "per_page", (int)json_array_size(acts), "total", (int)json_array_size(acts)));
    json_decref(acts);
    json_decref(plan);
}

void plans_action_create_api(req *rq, resp *rs)
{
    json_t *plan = NULL, *a = NULL;
    form_errors fe = {0};
    struct action_in in;
    char id[IDS_UUID_LEN];
    int rc;
    memset(&in, 0, sizeof in);
    if (plans_plan_load(rq, rs, req_param(rq, "id"), &plan) != 0) return;
    rc = read_action(rq, plan, &in, &fe);
    if (rc == DB_OK && !form_has_errors(&fe)) rc = write_action(rq, rs, plans_js(plan, "id"), &in, id, 1);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (form_has_errors(&fe)) resp_json(rs, 400, form_errors_json(&fe));
    else if (plans_action_access(rq, rs, id, PLANS_READ, &a, NULL) == 0) resp_json(rs, 201, action_json(rq->db, a));
    in_free(&in);
    form_errors_free(&fe);
    json_decref(plan);
}

void plans_action_api(req *rq, resp *rs)
{
    json_t *a = NULL;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_READ, &a, NULL) != 0) return;
    resp_json(rs, 200, action_json(rq->db, a));
}

/* PATCH: fields left out keep their current values. */
void plans_action_patch_api(req *rq, resp *rs)
{
    static const char *const scalars[] = {"ref", "title", "description", "public_summary", "lead_officer", "accountable_officer",
                                          "lead_org_id", "coproduction", "forum_org_id", "start_date", "due_date", "status",
                                          "completed_date", NULL};
    json_t *a = NULL, *plan = NULL, *finds = NULL, *partners = NULL, *x;
    form_errors fe = {0};
    struct action_in in;
    char id[IDS_UUID_LEN];
    size_t i;
    int rc;
    memset(&in, 0, sizeof in);
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_EDIT, &a, NULL) != 0) return;
    if (plans_plan_load(rq, rs, plans_js(a, "plan_id"), &plan) != 0) goto done;
    snprintf(id, sizeof id, "%s", plans_js(a, "id"));
    for (i = 0; scalars[i]; i++)
        if (!req_form(rq, scalars[i]) && json_is_string(json_object_get(a, scalars[i])))
            kvlist_add(&rq->form, scalars[i], plans_js(a, scalars[i]));
    if ((rc = action_links(rq->db, id, &finds, &partners)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    if (!req_form(rq, "findings")) json_array_foreach(finds, i, x) kvlist_add(&rq->form, "findings", plans_js(x, "id"));
    if (!req_form(rq, "partners")) json_array_foreach(partners, i, x) kvlist_add(&rq->form, "partners", plans_js(x, "id"));
    rc = read_action(rq, plan, &in, &fe);
    if (rc == DB_OK && !form_has_errors(&fe)) rc = write_action(rq, rs, plans_js(plan, "id"), &in, id, 0);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (form_has_errors(&fe)) resp_json(rs, 400, form_errors_json(&fe));
    else {
        json_decref(a);
        a = NULL;
        if (plans_action_access(rq, rs, id, PLANS_READ, &a, NULL) == 0) { resp_json(rs, 200, action_json(rq->db, a)); a = NULL; }
    }
done:
    in_free(&in);
    form_errors_free(&fe);
    json_decref(a);
    json_decref(plan);
    json_decref(finds);
    json_decref(partners);
}

void plans_updates_api(req *rq, resp *rs)
{
    json_t *a = NULL, *ups = NULL;
    int rc;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_READ, &a, NULL) != 0) return;
    rc = plans_rows(rq->db, &ups, "sssssb", "SELECT id, action_id, at, author_name, body, forum_comment FROM plans_updates WHERE action_id = ? ORDER BY at DESC", 1, plans_js(a, "id"));
    if (rc != DB_OK) resp_db_error(rq, rs, rc);
    else resp_json(rs, 200, json_pack("{s:O, s:i, s:i, s:i}", "items", ups, "page", 1, "per_page", (int)json_array_size(ups), "total", (int)json_array_size(ups)));
    json_decref(ups);
    json_decref(a);
}

void plans_measures_api(req *rq, resp *rs)
{
    json_t *a = NULL, *ms = NULL;
    int rc;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_READ, &a, NULL) != 0) return;
    rc = plans_action_measures(rq->db, plans_js(a, "id"), date_today(), &ms);
    if (rc != DB_OK) resp_db_error(rq, rs, rc);
    else resp_json(rs, 200, json_pack("{s:O, s:i, s:i, s:i}", "items", ms, "page", 1, "per_page", (int)json_array_size(ms), "total", (int)json_array_size(ms)));
    json_decref(ms);
    json_decref(a);
}
