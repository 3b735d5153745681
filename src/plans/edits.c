/* edits: change and remove recorded items (see edits.h). */
#include "edits.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/form.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/router.h"
#include "core/site.h"
#include "plans/access.h"
#include "plans/store.h"
#include "plans/ui.h"

static const char *const outcome_values[] = {"no_wsoa", "wsoa", "outcome1", "outcome2", "outcome3", NULL};
static const char *const kind_values[] = {"significant_weakness", "priority_action", "improvement", NULL};
static const char *const resp_values[] = {"council", "icb", "both", NULL};

/* The submitted value, or the stored one on a first view (GET). */
static const char *val(req *rq, const json_t *row, const char *field, const char *key)
{
    const char *v = strcmp(rq->method, "GET") != 0 ? req_form(rq, field) : NULL;
    return v ? v : plans_js(row, key);
}

/* The back link and the end of the frame's grid row. */
static void back_link_end(buf *b, const char *back, const char *back_text)
{
    buf_add(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
    html_attr(b, back);
    buf_add(b, "\">");
    html_txt(b, back_text);
    buf_add(b, "</a></p></div></div>");
}

/* The end of an edit form (its "Save changes" button), the back link and
 * the end of the grid row. */
static void frame_end(buf *b, const char *back, const char *back_text)
{
    plans_ui_button(b, "Save changes", 0);
    buf_add(b, "</form>");
    back_link_end(b, back, back_text);
}

/* A small form with one button that removes something. */
static void delete_form(req *rq, buf *b, const char *action, const char *text)
{
    buf_add(b, "<form method=\"post\" action=\"");
    html_attr(b, action);
    buf_add(b, "\" novalidate>");
    page_csrf_field(rq, b);
    buf_add(b, "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">");
    html_txt(b, text);
    buf_add(b, "</button></form>");
}

/*
 * frame_end for a thing that may be removed: after the form, the removal
 * form (delete_action, button delete_text) when delete_action is not NULL,
 * else the paragraph kept_text saying why it cannot be removed.
 */
static void frame_end_removable(req *rq, buf *b, const char *delete_action, const char *delete_text, const char *kept_text,
                                const char *back, const char *back_text)
{
    plans_ui_button(b, "Save changes", 0);
    buf_add(b, "</form>");
    if (delete_action) {
        delete_form(rq, b, delete_action, delete_text);
    } else {
        buf_add(b, "<p class=\"govuk-body\">");
        html_txt(b, kept_text);
        buf_add(b, "</p>");
    }
    back_link_end(b, back, back_text);
}

/* Answers a removal: the API gets {"id", "deleted": true}, a page a redirect. */
static void deleted_ok(req *rq, resp *rs, const char *id, const char *loc)
{
    if (rq->is_api) resp_json(rs, 200, json_pack("{s:s, s:b}", "id", id, "deleted", 1));
    else resp_redirect(rs, loc);
}

/* Refuses to remove what something rests on (used, as the check found it
 * with rc): 409 with why, or the database error. Returns 1 when it did. */
static int refused_in_use(req *rq, resp *rs, int used, int rc, const char *why)
{
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (used) resp_error(rq, rs, 409, "in_use", why, NULL);
    return rc < 0 || used;
}

/* Answers a successful change: the API gets the row (200), a page a redirect. */
static void done_ok(req *rq, resp *rs, json_t *row, const char *loc)
{
    if (rq->is_api) resp_json(rs, 200, row ? json_incref(row) : json_object());
    else resp_redirect(rs, loc);
}

/* ---- inspections ---------------------------------------------------------------- */

#define INSP_SQL "SELECT i.id, i.area_id, ar.name AS area_name, i.framework, i.start_date, i.end_date, i.publication_date, i.outcome, " \
    "i.created_at, i.updated_at FROM plans_inspections i JOIN areas ar ON ar.id = i.area_id WHERE i.id = ?"

static int load_row(req *rq, resp *rs, const char *sql, const char *types, const char *id, const char *what, json_t **out)
{
    int rc;
    char msg[80];
    *out = NULL;
    snprintf(msg, sizeof msg, "There is no such %s.", what);
    if (!id || !ids_is_uuid(id)) { resp_error(rq, rs, 404, "not_found", msg, NULL); return -1; }
    rc = plans_row(rq->db, out, types, sql, 1, id);
    if (rc < 0) { resp_db_error(rq, rs, rc); return -1; }
    if (rc == DB_DONE) { resp_error(rq, rs, 404, "not_found", msg, NULL); return -1; }
    return 0;
}

static void inspection_form(req *rq, resp *rs, const json_t *insp, int status, const form_errors *fe)
{
    buf b = BUF_INIT, act = BUF_INIT, back = BUF_INIT;
    const void *posted = strcmp(rq->method, "GET") != 0 ? rq : NULL;
    buf_printf(&act, "/inspections/%s/edit", plans_js(insp, "id"));
    buf_printf(&back, "/inspections/%s", plans_js(insp, "id"));
    plans_ui_form_start(rq, &b, fe, plans_js(insp, "area_name"), "Change the inspection", buf_str(&act));
    buf_add(&b, "<p class=\"govuk-body\">Framework: ");
    html_txt(&b, plans_ui_label(plans_frameworks, plans_js(insp, "framework")));
    buf_add(&b, ". To record an inspection of another area or framework, record a new inspection.</p>");
    plans_ui_date(&b, fe, posted, "start_date", "First day of the inspection", plans_js(insp, "start_date"));
    plans_ui_date(&b, fe, posted, "end_date", "Last day of the inspection (optional)", plans_js(insp, "end_date"));
    plans_ui_date(&b, fe, posted, "publication_date", "Date the report was published (optional)", plans_js(insp, "publication_date"));
    plans_ui_radios(&b, fe, "outcome", "Outcome", plans_outcomes, val(rq, insp, "outcome", "outcome"));
    frame_end(&b, buf_str(&back), "Back to the inspection");
    page_render_ex(rq, rs, status, "Change the inspection", buf_str(&b), form_has_errors(plans_ui_fe(fe)));
    buf_free(&b);
    buf_free(&act);
    buf_free(&back);
}

void plans_inspection_edit_page(req *rq, resp *rs)
{
    json_t *insp = NULL;
    if (load_row(rq, rs, INSP_SQL, NULL, req_param(rq, "id"), "inspection", &insp) != 0) return;
    inspection_form(rq, rs, insp, 200, NULL);
    json_decref(insp);
}

void plans_inspection_edit_post(req *rq, resp *rs)
{
    json_t *insp = NULL, *after = NULL;
    form_errors fe = {0};
    char start[11], end[11], pub[11], now[21], loc[64];
    const char *outcome, *fw;
    int rc = DB_OK;
    if (load_row(rq, rs, INSP_SQL, NULL, req_param(rq, "id"), "inspection", &insp) != 0) return;
    fw = plans_js(insp, "framework");
    form_date(rq, "start_date", "The start date", 1, start, &fe);
    form_date(rq, "end_date", "The end date", 0, end, &fe);
    form_date(rq, "publication_date", "The publication date", 0, pub, &fe);
    outcome = form_choice(rq, "outcome", "the outcome", 1, outcome_values, &fe);
    if (outcome && ((strcmp(fw, "2016") == 0) != (strncmp(outcome, "outcome", 7) != 0)))
        form_error(&fe, "outcome", strcmp(fw, "2016") == 0 ? "Select a 2016 outcome: written statement of action required or not"
                                                          : "Select one of the three 2023 outcomes");
    if (*start && *end && strcmp(end, start) < 0) form_error(&fe, "end_date", "The last day must be on or after the first day");
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else inspection_form(rq, rs, insp, 400, &fe);
        goto done;
    }
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL, "UPDATE plans_inspections SET start_date = ?, end_date = ?, publication_date = ?, outcome = ?, updated_at = ? "
                       "WHERE id = ?", 6, start, *end ? end : NULL, *pub ? pub : NULL, outcome, now, plans_js(insp, "id"));
    if (rc >= 0) rc = audit_log(rq, rs, "update", "inspection", plans_js(insp, "id"), NULL);
    if (rc >= 0) rc = plans_row(rq->db, &after, NULL, INSP_SQL, 1, plans_js(insp, "id"));
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    snprintf(loc, sizeof loc, "/inspections/%s", plans_js(insp, "id"));
    done_ok(rq, rs, after, loc);
done:
    form_errors_free(&fe);
    json_decref(insp);
    json_decref(after);
}

