#include "voice/surveys.h"

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
#include "voice/ratelimit.h"
#include "voice/stats.h"
#include "voice/voice.h"

#define MAX_Q 50
#define MAX_OPT 20

static const char *const kinds[] = {"scale", "single", "multiple", "text", NULL};
static const char *const scale_values[] = {"1", "2", "3", "4", "5"};

/* The standard question set, reused every year so the measures compare. */
static const struct { const char *kind, *text, *options, *measure; int required; } standard_set[] = {
    {"scale", "How would you rate your experience of SEND services overall?", "", "overall", 1},
    {"single", "Do you feel listened to?", "Yes\nPartly\nNo", "listened", 1},
    {"single", "Do you know where to find the Local Offer (information about SEND support)?", "Yes\nNo\nNot sure", NULL, 0},
    {"multiple", "Which services have you used in the last year?", "Education\nHealth\nSocial care\nShort breaks\nParent carer forum", NULL, 0},
    {"text", "What one thing would make the biggest difference to your family?", "", NULL, 0},
};

struct q {
    char id[IDS_UUID_LEN];
    int position, required;
    char kind[10];
    char *text, *measure, *storage;
    const char *opts[MAX_OPT];
    size_t nopts;
};

struct survey {
    char id[IDS_UUID_LEN];
    char *title, *description;
    char opens_on[11], closes_on[11];
    int published;
    struct q qs[MAX_Q];
    size_t nq;
};

static const char *s(const char *v) { return v ? v : ""; }

static void survey_free(struct survey *sv)
{
    size_t i;
    free(sv->title);
    free(sv->description);
    for (i = 0; i < sv->nq; i++) {
        free(sv->qs[i].text);
        free(sv->qs[i].measure);
        free(sv->qs[i].storage);
    }
    memset(sv, 0, sizeof *sv);
}

/* DB_ROW when found, DB_DONE when not, or an error. */
static int survey_load(db *d, const char *id, struct survey *sv)
{
    db_stmt *st = NULL;
    int rc;
    memset(sv, 0, sizeof *sv);
    if (!id || !ids_is_uuid(id)) return DB_DONE;
    if ((rc = db_prepare(d, "SELECT id, title, description, opens_on, closes_on, published FROM voice_surveys WHERE id = ?", &st)) != DB_OK) goto done;
    db_bind_text(st, 1, id);
    if ((rc = db_step(st)) != DB_ROW) goto done;
    snprintf(sv->id, sizeof sv->id, "%s", db_col_text(st, 0));
    sv->title = xstrdup(s(db_col_text(st, 1)));
    sv->description = xstrdup(s(db_col_text(st, 2)));
    snprintf(sv->opens_on, sizeof sv->opens_on, "%s", s(db_col_text(st, 3)));
    snprintf(sv->closes_on, sizeof sv->closes_on, "%s", s(db_col_text(st, 4)));
    sv->published = (int)db_col_int64(st, 5);
    db_finalize(st);
    st = NULL;
    if ((rc = db_prepare(d, "SELECT id, position, kind, text, options, required, measure FROM voice_questions WHERE survey_id = ? ORDER BY position", &st)) != DB_OK) goto done;
    db_bind_text(st, 1, id);
    while ((rc = db_step(st)) == DB_ROW && sv->nq < MAX_Q) {
        struct q *q = &sv->qs[sv->nq++];
        snprintf(q->id, sizeof q->id, "%s", db_col_text(st, 0));
        q->position = (int)db_col_int64(st, 1);
        snprintf(q->kind, sizeof q->kind, "%s", s(db_col_text(st, 2)));
        q->text = xstrdup(s(db_col_text(st, 3)));
        q->required = (int)db_col_int64(st, 5);
        q->measure = xstrdup(db_col_text(st, 6));
        if (strcmp(q->kind, "scale") == 0) {
            for (q->nopts = 0; q->nopts < 5; q->nopts++) q->opts[q->nopts] = scale_values[q->nopts];
        } else {
            q->nopts = voice_stats_split_options(db_col_text(st, 4), &q->storage, q->opts, MAX_OPT);
        }
    }
    if (rc == DB_DONE || rc == DB_ROW) rc = DB_ROW;
done:
    db_finalize(st);
    return rc;
}

/* 1 open, 0 closed (or not yet open), by the published flag and the dates. */
static int survey_open(const struct survey *sv)
{
    char today[11];
    date_format(date_today(), today);
    return sv->published && strcmp(sv->opens_on, today) <= 0 && strcmp(today, sv->closes_on) <= 0;
}

static const char *opt_label(const struct q *q, size_t i)
{
    return strcmp(q->kind, "scale") == 0 ? voice_scale_label((int)i + 1) : q->opts[i];
}

int voice_survey_add_question(db *d, const char *survey_id, const char *kind, const char *text, const char *options,
                              int required, const char *measure)
{
    char id[IDS_UUID_LEN], now[21];
    int64_t pos = 0;
    int rc;
    if ((rc = db_query_int64(d, &pos, "SELECT COALESCE(MAX(position), 0) + 1 FROM voice_questions WHERE survey_id = ?", 1, survey_id)) < 0)
        return rc;
    ids_uuid(id);
    ids_now_iso(now);
    {
        char p[24];
        snprintf(p, sizeof p, "%lld", (long long)pos);
        rc = db_query_text(d, NULL, "INSERT INTO voice_questions (id, survey_id, position, kind, text, options, required, measure, created_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", 9, id, survey_id, p, kind, text, options ? options : "",
                           required ? "1" : "0", measure, now);
    }
    return rc < 0 ? rc : DB_OK;
}

int voice_survey_create(db *d, const char *title, const char *description, const char *opens_on,
                        const char *closes_on, int standard, int published, char id_out[37])
{
    char now[21];
    size_t i;
    int rc;
    ids_uuid(id_out);
    ids_now_iso(now);
    rc = db_query_text(d, NULL, "INSERT INTO voice_surveys (id, title, description, opens_on, closes_on, published, created_at, updated_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 8, id_out, title, description ? description : "", opens_on,
                       closes_on, published ? "1" : "0", now, now);
    if (rc < 0) return rc;
    for (i = 0; standard && i < sizeof standard_set / sizeof standard_set[0]; i++)
        if ((rc = voice_survey_add_question(d, id_out, standard_set[i].kind, standard_set[i].text, standard_set[i].options,
                                            standard_set[i].required, standard_set[i].measure)) != DB_OK)
            return rc;
    return DB_OK;
}

/* ---- staff: list, create, edit ---------------------------------------------------- */

void voice_surveys_list(req *rq, resp *rs)
{
    buf b = BUF_INIT;
    db_stmt *st = NULL;
    json_t *rows = json_array(), *o;
    int n = 0;
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Surveys</h1>"
                "<p class=\"govuk-body\"><a class=\"govuk-button\" href=\"/voice/surveys/new\">Create a survey</a></p>");
    if (db_prepare(rq->db, "SELECT s.id, s.title, s.opens_on, s.closes_on, s.published, (SELECT COUNT(*) FROM voice_responses r WHERE r.survey_id = s.id) "
                           "FROM voice_surveys s ORDER BY s.opens_on DESC, s.title", &st) == DB_OK) {
        while (db_step(st) == DB_ROW) {
            buf l = BUF_INIT;
            char cnt[24];
            const char *id = db_col_text(st, 0);
            buf_add(&l, "<a class=\"govuk-link\" href=\"/voice/surveys/");
            html_attr(&l, id);
            buf_add(&l, "\">");
            html_txt(&l, db_col_text(st, 1));
            buf_add(&l, "</a> &middot; <a class=\"govuk-link\" href=\"/voice/surveys/");
            html_attr(&l, id);
            buf_add(&l, "/results\">Results<span class=\"govuk-visually-hidden\"> of ");
            html_txt(&l, db_col_text(st, 1));
            buf_add(&l, "</span></a>");
            snprintf(cnt, sizeof cnt, "%lld", (long long)db_col_int64(st, 5));
            json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}]", "html", buf_str(&l), "text",
                                                  s(db_col_text(st, 2)), "text", s(db_col_text(st, 3)), "text",
                                                  db_col_int64(st, 4) ? "Published" : "Draft", "text", cnt));
            buf_free(&l);
            n++;
        }
    }
    db_finalize(st);
    if (n) {
        o = json_pack("{s:s, s:[{s:s}, {s:s}, {s:s}, {s:s}, {s:s, s:s}], s:o}", "caption", "Surveys", "head", "text", "Survey",
                      "text", "Opens", "text", "Closes", "text", "State", "text", "Responses", "format", "numeric", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
    } else {
        json_decref(rows);
        buf_add(&b, "<p class=\"govuk-body\">There are no surveys yet.</p>");
    }
    page_render(rq, rs, 200, "Surveys", buf_str(&b));
    buf_free(&b);
}

