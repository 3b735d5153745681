#include "voice/triage.h"

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
#include "voice/feedback.h"
#include "voice/stats.h"
#include "voice/voice.h"

#define FB_COLS "f.id, f.reference, f.about, f.service_name, f.service_id, f.area_id, a.name, f.rating, f.what_happened, " \
                "f.respondent, f.wants_reply, f.contact_name, f.contact_email, f.contact_phone, f.contact_deleted_at, " \
                "f.urgent, f.status, f.reply, f.replied_at, f.action_id, f.created_at"
enum { C_ID, C_REF, C_ABOUT, C_SNAME, C_SID, C_AREA, C_AREANAME, C_RATING, C_WHAT, C_RESP, C_WANTS, C_CNAME, C_CEMAIL,
       C_CPHONE, C_CDEL, C_URGENT, C_STATUS, C_REPLY, C_REPLIED, C_ACTION, C_CREATED };

static const char *s(const char *v) { return v ? v : ""; }

static void long_date(const char *iso, char out[DATE_LONG_LEN])
{
    int32_t d;
    out[0] = '\0';
    if (iso && strlen(iso) >= 10 && date_parsen(iso, 10, &d) == 0) date_format_long(d, out);
}

/* ---- the queue --------------------------------------------------------------- */

void voice_triage_queue(req *rq, resp *rs)
{
    static const char *const any_status[] = {"new", "reviewed", "responded", "actioned", "closed", "open", NULL};
    buf b = BUF_INIT, sql = BUF_INIT;
    db_stmt *st = NULL;
    json_t *rows = json_array(), *o, *items;
    const char *status = req_query(rq, "status"), *area = req_query(rq, "area"), *org = voice_scope_org(rq);
    int rc, n = 0, i, bind = 1;
    char when[DATE_LONG_LEN];
    if (!status || !*status) status = "open";
    for (i = 0; any_status[i] && strcmp(any_status[i], status) != 0; i++) ;
    if (!any_status[i]) status = "open";
    if (area && !ids_is_uuid(area)) area = NULL;
    /* Contact details past their retention period go before anyone looks. */
    if ((rc = voice_purge(rq->db, date_now(), NULL)) != DB_OK) goto dberr;
    buf_add(&sql, "SELECT " FB_COLS " FROM voice_feedback f JOIN areas a ON a.id = f.area_id WHERE " VOICE_SCOPE_SQL("f.area_id"));
    if (strcmp(status, "open") == 0) buf_add(&sql, " AND f.status <> 'closed'");
    else buf_add(&sql, " AND f.status = ?");
    if (area) buf_add(&sql, " AND f.area_id = ?");
    buf_add(&sql, " ORDER BY f.urgent DESC, CASE f.status WHEN 'new' THEN 0 ELSE 1 END, f.created_at DESC LIMIT 500");
    if ((rc = db_prepare(rq->db, buf_str(&sql), &st)) != DB_OK) goto dberr;
    db_bind_text(st, bind++, org);
    db_bind_text(st, bind++, org);
    if (strcmp(status, "open") != 0) db_bind_text(st, bind++, status);
    if (area) db_bind_text(st, bind++, area);
    while ((rc = db_step(st)) == DB_ROW) {
        buf link = BUF_INIT, tags = BUF_INIT;
        buf_add(&link, "<a class=\"govuk-link\" href=\"/voice/feedback/");
        html_attr(&link, db_col_text(st, C_ID));
        buf_add(&link, "\">");
        html_txt(&link, db_col_text(st, C_REF));
        buf_add(&link, "</a>");
        if (db_col_int64(st, C_URGENT)) buf_add(&tags, "<strong class=\"govuk-tag govuk-tag--red\">Urgent: safeguarding</strong> ");
        buf_add(&tags, "<strong class=\"govuk-tag govuk-tag--grey\">");
        html_txt(&tags, voice_status_label(db_col_text(st, C_STATUS)));
        buf_add(&tags, "</strong>");
        long_date(db_col_text(st, C_CREATED), when);
        json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}]", "html", buf_str(&link), "text", when,
                                              "text", s(db_col_text(st, C_AREANAME)), "text",
                                              voice_about_label(db_col_text(st, C_ABOUT)), "text",
                                              voice_scale_label((int)db_col_int64(st, C_RATING)), "html", buf_str(&tags)));
        buf_free(&link);
        buf_free(&tags);
        n++;
    }
    if (rc != DB_DONE) goto dberr;
    audit_log(rq, rs, "view", "feedback_queue", NULL, NULL);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Families' feedback</h1>"
                "<p class=\"govuk-body\">Feedback for your areas. Urgent (safeguarding) feedback is at the top: read it first.</p>"
                "<form method=\"get\" action=\"/voice/feedback\" class=\"govuk-!-margin-bottom-6\">");
    items = json_array();
    json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", "open", "text", "Not closed", "selected", strcmp(status, "open") == 0));
    for (i = 0; voice_status_codes[i]; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", voice_status_codes[i], "text",
                                               voice_status_label(voice_status_codes[i]), "selected",
                                               strcmp(status, voice_status_codes[i]) == 0));
    o = json_pack("{s:s, s:s, s:{s:s}, s:o}", "id", "status", "name", "status", "label", "text", "Status", "items", items);
    govuk_select(&b, o);
    json_decref(o);
    govuk_button(&b, o = json_pack("{s:s, s:s}", "text", "Show feedback", "classes", "govuk-button--secondary"));
    json_decref(o);
    buf_add(&b, "</form>");
    if (n == 0) {
        buf_add(&b, "<p class=\"govuk-body\">There is no feedback to show.</p>");
        json_decref(rows);
    } else {
        o = json_pack("{s:s, s:s, s:[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}], s:o}", "caption", "Feedback, urgent first",
                      "captionClasses", "govuk-table__caption--m", "head", "text", "Reference", "text", "Received", "text",
                      "Area", "text", "About", "text", "How it went", "text", "Status", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
    }
    page_render(rq, rs, 200, "Families' feedback", buf_str(&b));
    goto done;
dberr:
    json_decref(rows);
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    buf_free(&b);
    buf_free(&sql);
}

