#include "voice/admin.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/form.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/site.h"
#include "voice/ratelimit.h"
#include "voice/voice.h"

static const char *s(const char *v) { return v ? v : ""; }

/* A list of (id, text) rows, each with a remove button. */
static void removable_list(req *rq, buf *b, const char *sql, const char *action, const char *caption)
{
    db_stmt *st = NULL;
    buf_add(b, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--s\">");
    html_txt(b, caption);
    buf_add(b, "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
               "<th scope=\"col\" class=\"govuk-table__header\">Text</th>"
               "<th scope=\"col\" class=\"govuk-table__header\">Action</th></tr></thead><tbody class=\"govuk-table__body\">");
    if (db_prepare(rq->db, sql, &st) == DB_OK) {
        while (db_step(st) == DB_ROW) {
            buf_add(b, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">");
            html_txt(b, db_col_text(st, 1));
            buf_add(b, "</td><td class=\"govuk-table__cell\"><form method=\"post\" class=\"app-inline-form\" action=\"");
            html_attr(b, action);
            html_attr(b, db_col_text(st, 0));
            buf_add(b, "/delete\">");
            page_csrf_field(rq, b);
            buf_add(b, "<button type=\"submit\" class=\"app-link-button\">Remove<span class=\"govuk-visually-hidden\"> ");
            html_txt(b, db_col_text(st, 1));
            buf_add(b, "</span></button></form></td></tr>");
        }
    }
    db_finalize(st);
    buf_add(b, "</tbody></table>");
}

static void render(req *rq, resp *rs, int status, const form_errors *fe)
{
    buf b = BUF_INIT;
    json_t *o;
    char days[16], max[16];
    snprintf(days, sizeof days, "%d", voice_retention_days(rq->db));
    snprintf(max, sizeof max, "%d", voice_rate_max(rq->db));
    if (req_query(rq, "saved")) {
        o = json_pack("{s:s, s:s}", "type", "success", "text", "Your changes have been saved");
        govuk_notification_banner(&b, o);
        json_decref(o);
    }
    form_error_summary(&b, fe);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Manage families' feedback</h1>"
                "<h2 class=\"govuk-heading-m\">Personal data and floods</h2><form method=\"post\" action=\"/voice/admin/settings\" novalidate>");
    page_csrf_field(rq, &b);
    o = json_pack("{s:s, s:s, s:s, s:s, s:{s:s}, s:{s:s}, s:s, s:o*}", "id", "retention_days", "name", "retention_days",
                  "inputmode", "numeric", "classes", "govuk-input--width-5", "label", "text",
                  "Keep contact details for this many days", "hint", "text",
                  "From 1 to 3650. After this, names, email addresses and phone numbers given with feedback are deleted.",
                  "value", req_form(rq, "retention_days") ? req_form(rq, "retention_days") : days, "errorMessage",
                  form_error_message(fe, "retention_days"));
    govuk_input(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:s, s:s, s:{s:s}, s:{s:s}, s:s, s:o*}", "id", "rate_max", "name", "rate_max", "inputmode",
                  "numeric", "classes", "govuk-input--width-5", "label", "text",
                  "Most submissions from one address in 10 minutes", "hint", "text", "From 1 to 10000.", "value",
                  req_form(rq, "rate_max") ? req_form(rq, "rate_max") : max, "errorMessage", form_error_message(fe, "rate_max"));
    govuk_input(&b, o);
    json_decref(o);
    govuk_button(&b, o = json_pack("{s:s}", "text", "Save settings"));
    json_decref(o);
    buf_add(&b, "</form><h2 class=\"govuk-heading-m\">Safeguarding words and phrases</h2>"
                "<p class=\"govuk-body\">Feedback containing any of these (whole words, any capitals) is flagged urgent, "
                "goes to the top of the queue, and the person is told where to get urgent help.</p>"
                "<form method=\"post\" action=\"/voice/admin/terms\" novalidate>");
    page_csrf_field(rq, &b);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:s, s:o*}", "id", "phrase", "name", "phrase", "label", "text",
                  "Add a word or phrase", "classes", "govuk-input--width-20", "value", s(req_form(rq, "phrase")),
                  "errorMessage", form_error_message(fe, "phrase"));
    govuk_input(&b, o);
    json_decref(o);
    govuk_button(&b, o = json_pack("{s:s, s:s}", "text", "Add phrase", "classes", "govuk-button--secondary"));
    json_decref(o);
    buf_add(&b, "</form>");
    removable_list(rq, &b, "SELECT id, phrase FROM voice_safeguarding_terms ORDER BY phrase", "/voice/admin/terms/",
                   "Safeguarding words and phrases");
    buf_add(&b, "<h2 class=\"govuk-heading-m\">Themes</h2><form method=\"post\" action=\"/voice/admin/themes\" novalidate>");
    page_csrf_field(rq, &b);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:s, s:o*}", "id", "theme", "name", "theme", "label", "text", "Add a theme",
                  "classes", "govuk-input--width-20", "value", s(req_form(rq, "theme")), "errorMessage",
                  form_error_message(fe, "theme"));
    govuk_input(&b, o);
    json_decref(o);
    govuk_button(&b, o = json_pack("{s:s, s:s}", "text", "Add theme", "classes", "govuk-button--secondary"));
    json_decref(o);
    buf_add(&b, "</form>");
    removable_list(rq, &b, "SELECT id, name FROM voice_themes ORDER BY name", "/voice/admin/themes/", "Themes");
    page_render_ex(rq, rs, status, "Manage families' feedback", buf_str(&b), form_has_errors(fe));
    buf_free(&b);
}

