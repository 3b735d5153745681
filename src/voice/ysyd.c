#include "voice/ysyd.h"

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

#define Y_COLS "y.id, y.area_id, a.name, y.theme, y.you_said, y.raised_count, y.we_did, y.done_on, y.published"

void voice_ysyd_public(req *rq, resp *rs)
{
    buf b = BUF_INIT;
    db_stmt *st = NULL;
    char *last = NULL, when[DATE_LONG_LEN];
    int n = 0;
    buf_add(&b, "<h1 class=\"govuk-heading-l\">You said, we did</h1>"
                "<p class=\"govuk-body-l\">What families told us, and what the councils, the NHS and the parent carer forums changed as a result.</p>"
                "<p class=\"govuk-body\">We never publish anything that could identify a family. "
                "<a class=\"govuk-link\" href=\"/feedback\">Have your say</a>.</p>");
    if (db_prepare(rq->db, "SELECT " Y_COLS " FROM voice_ysyd y JOIN areas a ON a.id = y.area_id WHERE y.published = 1 ORDER BY a.name, y.done_on DESC, y.id", &st) == DB_OK) {
        while (db_step(st) == DB_ROW) {
            int32_t d;
            if (!last || strcmp(last, s(db_col_text(st, 2))) != 0) {
                free(last);
                last = xstrdup(s(db_col_text(st, 2)));
                buf_add(&b, "<h2 class=\"govuk-heading-m\">");
                html_txt(&b, last);
                buf_add(&b, "</h2>");
            }
            when[0] = '\0';
            if (date_parse(db_col_text(st, 7), &d) == 0) date_format_long(d, when);
            buf_add(&b, "<div class=\"app-voice-ysyd\"><h3 class=\"govuk-heading-s\">");
            html_txt(&b, db_col_text(st, 3));
            buf_add(&b, "</h3><dl class=\"govuk-summary-list\"><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">You said</dt><dd class=\"govuk-summary-list__value\">");
            html_txt(&b, db_col_text(st, 4));
            if (db_col_int64(st, 5) > 0) buf_printf(&b, " (raised by %lld families)", (long long)db_col_int64(st, 5));
            buf_add(&b, "</dd></div><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">We did</dt><dd class=\"govuk-summary-list__value\">");
            html_txt(&b, db_col_text(st, 6));
            buf_add(&b, "</dd></div><div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">When</dt><dd class=\"govuk-summary-list__value\">");
            html_txt(&b, when);
            buf_add(&b, "</dd></div></dl></div>");
            n++;
        }
    }
    db_finalize(st);
    free(last);
    if (!n) buf_add(&b, "<p class=\"govuk-body\">Nothing has been published yet.</p>");
    page_render(rq, rs, 200, "You said, we did", buf_str(&b));
    buf_free(&b);
}

void voice_ysyd_staff(req *rq, resp *rs)
{
    buf b = BUF_INIT;
    db_stmt *st = NULL;
    json_t *rows = json_array(), *o;
    const char *org = voice_scope_org(rq);
    int n = 0;
    buf_add(&b, "<h1 class=\"govuk-heading-l\">You said, we did</h1>"
                "<p class=\"govuk-body\">Write entries for your areas and publish them on the <a class=\"govuk-link\" href=\"/you-said-we-did\">public page</a>.</p>"
                "<p class=\"govuk-body\"><a class=\"govuk-button\" href=\"/voice/you-said-we-did/new\">Write an entry</a></p>");
    if (db_prepare(rq->db, "SELECT " Y_COLS " FROM voice_ysyd y JOIN areas a ON a.id = y.area_id WHERE " VOICE_SCOPE_SQL("y.area_id")
                           " ORDER BY y.done_on DESC, y.id", &st) == DB_OK) {
        db_bind_text(st, 1, org);
        db_bind_text(st, 2, org);
        while (db_step(st) == DB_ROW) {
            buf f = BUF_INIT;
            int pub = (int)db_col_int64(st, 8);
            buf_add(&f, "<form method=\"post\" class=\"app-inline-form\" action=\"/voice/you-said-we-did/");
            html_attr(&f, db_col_text(st, 0));
            buf_add(&f, "/publish\">");
            page_csrf_field(rq, &f);
            buf_printf(&f, "<input type=\"hidden\" name=\"published\" value=\"%d\"><button type=\"submit\" class=\"app-link-button\">%s"
                           "<span class=\"govuk-visually-hidden\"> ", pub ? 0 : 1, pub ? "Unpublish" : "Publish");
            html_txt(&f, db_col_text(st, 3));
            buf_add(&f, "</span></button></form>");
            json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}]", "text", s(db_col_text(st, 2)), "text",
                                                  s(db_col_text(st, 3)), "text", s(db_col_text(st, 7)), "text", pub ? "Published" : "Draft",
                                                  "html", buf_str(&f)));
            buf_free(&f);
            n++;
        }
    }
    db_finalize(st);
    if (n) {
        o = json_pack("{s:s, s:[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}], s:o}", "caption", "Entries for your areas", "head", "text", "Area",
                      "text", "Theme", "text", "When", "text", "State", "text", "Action", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
    } else {
        json_decref(rows);
        buf_add(&b, "<p class=\"govuk-body\">There are no entries yet.</p>");
    }
    page_render(rq, rs, 200, "You said, we did", buf_str(&b));
    buf_free(&b);
}