/* Opens one feedback record the user may triage. Returns the statement on
 * a row (caller finalizes), or NULL with the response written. */
static db_stmt *open_record(req *rq, resp *rs, const char *id)
{
    db_stmt *st = NULL;
    int rc;
    if (!id || !ids_is_uuid(id)) {
        resp_error(rq, rs, 404, "not_found", "No feedback with that id", NULL);
        return NULL;
    }
    if ((rc = db_prepare(rq->db, "SELECT " FB_COLS " FROM voice_feedback f JOIN areas a ON a.id = f.area_id WHERE f.id = ?", &st)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        return NULL;
    }
    db_bind_text(st, 1, id);
    rc = db_step(st);
    if (rc != DB_ROW) {
        if (rc == DB_DONE) resp_error(rq, rs, 404, "not_found", "No feedback with that id", NULL);
        else resp_db_error(rq, rs, rc);
        db_finalize(st);
        return NULL;
    }
    if (!voice_user_has_area(rq, db_col_text(st, C_AREA))) {
        resp_error(rq, rs, 403, "forbidden", "This feedback is about an area your organisation does not cover.", NULL);
        db_finalize(st);
        return NULL;
    }
    return st;
}

static int has_contact(db_stmt *st)
{
    return !db_col_is_null(st, C_CNAME) || !db_col_is_null(st, C_CEMAIL) || !db_col_is_null(st, C_CPHONE);
}

/* Options for a select from a query of (id, label), with a blank first. */
static json_t *select_items(db *d, const char *sql, const char *selected)
{
    json_t *items = json_array();
    db_stmt *st = NULL;
    json_array_append_new(items, json_pack("{s:s, s:s}", "value", "", "text", "None"));
    if (db_prepare(d, sql, &st) == DB_OK)
        while (db_step(st) == DB_ROW)
            json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", s(db_col_text(st, 0)), "text",
                                                   s(db_col_text(st, 1)), "selected",
                                                   selected && db_col_text(st, 0) && strcmp(selected, db_col_text(st, 0)) == 0));
    db_finalize(st);
    return items;
}