static void date_field(buf *b, req *rq, const char *name, const char *legend, const form_errors *fe)
{
    char f[64];
    json_t *o;
    const char *d, *m, *y;
    snprintf(f, sizeof f, "%s-day", name);
    d = req_form(rq, f);
    snprintf(f, sizeof f, "%s-month", name);
    m = req_form(rq, f);
    snprintf(f, sizeof f, "%s-year", name);
    y = req_form(rq, f);
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:{s:s}, s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}], s:o*}",
                  "id", name, "namePrefix", name, "fieldset", "legend", "text", legend, "classes", "govuk-fieldset__legend--s",
                  "hint", "text", "For example, 1 9 2026", "items", "name", "day", "classes", "govuk-input--width-2", "value", s(d),
                  "name", "month", "classes", "govuk-input--width-2", "value", s(m), "name", "year", "classes",
                  "govuk-input--width-4", "value", s(y), "errorMessage", form_error_message(fe, name));
    govuk_date_input(b, o);
    json_decref(o);
}

static void render_new(req *rq, resp *rs, int status, const form_errors *fe)
{
    buf b = BUF_INIT;
    json_t *o;
    const char *std = req_form(rq, "standard");
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Create a survey</h1><form method=\"post\" action=\"/voice/surveys\" novalidate>");
    page_csrf_field(rq, &b);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:o*}", "id", "title", "name", "title", "label", "text", "Title", "value",
                  s(req_form(rq, "title")), "errorMessage", form_error_message(fe, "title"));
    govuk_input(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:s, s:o*}", "id", "description", "name", "description", "label", "text",
                  "Introduction (optional)", "hint", "text", "Shown to people before the questions.", "value",
                  s(req_form(rq, "description")), "errorMessage", form_error_message(fe, "description"));
    govuk_textarea(&b, o);
    json_decref(o);
    date_field(&b, rq, "opens_on", "Opens on", fe);
    date_field(&b, rq, "closes_on", "Closes on", fe);
    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:[{s:s, s:s, s:{s:s}, s:b}]}", "name", "standard", "fieldset", "legend", "text",
                  "Questions", "classes", "govuk-fieldset__legend--s", "items", "value", "1", "text",
                  "Start with the standard question set", "hint", "text",
                  "The same questions every year, including \"How would you rate your experience of SEND services overall?\" "
                  "and \"Do you feel listened to?\", so the measures can be followed over time.",
                  "checked", status == 200 || (std && *std));
    govuk_checkboxes(&b, o);
    json_decref(o);
    voice_form_page_end(rq, rs, &b, "Create survey", status, "Create a survey", fe);
    buf_free(&b);
}

void voice_surveys_new(req *rq, resp *rs)
{
    form_errors fe = {0};
    render_new(rq, rs, 200, &fe);
    form_errors_free(&fe);
}

void voice_surveys_create(req *rq, resp *rs)
{
    form_errors fe = {0};
    char *title = form_text(rq, "title", "a title", 1, 200, &fe), *desc = form_text(rq, "description", "the introduction", 0, 2000, &fe);
    char opens[11], closes[11], id[IDS_UUID_LEN];
    int rc;
    form_date(rq, "opens_on", "the date it opens", 1, opens, &fe);
    form_date(rq, "closes_on", "the date it closes", 1, closes, &fe);
    if (*opens && *closes && strcmp(closes, opens) < 0) form_error(&fe, "closes_on", "The closing date must be on or after the opening date");
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else render_new(rq, rs, 400, &fe);
        goto done;
    }
    if ((rc = db_begin(rq->db)) != DB_OK ||
        (rc = voice_survey_create(rq->db, title, desc, opens, closes, voice_form_yes(rq, "standard"),
                                  voice_form_yes(rq, "published"), id)) != DB_OK ||
        (rc = db_commit(rq->db)) != DB_OK) {
        db_rollback(rq->db);
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "create", "survey", id, NULL);
    if (rq->is_api) resp_json(rs, 201, json_pack("{s:s, s:s, s:s, s:s}", "id", id, "title", title, "opens_on", opens, "closes_on", closes));
    else voice_redirect_to(rs, "/voice/surveys/", id);
done:
    free(title);
    free(desc);
    form_errors_free(&fe);
}