static void render_new(req *rq, resp *rs, int status, const form_errors *fe)
{
    buf b = BUF_INIT;
    json_t *o, *rows = json_array();
    db_stmt *st = NULL;
    const char *org = voice_scope_org(rq);
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Write a \"You said, we did\" entry</h1>");
    /* What families raised: themes and counts, for the writer to draw on. */
    if (db_prepare(rq->db, "SELECT a.name, t.name, COUNT(*) FROM voice_feedback_themes ft JOIN voice_themes t ON t.id = ft.theme_id "
                           "JOIN voice_feedback f ON f.id = ft.feedback_id JOIN areas a ON a.id = f.area_id WHERE " VOICE_SCOPE_SQL("f.area_id")
                           " GROUP BY a.name, t.name ORDER BY COUNT(*) DESC, a.name, t.name LIMIT 30", &st) == DB_OK) {
        db_bind_text(st, 1, org);
        db_bind_text(st, 2, org);
        while (db_step(st) == DB_ROW) {
            char c[24];
            snprintf(c, sizeof c, "%lld", (long long)db_col_int64(st, 2));
            json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s, s:s}]", "text", s(db_col_text(st, 0)), "text", s(db_col_text(st, 1)),
                                                  "text", c, "format", "numeric"));
        }
    }
    db_finalize(st);
    if (json_array_size(rows)) {
        o = json_pack("{s:s, s:s, s:[{s:s}, {s:s}, {s:s, s:s}], s:o}", "caption", "What families raised: themes tagged on feedback",
                      "captionClasses", "govuk-table__caption--s", "head", "text", "Area", "text", "Theme", "text", "Pieces of feedback",
                      "format", "numeric", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
    } else {
        json_decref(rows);
    }
    buf_add(&b, "<form method=\"post\" action=\"/voice/you-said-we-did\" novalidate>");
    page_csrf_field(rq, &b);
    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "area", "fieldset", "legend", "text", "Area", "classes",
                  "govuk-fieldset__legend--s", "items", voice_area_items(rq->db, req_form(rq, "area")), "errorMessage", form_error_message(fe, "area"));
    govuk_radios(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:o*}", "id", "theme", "name", "theme", "label", "text", "Theme", "value", s(req_form(rq, "theme")),
                  "errorMessage", form_error_message(fe, "theme"));
    govuk_input(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:s, s:o*}", "id", "you_said", "name", "you_said", "label", "text", "You said",
                  "hint", "text", "What families raised, in general terms. Never include names or details that could identify anyone.",
                  "value", s(req_form(rq, "you_said")), "errorMessage", form_error_message(fe, "you_said"));
    govuk_textarea(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:s, s:s, s:{s:s}, s:s, s:o*}", "id", "raised_count", "name", "raised_count", "inputmode", "numeric", "classes",
                  "govuk-input--width-5", "label", "text", "How many families raised it (optional)", "value", s(req_form(rq, "raised_count")),
                  "errorMessage", form_error_message(fe, "raised_count"));
    govuk_input(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:o*}", "id", "we_did", "name", "we_did", "label", "text", "We did", "value",
                  s(req_form(rq, "we_did")), "errorMessage", form_error_message(fe, "we_did"));
    govuk_textarea(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}], s:o*}", "id", "done_on", "namePrefix",
                  "done_on", "fieldset", "legend", "text", "When", "classes", "govuk-fieldset__legend--s", "items", "name", "day", "classes",
                  "govuk-input--width-2", "value", s(req_form(rq, "done_on-day")), "name", "month", "classes", "govuk-input--width-2", "value",
                  s(req_form(rq, "done_on-month")), "name", "year", "classes", "govuk-input--width-4", "value", s(req_form(rq, "done_on-year")),
                  "errorMessage", form_error_message(fe, "done_on"));
    govuk_date_input(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:[{s:s, s:s}], s:{s:{s:s, s:s}}}", "name", "published", "items", "value", "1", "text", "Publish it now",
                  "fieldset", "legend", "text", "Publishing", "classes", "govuk-fieldset__legend--s");
    govuk_checkboxes(&b, o);
    json_decref(o);
    voice_form_page_end(rq, rs, &b, "Save entry", status, "Write a \"You said, we did\" entry", fe);
    buf_free(&b);
}

void voice_ysyd_new(req *rq, resp *rs)
{
    form_errors fe = {0};
    render_new(rq, rs, 200, &fe);
    form_errors_free(&fe);
}

