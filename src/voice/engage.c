#include "voice/engage.h"

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
#include "voice/voice.h"

static const char *s(const char *v) { return v ? v : ""; }

static json_t *code_items(const char *const *codes, const char *(*label)(const char *), const char *sel)
{
    json_t *items = json_array();
    size_t i;
    for (i = 0; codes[i]; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", codes[i], "text", label(codes[i]), "checked", sel && strcmp(sel, codes[i]) == 0));
    return items;
}

void voice_engage_list(req *rq, resp *rs)
{
    buf b = BUF_INIT;
    db_stmt *st = NULL;
    json_t *rows = json_array(), *o;
    int n = 0;
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Co-production log</h1>"
                "<p class=\"govuk-body\">Events, workstream meetings, consultations and boards with families and the parent carer forums.</p>"
                "<p class=\"govuk-body\"><a class=\"govuk-button\" href=\"/voice/engagements/new\">Record an engagement</a></p>");
    if (db_prepare(rq->db, "SELECT e.id, e.held_on, e.title, e.kind, e.ladder, a.name FROM voice_engagements e LEFT JOIN areas a ON a.id = e.area_id "
                           "ORDER BY e.held_on DESC, e.title LIMIT 500", &st) == DB_OK) {
        while (db_step(st) == DB_ROW) {
            buf l = BUF_INIT;
            buf_add(&l, "<a class=\"govuk-link\" href=\"/voice/engagements/");
            html_attr(&l, db_col_text(st, 0));
            buf_add(&l, "\">");
            html_txt(&l, db_col_text(st, 2));
            buf_add(&l, "</a>");
            json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}]", "text", s(db_col_text(st, 1)), "html", buf_str(&l),
                                                  "text", voice_kind_label(db_col_text(st, 3)), "text", voice_ladder_label(db_col_text(st, 4)),
                                                  "text", db_col_text(st, 5) ? db_col_text(st, 5) : "Whole partnership"));
            buf_free(&l);
            n++;
        }
    }
    db_finalize(st);
    if (n) {
        o = json_pack("{s:s, s:[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}], s:o}", "caption", "Engagements, most recent first", "head", "text",
                      "Date", "text", "Title", "text", "Type", "text", "Ladder level", "text", "Area", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
    } else {
        json_decref(rows);
        buf_add(&b, "<p class=\"govuk-body\">Nothing has been recorded yet.</p>");
    }
    page_render(rq, rs, 200, "Co-production log", buf_str(&b));
    buf_free(&b);
}