static void render_record(req *rq, resp *rs, db_stmt *st, int status, const form_errors *fe)
{
    buf b = BUF_INIT, v = BUF_INIT;
    json_t *o, *rows, *items;
    db_stmt *t = NULL;
    const char *id = db_col_text(st, C_ID);
    char when[DATE_LONG_LEN];
    int contact = has_contact(st), rc;
    if (req_query(rq, "saved")) {
        o = json_pack("{s:s, s:s}", "type", "success", "text", "Your changes have been saved");
        govuk_notification_banner(&b, o);
        json_decref(o);
    }
    form_error_summary(&b, fe);
    buf_add(&b, "<span class=\"govuk-caption-l\">Feedback</span><h1 class=\"govuk-heading-l\">");
    html_txt(&b, db_col_text(st, C_REF));
    buf_add(&b, "</h1>");
    if (db_col_int64(st, C_URGENT)) {
        o = json_pack("{s:s, s:s}", "iconFallbackText", "Warning", "text",
                      "Urgent: this feedback matched the safeguarding list. Read it now and follow your safeguarding procedures.");
        govuk_warning_text(&b, o);
        json_decref(o);
    }
    long_date(db_col_text(st, C_CREATED), when);
    rows = json_array();
    json_array_append_new(rows, voice_row("Received", when));
    json_array_append_new(rows, voice_row("Area", db_col_text(st, C_AREANAME)));
    json_array_append_new(rows, voice_row("About", voice_about_label(db_col_text(st, C_ABOUT))));
    if (!db_col_is_null(st, C_SNAME)) json_array_append_new(rows, voice_row("Service named", db_col_text(st, C_SNAME)));
    json_array_append_new(rows, voice_row("How it went", voice_scale_label((int)db_col_int64(st, C_RATING))));
    json_array_append_new(rows, voice_row("Who", db_col_is_null(st, C_RESP) ? "Not given" : voice_respondent_label(db_col_text(st, C_RESP))));
    json_array_append_new(rows, voice_row("Status", voice_status_label(db_col_text(st, C_STATUS))));
    o = json_pack("{s:o}", "rows", rows);
    govuk_summary_list(&b, o);
    json_decref(o);
    buf_add(&b, "<h2 class=\"govuk-heading-m\">What happened</h2>");
    voice_paragraphs(&b, db_col_text(st, C_WHAT));

    buf_add(&b, "<h2 class=\"govuk-heading-m\">Contact details</h2>");
    if (contact) {
        rows = json_array();
        if (!db_col_is_null(st, C_CNAME)) json_array_append_new(rows, voice_row("Name", db_col_text(st, C_CNAME)));
        if (!db_col_is_null(st, C_CEMAIL)) json_array_append_new(rows, voice_row("Email", db_col_text(st, C_CEMAIL)));
        if (!db_col_is_null(st, C_CPHONE)) json_array_append_new(rows, voice_row("Phone", db_col_text(st, C_CPHONE)));
        o = json_pack("{s:o}", "rows", rows);
        govuk_summary_list(&b, o);
        json_decref(o);
        buf_printf(&b, "<p class=\"govuk-body-s\">Personal data: this view is recorded in the audit log. "
                       "Use it only to reply. It is deleted %d days after the feedback was received.</p>",
                   voice_retention_days(rq->db));
    } else if (!db_col_is_null(st, C_CDEL)) {
        buf_add(&b, "<p class=\"govuk-body\">The contact details were deleted at the end of the retention period.</p>");
    } else {
        buf_add(&b, "<p class=\"govuk-body\">The person did not ask for a reply (anonymous feedback).</p>");
    }
    if (!db_col_is_null(st, C_REPLY)) {
        buf_add(&b, "<h2 class=\"govuk-heading-m\">Reply sent</h2>");
        voice_paragraphs(&b, db_col_text(st, C_REPLY));
    }

    /* The triage form. */
    buf_add(&b, "<h2 class=\"govuk-heading-m\">Triage</h2><form method=\"post\" action=\"/voice/feedback/");
    html_attr(&b, id);
    buf_add(&b, "\" novalidate>");
    page_csrf_field(rq, &b);
    items = json_array();
    for (rc = 0; voice_status_codes[rc]; rc++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", voice_status_codes[rc], "text",
                                               voice_status_label(voice_status_codes[rc]), "checked",
                                               strcmp(voice_status_codes[rc], db_col_text(st, C_STATUS)) == 0));
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "status", "classes", "govuk-radios--small", "fieldset",
                  "legend", "text", "Status", "classes", "govuk-fieldset__legend--s", "items", items, "errorMessage",
                  form_error_message(fe, "status"));
    govuk_radios(&b, o);
    json_decref(o);
    items = json_array();
    if (db_prepare(rq->db, "SELECT t.id, t.name, (SELECT COUNT(*) FROM voice_feedback_themes ft WHERE ft.theme_id = t.id AND ft.feedback_id = ?) "
                           "FROM voice_themes t ORDER BY t.name", &t) == DB_OK) {
        db_bind_text(t, 1, id);
        while (db_step(t) == DB_ROW)
            json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", s(db_col_text(t, 0)), "text", s(db_col_text(t, 1)),
                                                   "checked", db_col_int64(t, 2) > 0));
    }
    db_finalize(t);
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "themes", "classes", "govuk-checkboxes--small", "fieldset",
                  "legend", "text", "Themes", "classes", "govuk-fieldset__legend--s", "items", items, "errorMessage",
                  form_error_message(fe, "themes"));
    govuk_checkboxes(&b, o);
    json_decref(o);
    if (contact) {
        o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s}, s:s, s:o*}", "id", "reply", "name", "reply", "label", "text",
                      "Record the reply you sent", "classes", "govuk-label--s", "hint", "text",
                      "Send it by email or phone as usual, then record what you said here.", "value",
                      s(req_form(rq, "reply")), "errorMessage", form_error_message(fe, "reply"));
        govuk_textarea(&b, o);
        json_decref(o);
    }
    if (voice_table_exists(rq->db, "plans_actions")) {
        o = json_pack("{s:s, s:s, s:{s:s}, s:o, s:o*}", "id", "action_id", "name", "action_id", "label", "text",
                      "Improvement action this feedback informs",
                      "items", select_items(rq->db, "SELECT id, ref || ': ' || title FROM plans_actions ORDER BY ref",
                                            db_col_text(st, C_ACTION)), "errorMessage", form_error_message(fe, "action_id"));
        govuk_select(&b, o);
        json_decref(o);
    }
    if (voice_table_exists(rq->db, "dir_services")) {
        o = json_pack("{s:s, s:s, s:{s:s}, s:o, s:o*}", "id", "service_id", "name", "service_id", "label", "text",
                      "Directory service this feedback is about",
                      "items", select_items(rq->db, "SELECT id, name FROM dir_services ORDER BY name LIMIT 1000",
                                            db_col_text(st, C_SID)), "errorMessage", form_error_message(fe, "service_id"));
        govuk_select(&b, o);
        json_decref(o);
    }
    govuk_button(&b, o = json_pack("{s:s}", "text", "Save"));
    json_decref(o);
    buf_add(&b, "</form><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/voice/feedback\">Back to the queue</a></p>");
    page_render_ex(rq, rs, status, db_col_text(st, C_REF), buf_str(&b), form_has_errors(fe));
    audit_log(rq, rs, "view", "feedback", id, contact ? "with contact details" : NULL);
    buf_free(&b);
    buf_free(&v);
}