static void render_edit(req *rq, resp *rs, struct survey *sv, int status, const form_errors *fe)
{
    buf b = BUF_INIT;
    json_t *o, *rows, *items;
    size_t i;
    int k;
    form_error_summary(&b, fe);
    buf_add(&b, "<span class=\"govuk-caption-l\">Survey</span><h1 class=\"govuk-heading-l\">");
    html_txt(&b, sv->title);
    buf_add(&b, "</h1>");
    rows = json_array();
    json_array_append_new(rows, voice_row("Opens", sv->opens_on));
    json_array_append_new(rows, voice_row("Closes", sv->closes_on));
    json_array_append_new(rows, voice_row("State", sv->published ? (survey_open(sv) ? "Published and open" : "Published, not open today") : "Draft"));
    {
        buf link = BUF_INIT;
        buf_add(&link, "<a class=\"govuk-link\" href=\"/surveys/");
        html_attr(&link, sv->id);
        buf_add(&link, "\">/surveys/");
        html_txt(&link, sv->id);
        buf_add(&link, "</a>");
        json_array_append_new(rows, json_pack("{s:{s:s}, s:{s:s}}", "key", "text", "Public link", "value", "html", buf_str(&link)));
        buf_free(&link);
    }
    o = json_pack("{s:o}", "rows", rows);
    govuk_summary_list(&b, o);
    json_decref(o);
    buf_add(&b, "<form method=\"post\" action=\"/voice/surveys/");
    html_attr(&b, sv->id);
    buf_add(&b, "/publish\">");
    page_csrf_field(rq, &b);
    buf_printf(&b, "<input type=\"hidden\" name=\"published\" value=\"%d\">", sv->published ? 0 : 1);
    govuk_button(&b, o = json_pack("{s:s, s:s}", "text", sv->published ? "Unpublish" : "Publish", "classes", "govuk-button--secondary"));
    json_decref(o);
    buf_add(&b, "</form><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/voice/surveys/");
    html_attr(&b, sv->id);
    buf_add(&b, "/results\">See the results</a></p><h2 class=\"govuk-heading-m\">Questions</h2>");
    rows = json_array();
    {
        int64_t nresp = 0;
        int changeable = db_query_int64(rq->db, &nresp, "SELECT COUNT(*) FROM voice_responses WHERE survey_id = ?", 1, sv->id) >= 0 && nresp == 0;
        for (i = 0; i < sv->nq; i++) {
            buf opts = BUF_INIT, act = BUF_INIT;
            size_t j;
            json_t *row;
            for (j = 0; j < sv->qs[i].nopts; j++) {
                if (j) buf_add(&opts, "; ");
                buf_add(&opts, opt_label(&sv->qs[i], j));
            }
            row = json_pack("[{s:I}, {s:s}, {s:s}, {s:s}, {s:s}]", "text", (json_int_t)sv->qs[i].position,
                            "text", sv->qs[i].text, "text", sv->qs[i].kind, "text", buf_str(&opts), "text",
                            sv->qs[i].required ? "Yes" : "No");
            if (changeable) {
                buf_add(&act, "<a class=\"govuk-link\" href=\"/voice/surveys/");
                html_attr(&act, sv->id);
                buf_add(&act, "/questions/");
                html_attr(&act, sv->qs[i].id);
                buf_printf(&act, "/edit\">Change<span class=\"govuk-visually-hidden\"> question %d</span></a>"
                                 "<form method=\"post\" class=\"app-voice-inline\" action=\"/voice/surveys/", sv->qs[i].position);
                html_attr(&act, sv->id);
                buf_add(&act, "/questions/");
                html_attr(&act, sv->qs[i].id);
                buf_add(&act, "/delete\">");
                page_csrf_field(rq, &act);
                buf_printf(&act, "<button type=\"submit\" class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
                                 "Remove<span class=\"govuk-visually-hidden\"> question %d</span></button></form>", sv->qs[i].position);
                json_array_append_new(row, json_pack("{s:s}", "html", buf_str(&act)));
            }
            json_array_append_new(rows, row);
            buf_free(&opts);
            buf_free(&act);
        }
        if (changeable)
            o = json_pack("{s:s, s:[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}], s:o}", "caption", "Questions in order", "head", "text", "Number",
                          "text", "Question", "text", "Type", "text", "Choices", "text", "Required", "text", "Change", "rows", rows);
        else
            o = json_pack("{s:s, s:[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}], s:o}", "caption", "Questions in order", "head", "text", "Number",
                          "text", "Question", "text", "Type", "text", "Choices", "text", "Required", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
        if (!changeable)
            buf_add(&b, "<p class=\"govuk-body\">This survey has responses, so its questions can no longer be changed or removed. "
                        "You can still add questions.</p>");
    }
    buf_add(&b, "<h2 class=\"govuk-heading-m\">Add a question</h2><form method=\"post\" action=\"/voice/surveys/");
    html_attr(&b, sv->id);
    buf_add(&b, "/questions\" novalidate>");
    page_csrf_field(rq, &b);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:o*}", "id", "text", "name", "text", "label", "text", "Question", "value",
                  s(req_form(rq, "text")), "errorMessage", form_error_message(fe, "text"));
    govuk_input(&b, o);
    json_decref(o);
    items = json_array();
    {
        static const char *const kl[] = {"Scale (very poor to very good)", "Single choice", "Multiple choice", "Free text"};
        const char *sel = req_form(rq, "kind");
        for (k = 0; kinds[k]; k++)
            json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", kinds[k], "text", kl[k], "checked", sel && strcmp(sel, kinds[k]) == 0));
    }
    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "kind", "fieldset", "legend", "text", "Type of answer", "classes",
                  "govuk-fieldset__legend--s", "items", items, "errorMessage", form_error_message(fe, "kind"));
    govuk_radios(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:s, s:o*}", "id", "options", "name", "options", "label", "text",
                  "Choices (for single and multiple choice)", "hint", "text", "One per line, at least 2.", "value",
                  s(req_form(rq, "options")), "errorMessage", form_error_message(fe, "options"));
    govuk_textarea(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:[{s:s, s:s}], s:{s:{s:s, s:s}}}", "name", "required", "classes", "govuk-checkboxes--small", "items",
                  "value", "1", "text", "People must answer this question", "fieldset", "legend", "text", "Required",
                  "classes", "govuk-fieldset__legend--s");
    govuk_checkboxes(&b, o);
    json_decref(o);
    govuk_button(&b, o = json_pack("{s:s}", "text", "Add question"));
    json_decref(o);
    buf_add(&b, "</form>");
    page_render_ex(rq, rs, status, sv->title, buf_str(&b), form_has_errors(fe));
    buf_free(&b);
}

/* Loads the survey named in the path or writes a 404/error. 1 when loaded. */
static int load_or_fail(req *rq, resp *rs, struct survey *sv, int public_view)
{
    int rc = survey_load(rq->db, req_param(rq, "id"), sv);
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        return 0;
    }
    if (rc != DB_ROW || (public_view && !sv->published && !(rq->user && (rq->user->role & ACCESS_PARTNERS)))) {
        resp_error(rq, rs, 404, "not_found", "There is no survey at this address. Check the link you were given.", NULL);
        survey_free(sv);
        return 0;
    }
    return 1;
}

void voice_surveys_edit(req *rq, resp *rs)
{
    form_errors fe = {0};
    struct survey sv;
    if (load_or_fail(rq, rs, &sv, 0)) render_edit(rq, rs, &sv, 200, &fe);
    survey_free(&sv);
    form_errors_free(&fe);
}

/*
 * Reads a question's text, kind and choices from the form, adding errors to
 * fe (a choice question needs 2 to MAX_OPT choices). *text and *options are
 * new strings and *storage the split choices' buffer (caller frees all
 * three); *kind is borrowed. 1 when the kind is a choice (single/multiple).
 */
static int read_question(req *rq, form_errors *fe, char **text, const char **kind, char **options, char **storage)
{
    const char *opts[MAX_OPT + 1];
    int choice;
    *text = form_text(rq, "text", "the question", 1, 300, fe);
    *kind = form_choice(rq, "kind", "the type of answer", 1, kinds, fe);
    *options = form_text(rq, "options", "the choices", 0, 2000, fe);
    choice = *kind && (strcmp(*kind, "single") == 0 || strcmp(*kind, "multiple") == 0);
    if (choice) {
        size_t n = voice_stats_split_options(*options, storage, opts, MAX_OPT + 1);
        if (n < 2) form_error(fe, "options", "Enter at least 2 choices, one per line");
        else if (n > MAX_OPT) form_error(fe, "options", "Enter 20 choices or fewer");
    }
    return choice;
}

void voice_surveys_add_question(req *rq, resp *rs)
{
    form_errors fe = {0};
    struct survey sv;
    char *text = NULL, *options = NULL, *storage = NULL;
    const char *kind;
    int rc, choice;
    if (!load_or_fail(rq, rs, &sv, 0)) goto done;
    choice = read_question(rq, &fe, &text, &kind, &options, &storage);
    if (sv.nq >= MAX_Q) form_error(&fe, "text", "A survey can have up to 50 questions");
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else render_edit(rq, rs, &sv, 400, &fe);
        goto done;
    }
    if ((rc = voice_survey_add_question(rq->db, sv.id, kind, text, choice ? options : "",
                                        voice_form_yes(rq, "required"), NULL)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "update", "survey", sv.id, "question added");
    if (rq->is_api) resp_json(rs, 201, json_pack("{s:s, s:s, s:s}", "survey_id", sv.id, "kind", kind, "text", text));
    else voice_redirect_to(rs, "/voice/surveys/", sv.id);
done:
    free(text);
    free(options);
    free(storage);
    survey_free(&sv);
    form_errors_free(&fe);
}

/* ---- change or remove a question (only while the survey has no responses) ---- */

/* Finds the question named by {qid} in sv; NULL after writing a 404. */
static struct q *find_question(req *rq, resp *rs, struct survey *sv)
{
    const char *qid = req_param(rq, "qid");
    size_t i;
    for (i = 0; qid && i < sv->nq; i++)
        if (strcmp(sv->qs[i].id, qid) == 0) return &sv->qs[i];
    resp_error(rq, rs, 404, "not_found", "There is no such question in this survey.", NULL);
    return NULL;
}

/* 0 when the survey has no responses yet; else writes 409 (or the DB
 * error) and returns -1. */
static int refuse_if_answered(req *rq, resp *rs, const struct survey *sv)
{
    int64_t n = 0;
    int rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM voice_responses WHERE survey_id = ?", 1, sv->id);
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        return -1;
    }
    if (n > 0) {
        resp_error(rq, rs, 409, "has_responses",
                   "This survey already has responses, so its questions cannot be changed or removed: the answers people gave would no "
                   "longer match. Add a new question, or start a new survey.", NULL);
        return -1;
    }
    return 0;
}