void voice_admin_get(req *rq, resp *rs)
{
    form_errors fe = {0};
    render(rq, rs, 200, &fe);
    form_errors_free(&fe);
}

static long number(const char *v, long lo, long hi)
{
    char *end;
    long n;
    if (!v || !*v) return -1;
    n = strtol(v, &end, 10);
    return (*end || n < lo || n > hi) ? -1 : n;
}

static int set_setting(db *d, const char *name, const char *value)
{
    return db_query_text(d, NULL, "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                         2, name, value);
}

void voice_admin_settings_post(req *rq, resp *rs)
{
    form_errors fe = {0};
    long days = number(req_form(rq, "retention_days"), 1, 3650), max = number(req_form(rq, "rate_max"), 1, 10000);
    char a[16], b2[16];
    int rc;
    if (days < 0) form_error(&fe, "retention_days", "Enter a number of days from 1 to 3650");
    if (max < 0) form_error(&fe, "rate_max", "Enter a number from 1 to 10000");
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else render(rq, rs, 400, &fe);
        goto done;
    }
    snprintf(a, sizeof a, "%ld", days);
    snprintf(b2, sizeof b2, "%ld", max);
    if ((rc = db_begin(rq->db)) != DB_OK || (rc = set_setting(rq->db, "voice_contact_retention_days", a)) < 0 ||
        (rc = set_setting(rq->db, "voice_rate_max", b2)) < 0 || (rc = db_commit(rq->db)) != DB_OK) {
        db_rollback(rq->db);
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "update", "setting", "voice", NULL);
    if (rq->is_api) resp_json(rs, 200, json_pack("{s:i, s:i}", "retention_days", (int)days, "rate_max", (int)max));
    else resp_redirect(rs, "/voice/admin?saved=1");
done:
    form_errors_free(&fe);
}

static void add_named(req *rq, resp *rs, const char *field, const char *label, const char *sql, const char *entity, int lower)
{
    form_errors fe = {0};
    char *v = form_text(rq, field, label, 1, 100, &fe), id[IDS_UUID_LEN], now[21];
    int rc;
    size_t i;
    if (lower) for (i = 0; v[i]; i++) v[i] = (char)tolower((unsigned char)v[i]);
    if (form_has_errors(&fe)) {
        render(rq, rs, 400, &fe);
        goto done;
    }
    ids_uuid(id);
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL, sql, 3, id, v, now);
    if (rc == DB_DONE) {
        form_error(&fe, field, "That is already on the list");
        render(rq, rs, 400, &fe);
        goto done;
    }
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "create", entity, id, NULL);
    resp_redirect(rs, "/voice/admin?saved=1");
done:
    free(v);
    form_errors_free(&fe);
}

void voice_admin_term_add(req *rq, resp *rs)
{
    add_named(rq, rs, "phrase", "a word or phrase",
              "INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES (?, ?, ?) ON CONFLICT (phrase) DO NOTHING RETURNING id",
              "safeguarding_term", 1);
}

void voice_admin_theme_add(req *rq, resp *rs)
{
    add_named(rq, rs, "theme", "a theme",
              "INSERT INTO voice_themes (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id",
              "theme", 0);
}

static void delete_named(req *rq, resp *rs, const char *sql, const char *entity)
{
    const char *id = req_param(rq, "id");
    int rc;
    if (!id || !ids_is_uuid(id)) {
        resp_error(rq, rs, 404, "not_found", "Not found", NULL);
        return;
    }
    rc = db_query_text(rq->db, NULL, sql, 1, id);
    if (rc == DB_DONE) {
        resp_error(rq, rs, 404, "not_found", "Not found", NULL);
        return;
    }
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        return;
    }
    audit_log(rq, rs, "delete", entity, id, NULL);
    resp_redirect(rs, "/voice/admin?saved=1");
}

void voice_admin_term_delete(req *rq, resp *rs)
{
    delete_named(rq, rs, "DELETE FROM voice_safeguarding_terms WHERE id = ? RETURNING id", "safeguarding_term");
}

void voice_admin_theme_delete(req *rq, resp *rs)
{
    delete_named(rq, rs, "DELETE FROM voice_themes WHERE id = ? RETURNING id", "theme");
}

void voice_admin_api_terms(req *rq, resp *rs)
{
    json_t *items = json_array(), *themes = json_array();
    db_stmt *st = NULL;
    if (db_prepare(rq->db, "SELECT id, phrase FROM voice_safeguarding_terms ORDER BY phrase", &st) == DB_OK)
        while (db_step(st) == DB_ROW)
            json_array_append_new(items, json_pack("{s:s, s:s}", "id", s(db_col_text(st, 0)), "phrase", s(db_col_text(st, 1))));
    db_finalize(st);
    st = NULL;
    if (db_prepare(rq->db, "SELECT id, name FROM voice_themes ORDER BY name", &st) == DB_OK)
        while (db_step(st) == DB_ROW)
            json_array_append_new(themes, json_pack("{s:s, s:s}", "id", s(db_col_text(st, 0)), "name", s(db_col_text(st, 1))));
    db_finalize(st);
    resp_json(rs, 200, json_pack("{s:o, s:o, s:i, s:i}", "safeguarding_terms", items, "themes", themes, "retention_days",
                                 voice_retention_days(rq->db), "rate_max", voice_rate_max(rq->db)));
}