static void render_new(req *rq, resp *rs, int status, const form_errors *fe)
{
    buf b = BUF_INIT;
    json_t *o, *items, *areas;
    db_stmt *st = NULL;
    const char *sel[64];
    size_t nsel = form_values(rq, "organisations", sel, 64), k;
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Record an engagement</h1><form method=\"post\" action=\"/voice/engagements\" novalidate>");
    page_csrf_field(rq, &b);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:o*}", "id", "title", "name", "title", "label", "text", "Title", "value",
                  s(req_form(rq, "title")), "errorMessage", form_error_message(fe, "title"));
    govuk_input(&b, o);
    json_decref(o);
    {
        const char *d = req_form(rq, "held_on-day"), *m = req_form(rq, "held_on-month"), *y = req_form(rq, "held_on-year");
        o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}], s:o*}", "id", "held_on",
                      "namePrefix", "held_on", "fieldset", "legend", "text", "Date", "classes", "govuk-fieldset__legend--s", "items",
                      "name", "day", "classes", "govuk-input--width-2", "value", s(d), "name", "month", "classes", "govuk-input--width-2",
                      "value", s(m), "name", "year", "classes", "govuk-input--width-4", "value", s(y), "errorMessage",
                      form_error_message(fe, "held_on"));
        govuk_date_input(&b, o);
        json_decref(o);
    }
    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "kind", "fieldset", "legend", "text", "Type", "classes",
                  "govuk-fieldset__legend--s", "items", code_items(voice_kind_codes, voice_kind_label, req_form(rq, "kind")),
                  "errorMessage", form_error_message(fe, "kind"));
    govuk_radios(&b, o);
    json_decref(o);
    areas = voice_area_items(rq->db, req_form(rq, "area"));
    {
        json_t *opts = json_array(), *a;
        size_t i;
        json_array_append_new(opts, json_pack("{s:s, s:s}", "value", "", "text", "Whole partnership"));
        json_array_foreach(areas, i, a)
            json_array_append_new(opts, json_pack("{s:O, s:O, s:b}", "value", json_object_get(a, "value"), "text", json_object_get(a, "text"),
                                                  "selected", json_is_true(json_object_get(a, "checked"))));
        o = json_pack("{s:s, s:s, s:{s:s}, s:o, s:o*}", "id", "area", "name", "area", "label", "text", "Area", "items", opts,
                      "errorMessage", form_error_message(fe, "area"));
        govuk_select(&b, o);
        json_decref(o);
        json_decref(areas);
    }
    items = json_array();
    if (db_prepare(rq->db, "SELECT id, name FROM organisations ORDER BY name", &st) == DB_OK)
        while (db_step(st) == DB_ROW) {
            int checked = 0;
            for (k = 0; k < nsel; k++) checked |= strcmp(sel[k], s(db_col_text(st, 0))) == 0;
            json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", s(db_col_text(st, 0)), "text", s(db_col_text(st, 1)), "checked", checked));
        }
    db_finalize(st);
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "organisations", "classes", "govuk-checkboxes--small", "fieldset",
                  "legend", "text", "Organisations taking part", "classes", "govuk-fieldset__legend--s", "items", items, "errorMessage",
                  form_error_message(fe, "organisations"));
    govuk_checkboxes(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:o*}", "id", "forum_role", "name", "forum_role", "label", "text",
                  "The parent carer forum's role", "value", s(req_form(rq, "forum_role")), "errorMessage", form_error_message(fe, "forum_role"));
    govuk_textarea(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:{s:s}, s:o, s:o*}", "name", "ladder", "fieldset", "legend", "text",
                  "Level on the participation ladder", "classes", "govuk-fieldset__legend--s", "hint", "text",
                  "Information: families were told. Consultation: asked for views. Participation: involved in decisions. Co-production: equal partners from the start.",
                  "items", code_items(voice_ladder_codes, voice_ladder_label, req_form(rq, "ladder")), "errorMessage", form_error_message(fe, "ladder"));
    govuk_radios(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:o*}", "id", "decided", "name", "decided", "label", "text", "What was decided", "value",
                  s(req_form(rq, "decided")), "errorMessage", form_error_message(fe, "decided"));
    govuk_textarea(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:s, s:o*}", "id", "feedback_refs", "name", "feedback_refs", "label", "text",
                  "Feedback it led to or came from (optional)", "hint", "text", "Reference numbers separated by commas, like FB-ABC234",
                  "value", s(req_form(rq, "feedback_refs")), "errorMessage", form_error_message(fe, "feedback_refs"));
    govuk_input(&b, o);
    json_decref(o);
    if (voice_table_exists(rq->db, "plans_actions")) {
        const char *asel[64];
        size_t na = form_values(rq, "action_ids", asel, 64);
        items = json_array();
        if (db_prepare(rq->db, "SELECT id, ref || ': ' || title FROM plans_actions ORDER BY ref LIMIT 200", &st) == DB_OK)
            while (db_step(st) == DB_ROW) {
                int checked = 0;
                for (k = 0; k < na; k++) checked |= strcmp(asel[k], s(db_col_text(st, 0))) == 0;
                json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", s(db_col_text(st, 0)), "text", s(db_col_text(st, 1)), "checked", checked));
            }
        db_finalize(st);
        if (json_array_size(items)) {
            o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "action_ids", "classes", "govuk-checkboxes--small", "fieldset",
                          "legend", "text", "Improvement actions it led to (optional)", "classes", "govuk-fieldset__legend--s", "items", items,
                          "errorMessage", form_error_message(fe, "action_ids"));
            govuk_checkboxes(&b, o);
            json_decref(o);
        } else {
            json_decref(items);
        }
    }
    voice_form_page_end(rq, rs, &b, "Save engagement", status, "Record an engagement", fe);
    buf_free(&b);
}

void voice_engage_new(req *rq, resp *rs)
{
    form_errors fe = {0};
    render_new(rq, rs, 200, &fe);
    form_errors_free(&fe);
}