/*
 * Loads the survey and the question named in the path, while the survey has
 * no responses. NULL after writing the error; sv is the caller's to free
 * (survey_free) either way, and the question is sv's.
 */
static struct q *load_open_question(req *rq, resp *rs, struct survey *sv)
{
    struct q *q = NULL;
    if (load_or_fail(rq, rs, sv, 0) && (q = find_question(rq, rs, sv)) && refuse_if_answered(rq, rs, sv) != 0) q = NULL;
    return q;
}

static void render_question_edit(req *rq, resp *rs, const struct survey *sv, const struct q *q, int status, const form_errors *fe)
{
    buf b = BUF_INIT, optv = BUF_INIT;
    json_t *o, *items = json_array();
    const char *text = req_form(rq, "text"), *sel = req_form(rq, "kind"), *opts = req_form(rq, "options");
    int posted = text != NULL, k, required = posted ? (req_form(rq, "required") && strcmp(req_form(rq, "required"), "1") == 0) : q->required;
    size_t j;
    static const char *const kl[] = {"Scale (very poor to very good)", "Single choice", "Multiple choice", "Free text"};
    if (!posted) {
        text = q->text;
        sel = q->kind;
        if (strcmp(q->kind, "scale") != 0)
            for (j = 0; j < q->nopts; j++) {
                if (j) buf_add(&optv, "\n");
                buf_add(&optv, q->opts[j]);
            }
        opts = buf_str(&optv);
    }
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    buf_add(&b, "<span class=\"govuk-caption-l\">");
    html_txt(&b, sv->title);
    buf_printf(&b, "</span><h1 class=\"govuk-heading-l\">Change question %d</h1><form method=\"post\" action=\"/voice/surveys/", q->position);
    html_attr(&b, sv->id);
    buf_add(&b, "/questions/");
    html_attr(&b, q->id);
    buf_add(&b, "/edit\" novalidate>");
    page_csrf_field(rq, &b);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:o*}", "id", "text", "name", "text", "label", "text", "Question", "value", s(text),
                  "errorMessage", form_error_message(fe, "text"));
    govuk_input(&b, o);
    json_decref(o);
    for (k = 0; kinds[k]; k++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", kinds[k], "text", kl[k], "checked", sel && strcmp(sel, kinds[k]) == 0));
    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "kind", "fieldset", "legend", "text", "Type of answer", "classes",
                  "govuk-fieldset__legend--s", "items", items, "errorMessage", form_error_message(fe, "kind"));
    govuk_radios(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:s, s:o*}", "id", "options", "name", "options", "label", "text",
                  "Choices (for single and multiple choice)", "hint", "text", "One per line, at least 2.", "value", s(opts),
                  "errorMessage", form_error_message(fe, "options"));
    govuk_textarea(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:[{s:s, s:s, s:b}], s:{s:{s:s, s:s}}}", "name", "required", "classes", "govuk-checkboxes--small", "items",
                  "value", "1", "text", "People must answer this question", "checked", required, "fieldset", "legend", "text", "Required",
                  "classes", "govuk-fieldset__legend--s");
    govuk_checkboxes(&b, o);
    json_decref(o);
    govuk_button(&b, o = json_pack("{s:s}", "text", "Save question"));
    json_decref(o);
    buf_add(&b, "</form><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/voice/surveys/");
    html_attr(&b, sv->id);
    buf_add(&b, "\">Back to the survey</a></p></div></div>");
    page_render_ex(rq, rs, status, "Change a question", buf_str(&b), form_has_errors(fe));
    buf_free(&b);
    buf_free(&optv);
}

void voice_surveys_question_edit(req *rq, resp *rs)
{
    form_errors fe = {0};
    struct survey sv;
    struct q *q;
    if (!(q = load_open_question(rq, rs, &sv))) goto done;
    render_question_edit(rq, rs, &sv, q, 200, &fe);
done:
    survey_free(&sv);
    form_errors_free(&fe);
}

void voice_surveys_question_update(req *rq, resp *rs)
{
    form_errors fe = {0};
    struct survey sv;
    struct q *q;
    char *text = NULL, *options = NULL, *storage = NULL;
    const char *kind;
    int rc, choice;
    if (!(q = load_open_question(rq, rs, &sv))) goto done;
    choice = read_question(rq, &fe, &text, &kind, &options, &storage);
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else render_question_edit(rq, rs, &sv, q, 400, &fe);
        goto done;
    }
    rc = db_query_text(rq->db, NULL, "UPDATE voice_questions SET kind = ?, text = ?, options = ?, required = CAST(? AS INTEGER) WHERE id = ? AND survey_id = ?", 6,
                       kind, text, choice ? options : "", voice_form_yes(rq, "required") ? "1" : "0", q->id, sv.id);
    if (rc >= 0) rc = audit_log(rq, rs, "update", "survey", sv.id, "question changed");
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    if (rq->is_api) resp_json(rs, 200, json_pack("{s:s, s:s, s:s, s:s, s:i}", "id", q->id, "survey_id", sv.id, "kind", kind, "text", text, "position", q->position));
    else voice_redirect_to(rs, "/voice/surveys/", sv.id);
done:
    free(text);
    free(options);
    free(storage);
    survey_free(&sv);
    form_errors_free(&fe);
}