/* ---- findings ------------------------------------------------------------------- */

#define FINDING_SQL "SELECT f.id, f.inspection_id, f.seq, f.kind, f.text, f.responsible, i.framework, ar.name AS area_name " \
    "FROM plans_findings f JOIN plans_inspections i ON i.id = f.inspection_id JOIN areas ar ON ar.id = i.area_id WHERE f.id = ?"
#define FINDING_TYPES "ssisssss"
#define FINDING_KEPT "This finding has been judged at a revisit or is answered by actions, so it cannot be removed."

/* 1 when something rests on the finding (a judgement or an action). */
static int finding_in_use(db *d, const char *id, int *rc)
{
    int64_t n = 0;
    *rc = db_query_int64(d, &n, "SELECT (SELECT COUNT(*) FROM plans_judgements WHERE finding_id = ?) + "
                                "(SELECT COUNT(*) FROM plans_action_findings WHERE finding_id = ?)", 2, id, id);
    return n > 0;
}

static void finding_form(req *rq, resp *rs, const json_t *f, int status, const form_errors *fe)
{
    buf b = BUF_INIT, act = BUF_INIT, back = BUF_INIT, head = BUF_INIT;
    int rc, used = finding_in_use(rq->db, plans_js(f, "id"), &rc);
    buf_printf(&act, "/findings/%s/edit", plans_js(f, "id"));
    buf_printf(&back, "/inspections/%s", plans_js(f, "inspection_id"));
    buf_printf(&head, "Change finding %lld", (long long)json_integer_value(json_object_get(f, "seq")));
    plans_ui_form_start(rq, &b, fe, plans_js(f, "area_name"), buf_str(&head), buf_str(&act));
    plans_ui_radios(&b, fe, "kind", "Kind of finding", plans_finding_kinds, val(rq, f, "kind", "kind"));
    plans_ui_textarea(&b, fe, "text", "What the inspectors found", val(rq, f, "text", "text"), NULL);
    plans_ui_radios(&b, fe, "responsible", "Responsible body", plans_responsible, val(rq, f, "responsible", "responsible"));
    buf_reset(&act);
    buf_printf(&act, "/findings/%s/delete", plans_js(f, "id"));
    frame_end_removable(rq, &b, used ? NULL : buf_str(&act), "Remove this finding",
                        FINDING_KEPT, buf_str(&back),
                        "Back to the inspection");
    page_render_ex(rq, rs, status, buf_str(&head), buf_str(&b), form_has_errors(plans_ui_fe(fe)));
    buf_free(&b);
    buf_free(&act);
    buf_free(&back);
    buf_free(&head);
}