void voice_triage_show(req *rq, resp *rs)
{
    form_errors fe = {0};
    db_stmt *st = open_record(rq, rs, req_param(rq, "id"));
    if (st) render_record(rq, rs, st, 200, &fe);
    db_finalize(st);
    form_errors_free(&fe);
}

/* Validates and applies a triage change (form or JSON). Returns 0 when
 * done, 1 when fe holds errors, or a negative DB error. */
static int apply_update(req *rq, db_stmt *st, form_errors *fe)
{
    const char *status, *themes[64], *id = db_col_text(st, C_ID), *action, *service;
    char *reply = NULL, now[21];
    size_t nthemes, i;
    int64_t n;
    int rc = 1;
    status = form_choice(rq, "status", "a status", 1, voice_status_codes, fe);
    nthemes = form_values(rq, "themes", themes, 64);
    for (i = 0; i < nthemes; i++) {
        n = 0;
        if (*themes[i] && (!ids_is_uuid(themes[i]) ||
                           db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM voice_themes WHERE id = ?", 1, themes[i]) < 0 || n == 0))
            form_error(fe, "themes", "Select themes from the list");
    }
    reply = form_text(rq, "reply", "the reply", 0, 5000, fe);
    if (*reply && !has_contact(st))
        form_error(fe, "reply", "You can only record a reply when the person gave contact details");
    action = req_form(rq, "action_id");
    if (action && *action) {
        n = 0;
        if (!voice_table_exists(rq->db, "plans_actions"))
            form_error(fe, "action_id", "Improvement actions are not available in this installation");
        else if (!ids_is_uuid(action) || db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM plans_actions WHERE id = ?", 1, action) < 0 || n == 0)
            form_error(fe, "action_id", "Select an improvement action from the list");
    } else action = NULL;
    service = req_form(rq, "service_id");
    if (service && *service) {
        n = 0;
        if (!ids_is_uuid(service))
            form_error(fe, "service_id", "Select a service from the list");
        else if (voice_table_exists(rq->db, "dir_services") &&
                 (db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM dir_services WHERE id = ?", 1, service) < 0 || n == 0))
            form_error(fe, "service_id", "Select a service from the list");
    } else service = req_form(rq, "service_id") ? NULL : db_col_text(st, C_SID);
    if (!req_form(rq, "action_id")) action = db_col_text(st, C_ACTION);
    if (form_has_errors(fe)) goto done;
    ids_now_iso(now);
    if ((rc = db_begin(rq->db)) != DB_OK) goto done;
    if ((rc = db_query_text(rq->db, NULL, "UPDATE voice_feedback SET status = ?, action_id = ?, service_id = ?, updated_at = ? WHERE id = ?",
                            5, status, action, service, now, id)) < 0) goto fail;
    if (*reply && (rc = db_query_text(rq->db, NULL, "UPDATE voice_feedback SET reply = ?, replied_at = ?, replied_by = ? WHERE id = ?",
                                      4, reply, now, rq->user->id, id)) < 0) goto fail;
    if ((rc = db_query_text(rq->db, NULL, "DELETE FROM voice_feedback_themes WHERE feedback_id = ?", 1, id)) < 0) goto fail;
    for (i = 0; i < nthemes; i++)
        if (*themes[i] && (rc = db_query_text(rq->db, NULL, "INSERT INTO voice_feedback_themes (feedback_id, theme_id) VALUES (?, ?) "
                                                            "ON CONFLICT (feedback_id, theme_id) DO NOTHING", 2, id, themes[i])) < 0)
            goto fail;
    rc = db_commit(rq->db);
    goto done;
fail:
    db_rollback(rq->db);
done:
    free(reply);
    return rc;
}

void voice_triage_update(req *rq, resp *rs)
{
    form_errors fe = {0};
    db_stmt *st = open_record(rq, rs, req_param(rq, "id"));
    buf loc = BUF_INIT;
    int rc;
    if (!st) goto done;
    rc = apply_update(rq, st, &fe);
    if (rc == 1) {
        render_record(rq, rs, st, 400, &fe);
    } else if (rc < 0) {
        resp_db_error(rq, rs, rc);
    } else {
        audit_log(rq, rs, "update", "feedback", db_col_text(st, C_ID), NULL);
        buf_add(&loc, "/voice/feedback/");
        buf_add(&loc, db_col_text(st, C_ID));
        buf_add(&loc, "?saved=1");
        resp_redirect(rs, buf_str(&loc));
    }
done:
    db_finalize(st);
    buf_free(&loc);
    form_errors_free(&fe);
}

/* ---- API ----------------------------------------------------------------------- */

static json_t *record_json(db *d, db_stmt *st, int with_contact)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s, s:s, s:i, s:s, s:s?, s:b, s:b, s:s, s:s?, s:s?, s:s?, s:s}",
                          "id", db_col_text(st, C_ID), "reference", db_col_text(st, C_REF), "about", db_col_text(st, C_ABOUT),
                          "service_name", db_col_text(st, C_SNAME), "service_id", db_col_text(st, C_SID), "area_id",
                          db_col_text(st, C_AREA), "area", s(db_col_text(st, C_AREANAME)), "rating",
                          (int)db_col_int64(st, C_RATING), "what_happened", s(db_col_text(st, C_WHAT)), "respondent",
                          db_col_text(st, C_RESP), "wants_reply", (int)db_col_int64(st, C_WANTS), "urgent",
                          (int)db_col_int64(st, C_URGENT), "status", s(db_col_text(st, C_STATUS)), "reply",
                          db_col_text(st, C_REPLY), "replied_at", db_col_text(st, C_REPLIED), "action_id",
                          db_col_text(st, C_ACTION), "created_at", s(db_col_text(st, C_CREATED)));
    json_t *themes = json_array();
    db_stmt *t = NULL;
    if (db_prepare(d, "SELECT t.name FROM voice_feedback_themes ft JOIN voice_themes t ON t.id = ft.theme_id WHERE ft.feedback_id = ? ORDER BY t.name", &t) == DB_OK) {
        db_bind_text(t, 1, db_col_text(st, C_ID));
        while (db_step(t) == DB_ROW) json_array_append_new(themes, json_string(s(db_col_text(t, 0))));
    }
    db_finalize(t);
    json_object_set_new(o, "themes", themes);
    if (with_contact)
        json_object_set_new(o, "contact", has_contact(st) ? json_pack("{s:s?, s:s?, s:s?}", "name", db_col_text(st, C_CNAME),
                                                                      "email", db_col_text(st, C_CEMAIL), "phone",
                                                                      db_col_text(st, C_CPHONE)) : json_null());
    return o;
}

void voice_triage_api_list(req *rq, resp *rs)
{
    int page, per_page, rc;
    db_stmt *st = NULL;
    json_t *items = json_array();
    int64_t total = 0;
    const char *org = voice_scope_org(rq), *status = req_query(rq, "status");
    buf sql = BUF_INIT;
    if (router_page_params(rq, rs, 50, 200, &page, &per_page) != 0) goto done;
    if (status) {
        int i;
        for (i = 0; voice_status_codes[i] && strcmp(voice_status_codes[i], status) != 0; i++) ;
        if (!voice_status_codes[i]) {
            resp_error(rq, rs, 400, "invalid", "status must be new, reviewed, responded, actioned or closed", "status");
            goto done;
        }
    }
    if ((rc = voice_purge(rq->db, date_now(), NULL)) != DB_OK) goto dberr;
    if ((rc = db_query_int64(rq->db, &total, status ? "SELECT COUNT(*) FROM voice_feedback f WHERE " VOICE_SCOPE_SQL("f.area_id") " AND f.status = ?"
                                                    : "SELECT COUNT(*) FROM voice_feedback f WHERE " VOICE_SCOPE_SQL("f.area_id"),
                             status ? 3 : 2, org, org, status)) < 0) goto dberr;
    buf_add(&sql, "SELECT " FB_COLS " FROM voice_feedback f JOIN areas a ON a.id = f.area_id WHERE " VOICE_SCOPE_SQL("f.area_id"));
    if (status) buf_add(&sql, " AND f.status = ?");
    buf_add(&sql, " ORDER BY f.urgent DESC, f.created_at DESC, f.id LIMIT ? OFFSET ?");
    if ((rc = db_prepare(rq->db, buf_str(&sql), &st)) != DB_OK) goto dberr;
    {
        int k = 1;
        db_bind_text(st, k++, org);
        db_bind_text(st, k++, org);
        if (status) db_bind_text(st, k++, status);
        db_bind_int64(st, k++, per_page);
        db_bind_int64(st, k++, (int64_t)(page - 1) * per_page);
    }
    while ((rc = db_step(st)) == DB_ROW) json_array_append_new(items, record_json(rq->db, st, 0));
    if (rc != DB_DONE) goto dberr;
    audit_log(rq, rs, "view", "feedback_queue", NULL, "api");
    resp_json(rs, 200, json_pack("{s:o, s:i, s:i, s:I}", "items", items, "page", page, "per_page", per_page, "total", (json_int_t)total));
    items = NULL;
    goto done;
dberr:
    resp_db_error(rq, rs, rc);
done:
    json_decref(items);
    db_finalize(st);
    buf_free(&sql);
}

void voice_triage_api_get(req *rq, resp *rs)
{
    db_stmt *st = open_record(rq, rs, req_param(rq, "id"));
    if (!st) return;
    audit_log(rq, rs, "view", "feedback", db_col_text(st, C_ID), has_contact(st) ? "with contact details" : NULL);
    resp_json(rs, 200, record_json(rq->db, st, 1));
    db_finalize(st);
}

void voice_triage_api_update(req *rq, resp *rs)
{
    form_errors fe = {0};
    db_stmt *st = open_record(rq, rs, req_param(rq, "id")), *again = NULL;
    int rc;
    if (!st) goto done;
    rc = apply_update(rq, st, &fe);
    if (rc == 1) {
        resp_json(rs, 400, form_errors_json(&fe));
    } else if (rc < 0) {
        resp_db_error(rq, rs, rc);
    } else {
        audit_log(rq, rs, "update", "feedback", db_col_text(st, C_ID), "api");
        if ((again = open_record(rq, rs, db_col_text(st, C_ID)))) resp_json(rs, 200, record_json(rq->db, again, 0));
    }
done:
    db_finalize(again);
    db_finalize(st);
    form_errors_free(&fe);
}