void voice_surveys_question_delete(req *rq, resp *rs)
{
    struct survey sv;
    struct q *q;
    char pos[16];
    int rc;
    if (!(q = load_open_question(rq, rs, &sv))) goto done;
    snprintf(pos, sizeof pos, "%d", q->position);
    if ((rc = db_begin(rq->db)) < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    rc = db_query_text(rq->db, NULL, "DELETE FROM voice_questions WHERE id = ? AND survey_id = ?", 2, q->id, sv.id);
    if (rc >= 0) rc = db_query_text(rq->db, NULL, "UPDATE voice_questions SET position = position - 1 WHERE survey_id = ? AND position > CAST(? AS INTEGER)", 2, sv.id, pos);
    if (rc >= 0) rc = audit_log(rq, rs, "delete", "survey", sv.id, "question removed");
    if (rc >= 0) rc = db_commit(rq->db);
    else db_rollback(rq->db);
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    if (rq->is_api) resp_json(rs, 200, json_pack("{s:s, s:s, s:b}", "id", q->id, "survey_id", sv.id, "deleted", 1));
    else voice_redirect_to(rs, "/voice/surveys/", sv.id);
done:
    survey_free(&sv);
}

void voice_surveys_publish(req *rq, resp *rs)
{
    struct survey sv;
    int on = voice_form_yes(rq, "published"), rc;
    char now[21];
    if (!load_or_fail(rq, rs, &sv, 0)) return;
    if (on && sv.nq == 0) {
        resp_error(rq, rs, 400, "invalid", "Add at least one question before publishing the survey.", "published");
        goto done;
    }
    ids_now_iso(now);
    if ((rc = db_query_text(rq->db, NULL, "UPDATE voice_surveys SET published = ?, updated_at = ? WHERE id = ?", 3, on ? "1" : "0", now, sv.id)) < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "update", "survey", sv.id, on ? "published" : "unpublished");
    if (rq->is_api) resp_json(rs, 200, json_pack("{s:s, s:b}", "id", sv.id, "published", on));
    else voice_redirect_to(rs, "/voice/surveys/", sv.id);
done:
    survey_free(&sv);
}

/* ---- public: answer a survey ------------------------------------------------------ */

static void qname(const struct q *q, char out[16])
{
    snprintf(out, 16, "q%d", q->position);
}

static void render_public(req *rq, resp *rs, struct survey *sv, int status, const form_errors *fe)
{
    buf b = BUF_INIT;
    json_t *o, *items;
    size_t i, j;
    char name[16];
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">");
    html_txt(&b, sv->title);
    buf_add(&b, "</h1>");
    if (!survey_open(sv)) {
        char today[11];
        date_format(date_today(), today);
        buf_add(&b, "<p class=\"govuk-body\">");
        buf_add(&b, strcmp(today, sv->opens_on) < 0 ? "This survey is not open yet. It opens on " : "This survey is closed. It closed on ");
        html_txt(&b, strcmp(today, sv->opens_on) < 0 ? sv->opens_on : sv->closes_on);
        buf_add(&b, ".</p><p class=\"govuk-body\">You can still <a class=\"govuk-link\" href=\"/feedback\">tell us about your experience</a>.</p></div></div>");
        page_render(rq, rs, status == 200 ? 200 : status, sv->title, buf_str(&b));
        goto done;
    }
    if (*sv->description) voice_paragraphs(&b, sv->description);
    buf_add(&b, "<p class=\"govuk-body\">You do not need an account and we do not ask for your name. Questions marked (optional) can be left out.</p>"
                "<form method=\"post\" action=\"/surveys/");
    html_attr(&b, sv->id);
    buf_add(&b, "\" novalidate>");
    page_csrf_field(rq, &b);
    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "area", "fieldset", "legend", "text", "Which council area do you live in?",
                  "classes", "govuk-fieldset__legend--m", "items", voice_area_items(rq->db, req_form(rq, "area")), "errorMessage",
                  form_error_message(fe, "area"));
    govuk_radios(&b, o);
    json_decref(o);
    items = json_array();
    for (i = 0; voice_respondent_codes[i]; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", voice_respondent_codes[i], "text",
                                               voice_respondent_label(voice_respondent_codes[i]), "checked",
                                               req_form(rq, "respondent") && strcmp(req_form(rq, "respondent"), voice_respondent_codes[i]) == 0));
    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "respondent", "fieldset", "legend", "text",
                  "Are you a parent carer or a young person? (optional)", "classes", "govuk-fieldset__legend--m", "items", items,
                  "errorMessage", form_error_message(fe, "respondent"));
    govuk_radios(&b, o);
    json_decref(o);
    for (i = 0; i < sv->nq; i++) {
        struct q *q = &sv->qs[i];
        buf legend = BUF_INIT;
        buf_add(&legend, q->text);
        if (!q->required) buf_add(&legend, " (optional)");
        qname(q, name);
        if (strcmp(q->kind, "text") == 0) {
            o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:o*}", "id", name, "name", name, "label", "text", buf_str(&legend),
                          "classes", "govuk-label--m", "value", s(req_form(rq, name)), "errorMessage", form_error_message(fe, name));
            govuk_textarea(&b, o);
        } else {
            const char *vals[MAX_OPT];
            size_t nv = form_values(rq, name, vals, MAX_OPT), k;
            items = json_array();
            for (j = 0; j < q->nopts; j++) {
                int checked = 0;
                for (k = 0; k < nv; k++) checked |= strcmp(vals[k], q->opts[j]) == 0;
                json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", q->opts[j], "text", opt_label(q, j), "checked", checked));
            }
            o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", name, "fieldset", "legend", "text", buf_str(&legend),
                          "classes", "govuk-fieldset__legend--m", "items", items, "errorMessage", form_error_message(fe, name));
            if (strcmp(q->kind, "multiple") == 0) {
                json_object_set_new(o, "hint", json_pack("{s:s}", "text", "Select all that apply."));
                govuk_checkboxes(&b, o);
            } else {
                govuk_radios(&b, o);
            }
        }
        json_decref(o);
        buf_free(&legend);
    }
    voice_honeypot(&b);
    voice_form_page_end(rq, rs, &b, "Send answers", status, sv->title, fe);
done:
    buf_free(&b);
}

void voice_surveys_public_get(req *rq, resp *rs)
{
    form_errors fe = {0};
    struct survey sv;
    if (load_or_fail(rq, rs, &sv, 1)) render_public(rq, rs, &sv, 200, &fe);
    survey_free(&sv);
    form_errors_free(&fe);
}

struct answer { size_t q; const char *value; char *owned; };

/* Validates a response; fills ans (up to max) and returns how many. */
static size_t collect(req *rq, struct survey *sv, form_errors *fe, struct answer *ans, size_t max, const char **area,
                      const char **respondent)
{
    size_t i, j, k, n = 0;
    int64_t c = 0;
    char name[16];
    *area = req_form(rq, "area");
    if (!*area || !**area) {
        form_error(fe, "area", "Select which council area you live in");
        *area = NULL;
    } else if (!ids_is_uuid(*area) || db_query_int64(rq->db, &c, "SELECT COUNT(*) FROM areas WHERE id = ?", 1, *area) < 0 || c == 0) {
        form_error(fe, "area", "Select a council area from the list");
        *area = NULL;
    }
    *respondent = form_choice(rq, "respondent", "who you are", 0, voice_respondent_codes, fe);
    for (i = 0; i < sv->nq; i++) {
        struct q *q = &sv->qs[i];
        buf msg = BUF_INIT;
        qname(q, name);
        if (strcmp(q->kind, "text") == 0) {
            char *t = form_text(rq, name, "your answer", q->required, VOICE_TEXT_MAX, fe);
            if (*t && n < max) {
                ans[n].q = i;
                ans[n].value = t;
                ans[n++].owned = t;
            } else {
                free(t);
            }
        } else {
            const char *vals[MAX_OPT + 1];
            size_t nv = form_values(rq, name, vals, MAX_OPT + 1), good = 0;
            for (k = 0; k < nv; k++) {
                if (!*vals[k]) continue;
                for (j = 0; j < q->nopts && strcmp(vals[k], q->opts[j]) != 0; j++) ;
                if (j == q->nopts || (strcmp(q->kind, "multiple") != 0 && good > 0) || nv > MAX_OPT) {
                    form_error(fe, name, "Select an answer from the list");
                    break;
                }
                good++;
                if (n < max) {
                    ans[n].q = i;
                    ans[n].value = q->opts[j];
                    ans[n++].owned = NULL;
                }
            }
            if (!good && q->required) {
                buf_printf(&msg, "Answer the question: %s", q->text);
                form_error(fe, name, buf_str(&msg));
            }
        }
        buf_free(&msg);
    }
    if (voice_honeypot_filled(rq)) form_error(fe, "website", "Leave the last field empty");
    return n;
}

/* Saves a response. Returns DB_OK or an error; response_id filled. */
static int save_response(req *rq, struct survey *sv, struct answer *ans, size_t n, const char *area, const char *respondent,
                         char response_id[IDS_UUID_LEN])
{
    char now[21];
    size_t i;
    int rc;
    ids_uuid(response_id);
    ids_now_iso(now);
    if ((rc = db_begin(rq->db)) != DB_OK) return rc;
    if ((rc = db_query_text(rq->db, NULL, "INSERT INTO voice_responses (id, survey_id, area_id, respondent, created_at) VALUES (?, ?, ?, ?, ?)",
                            5, response_id, sv->id, area, respondent, now)) < 0) goto fail;
    for (i = 0; i < n; i++)
        if ((rc = db_query_text(rq->db, NULL, "INSERT INTO voice_answers (response_id, question_id, value) VALUES (?, ?, ?)", 3,
                                response_id, sv->qs[ans[i].q].id, ans[i].value)) < 0) goto fail;
    if ((rc = voice_rate_record(rq->db, "survey", rq->remote, date_now())) != DB_OK) goto fail;
    return db_commit(rq->db);
fail:
    db_rollback(rq->db);
    return rc;
}