void voice_ysyd_create(req *rq, resp *rs)
{
    form_errors fe = {0};
    const char *area = req_form(rq, "area"), *cnt = req_form(rq, "raised_count");
    char *theme = form_text(rq, "theme", "the theme", 1, 100, &fe), *said = form_text(rq, "you_said", "what families said", 1, 2000, &fe);
    char *did = form_text(rq, "we_did", "what was done", 1, 2000, &fe), done_on[11], id[IDS_UUID_LEN], now[21], count[16] = "0";
    int published = voice_form_yes(rq, "published"), rc;
    if (!area || !*area) form_error(&fe, "area", "Select the area");
    else if (!ids_is_uuid(area) || !voice_user_has_area(rq, area)) form_error(&fe, "area", "Select one of your areas");
    if (cnt && *cnt) {
        char *end;
        long n = strtol(cnt, &end, 10);
        if (*end || n < 0 || n > 1000000) form_error(&fe, "raised_count", "Enter a whole number of families, like 12");
        else snprintf(count, sizeof count, "%ld", n);
    }
    form_date(rq, "done_on", "when it was done", 1, done_on, &fe);
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else render_new(rq, rs, 400, &fe);
        goto done;
    }
    ids_uuid(id);
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL, "INSERT INTO voice_ysyd (id, area_id, theme, you_said, raised_count, we_did, done_on, published, published_at, created_at, updated_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 11, id, area, theme, said, count, did, done_on,
                       published ? "1" : "0", published ? now : NULL, now, now);
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "create", "you_said_we_did", id, published ? "published" : NULL);
    if (rq->is_api) resp_json(rs, 201, json_pack("{s:s, s:s, s:s, s:b}", "id", id, "area_id", area, "theme", theme, "published", published));
    else resp_redirect(rs, "/voice/you-said-we-did");
done:
    free(theme);
    free(said);
    free(did);
    form_errors_free(&fe);
}

void voice_ysyd_publish(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    char *area = NULL, now[21];
    int on = voice_form_yes(rq, "published"), rc;
    if (!id || !ids_is_uuid(id) || db_query_text(rq->db, &area, "SELECT area_id FROM voice_ysyd WHERE id = ?", 1, id) != DB_ROW) {
        resp_error(rq, rs, 404, "not_found", "No entry with that id", NULL);
        goto done;
    }
    if (!voice_user_has_area(rq, area)) {
        resp_error(rq, rs, 403, "forbidden", "This entry is for an area your organisation does not cover.", NULL);
        goto done;
    }
    ids_now_iso(now);
    if ((rc = db_query_text(rq->db, NULL, "UPDATE voice_ysyd SET published = ?, published_at = ?, updated_at = ? WHERE id = ?", 4, on ? "1" : "0",
                            on ? now : NULL, now, id)) < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "update", "you_said_we_did", id, on ? "published" : "unpublished");
    if (rq->is_api) resp_json(rs, 200, json_pack("{s:s, s:b}", "id", id, "published", on));
    else resp_redirect(rs, "/voice/you-said-we-did");
done:
    free(area);
}

void voice_ysyd_api_list(req *rq, resp *rs)
{
    db_stmt *st = NULL;
    json_t *items = json_array();
    const char *area = req_query(rq, "area");
    int rc, page = 1, per_page = 50;
    int64_t total = 0;
    if (area && *area && !ids_is_uuid(area)) {
        resp_error(rq, rs, 400, "invalid", "area must be the id of an area", "area");
        goto done;
    }
    if (!area) area = "";
    if (router_page_params(rq, rs, 50, 200, &page, &per_page) != 0) goto done;
    if ((rc = db_query_int64(rq->db, &total, "SELECT COUNT(*) FROM voice_ysyd y WHERE y.published = 1 AND (? = '' OR y.area_id = ?)", 2, area, area)) < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    if ((rc = db_prepare(rq->db, "SELECT " Y_COLS ", y.published_at FROM voice_ysyd y JOIN areas a ON a.id = y.area_id WHERE y.published = 1 "
                                 "AND (? = '' OR y.area_id = ?) ORDER BY a.name, y.done_on DESC, y.id LIMIT ? OFFSET ?", &st)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    db_bind_text(st, 1, area);
    db_bind_text(st, 2, area);
    db_bind_int64(st, 3, per_page);
    db_bind_int64(st, 4, (int64_t)(page - 1) * per_page);
    while (db_step(st) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s?}", "id", s(db_col_text(st, 0)), "area_id",
                                               s(db_col_text(st, 1)), "area", s(db_col_text(st, 2)), "theme", s(db_col_text(st, 3)),
                                               "you_said", s(db_col_text(st, 4)), "raised_count", (json_int_t)db_col_int64(st, 5),
                                               "we_did", s(db_col_text(st, 6)), "done_on", s(db_col_text(st, 7)), "published_at",
                                               db_col_text(st, 9)));
    resp_json(rs, 200, json_pack("{s:O, s:i, s:i, s:I}", "items", items, "page", page, "per_page", per_page, "total", (json_int_t)total));
done:
    db_finalize(st);
    json_decref(items);
}