void voice_engage_create(req *rq, resp *rs)
{
    form_errors fe = {0};
    char *title = form_text(rq, "title", "a title", 1, 200, &fe), held[11], id[IDS_UUID_LEN], now[21];
    char *role = NULL, *decided = NULL, *refs = NULL;
    const char *kind, *ladder, *area = req_form(rq, "area"), *orgs[64], *actions[64];
    char *fb_ids[64];
    size_t norgs, nact, nfb = 0, i;
    int64_t n;
    int rc;
    buf acts = BUF_INIT;
    form_date(rq, "held_on", "the date", 1, held, &fe);
    kind = form_choice(rq, "kind", "the type", 1, voice_kind_codes, &fe);
    if (area && !*area) area = NULL;
    if (area && (!ids_is_uuid(area) || db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM areas WHERE id = ?", 1, area) < 0 || n == 0))
        form_error(&fe, "area", "Select an area from the list");
    norgs = form_values(rq, "organisations", orgs, 64);
    for (i = 0; i < norgs; i++) {
        n = 0;
        if (!ids_is_uuid(orgs[i]) || db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM organisations WHERE id = ?", 1, orgs[i]) < 0 || n == 0)
            form_error(&fe, "organisations", "Select organisations from the list");
    }
    if (!norgs) form_error(&fe, "organisations", "Select the organisations taking part");
    role = form_text(rq, "forum_role", "the forum's role", 0, 2000, &fe);
    ladder = form_choice(rq, "ladder", "the level on the participation ladder", 1, voice_ladder_codes, &fe);
    decided = form_text(rq, "decided", "what was decided", 0, 5000, &fe);
    refs = form_text(rq, "feedback_refs", "the feedback references", 0, 1000, &fe);
    {
        char *save = NULL, *tok;
        for (tok = strtok_r(refs, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
            char *fid = NULL;
            if (nfb >= 64 || db_query_text(rq->db, &fid, "SELECT id FROM voice_feedback WHERE reference = upper(?)", 1, tok) != DB_ROW || !fid) {
                free(fid);
                form_error(&fe, "feedback_refs", "Enter reference numbers of feedback that exists, like FB-ABC234");
                break;
            }
            fb_ids[nfb++] = fid;
        }
    }
    nact = form_values(rq, "action_ids", actions, 64);
    for (i = 0; i < nact; i++) {
        n = 0;
        if (!voice_table_exists(rq->db, "plans_actions") || !ids_is_uuid(actions[i]) ||
            db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM plans_actions WHERE id = ?", 1, actions[i]) < 0 || n == 0)
            form_error(&fe, "action_ids", "Select improvement actions from the list");
        if (i) buf_addc(&acts, ',');
        buf_add(&acts, actions[i]);
    }
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else render_new(rq, rs, 400, &fe);
        goto done;
    }
    ids_uuid(id);
    ids_now_iso(now);
    if ((rc = db_begin(rq->db)) != DB_OK) goto dberr;
    if ((rc = db_query_text(rq->db, NULL, "INSERT INTO voice_engagements (id, held_on, title, kind, area_id, forum_role, ladder, decided, action_ids, created_by, created_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 11, id, held, title, kind, area, role, ladder, decided,
                            buf_str(&acts), rq->user->id, now)) < 0) goto fail;
    for (i = 0; i < norgs; i++)
        if ((rc = db_query_text(rq->db, NULL, "INSERT INTO voice_engagement_orgs (engagement_id, organisation_id) VALUES (?, ?) ON CONFLICT (engagement_id, organisation_id) DO NOTHING",
                                2, id, orgs[i])) < 0) goto fail;
    for (i = 0; i < nfb; i++)
        if ((rc = db_query_text(rq->db, NULL, "INSERT INTO voice_engagement_feedback (engagement_id, feedback_id) VALUES (?, ?) ON CONFLICT (engagement_id, feedback_id) DO NOTHING",
                                2, id, fb_ids[i])) < 0) goto fail;
    if ((rc = db_commit(rq->db)) != DB_OK) goto dberr;
    audit_log(rq, rs, "create", "engagement", id, NULL);
    if (rq->is_api) resp_json(rs, 201, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id, "title", title, "held_on", held, "kind", kind, "ladder", ladder));
    else voice_redirect_to(rs, "/voice/engagements/", id);
    goto done;
fail:
    db_rollback(rq->db);
dberr:
    resp_db_error(rq, rs, rc);
done:
    for (i = 0; i < nfb; i++) free(fb_ids[i]);
    free(title);
    free(role);
    free(decided);
    free(refs);
    buf_free(&acts);
    form_errors_free(&fe);
}

void voice_engage_show(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    db_stmt *st = NULL, *t = NULL;
    buf b = BUF_INIT, list = BUF_INIT;
    json_t *rows, *o;
    int rc;
    if (!id || !ids_is_uuid(id)) {
        resp_error(rq, rs, 404, "not_found", "No engagement with that id", NULL);
        return;
    }
    if ((rc = db_prepare(rq->db, "SELECT e.held_on, e.title, e.kind, e.ladder, e.forum_role, e.decided, e.action_ids, a.name "
                                 "FROM voice_engagements e LEFT JOIN areas a ON a.id = e.area_id WHERE e.id = ?", &st)) != DB_OK) goto dberr;
    db_bind_text(st, 1, id);
    if ((rc = db_step(st)) != DB_ROW) {
        if (rc == DB_DONE) resp_error(rq, rs, 404, "not_found", "No engagement with that id", NULL);
        else goto dberr;
        goto done;
    }
    buf_add(&b, "<span class=\"govuk-caption-l\">Co-production log</span><h1 class=\"govuk-heading-l\">");
    html_txt(&b, db_col_text(st, 1));
    buf_add(&b, "</h1>");
    rows = json_array();
    json_array_append_new(rows, voice_row("Date", db_col_text(st, 0)));
    json_array_append_new(rows, voice_row("Type", voice_kind_label(db_col_text(st, 2))));
    json_array_append_new(rows, voice_row("Area", db_col_text(st, 7) ? db_col_text(st, 7) : "Whole partnership"));
    json_array_append_new(rows, voice_row("Participation ladder", voice_ladder_label(db_col_text(st, 3))));
    if (db_prepare(rq->db, "SELECT o.name FROM voice_engagement_orgs eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = ? ORDER BY o.name", &t) == DB_OK) {
        db_bind_text(t, 1, id);
        while (db_step(t) == DB_ROW) {
            if (list.len) buf_add(&list, ", ");
            buf_add(&list, db_col_text(t, 0));
        }
    }
    db_finalize(t);
    t = NULL;
    json_array_append_new(rows, voice_row("Organisations taking part", buf_str(&list)));
    json_array_append_new(rows, voice_row("Forum's role", db_col_text(st, 4)));
    json_array_append_new(rows, voice_row("What was decided", db_col_text(st, 5)));
    json_array_append_new(rows, voice_row("Improvement actions", *s(db_col_text(st, 6)) ? db_col_text(st, 6) : "None linked"));
    buf_reset(&list);
    if (db_prepare(rq->db, "SELECT f.reference FROM voice_engagement_feedback ef JOIN voice_feedback f ON f.id = ef.feedback_id WHERE ef.engagement_id = ? ORDER BY f.reference", &t) == DB_OK) {
        db_bind_text(t, 1, id);
        while (db_step(t) == DB_ROW) {
            if (list.len) buf_add(&list, ", ");
            buf_add(&list, db_col_text(t, 0));
        }
    }
    db_finalize(t);
    json_array_append_new(rows, voice_row("Feedback", list.len ? buf_str(&list) : "None linked"));
    o = json_pack("{s:o}", "rows", rows);
    govuk_summary_list(&b, o);
    json_decref(o);
    buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/voice/engagements\">Back to the co-production log</a></p>");
    page_render(rq, rs, 200, "Engagement", buf_str(&b));
    goto done;
dberr:
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    buf_free(&b);
    buf_free(&list);
}

void voice_engage_api_list(req *rq, resp *rs)
{
    db_stmt *st = NULL, *t = NULL;
    json_t *items = json_array();
    int rc, page = 1, per_page = 50;
    int64_t total = 0;
    if (router_page_params(rq, rs, 50, 200, &page, &per_page) != 0) goto done;
    if ((rc = db_query_int64(rq->db, &total, "SELECT COUNT(*) FROM voice_engagements", 0)) < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    if ((rc = db_prepare(rq->db, "SELECT id, held_on, title, kind, area_id, forum_role, ladder, decided, action_ids FROM voice_engagements "
                                 "ORDER BY held_on DESC, id LIMIT ? OFFSET ?", &st)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    db_bind_int64(st, 1, per_page);
    db_bind_int64(st, 2, (int64_t)(page - 1) * per_page);
    while (db_step(st) == DB_ROW) {
        json_t *orgs = json_array(), *fbs = json_array();
        if (db_prepare(rq->db, "SELECT organisation_id FROM voice_engagement_orgs WHERE engagement_id = ? ORDER BY organisation_id", &t) == DB_OK) {
            db_bind_text(t, 1, db_col_text(st, 0));
            while (db_step(t) == DB_ROW) json_array_append_new(orgs, json_string(s(db_col_text(t, 0))));
        }
        db_finalize(t);
        t = NULL;
        if (db_prepare(rq->db, "SELECT f.reference FROM voice_engagement_feedback ef JOIN voice_feedback f ON f.id = ef.feedback_id WHERE ef.engagement_id = ?", &t) == DB_OK) {
            db_bind_text(t, 1, db_col_text(st, 0));
            while (db_step(t) == DB_ROW) json_array_append_new(fbs, json_string(s(db_col_text(t, 0))));
        }
        db_finalize(t);
        t = NULL;
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s, s:s, s:o, s:o}", "id", s(db_col_text(st, 0)),
                                               "held_on", s(db_col_text(st, 1)), "title", s(db_col_text(st, 2)), "kind",
                                               s(db_col_text(st, 3)), "area_id", db_col_text(st, 4), "forum_role", s(db_col_text(st, 5)),
                                               "ladder", s(db_col_text(st, 6)), "decided", s(db_col_text(st, 7)), "action_ids",
                                               s(db_col_text(st, 8)), "organisation_ids", orgs, "feedback_references", fbs));
    }
    resp_json(rs, 200, json_pack("{s:O, s:i, s:i, s:I}", "items", items, "page", page, "per_page", per_page, "total", (json_int_t)total));
done:
    db_finalize(st);
    json_decref(items);
}