/* The shared path of the form and the API. */
static void respond(req *rq, resp *rs)
{
    form_errors fe = {0};
    struct survey sv;
    struct answer ans[MAX_Q * MAX_OPT];
    const char *area = NULL, *respondent = NULL;
    char rid[IDS_UUID_LEN];
    size_t n = 0, i;
    int rc;
    if (!load_or_fail(rq, rs, &sv, 1)) goto out;
    if (!survey_open(&sv)) {
        if (rq->is_api) resp_error(rq, rs, 409, "closed", "This survey is closed.", NULL);
        else render_public(rq, rs, &sv, 409, &fe);
        goto done;
    }
    n = collect(rq, &sv, &fe, ans, sizeof ans / sizeof ans[0], &area, &respondent);
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else render_public(rq, rs, &sv, 400, &fe);
        goto done;
    }
    rc = voice_rate_allowed(rq->db, "survey", rq->remote, date_now(), voice_rate_max(rq->db));
    if (rc <= 0) {
        if (rc < 0) resp_db_error(rq, rs, rc);
        else resp_error(rq, rs, 429, "rate_limited", "You have sent a lot of answers in a short time. Wait 10 minutes and try again. Nothing you entered has been saved.", NULL);
        goto done;
    }
    if ((rc = save_response(rq, &sv, ans, n, area, respondent, rid)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "create", "survey_response", rid, NULL);
    if (rq->is_api) {
        resp_json(rs, 201, json_pack("{s:s, s:s, s:i}", "id", rid, "survey_id", sv.id, "answers", (int)n));
    } else {
        buf b = BUF_INIT;
        json_t *o = json_pack("{s:s, s:s}", "titleText", "Thank you", "text", "Your answers have been sent");
        buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
        govuk_panel(&b, o);
        json_decref(o);
        buf_add(&b, "<p class=\"govuk-body\">We read every response. What families tell us, and what we do about it, is published on "
                    "<a class=\"govuk-link\" href=\"/you-said-we-did\">You said, we did</a>.</p></div></div>");
        page_render(rq, rs, 200, "Thank you", buf_str(&b));
        buf_free(&b);
    }
done:
    for (i = 0; i < n; i++) free(ans[i].owned);
    survey_free(&sv);
out:
    form_errors_free(&fe);
}

void voice_surveys_public_post(req *rq, resp *rs) { respond(rq, rs); }
void voice_surveys_api_respond(req *rq, resp *rs) { respond(rq, rs); }

/* ---- results -------------------------------------------------------------------------- */

/* Counts for one question, optionally within a group (col = "area_id" or
 * "respondent"; val NULL means "not given"). Fills out[0..nopts). */
static int tally(db *d, const struct q *q, const char *col, const char *val, int grouped, struct voice_stat *out, int64_t *answered)
{
    db_stmt *st = NULL;
    buf sql = BUF_INIT, where = BUF_INIT;
    const char *values[64];
    int64_t counts[64];
    char *owned[64];
    size_t n = 0, i;
    int rc;
    *answered = 0;
    buf_add(&where, " FROM voice_answers a JOIN voice_responses r ON r.id = a.response_id WHERE a.question_id = ?");
    if (grouped) {
        if (val) buf_printf(&where, " AND r.%s = ?", col);
        else buf_printf(&where, " AND r.%s IS NULL", col);
    }
    buf_printf(&sql, "SELECT COUNT(DISTINCT a.response_id)%s", buf_str(&where));
    rc = grouped && val ? db_query_int64(d, answered, buf_str(&sql), 2, q->id, val) : db_query_int64(d, answered, buf_str(&sql), 1, q->id);
    if (rc < 0) goto done;
    buf_reset(&sql);
    buf_printf(&sql, "SELECT a.value, COUNT(*)%s GROUP BY a.value", buf_str(&where));
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    db_bind_text(st, 1, q->id);
    if (grouped && val) db_bind_text(st, 2, val);
    while ((rc = db_step(st)) == DB_ROW && n < 64) {
        owned[n] = xstrdup(s(db_col_text(st, 0)));
        values[n] = owned[n];
        counts[n++] = db_col_int64(st, 1);
    }
    if (rc == DB_DONE || rc == DB_ROW) rc = DB_OK;
    voice_stats_tally(q->opts, q->nopts, values, counts, n, *answered, out);
    for (i = 0; i < n; i++) free(owned[i]);
done:
    db_finalize(st);
    buf_free(&sql);
    buf_free(&where);
    return rc;
}

/* A horizontal bar chart as inline SVG (no style attributes: classes from
 * app.css). The table that follows holds the same figures. */
static void bar_chart(buf *b, const struct q *q, const struct voice_stat *st, const char *title_id)
{
    size_t i;
    int h = (int)q->nopts * 28 + 8;
    buf_printf(b, "<svg class=\"app-chart app-voice-chart\" role=\"img\" aria-labelledby=\"%s\" viewBox=\"0 0 600 %d\" width=\"600\" height=\"%d\">"
                  "<title id=\"%s\">Bar chart of the answers; the table below gives the same figures</title>", title_id, h, h, title_id);
    for (i = 0; i < q->nopts; i++) {
        int y = 4 + (int)i * 28;
        double w = st[i].percent * 3.2;
        buf_add(b, "<text class=\"app-voice-chart__label\" x=\"0\" y=\"");
        buf_printf(b, "%d\">", y + 17);
        html_txt(b, opt_label(q, i));
        buf_printf(b, "</text><rect class=\"app-chart__bar\" x=\"200\" y=\"%d\" width=\"%.1f\" height=\"22\"></rect>"
                      "<text class=\"app-voice-chart__value\" x=\"%.1f\" y=\"%d\">%.1f%%</text>", y, w, 206 + w, y + 17, st[i].percent);
    }
    buf_add(b, "</svg>");
}

struct group { char *value, *label; };

static size_t load_groups(db *d, const char *by, struct group *g, size_t max)
{
    size_t n = 0, i;
    if (strcmp(by, "area") == 0) {
        db_stmt *st = NULL;
        if (db_prepare(d, "SELECT id, name FROM areas ORDER BY name", &st) == DB_OK)
            while (db_step(st) == DB_ROW && n < max) {
                g[n].value = xstrdup(db_col_text(st, 0));
                g[n++].label = xstrdup(db_col_text(st, 1));
            }
        db_finalize(st);
    } else {
        for (i = 0; voice_respondent_codes[i] && n < max; i++) {
            g[n].value = xstrdup(voice_respondent_codes[i]);
            g[n++].label = xstrdup(voice_respondent_label(voice_respondent_codes[i]));
        }
    }
    if (n < max) {
        g[n].value = NULL;
        g[n++].label = xstrdup("Not given");
    }
    return n;
}

static void groups_free(struct group *g, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        free(g[i].value);
        free(g[i].label);
    }
}

static void text_answers(req *rq, buf *b, const struct survey *sv, const struct q *q)
{
    db_stmt *st = NULL, *th = NULL;
    json_t *themes = json_array();
    int n = 0;
    if (db_prepare(rq->db, "SELECT id, name FROM voice_themes ORDER BY name", &th) == DB_OK)
        while (db_step(th) == DB_ROW) json_array_append_new(themes, json_pack("{s:s, s:s}", "value", s(db_col_text(th, 0)), "text", s(db_col_text(th, 1))));
    db_finalize(th);
    buf_add(b, "<ul class=\"govuk-list app-voice-answers\">");
    if (db_prepare(rq->db, "SELECT a.id, a.value, a.theme_id FROM voice_answers a WHERE a.question_id = ? ORDER BY a.id LIMIT 200", &st) == DB_OK) {
        db_bind_text(st, 1, q->id);
        while (db_step(st) == DB_ROW) {
            json_t *items = json_array(), *o;
            size_t k;
            char fid[48];
            const char *theme = db_col_text(st, 2);
            n++;
            json_array_append_new(items, json_pack("{s:s, s:s}", "value", "", "text", "No theme"));
            for (k = 0; k < json_array_size(themes); k++) {
                json_t *t = json_deep_copy(json_array_get(themes, k));
                json_object_set_new(t, "selected", json_boolean(theme && strcmp(theme, json_string_value(json_object_get(t, "value"))) == 0));
                json_array_append_new(items, t);
            }
            buf_add(b, "<li class=\"app-voice-answer\">");
            voice_paragraphs(b, db_col_text(st, 1));
            buf_printf(b, "<form method=\"post\" class=\"app-voice-tag\" action=\"/voice/surveys/%s/answers/%lld/theme\">", sv->id,
                       (long long)db_col_int64(st, 0));
            page_csrf_field(rq, b);
            snprintf(fid, sizeof fid, "theme-%lld", (long long)db_col_int64(st, 0));
            o = json_pack("{s:s, s:s, s:{s:s}, s:o, s:s}", "id", fid, "name", "theme_id", "label", "text", "Theme", "items", items,
                          "formGroup", "");
            json_object_set_new(o, "formGroup", json_pack("{s:s}", "classes", "app-voice-tag__group"));
            govuk_select(b, o);
            json_decref(o);
            buf_printf(b, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary app-voice-tag__button\" data-module=\"govuk-button\">"
                          "Tag<span class=\"govuk-visually-hidden\"> answer %d</span></button></form></li>", n);
        }
    }
    db_finalize(st);
    buf_add(b, "</ul>");
    if (!n) buf_add(b, "<p class=\"govuk-body\">No answers yet.</p>");
    json_decref(themes);
}