void plans_finding_edit_page(req *rq, resp *rs)
{
    json_t *f = NULL;
    if (load_row(rq, rs, FINDING_SQL, FINDING_TYPES, req_param(rq, "id"), "finding", &f) != 0) return;
    finding_form(rq, rs, f, 200, NULL);
    json_decref(f);
}

void plans_finding_edit_post(req *rq, resp *rs)
{
    json_t *f = NULL, *after = NULL;
    form_errors fe = {0};
    const char *kind, *who, *fw;
    char *text = NULL, loc[64];
    int rc = DB_OK;
    if (load_row(rq, rs, FINDING_SQL, FINDING_TYPES, req_param(rq, "id"), "finding", &f) != 0) return;
    fw = plans_js(f, "framework");
    kind = form_choice(rq, "kind", "the kind of finding", 1, kind_values, &fe);
    text = form_text(rq, "text", "what the inspectors found", 1, 4000, &fe);
    who = form_choice(rq, "responsible", "who is responsible", 1, resp_values, &fe);
    if (kind && strcmp(fw, "2016") == 0 && strcmp(kind, "significant_weakness") != 0)
        form_error(&fe, "kind", "A 2016 inspection has significant weaknesses only");
    if (kind && strcmp(fw, "2023") == 0 && strcmp(kind, "significant_weakness") == 0)
        form_error(&fe, "kind", "A 2023 inspection has areas for priority action or for improvement");
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else finding_form(rq, rs, f, 400, &fe);
        goto done;
    }
    rc = db_query_text(rq->db, NULL, "UPDATE plans_findings SET kind = ?, text = ?, responsible = ? WHERE id = ?", 4, kind, text, who, plans_js(f, "id"));
    if (rc >= 0) rc = audit_log(rq, rs, "update", "finding", plans_js(f, "id"), NULL);
    if (rc >= 0) rc = plans_row(rq->db, &after, "ssisss", "SELECT id, inspection_id, seq, kind, text, responsible FROM plans_findings WHERE id = ?", 1, plans_js(f, "id"));
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    snprintf(loc, sizeof loc, "/inspections/%s", plans_js(f, "inspection_id"));
    done_ok(rq, rs, after, loc);
done:
    free(text);
    form_errors_free(&fe);
    json_decref(f);
    json_decref(after);
}

void plans_finding_delete(req *rq, resp *rs)
{
    json_t *f = NULL;
    char loc[64], seq[24];
    int rc = DB_OK, used;
    if (load_row(rq, rs, FINDING_SQL, FINDING_TYPES, req_param(rq, "id"), "finding", &f) != 0) return;
    used = finding_in_use(rq->db, plans_js(f, "id"), &rc);
    if (refused_in_use(rq, rs, used, rc, FINDING_KEPT)) goto done;
    snprintf(seq, sizeof seq, "%lld", (long long)json_integer_value(json_object_get(f, "seq")));
    if ((rc = db_begin(rq->db)) < 0) { resp_db_error(rq, rs, rc); goto done; }
    rc = db_query_text(rq->db, NULL, "DELETE FROM plans_findings WHERE id = ?", 1, plans_js(f, "id"));
    if (rc >= 0) rc = db_query_text(rq->db, NULL, "UPDATE plans_findings SET seq = seq - 1 WHERE inspection_id = ? AND seq > CAST(? AS INTEGER)", 2,
                                    plans_js(f, "inspection_id"), seq);
    if (rc >= 0) rc = audit_log(rq, rs, "delete", "finding", plans_js(f, "id"), NULL);
    if (rc >= 0) rc = db_commit(rq->db);
    else db_rollback(rq->db);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    snprintf(loc, sizeof loc, "/inspections/%s", plans_js(f, "inspection_id"));
    deleted_ok(rq, rs, plans_js(f, "id"), loc);
done:
    json_decref(f);
}

/* ---- action milestones ------------------------------------------------------------- */

/* Loads a thing that hangs off an action, and the action (edit access
 * checked): 0, or -1 when the answer has been sent. */
typedef int (*child_load_fn)(req *rq, resp *rs, json_t **a, json_t **m);
/* The edit form of such a thing. */
typedef void (*child_form_fn)(req *rq, resp *rs, const json_t *a, const json_t *m, int status, const form_errors *fe);

/* The GET of such a thing's edit page. */
static void child_edit_page(req *rq, resp *rs, child_load_fn load, child_form_fn form)
{
    json_t *a = NULL, *m = NULL;
    if (load(rq, rs, &a, &m) != 0) return;
    form(rq, rs, a, m, 200, NULL);
    json_decref(a);
    json_decref(m);
}