void voice_surveys_results(req *rq, resp *rs)
{
    struct survey sv;
    buf b = BUF_INIT;
    const char *by = req_query(rq, "by");
    struct group groups[16];
    size_t ng = 0, i, g, j;
    int64_t total = 0;
    json_t *o;
    int rc = DB_OK;
    if (by && strcmp(by, "area") != 0 && strcmp(by, "respondent") != 0) by = NULL;
    if (!load_or_fail(rq, rs, &sv, 0)) return;
    if (by) ng = load_groups(rq->db, by, groups, 16);
    db_query_int64(rq->db, &total, "SELECT COUNT(*) FROM voice_responses WHERE survey_id = ?", 1, sv.id);
    buf_add(&b, "<span class=\"govuk-caption-l\">Survey results</span><h1 class=\"govuk-heading-l\">");
    html_txt(&b, sv.title);
    buf_printf(&b, "</h1><p class=\"govuk-body\">%lld responses. Percentages are of the people who answered each question.</p>", (long long)total);
    buf_printf(&b, "<p class=\"govuk-body\">Break down by: <a class=\"govuk-link\" href=\"/voice/surveys/%s/results\">nothing</a> &middot; "
                   "<a class=\"govuk-link\" href=\"/voice/surveys/%s/results?by=area\">area</a> &middot; "
                   "<a class=\"govuk-link\" href=\"/voice/surveys/%s/results?by=respondent\">respondent type</a> &middot; "
                   "<a class=\"govuk-link\" href=\"/voice/surveys/%s/results.csv\">Download the responses (CSV)</a></p>",
               sv.id, sv.id, sv.id, sv.id);
    for (i = 0; i < sv.nq && rc == DB_OK; i++) {
        struct q *q = &sv.qs[i];
        struct voice_stat st[MAX_OPT];
        int64_t answered = 0;
        char tid[32];
        buf_printf(&b, "<h2 class=\"govuk-heading-m\">%d. ", q->position);
        html_txt(&b, q->text);
        buf_add(&b, "</h2>");
        if (strcmp(q->kind, "text") == 0) {
            text_answers(rq, &b, &sv, q);
            continue;
        }
        if ((rc = tally(rq->db, q, NULL, NULL, 0, st, &answered)) != DB_OK) break;
        buf_printf(&b, "<p class=\"govuk-body\">%lld people answered.</p>", (long long)answered);
        snprintf(tid, sizeof tid, "chart-%d", q->position);
        bar_chart(&b, q, st, tid);
        {
            json_t *rows = json_array();
            for (j = 0; j < q->nopts; j++) {
                char pc[16];
                snprintf(pc, sizeof pc, "%.1f%%", st[j].percent);
                json_array_append_new(rows, json_pack("[{s:s}, {s:I, s:s}, {s:s, s:s}]", "text", opt_label(q, j), "text",
                                                      (json_int_t)st[j].count, "format", "numeric", "text", pc, "format", "numeric"));
            }
            o = json_pack("{s:s, s:s, s:[{s:s}, {s:s, s:s}, {s:s, s:s}], s:o}", "caption", q->text, "captionClasses",
                          "govuk-visually-hidden", "head", "text", "Answer", "text", "Count", "format", "numeric", "text",
                          "Percentage", "format", "numeric", "rows", rows);
            govuk_table(&b, o);
            json_decref(o);
        }
        if (by) {
            json_t *head = json_array(), *rows = json_array();
            struct voice_stat gs[16][MAX_OPT];
            int64_t gans[16];
            json_array_append_new(head, json_pack("{s:s}", "text", "Answer"));
            for (g = 0; g < ng && rc == DB_OK; g++) {
                rc = tally(rq->db, q, strcmp(by, "area") == 0 ? "area_id" : "respondent", groups[g].value, 1, gs[g], &gans[g]);
                json_array_append_new(head, json_pack("{s:s, s:s}", "text", groups[g].label, "format", "numeric"));
            }
            for (j = 0; j < q->nopts; j++) {
                json_t *row = json_array();
                json_array_append_new(row, json_pack("{s:s}", "text", opt_label(q, j)));
                for (g = 0; g < ng; g++) {
                    char cell[48];
                    snprintf(cell, sizeof cell, "%lld (%.1f%%)", (long long)gs[g][j].count, gs[g][j].percent);
                    json_array_append_new(row, json_pack("{s:s, s:s}", "text", cell, "format", "numeric"));
                }
                json_array_append_new(rows, row);
            }
            {
                buf cap = BUF_INIT;
                buf_printf(&cap, "By %s: count and percentage of those in each group who answered", strcmp(by, "area") == 0 ? "area" : "respondent type");
                o = json_pack("{s:s, s:s, s:o, s:o}", "caption", buf_str(&cap), "captionClasses", "govuk-table__caption--s", "head", head, "rows", rows);
                govuk_table(&b, o);
                json_decref(o);
                buf_free(&cap);
            }
        }
    }
    if (rc != DB_OK) resp_db_error(rq, rs, rc);
    else page_render(rq, rs, 200, "Survey results", buf_str(&b));
    audit_log(rq, rs, "view", "survey_results", sv.id, NULL);
    groups_free(groups, ng);
    survey_free(&sv);
    buf_free(&b);
}

static void csv_cell(buf *b, const char *v)
{
    const char *p;
    buf_addc(b, '"');
    if (v && (*v == '=' || *v == '+' || *v == '-' || *v == '@' || *v == '\t' || *v == '\r')) buf_addc(b, '\'');
    for (p = v ? v : ""; *p; p++) {
        if (*p == '"') buf_addc(b, '"');
        buf_addc(b, *p);
    }
    buf_addc(b, '"');
}