static int load_milestone(req *rq, resp *rs, json_t **a, json_t **m)
{
    const char *mid = req_param(rq, "mid");
    int rc;
    *m = NULL;
    if (plans_action_access(rq, rs, req_param(rq, "id"), PLANS_EDIT, a, NULL) != 0) return -1;
    rc = mid && ids_is_uuid(mid) ? plans_row(rq->db, m, NULL, "SELECT id, action_id, title, due_date, done_date FROM plans_milestones "
                                                           "WHERE id = ? AND action_id = ?", 2, mid, plans_js(*a, "id")) : DB_DONE;
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (rc == DB_DONE) resp_error(rq, rs, 404, "not_found", "There is no such milestone.", NULL);
    if (rc != DB_ROW) { json_decref(*a); *a = NULL; return -1; }
    return 0;
}

static void milestone_form(req *rq, resp *rs, const json_t *a, const json_t *m, int status, const form_errors *fe)
{
    buf b = BUF_INIT, act = BUF_INIT, back = BUF_INIT, cap = BUF_INIT;
    buf_printf(&act, "/actions/%s/milestones/%s/edit", plans_js(a, "id"), plans_js(m, "id"));
    buf_printf(&back, "/actions/%s#milestones", plans_js(a, "id"));
    buf_printf(&cap, "%s %s", plans_js(a, "ref"), plans_js(a, "title"));
    plans_ui_form_start(rq, &b, fe, buf_str(&cap), "Change a milestone", buf_str(&act));
    plans_ui_input(&b, fe, "milestone_title", "Milestone", val(rq, m, "milestone_title", "title"), NULL);
    plans_ui_date(&b, fe, strcmp(rq->method, "GET") != 0 ? rq : NULL, "milestone_due", "Due", plans_js(m, "due_date"));
    buf_reset(&act);
    buf_printf(&act, "/actions/%s/milestones/%s/delete", plans_js(a, "id"), plans_js(m, "id"));
    frame_end_removable(rq, &b, *plans_js(m, "done_date") ? NULL : buf_str(&act), "Remove this milestone",
                        "This milestone is done, so it cannot be removed.", buf_str(&back), "Back to the action");
    page_render_ex(rq, rs, status, "Change a milestone", buf_str(&b), form_has_errors(plans_ui_fe(fe)));
    buf_free(&b);
    buf_free(&act);
    buf_free(&back);
    buf_free(&cap);
}

void plans_milestone_edit_page(req *rq, resp *rs)
{
    child_edit_page(rq, rs, load_milestone, milestone_form);
}

void plans_milestone_edit_post(req *rq, resp *rs)
{
    json_t *a = NULL, *m = NULL, *after = NULL;
    form_errors fe = {0};
    char *title = NULL, due[11], loc[96], now[21];
    int rc;
    if (load_milestone(rq, rs, &a, &m) != 0) return;
    title = form_text(rq, "milestone_title", "the milestone", 1, 300, &fe);
    form_date(rq, "milestone_due", "The milestone's due date", 1, due, &fe);
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else milestone_form(rq, rs, a, m, 400, &fe);
        goto done;
    }
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL, "UPDATE plans_milestones SET title = ?, due_date = ? WHERE id = ?", 3, title, due, plans_js(m, "id"));
    if (rc >= 0) rc = db_query_text(rq->db, NULL, "UPDATE plans_actions SET updated_at = ? WHERE id = ?", 2, now, plans_js(a, "id"));
    if (rc >= 0) rc = audit_log(rq, rs, "update", "action_milestone", plans_js(m, "id"), NULL);
    if (rc >= 0) rc = plans_row(rq->db, &after, NULL, "SELECT id, action_id, title, due_date, done_date FROM plans_milestones WHERE id = ?", 1, plans_js(m, "id"));
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    snprintf(loc, sizeof loc, "/actions/%s#milestones", plans_js(a, "id"));
    done_ok(rq, rs, after, loc);
done:
    free(title);
    form_errors_free(&fe);
    json_decref(a);
    json_decref(m);
    json_decref(after);
}

void plans_milestone_delete(req *rq, resp *rs)
{
    json_t *a = NULL, *m = NULL;
    char loc[96];
    int rc;
    if (load_milestone(rq, rs, &a, &m) != 0) return;
    if (*plans_js(m, "done_date")) {
        resp_error(rq, rs, 409, "done", "This milestone is done, so it cannot be removed.", NULL);
        goto done;
    }
    rc = db_query_text(rq->db, NULL, "DELETE FROM plans_milestones WHERE id = ? AND done_date IS NULL", 1, plans_js(m, "id"));
    if (rc >= 0) rc = audit_log(rq, rs, "delete", "action_milestone", plans_js(m, "id"), NULL);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    snprintf(loc, sizeof loc, "/actions/%s#milestones", plans_js(a, "id"));
    deleted_ok(rq, rs, plans_js(m, "id"), loc);
done:
    json_decref(a);
    json_decref(m);
}

/* ---- success measures --------------------------------------------------------------- */

#define MEASURE_SQL "SELECT id, action_id, indicator, unit, baseline, baseline_date, target, target_date FROM plans_measures WHERE id = ?"
#define MEASURE_TYPES "ssssdsds"
#define MEASURE_KEPT "This measure has actual figures, so it cannot be removed."

static int load_measure(req *rq, resp *rs, json_t **a, json_t **m)
{
    *a = NULL;
    if (load_row(rq, rs, MEASURE_SQL, MEASURE_TYPES, req_param(rq, "id"), "measure", m) != 0) return -1;
    if (plans_action_access(rq, rs, plans_js(*m, "action_id"), PLANS_EDIT, a, NULL) != 0) {
        json_decref(*m);
        *m = NULL;
        return -1;
    }
    return 0;
}

static int measure_actuals(db *d, const char *id, int *rc)
{
    int64_t n = 0;
    *rc = db_query_int64(d, &n, "SELECT COUNT(*) FROM plans_actuals WHERE measure_id = ?", 1, id);
    return n > 0;
}

static void measure_form(req *rq, resp *rs, const json_t *a, const json_t *m, int status, const form_errors *fe)
{
    buf b = BUF_INIT, act = BUF_INIT, back = BUF_INIT, cap = BUF_INIT;
    char nb[32], nt[32];
    const void *posted = strcmp(rq->method, "GET") != 0 ? rq : NULL;
    int rc, used = measure_actuals(rq->db, plans_js(m, "id"), &rc);
    snprintf(nb, sizeof nb, "%g", json_number_value(json_object_get(m, "baseline")));
    snprintf(nt, sizeof nt, "%g", json_number_value(json_object_get(m, "target")));
    buf_printf(&act, "/measures/%s/edit", plans_js(m, "id"));
    buf_printf(&back, "/actions/%s#measures", plans_js(a, "id"));
    buf_printf(&cap, "%s %s", plans_js(a, "ref"), plans_js(a, "title"));
    plans_ui_form_start(rq, &b, fe, buf_str(&cap), "Change a success measure", buf_str(&act));
    plans_ui_input(&b, fe, "indicator", "Indicator", val(rq, m, "indicator", "indicator"), NULL);
    plans_ui_input(&b, fe, "unit", "Unit (optional)", val(rq, m, "unit", "unit"), "For example, per cent or weeks");
    plans_ui_input(&b, fe, "baseline", "Baseline value", posted && req_form(rq, "baseline") ? req_form(rq, "baseline") : nb, NULL);
    plans_ui_date(&b, fe, posted, "baseline_date", "Baseline date", plans_js(m, "baseline_date"));
    plans_ui_input(&b, fe, "target", "Target value", posted && req_form(rq, "target") ? req_form(rq, "target") : nt, NULL);
    plans_ui_date(&b, fe, posted, "target_date", "Target date", plans_js(m, "target_date"));
    buf_reset(&act);
    buf_printf(&act, "/measures/%s/delete", plans_js(m, "id"));
    frame_end_removable(rq, &b, used ? NULL : buf_str(&act), "Remove this measure",
                        MEASURE_KEPT, buf_str(&back), "Back to the action");
    page_render_ex(rq, rs, status, "Change a success measure", buf_str(&b), form_has_errors(plans_ui_fe(fe)));
    buf_free(&b);
    buf_free(&act);
    buf_free(&back);
    buf_free(&cap);
}