void voice_surveys_csv(req *rq, resp *rs)
{
    struct survey sv;
    buf b = BUF_INIT;
    db_stmt *st = NULL, *an = NULL;
    size_t i;
    int rc;
    if (!load_or_fail(rq, rs, &sv, 0)) return;
    buf_add(&b, "response_id,received,area,respondent");
    for (i = 0; i < sv.nq; i++) {
        buf_addc(&b, ',');
        csv_cell(&b, sv.qs[i].text);
    }
    buf_add(&b, "\r\n");
    if ((rc = db_prepare(rq->db, "SELECT r.id, r.created_at, a.name, r.respondent FROM voice_responses r LEFT JOIN areas a ON a.id = r.area_id "
                                 "WHERE r.survey_id = ? ORDER BY r.created_at, r.id", &st)) != DB_OK) goto dberr;
    db_bind_text(st, 1, sv.id);
    if ((rc = db_prepare(rq->db, "SELECT value FROM voice_answers WHERE response_id = ? AND question_id = ? ORDER BY id", &an)) != DB_OK) goto dberr;
    while ((rc = db_step(st)) == DB_ROW) {
        csv_cell(&b, db_col_text(st, 0));
        buf_addc(&b, ',');
        csv_cell(&b, db_col_text(st, 1));
        buf_addc(&b, ',');
        csv_cell(&b, db_col_text(st, 2));
        buf_addc(&b, ',');
        csv_cell(&b, voice_respondent_label(db_col_text(st, 3)));
        for (i = 0; i < sv.nq; i++) {
            buf cell = BUF_INIT;
            db_reset(an);
            db_bind_text(an, 1, db_col_text(st, 0));
            db_bind_text(an, 2, sv.qs[i].id);
            while (db_step(an) == DB_ROW) {
                if (cell.len) buf_add(&cell, "; ");
                buf_add(&cell, db_col_text(an, 0));
            }
            buf_addc(&b, ',');
            csv_cell(&b, buf_str(&cell));
            buf_free(&cell);
        }
        buf_add(&b, "\r\n");
    }
    if (rc != DB_DONE) goto dberr;
    audit_log(rq, rs, "export", "survey_results", sv.id, NULL);
    resp_text(rs, 200, "text/csv; charset=utf-8", buf_str(&b));
    resp_header(rs, "Content-Disposition", "attachment; filename=\"survey-results.csv\"");
    goto done;
dberr:
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    db_finalize(an);
    survey_free(&sv);
    buf_free(&b);
}

void voice_surveys_tag_answer(req *rq, resp *rs)
{
    const char *sid = req_param(rq, "id"), *aid = req_param(rq, "answer"), *theme = req_form(rq, "theme_id");
    int64_t n = 0;
    int rc;
    char *end = NULL;
    buf loc = BUF_INIT;
    if (!sid || !ids_is_uuid(sid) || !aid || !*aid || (strtoll(aid, &end, 10), *end)) {
        resp_error(rq, rs, 404, "not_found", "Not found", NULL);
        goto done;
    }
    if (theme && *theme && (!ids_is_uuid(theme) || db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM voice_themes WHERE id = ?", 1, theme) < 0 || n == 0)) {
        resp_error(rq, rs, 400, "invalid", "Select a theme from the list", "theme_id");
        goto done;
    }
    rc = db_query_text(rq->db, NULL, "UPDATE voice_answers SET theme_id = ? WHERE id = ? AND question_id IN "
                                     "(SELECT id FROM voice_questions WHERE survey_id = ? AND kind = 'text') RETURNING id",
                       3, theme && *theme ? theme : NULL, aid, sid);
    if (rc == DB_DONE) {
        resp_error(rq, rs, 404, "not_found", "Not found", NULL);
        goto done;
    }
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "update", "survey_answer", aid, "theme");
    buf_printf(&loc, "/voice/surveys/%s/results", sid);
    resp_redirect(rs, buf_str(&loc));
done:
    buf_free(&loc);
}

/* ---- API ---------------------------------------------------------------------------- */

void voice_surveys_api_list(req *rq, resp *rs)
{
    db_stmt *st = NULL;
    json_t *items = json_array();
    int staff = rq->user && (rq->user->role & ACCESS_PARTNERS), page = 1, per_page = 50, rc;
    int64_t total = 0;
    char today[11];
    date_format(date_today(), today);
    if (router_page_params(rq, rs, 50, 200, &page, &per_page) != 0) goto done;
    if ((rc = db_query_int64(rq->db, &total, "SELECT COUNT(*) FROM voice_surveys WHERE (? = '1' OR published = 1)", 1, staff ? "1" : "0")) < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    if ((rc = db_prepare(rq->db, "SELECT id, title, opens_on, closes_on, published FROM voice_surveys WHERE (? = '1' OR published = 1) "
                                 "ORDER BY opens_on DESC, id LIMIT ? OFFSET ?", &st)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    db_bind_text(st, 1, staff ? "1" : "0");
    db_bind_int64(st, 2, per_page);
    db_bind_int64(st, 3, (int64_t)(page - 1) * per_page);
    while (db_step(st) == DB_ROW) {
        const char *o = s(db_col_text(st, 2)), *c = s(db_col_text(st, 3));
        int pub = (int)db_col_int64(st, 4);
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:b, s:b}", "id", s(db_col_text(st, 0)), "title",
                                               s(db_col_text(st, 1)), "opens_on", o, "closes_on", c, "published", pub, "open",
                                               pub && strcmp(o, today) <= 0 && strcmp(today, c) <= 0));
    }
    resp_json(rs, 200, json_pack("{s:O, s:i, s:i, s:I}", "items", items, "page", page, "per_page", per_page, "total", (json_int_t)total));
done:
    db_finalize(st);
    json_decref(items);
}

void voice_surveys_api_get(req *rq, resp *rs)
{
    struct survey sv;
    json_t *qs = json_array();
    size_t i, j;
    if (!load_or_fail(rq, rs, &sv, 1)) {
        json_decref(qs);
        return;
    }
    for (i = 0; i < sv.nq; i++) {
        json_t *opts = json_array();
        char name[16];
        for (j = 0; j < sv.qs[i].nopts; j++)
            json_array_append_new(opts, json_pack("{s:s, s:s}", "value", sv.qs[i].opts[j], "label", opt_label(&sv.qs[i], j)));
        qname(&sv.qs[i], name);
        json_array_append_new(qs, json_pack("{s:s, s:s, s:i, s:s, s:s, s:b, s:o, s:s?}", "id", sv.qs[i].id, "field", name, "position",
                                            sv.qs[i].position, "kind", sv.qs[i].kind, "text", sv.qs[i].text, "required",
                                            sv.qs[i].required, "options", opts, "measure", sv.qs[i].measure));
    }
    resp_json(rs, 200, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:o}", "id", sv.id, "title", sv.title, "description",
                                 sv.description, "opens_on", sv.opens_on, "closes_on", sv.closes_on, "published", sv.published,
                                 "open", survey_open(&sv), "questions", qs));
    survey_free(&sv);
}

void voice_surveys_api_results(req *rq, resp *rs)
{
    struct survey sv;
    json_t *qs = json_array();
    size_t i, j;
    int64_t total = 0;
    int rc = DB_OK;
    if (!load_or_fail(rq, rs, &sv, 0)) {
        json_decref(qs);
        return;
    }
    db_query_int64(rq->db, &total, "SELECT COUNT(*) FROM voice_responses WHERE survey_id = ?", 1, sv.id);
    for (i = 0; i < sv.nq && rc == DB_OK; i++) {
        struct voice_stat st[MAX_OPT];
        int64_t answered = 0;
        json_t *opts = json_array();
        if (strcmp(sv.qs[i].kind, "text") != 0) {
            rc = tally(rq->db, &sv.qs[i], NULL, NULL, 0, st, &answered);
            for (j = 0; j < sv.qs[i].nopts; j++)
                json_array_append_new(opts, json_pack("{s:s, s:s, s:I, s:f}", "value", sv.qs[i].opts[j], "label", opt_label(&sv.qs[i], j),
                                                      "count", (json_int_t)st[j].count, "percent", st[j].percent));
        } else {
            db_query_int64(rq->db, &answered, "SELECT COUNT(*) FROM voice_answers WHERE question_id = ?", 1, sv.qs[i].id);
        }
        json_array_append_new(qs, json_pack("{s:s, s:s, s:s, s:I, s:o}", "id", sv.qs[i].id, "text", sv.qs[i].text, "kind", sv.qs[i].kind,
                                            "answered", (json_int_t)answered, "options", opts));
    }
    if (rc != DB_OK) {
        json_decref(qs);
        resp_db_error(rq, rs, rc);
    } else {
        audit_log(rq, rs, "view", "survey_results", sv.id, "api");
        resp_json(rs, 200, json_pack("{s:s, s:s, s:I, s:o}", "id", sv.id, "title", sv.title, "responses", (json_int_t)total, "questions", qs));
    }
    survey_free(&sv);
}