void plans_measure_edit_page(req *rq, resp *rs)
{
    child_edit_page(rq, rs, load_measure, measure_form);
}

void plans_measure_edit_post(req *rq, resp *rs)
{
    json_t *a = NULL, *m = NULL, *after = NULL;
    form_errors fe = {0};
    char *ind = NULL, *unit = NULL, bd[11], td[11], loc[96];
    double base = 0, target = 0;
    db_stmt *st = NULL;
    int rc;
    if (load_measure(rq, rs, &a, &m) != 0) return;
    ind = form_text(rq, "indicator", "the indicator", 1, 300, &fe);
    unit = form_text(rq, "unit", "the unit", 0, 40, &fe);
    plans_ui_form_number(rq, "baseline", "the baseline value", "Enter the baseline value as a number, like 42 or 3.5", &base, &fe);
    form_date(rq, "baseline_date", "The baseline date", 1, bd, &fe);
    plans_ui_form_number(rq, "target", "the target value", "Enter the target value as a number, like 42 or 3.5", &target, &fe);
    form_date(rq, "target_date", "The target date", 1, td, &fe);
    if (*bd && *td && strcmp(td, bd) <= 0) form_error(&fe, "target_date", "The target date must be after the baseline date");
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else measure_form(rq, rs, a, m, 400, &fe);
        goto done;
    }
    rc = db_prepare(rq->db, "UPDATE plans_measures SET indicator = ?, unit = ?, baseline = ?, baseline_date = ?, target = ?, target_date = ? WHERE id = ?", &st);
    if (rc == DB_OK) {
        db_bind_text(st, 1, ind); db_bind_text(st, 2, unit); db_bind_double(st, 3, base); db_bind_text(st, 4, bd);
        db_bind_double(st, 5, target); db_bind_text(st, 6, td); db_bind_text(st, 7, plans_js(m, "id"));
        rc = db_step(st);
    }
    db_finalize(st);
    if (rc >= 0) rc = audit_log(rq, rs, "update", "measure", plans_js(m, "id"), NULL);
    if (rc >= 0) rc = plans_row(rq->db, &after, MEASURE_TYPES, MEASURE_SQL, 1, plans_js(m, "id"));
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    snprintf(loc, sizeof loc, "/actions/%s#measures", plans_js(a, "id"));
    done_ok(rq, rs, after, loc);
done:
    free(ind);
    free(unit);
    form_errors_free(&fe);
    json_decref(a);
    json_decref(m);
    json_decref(after);
}

void plans_measure_delete(req *rq, resp *rs)
{
    json_t *a = NULL, *m = NULL;
    char loc[96];
    int rc = DB_OK, used;
    if (load_measure(rq, rs, &a, &m) != 0) return;
    used = measure_actuals(rq->db, plans_js(m, "id"), &rc);
    if (refused_in_use(rq, rs, used, rc, MEASURE_KEPT)) goto done;
    rc = db_query_text(rq->db, NULL, "DELETE FROM plans_measures WHERE id = ?", 1, plans_js(m, "id"));
    if (rc >= 0) rc = audit_log(rq, rs, "delete", "measure", plans_js(m, "id"), NULL);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    snprintf(loc, sizeof loc, "/actions/%s#measures", plans_js(a, "id"));
    deleted_ok(rq, rs, plans_js(m, "id"), loc);
done:
    json_decref(a);
    json_decref(m);
}
