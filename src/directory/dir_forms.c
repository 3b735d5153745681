/* dir_forms: see dir_forms.h. */
#include "dir_forms.h"

#include <ctype.h>
#include <strings.h>
#include <math.h>
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
#include "dir_geo.h"
#include "dir_manage.h"
#include "dir_pages.h"
#include "dir_store.h"
#include "dir_taxonomy.h"

/* ---- item text ------------------------------------------------------------------------- */

static void join(buf *b, int *n, const char *s)
{
    if (!s || !*s) return;
    if ((*n)++) buf_add(b, ", ");
    buf_add(b, s);
}

static const char *jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static void item_text(buf *b, const char *key, const json_t *v)
{
    int n = 0;
    if (!strcmp(key, "cost_options")) {
        const json_t *a = json_object_get(v, "amount");
        char money[48];
        if (json_is_number(a) && json_number_value(a) <= 0) join(b, &n, "Free");
        else if (json_is_number(a)) {
            snprintf(money, sizeof money, "\xc2\xa3%.2f", json_number_value(a));
            join(b, &n, money);
        }
        if (!(json_is_number(a) && json_number_value(a) <= 0 && jstr(v, "option") && !strcmp(jstr(v, "option"), "Free")))
            join(b, &n, jstr(v, "option"));
        join(b, &n, jstr(v, "amount_description"));
    } else if (!strcmp(key, "schedules")) {
        dir_schedule_words(b, v);
        if (jstr(v, "description") && (jstr(v, "freq") || jstr(v, "byday")) && strcmp(jstr(v, "description"), "Every week") &&
            strcmp(jstr(v, "description"), "Once a month")) {
            buf_add(b, " (");
            buf_add(b, jstr(v, "description"));
            buf_add(b, ")");
        }
    } else if (!strcmp(key, "service_at_locations")) {
        const json_t *loc = json_object_get(v, "location"), *ad = json_array_get(json_object_get(loc, "addresses"), 0);
        join(b, &n, jstr(loc, "name"));
        join(b, &n, jstr(ad, "address_1"));
        join(b, &n, jstr(ad, "city"));
        join(b, &n, jstr(ad, "postal_code"));
        if (!n) join(b, &n, loc ? "A place with no name" : jstr(v, "location_id"));
    } else if (!strcmp(key, "contacts")) {
        const json_t *p;
        size_t i;
        join(b, &n, jstr(v, "name"));
        join(b, &n, jstr(v, "email"));
        json_array_foreach(json_object_get(v, "phones"), i, p) join(b, &n, jstr(p, "number"));
    } else if (!strcmp(key, "attributes")) {
        const json_t *t = json_object_get(v, "taxonomy_term");
        join(b, &n, t ? jstr(t, "name") : jstr(v, "taxonomy_term_id"));
    } else if (!strcmp(key, "languages")) {
        join(b, &n, jstr(v, "name"));
        if (!n) join(b, &n, jstr(v, "code"));
    } else {
        join(b, &n, jstr(v, "name"));
        join(b, &n, jstr(v, "description"));
    }
}

void dir_forms_items_text(buf *b, const char *key, const json_t *items)
{
    const json_t *v;
    size_t i;
    json_array_foreach(items, i, v) {
        if (i) buf_add(b, "; ");
        item_text(b, key, v);
    }
}

/* ---- shared page parts ------------------------------------------------------------------ */

struct part;
typedef void (*fields_fn)(buf *b, req *rq, const form_errors *fe, const json_t *doc);
typedef json_t *(*parse_fn)(req *rq, form_errors *fe, const json_t *doc);

struct part {
    const char *slug;    /* in the address */
    const char *key;     /* the document's array, NULL for special pages */
    const char *title;   /* page heading */
    const char *add;     /* "Add a cost" */
    const char *empty;   /* when there are none */
    fields_fn fields;
    parse_fn parse;
};

static void back_link(buf *b, const char *id)
{
    buf_add(b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/directory/manage/services/");
    html_attr(b, id);
    buf_add(b, "\">Back to the listing</a></p>");
}

static void heading(buf *b, req *rq, const json_t *doc, const char *title, const form_errors *fe)
{
    const char *done = req_query(rq, "done");
    form_error_summary(b, fe);
    if (done && (!strcmp(done, "saved") || !strcmp(done, "queued"))) {
        json_t *o = json_pack("{s:s, s:s}", "type", "success", "text",
                              !strcmp(done, "saved") ? "Listing updated and published"
                                                     : "Change sent for approval: it will go live when it is approved");
        govuk_notification_banner(b, o);
        json_decref(o);
    }
    buf_add(b, "<span class=\"govuk-caption-l\">");
    html_txt(b, jstr(doc, "name"));
    buf_add(b, "</span><h1 class=\"govuk-heading-l\">");
    html_txt(b, title);
    buf_add(b, "</h1>");
    if (dir_manage_is_voluntary(rq)) {
        json_t *o = json_pack("{s:s}", "text", "Your changes will be checked by the partnership before they are published.");
        govuk_inset_text(b, o);
        json_decref(o);
    }
}

static const char *posted(req *rq, const char *field)
{
    const char *v = req_form(rq, field);
    return v ? v : "";
}

static void input(buf *b, req *rq, const form_errors *fe, const char *name, const char *label, const char *hint,
                  const char *classes, const char *type)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:o*, s:s?, s:s?}", "id", name, "name", name, "value", posted(rq, name), "label",
                          "text", label, "errorMessage", form_error_message(fe, name), "classes", classes, "type", type);
    if (hint) json_object_set_new(o, "hint", json_pack("{s:s}", "text", hint));
    govuk_input(b, o);
    json_decref(o);
}

static void add_button(buf *b, const char *text)
{
    json_t *o = json_pack("{s:s, s:s, s:s}", "text", text, "name", "action", "value", "add");
    govuk_button(b, o);
    json_decref(o);
}

/* Loads the working document; answers the error and returns NULL when that fails. */
static json_t *load_doc(req *rq, resp *rs, const char *id, int *access)
{
    json_t *doc;
    int rc;
    *access = dir_manage_access(rq, id);
    if (dir_manage_denied(rq, rs, *access)) return NULL;
    if (!(doc = dir_manage_working_doc(rq, id, *access, &rc))) resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
    return doc;
}

static void part_page(req *rq, resp *rs, const struct part *p, const char *id, const json_t *doc, const form_errors *fe, int status)
{
    buf b = BUF_INIT, h = BUF_INIT;
    const json_t *items = json_object_get(doc, p->key), *v;
    size_t i;
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    heading(&b, rq, doc, p->title, fe);
    if (json_array_size(items)) {
        json_t *rows = json_array(), *o;
        json_array_foreach(items, i, v) {
            json_t *r = json_array();
            buf_reset(&h);
            item_text(&h, p->key, v);
            json_array_append_new(r, json_pack("{s:s}", "text", buf_str(&h)));
            {
                buf f = BUF_INIT, t = BUF_INIT;
                json_t *bt;
                buf_add(&f, "<form method=\"post\" novalidate>");
                page_csrf_field(rq, &f);
                buf_add(&t, "Remove<span class=\"govuk-visually-hidden\"> ");
                html_txt(&t, buf_str(&h));
                buf_add(&t, "</span>");
                bt = json_pack("{s:s, s:s, s:s, s:s}", "html", buf_str(&t), "name", "remove", "value", jstr(v, "id") ? jstr(v, "id") : "",
                               "classes", "govuk-button--secondary govuk-!-margin-bottom-0");
                govuk_button(&f, bt);
                json_decref(bt);
                buf_add(&f, "</form>");
                json_array_append_new(r, json_pack("{s:s}", "html", buf_str(&f)));
                buf_free(&f);
                buf_free(&t);
            }
            json_array_append_new(rows, r);
        }
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s}], s:o}", "caption", "What the listing has now", "captionClasses", "govuk-table__caption--m",
                      "head", "text", "Item", "text", "Action", "rows", rows);
        buf_add(&b, "<div id=\"items\">");
        govuk_table(&b, o);
        buf_add(&b, "</div>");
        json_decref(o);
    } else {
        buf_add(&b, "<p class=\"govuk-body\" id=\"items\">");
        html_txt(&b, p->empty);
        buf_add(&b, "</p>");
    }
    buf_add(&b, "<h2 class=\"govuk-heading-m\">");
    html_txt(&b, p->add);
    buf_add(&b, "</h2><form method=\"post\" novalidate>");
    page_csrf_field(rq, &b);
    p->fields(&b, rq, fe, doc);
    add_button(&b, p->add);
    buf_add(&b, "</form>");
    back_link(&b, id);
    buf_add(&b, "</div></div>");
    page_render_ex(rq, rs, status, p->title, buf_str(&b), form_has_errors(fe));
    buf_free(&b);
    buf_free(&h);
}

static void part_get(req *rq, resp *rs, const struct part *p)
{
    const char *id = req_param(rq, "id");
    form_errors fe = {0};
    int access;
    json_t *doc = load_doc(rq, rs, id, &access);
    if (doc) part_page(rq, rs, p, id, doc, &fe, 200);
    json_decref(doc);
}

static void part_post(req *rq, resp *rs, const struct part *p)
{
    const char *id = req_param(rq, "id"), *rm = req_form(rq, "remove");
    form_errors fe = {0};
    int access;
    json_t *doc = load_doc(rq, rs, id, &access), *s = NULL, *item = NULL;
    char back[160], note[96];
    if (!doc) goto done;
    s = json_deep_copy(doc);
    if (!json_is_array(json_object_get(s, p->key))) json_object_set_new(s, p->key, json_array());
    if (rm) {
        json_t *arr = json_object_get(s, p->key), *v;
        size_t i, found = (size_t)-1;
        json_array_foreach(arr, i, v) if (jstr(v, "id") && !strcmp(jstr(v, "id"), rm)) found = i;
        if (found == (size_t)-1) {
            form_error(&fe, "items", "That item is no longer in the listing");
            part_page(rq, rs, p, id, doc, &fe, 400);
            goto done;
        }
        json_array_remove(arr, found);
        snprintf(note, sizeof note, "removed from %s", p->title);
    } else {
        if (!(item = p->parse(rq, &fe, doc)) || form_has_errors(&fe)) {
            if (!form_has_errors(&fe)) form_error(&fe, "action", "Something went wrong: try again");
            part_page(rq, rs, p, id, doc, &fe, 400);
            goto done;
        }
        json_array_append(json_object_get(s, p->key), item);
        snprintf(note, sizeof note, "added to %s", p->title);
    }
    snprintf(back, sizeof back, "/directory/manage/services/%s/%s", id, p->slug);
    dir_manage_save(rq, rs, id, s, access, note, back);
done:
    json_decref(item);
    json_decref(s);
    json_decref(doc);
    form_errors_free(&fe);
}

static json_t *new_item(void)
{
    char id[IDS_UUID_LEN];
    ids_uuid(id);
    return json_pack("{s:s}", "id", id);
}

/* A trimmed text field into o[key] (when not empty). Returns the new string. */
static char *text_into(req *rq, json_t *o, const char *field, const char *key, const char *label, int required, size_t max, form_errors *fe)
{
    char *v = form_text(rq, field, label, required, max, fe);
    if (*v) json_object_set_new(o, key, json_string(v));
    return v;
}

/* ---- costs ------------------------------------------------------------------------------ */

static void cost_fields(buf *b, req *rq, const form_errors *fe, const json_t *doc)
{
    const char *kind = req_form(rq, "cost_type");
    json_t *o;
    (void)doc;
    /* No conditional reveal: its script sets aria-expanded on radios, which axe refuses. */
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o*, s:[{s:s, s:s, s:b}, {s:s, s:s, s:b}]}", "idPrefix", "cost_type", "name", "cost_type",
                  "fieldset", "legend", "text", "Does it cost anything?", "classes", "govuk-fieldset__legend--s", "errorMessage",
                  form_error_message(fe, "cost_type"), "items", "value", "free", "text", "It is free", "checked", kind && !strcmp(kind, "free"),
                  "value", "paid", "text", "It costs money", "checked", kind && !strcmp(kind, "paid"));
    govuk_radios(b, o);
    json_decref(o);
    input(b, rq, fe, "amount", "Amount in pounds (only when it is not free)", "For example, 5 or 12.50", "govuk-input--width-5", NULL);
    input(b, rq, fe, "option", "What the amount is for (optional)", "For example, per session or per term", NULL, NULL);
    input(b, rq, fe, "amount_description", "More about the cost (optional)", "For example, who pays or what help is available",
          NULL, NULL);
}

static int parse_amount(const char *s, double *out)
{
    char *end;
    double a;
    const char *p;
    int dot = 0, decimals = 0;
    if (s[0] == '\xc2' && s[1] == '\xa3') s += 2;
    if (!*s) return -1;
    for (p = s; *p; p++) {
        if (*p == '.') { if (dot++) return -1; }
        else if (!isdigit((unsigned char)*p)) return -1;
        else if (dot) decimals++;
    }
    if (decimals > 2) return -1;
    a = strtod(s, &end);
    if (*end || !isfinite(a) || a <= 0 || a > 100000) return -1;
    *out = a;
    return 0;
}

static json_t *cost_parse(req *rq, form_errors *fe, const json_t *doc)
{
    static const char *const kinds[] = {"free", "paid", NULL};
    const char *kind = form_choice(rq, "cost_type", "whether it costs anything", 1, kinds, fe);
    json_t *o = new_item();
    char *opt = NULL, *desc = NULL, *amount = NULL;
    (void)doc;
    amount = form_text(rq, "amount", "the amount", kind && !strcmp(kind, "paid"), 20, fe);
    opt = text_into(rq, o, "option", "option", "what the amount is for", 0, 200, fe);
    desc = text_into(rq, o, "amount_description", "amount_description", "more about the cost", 0, 500, fe);
    if (kind && !strcmp(kind, "free")) {
        json_object_set_new(o, "amount", json_real(0));
        if (!*opt) json_object_set_new(o, "option", json_string("Free"));
    } else if (kind && *amount) {
        double a = 0;
        if (parse_amount(amount, &a) != 0) form_error(fe, "amount", "Enter the amount in pounds, like 5 or 12.50");
        else json_object_set_new(o, "amount", json_real(a));
    }
    free(opt);
    free(desc);
    free(amount);
    return o;
}

/* ---- opening times ---------------------------------------------------------------------- */

static const char *const day_codes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU", NULL};

static void time_fields(buf *b, req *rq, const form_errors *fe, const json_t *doc)
{
    json_t *items = json_array(), *o;
    const char *sel[8];
    size_t n = form_values(rq, "days", sel, 8), i, k;
    static const char *const freqs[] = {"WEEKLY", "MONTHLY"};
    const char *freq = req_form(rq, "freq");
    (void)doc;
    for (i = 0; day_codes[i]; i++) {
        int on = 0;
        for (k = 0; k < n; k++) on |= !strcmp(sel[k], day_codes[i]);
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", day_codes[i], "text", dir_day_name(day_codes[i]), "checked", on));
    }
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o*, s:o}", "idPrefix", "days", "name", "days", "fieldset", "legend", "text", "Which days?",
                  "classes", "govuk-fieldset__legend--s", "errorMessage", form_error_message(fe, "days"), "items", items);
    govuk_checkboxes(b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:[{s:s, s:s, s:b}, {s:s, s:s, s:b}]}", "idPrefix", "freq", "name", "freq", "fieldset", "legend",
                  "text", "How often?", "classes", "govuk-fieldset__legend--s", "items", "value", freqs[0], "text", "Every week", "checked",
                  !freq || strcmp(freq, freqs[1]), "value", freqs[1], "text", "Once a month", "checked", freq && !strcmp(freq, freqs[1]));
    govuk_radios(b, o);
    json_decref(o);
    input(b, rq, fe, "opens_at", "Opens at", "Use the 24-hour clock, like 09:30", "govuk-input--width-5", NULL);
    input(b, rq, fe, "closes_at", "Closes at", "Use the 24-hour clock, like 17:00", "govuk-input--width-5", NULL);
    input(b, rq, fe, "description", "Anything else about these times (optional)", "For example, term time only", NULL, NULL);
}

/* "9:30", "09.30", "0930" -> "09:30". Returns 0 or -1. */
static int parse_time(const char *s, char out[6])
{
    int h = -1, m = -1;
    char rest;
    if (sscanf(s, "%d:%d%c", &h, &m, &rest) != 2 && sscanf(s, "%d.%d%c", &h, &m, &rest) != 2) {
        if (strlen(s) == 4 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
            isdigit((unsigned char)s[3])) {
            h = (s[0] - '0') * 10 + (s[1] - '0');
            m = (s[2] - '0') * 10 + (s[3] - '0');
        } else {
            return -1;
        }
    }
    if (h < 0 || h > 23 || m < 0 || m > 59) return -1;
    snprintf(out, 6, "%02d:%02d", h, m);
    return 0;
}

static json_t *time_parse(req *rq, form_errors *fe, const json_t *doc)
{
    static const char *const freqs[] = {"WEEKLY", "MONTHLY", NULL};
    const char *sel[16], *freq;
    size_t n = form_values(rq, "days", sel, 16), i, k;
    json_t *o = new_item();
    buf days = BUF_INIT;
    char *opens = NULL, *closes = NULL, *desc = NULL, to[6] = "", tc[6] = "";
    (void)doc;
    for (i = 0; day_codes[i]; i++) {
        int on = 0;
        for (k = 0; k < n; k++) on |= !strcmp(sel[k], day_codes[i]);
        if (on) { if (days.len) buf_addc(&days, ','); buf_add(&days, day_codes[i]); }
    }
    for (k = 0; k < n; k++) {
        int ok = 0;
        for (i = 0; day_codes[i]; i++) ok |= !strcmp(sel[k], day_codes[i]);
        if (!ok) { form_error(fe, "days", "Select the days from the list"); break; }
    }
    if (!n) form_error(fe, "days", "Select at least one day");
    freq = form_choice(rq, "freq", "how often", 0, freqs, fe);
    opens = form_text(rq, "opens_at", "the opening time", 1, 10, fe);
    closes = form_text(rq, "closes_at", "the closing time", 1, 10, fe);
    desc = text_into(rq, o, "description", "description", "anything else about these times", 0, 300, fe);
    if (*opens && parse_time(opens, to) != 0) form_error(fe, "opens_at", "Enter the opening time like 09:30");
    if (*closes && parse_time(closes, tc) != 0) form_error(fe, "closes_at", "Enter the closing time like 17:00");
    if (*to && *tc && strcmp(tc, to) <= 0) form_error(fe, "closes_at", "Closing time must be after the opening time");
    json_object_set_new(o, "freq", json_string(freq && *freq ? freq : "WEEKLY"));
    json_object_set_new(o, "interval", json_integer(1));
    if (days.len) json_object_set_new(o, "byday", json_string(buf_str(&days)));
    if (*to) json_object_set_new(o, "opens_at", json_string(to));
    if (*tc) json_object_set_new(o, "closes_at", json_string(tc));
    free(opens);
    free(closes);
    free(desc);
    buf_free(&days);
    return o;
}

/* ---- contacts --------------------------------------------------------------------------- */

static void contact_fields(buf *b, req *rq, const form_errors *fe, const json_t *doc)
{
    (void)doc;
    input(b, rq, fe, "contact_name", "Who to contact (optional)", "A name or a team, like Enquiries", NULL, NULL);
    input(b, rq, fe, "contact_email", "Email address", NULL, NULL, "email");
    input(b, rq, fe, "phone", "Telephone number", "Enter an email address, a telephone number or both", "govuk-input--width-20", "tel");
    input(b, rq, fe, "phone_description", "When to call or what the number is for (optional)", NULL, NULL, NULL);
}

static int valid_phone(const char *s)
{
    int digits = 0;
    for (; *s; s++) {
        if (isdigit((unsigned char)*s)) digits++;
        else if (!strchr(" +()-", *s)) return 0;
    }
    return digits >= 10 && digits <= 13;
}

static json_t *contact_parse(req *rq, form_errors *fe, const json_t *doc)
{
    json_t *o = new_item();
    char *name, *email, *phone, *pdesc;
    (void)doc;
    name = text_into(rq, o, "contact_name", "name", "who to contact", 0, 200, fe);
    email = text_into(rq, o, "contact_email", "email", "the email address", 0, 254, fe);
    phone = form_text(rq, "phone", "the telephone number", 0, 40, fe);
    pdesc = form_text(rq, "phone_description", "what the number is for", 0, 200, fe);
    if (*email && (!strchr(email, '@') || strchr(email, ' ')))
        form_error(fe, "contact_email", "Enter an email address in the correct format, like name@example.com");
    if (*phone && !valid_phone(phone)) form_error(fe, "phone", "Enter a telephone number, like 01632 960 001 or +44 808 157 0192");
    if (!*email && !*phone && !form_error_for(fe, "contact_email")) form_error(fe, "contact_email", "Enter an email address or a telephone number");
    if (*phone) {
        json_t *p = new_item();
        json_object_set_new(p, "number", json_string(phone));
        if (*pdesc) json_object_set_new(p, "description", json_string(pdesc));
        json_object_set_new(o, "phones", json_pack("[o]", p));
    } else {
        json_object_set_new(o, "phones", json_array());
    }
    free(name);
    free(email);
    free(phone);
    free(pdesc);
    return o;
}

/* ---- languages and service areas -------------------------------------------------------- */

static void language_fields(buf *b, req *rq, const form_errors *fe, const json_t *doc)
{
    (void)doc;
    input(b, rq, fe, "language", "Language", "For example, Polish or British Sign Language", NULL, NULL);
    input(b, rq, fe, "language_code", "Language code (optional)", "The 2 or 3 letter ISO 639 code, like pl or bfi", "govuk-input--width-4", NULL);
}

static json_t *language_parse(req *rq, form_errors *fe, const json_t *doc)
{
    json_t *o = new_item(), *v;
    char *name = text_into(rq, o, "language", "name", "the language", 1, 100, fe);
    char *code = form_text(rq, "language_code", "the language code", 0, 3, fe);
    size_t i, k;
    int ok = strlen(code) >= 2;
    for (k = 0; code[k]; k++) ok &= isalpha((unsigned char)code[k]) != 0;
    if (*code && !ok) form_error(fe, "language_code", "Enter the language code as 2 or 3 letters, like pl");
    else if (*code) {
        for (k = 0; code[k]; k++) code[k] = (char)tolower((unsigned char)code[k]);
        json_object_set_new(o, "code", json_string(code));
    }
    json_array_foreach(json_object_get(doc, "languages"), i, v)
        if (*name && jstr(v, "name") && !strcasecmp(jstr(v, "name"), name)) form_error(fe, "language", "The listing already has this language");
    free(name);
    free(code);
    return o;
}

static void area_fields(buf *b, req *rq, const form_errors *fe, const json_t *doc)
{
    (void)doc;
    input(b, rq, fe, "area", "Area", "A council area, town or district, like Northbridge", NULL, NULL);
}

static json_t *area_parse(req *rq, form_errors *fe, const json_t *doc)
{
    json_t *o = new_item();
    char *name = text_into(rq, o, "area", "name", "the area", 1, 200, fe);
    (void)doc;
    free(name);
    return o;
}

/* ---- places ----------------------------------------------------------------------------- */

/* Places of the listing's organisation that the listing does not use yet:
 * an array of {id, text, sal} (sal: a service_at_location id that uses it). */
static json_t *org_places(db *d, const json_t *doc)
{
    json_t *out = json_array(), *v;
    db_stmt *st = NULL;
    const char *org = jstr(doc, "organization_id");
    if (!org) return out;
    if (db_prepare(d, "SELECT l.id, MIN(sl.id) FROM dir_locations l JOIN dir_service_at_locations sl ON sl.location_id = l.id "
                      "JOIN dir_services s ON s.id = sl.service_id WHERE s.organization_id = ? GROUP BY l.id, l.name ORDER BY l.name, l.id LIMIT 100",
                   &st) != DB_OK)
        return out;
    db_bind_text(st, 1, org);
    while (db_step(st) == DB_ROW) {
        const char *lid = db_col_text(st, 0);
        size_t i;
        int used = 0;
        json_array_foreach(json_object_get(doc, "service_at_locations"), i, v) {
            const char *x = jstr(json_object_get(v, "location"), "id");
            if (!x) x = jstr(v, "location_id");
            if (x && !strcmp(x, lid)) used = 1;
        }
        if (!used) json_array_append_new(out, json_pack("{s:s, s:s}", "id", lid, "sal", db_col_text(st, 1)));
    }
    db_finalize(st);
    return out;
}

static void place_fields(buf *b, req *rq, const form_errors *fe, const json_t *doc)
{
    json_t *places = org_places(rq->db, doc), *items = json_array(), *o, *v;
    const char *sel = req_form(rq, "place");
    buf nw = BUF_INIT, t = BUF_INIT;
    size_t i;
    json_array_foreach(places, i, v) {
        int rc;
        json_t *sal = dir_sal_json(rq->db, jstr(v, "sal"), DIR_MINIMAL, &rc);
        buf_reset(&t);
        if (sal) item_text(&t, "service_at_locations", sal);
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", jstr(v, "id"), "text", sal ? buf_str(&t) : jstr(v, "id"),
                                               "checked", sel && !strcmp(sel, jstr(v, "id"))));
        json_decref(sal);
    }
    buf_add(&nw, "<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">"
                 "Details of a new place</legend>");
    input(&nw, rq, fe, "place_name", "Name of the place (optional)", "For example, Northbridge Library", NULL, NULL);
    input(&nw, rq, fe, "address_1", "Address line", NULL, NULL, NULL);
    input(&nw, rq, fe, "city", "Town or city", NULL, "govuk-!-width-two-thirds", NULL);
    input(&nw, rq, fe, "postcode", "Postcode", NULL, "govuk-input--width-10", NULL);
    buf_add(&nw, "</fieldset>");
    if (json_array_size(items)) json_array_append_new(items, json_pack("{s:s}", "divider", "or"));
    /* The new place's fields follow the radios (no conditional reveal: its
     * script sets aria-expanded on radios, which axe refuses). */
    json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", "new", "text", "A new place", "checked", sel && !strcmp(sel, "new")));
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:{s:s}, s:o*, s:o}", "idPrefix", "place", "name", "place", "fieldset", "legend", "text",
                  "Where is the service offered?", "classes", "govuk-fieldset__legend--s", "hint", "text",
                  "Choose one of your organisation's places, or add a new one", "errorMessage", form_error_message(fe, "place"), "items", items);
    govuk_radios(b, o);
    json_decref(o);
    buf_add(b, buf_str(&nw));
    json_decref(places);
    buf_free(&nw);
    buf_free(&t);
}

static json_t *place_parse(req *rq, form_errors *fe, const json_t *doc)
{
    const char *sel = req_form(rq, "place");
    json_t *o = new_item(), *places = NULL, *v;
    char *name = NULL, *addr = NULL, *city = NULL, *pc = NULL;
    size_t i;
    if (!sel || !*sel) { form_error(fe, "place", "Select where the service is offered"); goto done; }
    if (strcmp(sel, "new")) {
        int rc;
        const char *sal_id = NULL;
        json_t *sal;
        places = org_places(rq->db, doc);
        json_array_foreach(places, i, v) if (!strcmp(jstr(v, "id"), sel)) sal_id = jstr(v, "sal");
        if (!sal_id || !(sal = dir_sal_json(rq->db, sal_id, DIR_MINIMAL, &rc))) {
            form_error(fe, "place", "Select one of the places in the list");
            goto done;
        }
        json_object_set(o, "location", json_object_get(sal, "location"));
        json_decref(sal);
        goto done;
    }
    name = form_text(rq, "place_name", "the name of the place", 0, 200, fe);
    addr = form_text(rq, "address_1", "the address line", 1, 200, fe);
    city = form_text(rq, "city", "the town or city", 1, 100, fe);
    pc = form_text(rq, "postcode", "the postcode", 1, 12, fe);
    if (*pc) {
        char norm[DIR_POSTCODE_LEN];
        double lat = 0, lng = 0;
        int r = dir_postcode_lookup(rq->db, pc, norm, &lat, &lng);
        if (r == DIR_PC_BAD_FORMAT) form_error(fe, "postcode", "Enter a real postcode, like NB1 1AA");
        else if (r == DIR_PC_UNKNOWN) form_error(fe, "postcode", "We do not know this postcode: check it and try again");
        else if (r < 0) form_error(fe, "postcode", "The postcode could not be checked: try again");
        else if (!form_has_errors(fe)) {
            char lid[IDS_UUID_LEN], aid[IDS_UUID_LEN];
            json_t *loc;
            ids_uuid(lid);
            ids_uuid(aid);
            loc = json_pack("{s:s, s:s, s:f, s:f, s:[{s:s, s:s, s:s, s:s, s:s, s:s, s:s}], s:[]}", "id", lid, "location_type", "physical",
                            "latitude", lat, "longitude", lng, "addresses", "id", aid, "address_1", addr, "city", city, "state_province", "",
                            "postal_code", norm, "country", "GB", "address_type", "physical", "accessibility");
            if (*name) json_object_set_new(loc, "name", json_string(name));
            json_object_set_new(o, "location", loc);
        }
    }
done:
    json_decref(places);
    free(name);
    free(addr);
    free(city);
    free(pc);
    return o;
}

/* ---- the list parts --------------------------------------------------------------------- */

static const struct part P_COSTS = {"costs", "cost_options", "Costs", "Add a cost", "No costs are listed yet.", cost_fields, cost_parse};
static const struct part P_PLACES = {"places", "service_at_locations", "Places", "Add a place", "No places are listed yet.", place_fields, place_parse};
static const struct part P_TIMES = {"times", "schedules", "Opening times", "Add opening times", "No opening times are listed yet.", time_fields, time_parse};
static const struct part P_CONTACTS = {"contacts", "contacts", "Contacts", "Add a contact", "No contacts are listed yet.", contact_fields, contact_parse};
static const struct part P_LANGUAGES = {"languages", "languages", "Languages", "Add a language", "No languages are listed yet.", language_fields, language_parse};
static const struct part P_AREAS = {"areas", "service_areas", "Service areas", "Add an area", "No service areas are listed yet.", area_fields, area_parse};

#define PART_ROUTES(name, part) \
    void dir_forms_##name##_get(req *rq, resp *rs) { part_get(rq, rs, &part); } \
    void dir_forms_##name##_post(req *rq, resp *rs) { part_post(rq, rs, &part); }
PART_ROUTES(costs, P_COSTS)
PART_ROUTES(places, P_PLACES)
PART_ROUTES(times, P_TIMES)
PART_ROUTES(contacts, P_CONTACTS)
PART_ROUTES(languages, P_LANGUAGES)
PART_ROUTES(areas, P_AREAS)
#undef PART_ROUTES

/* ---- categories and SEND needs ---------------------------------------------------------- */

struct vocab { const char *tax, *field, *legend, *hint; };
static const struct vocab vocabs[] = {
    {DIR_TAX_CATEGORIES, "categories", "Categories", "Select every kind of service this is"},
    {DIR_TAX_NEEDS, "needs", "SEND needs", "Select the needs the service is for. Leave them all empty if it is for every need"},
};

/* The terms of a vocabulary in order: array of {id, name, child}. */
static json_t *vocab_terms(db *d, const char *tax_code)
{
    char tid[IDS_UUID_LEN];
    db_stmt *st = NULL;
    json_t *out = json_array();
    dir_taxonomy_id(tax_code, tid);
    if (db_prepare(d, "SELECT id, name, parent_id FROM dir_taxonomy_terms WHERE taxonomy_id = ? ORDER BY position, name", &st) != DB_OK) return out;
    db_bind_text(st, 1, tid);
    while (db_step(st) == DB_ROW)
        json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "id", db_col_text(st, 0), "name", db_col_text(st, 1), "child", !db_col_is_null(st, 2)));
    db_finalize(st);
    return out;
}

static int has_term(const json_t *doc, const char *term_id)
{
    const json_t *v;
    size_t i;
    json_array_foreach(json_object_get(doc, "attributes"), i, v) {
        const char *t = jstr(v, "taxonomy_term_id");
        if (!t) t = jstr(json_object_get(v, "taxonomy_term"), "id");
        if (t && !strcmp(t, term_id)) return 1;
    }
    return 0;
}

static void terms_page(req *rq, resp *rs, const char *id, const json_t *doc, const form_errors *fe, int status)
{
    buf b = BUF_INIT;
    size_t k;
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    heading(&b, rq, doc, "Categories and SEND needs", fe);
    buf_add(&b, "<form method=\"post\" novalidate>");
    page_csrf_field(rq, &b);
    for (k = 0; k < sizeof vocabs / sizeof vocabs[0]; k++) {
        json_t *terms = vocab_terms(rq->db, vocabs[k].tax), *items = json_array(), *o, *t;
        const char *sel[64];
        size_t n = form_values(rq, vocabs[k].field, sel, 64), i, j;
        json_array_foreach(terms, i, t) {
            int on = 0;
            char text[200];
            if (form_has_errors(fe)) { for (j = 0; j < n; j++) on |= !strcmp(sel[j], jstr(t, "id")); }
            else on = has_term(doc, jstr(t, "id"));
            snprintf(text, sizeof text, "%s", jstr(t, "name"));
            o = json_pack("{s:s, s:s, s:b}", "value", jstr(t, "id"), "text", text, "checked", on);
            json_array_append_new(items, o);
        }
        o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:{s:s}, s:o*, s:o, s:s}", "idPrefix", vocabs[k].field, "name", vocabs[k].field, "fieldset",
                      "legend", "text", vocabs[k].legend, "classes", "govuk-fieldset__legend--m", "hint", "text", vocabs[k].hint, "errorMessage",
                      form_error_message(fe, vocabs[k].field), "items", items, "classes", "govuk-checkboxes--small");
        govuk_checkboxes(&b, o);
        json_decref(o);
        json_decref(terms);
    }
    {
        json_t *o = json_pack("{s:s}", "text", dir_manage_is_voluntary(rq) ? "Send for approval" : "Save and publish");
        govuk_button(&b, o);
        json_decref(o);
    }
    buf_add(&b, "</form>");
    back_link(&b, id);
    buf_add(&b, "</div></div>");
    page_render_ex(rq, rs, status, "Categories and SEND needs", buf_str(&b), form_has_errors(fe));
    buf_free(&b);
}

/* GET of a form page about one listing: its document, then the page. */
static void doc_form_get(req *rq, resp *rs,
                         void (*page)(req *, resp *, const char *, const json_t *, const form_errors *, int))
{
    const char *id = req_param(rq, "id");
    form_errors fe = {0};
    int access;
    json_t *doc = load_doc(rq, rs, id, &access);
    if (doc) page(rq, rs, id, doc, &fe, 200);
    json_decref(doc);
}

void dir_forms_terms_get(req *rq, resp *rs)
{
    doc_form_get(rq, rs, terms_page);
}

void dir_forms_terms_post(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    form_errors fe = {0};
    int access;
    json_t *doc = load_doc(rq, rs, id, &access), *s = NULL, *attrs = NULL, *vterms[2] = {NULL, NULL}, *v;
    size_t k, i, j;
    char back[160];
    if (!doc) goto done;
    for (k = 0; k < 2; k++) vterms[k] = vocab_terms(rq->db, vocabs[k].tax);
    /* Keep the attributes from other vocabularies (imported ones). */
    attrs = json_array();
    json_array_foreach(json_object_get(doc, "attributes"), i, v) {
        const char *t = jstr(v, "taxonomy_term_id");
        int ours = 0;
        json_t *x;
        if (!t) t = jstr(json_object_get(v, "taxonomy_term"), "id");
        for (k = 0; k < 2; k++) json_array_foreach(vterms[k], j, x) ours |= t && !strcmp(jstr(x, "id"), t);
        if (!ours) json_array_append(attrs, v);
    }
    for (k = 0; k < 2; k++) {
        const char *sel[64];
        size_t n = form_values(rq, vocabs[k].field, sel, 64);
        for (i = 0; i < n; i++) {
            json_t *x, *keep = NULL;
            int known = 0, rc;
            json_array_foreach(vterms[k], j, x) known |= !strcmp(jstr(x, "id"), sel[i]);
            if (!known) {
                form_error(&fe, vocabs[k].field, k ? "Select SEND needs from the list" : "Select categories from the list");
                break;
            }
            json_array_foreach(json_object_get(doc, "attributes"), j, x) {
                const char *t = jstr(x, "taxonomy_term_id");
                if (!t) t = jstr(json_object_get(x, "taxonomy_term"), "id");
                if (t && !strcmp(t, sel[i])) keep = x;
            }
            if (keep) json_array_append(attrs, keep);
            else {
                json_t *a = new_item(), *term = dir_term_json(rq->db, sel[i], &rc);
                json_object_set_new(a, "taxonomy_term_id", json_string(sel[i]));
                if (term) json_object_set_new(a, "taxonomy_term", term);
                json_array_append_new(attrs, a);
            }
        }
        if (!n && k == 0) form_error(&fe, "categories", "Select at least one category");
    }
    if (form_has_errors(&fe)) { terms_page(rq, rs, id, doc, &fe, 400); goto done; }
    s = json_deep_copy(doc);
    json_object_set(s, "attributes", attrs);
    snprintf(back, sizeof back, "/directory/manage/services/%s/terms", id);
    dir_manage_save(rq, rs, id, s, access, "changed categories and needs", back);
done:
    json_decref(vterms[0]);
    json_decref(vterms[1]);
    json_decref(attrs);
    json_decref(s);
    json_decref(doc);
    form_errors_free(&fe);
}

/* ---- accessibility ---------------------------------------------------------------------- */

static void access_page(req *rq, resp *rs, const char *id, const json_t *doc, const form_errors *fe, int status)
{
    buf b = BUF_INIT, t = BUF_INIT, lab = BUF_INIT;
    const json_t *v, *x;
    size_t i, k;
    int n = 0;
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    heading(&b, rq, doc, "Accessibility", fe);
    buf_add(&b, "<form method=\"post\" novalidate>");
    page_csrf_field(rq, &b);
    json_array_foreach(json_object_get(doc, "service_at_locations"), i, v) {
        const json_t *loc = json_object_get(v, "location");
        char field[32];
        json_t *o;
        if (!json_is_object(loc)) continue;
        snprintf(field, sizeof field, "access-%zu", i);
        buf_reset(&t);
        if (req_form(rq, field)) buf_add(&t, req_form(rq, field));
        else json_array_foreach(json_object_get(loc, "accessibility"), k, x) {
            if (!jstr(x, "description")) continue;
            if (t.len) buf_addc(&t, '\n');
            buf_add(&t, jstr(x, "description"));
        }
        buf_reset(&lab);
        buf_add(&lab, "Accessibility at ");
        item_text(&lab, "service_at_locations", v);
        o = json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:{s:s}, s:o*}", "id", field, "name", field, "value", buf_str(&t), "label", "text",
                      buf_str(&lab), "classes", "govuk-label--s", "hint", "text",
                      "One feature on each line, like: Step-free entrance, Accessible toilet, Hearing loop", "errorMessage",
                      form_error_message(fe, field));
        govuk_textarea(&b, o);
        json_decref(o);
        n++;
    }
    if (!n) {
        buf_add(&b, "<p class=\"govuk-body\">Add a place first: accessibility is noted for each place.</p>");
    } else {
        json_t *o = json_pack("{s:s}", "text", dir_manage_is_voluntary(rq) ? "Send for approval" : "Save and publish");
        govuk_button(&b, o);
        json_decref(o);
    }
    buf_add(&b, "</form>");
    back_link(&b, id);
    buf_add(&b, "</div></div>");
    page_render_ex(rq, rs, status, "Accessibility", buf_str(&b), form_has_errors(fe));
    buf_free(&b);
    buf_free(&t);
    buf_free(&lab);
}

void dir_forms_access_get(req *rq, resp *rs)
{
    doc_form_get(rq, rs, access_page);
}

void dir_forms_access_post(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    form_errors fe = {0};
    int access;
    json_t *doc = load_doc(rq, rs, id, &access), *s = NULL, *v;
    size_t i;
    char back[160];
    if (!doc) goto done;
    s = json_deep_copy(doc);
    json_array_foreach(json_object_get(s, "service_at_locations"), i, v) {
        json_t *loc = json_object_get(v, "location"), *old, *items = json_array();
        char field[32];
        const char *text, *p;
        int lines = 0;
        if (!json_is_object(loc)) { json_decref(items); continue; }
        snprintf(field, sizeof field, "access-%zu", i);
        if (!(text = req_form(rq, field))) { json_decref(items); continue; }
        old = json_object_get(loc, "accessibility");
        for (p = text; *p;) {
            size_t n = strcspn(p, "\r\n"), a = 0, z = n;
            while (a < z && isspace((unsigned char)p[a])) a++;
            while (z > a && isspace((unsigned char)p[z - 1])) z--;
            if (z > a) {
                char line[512];
                json_t *x, *item = NULL;
                size_t k;
                if (z - a >= sizeof line) { form_error(&fe, field, "Each line must be 500 characters or fewer"); break; }
                if (++lines > 30) { form_error(&fe, field, "Enter 30 lines or fewer"); break; }
                snprintf(line, sizeof line, "%.*s", (int)(z - a), p + a);
                json_array_foreach(old, k, x) if (!item && jstr(x, "description") && !strcmp(jstr(x, "description"), line)) item = json_deep_copy(x);
                if (!item) { item = new_item(); json_object_set_new(item, "description", json_string(line)); }
                json_object_del(item, "location_id");
                json_array_append_new(items, item);
            }
            p += n;
            while (*p == '\r' || *p == '\n') p++;
        }
        json_object_set_new(loc, "accessibility", items);
    }
    if (form_has_errors(&fe)) { access_page(rq, rs, id, doc, &fe, 400); goto done; }
    snprintf(back, sizeof back, "/directory/manage/services/%s/access", id);
    dir_manage_save(rq, rs, id, s, access, "changed accessibility", back);
done:
    json_decref(s);
    json_decref(doc);
    form_errors_free(&fe);
}

/* ---- summary on the edit page ----------------------------------------------------------- */

void dir_forms_summary(buf *b, const char *id, const json_t *svc)
{
    static const struct { const char *slug, *key, *title; } rows[] = {
        {"terms", "attributes", "Categories and SEND needs"}, {"costs", "cost_options", "Costs"},
        {"places", "service_at_locations", "Places"},         {"times", "schedules", "Opening times"},
        {"contacts", "contacts", "Contacts"},                 {"languages", "languages", "Languages"},
        {"access", NULL, "Accessibility"},                    {"areas", "service_areas", "Service areas"},
    };
    json_t *list = json_array(), *o;
    buf t = BUF_INIT, href = BUF_INIT;
    size_t i;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        buf_reset(&t);
        if (rows[i].key) dir_forms_items_text(&t, rows[i].key, json_object_get(svc, rows[i].key));
        else {
            const json_t *v, *x;
            size_t k, j;
            json_array_foreach(json_object_get(svc, "service_at_locations"), k, v)
                json_array_foreach(json_object_get(json_object_get(v, "location"), "accessibility"), j, x) {
                    if (!jstr(x, "description")) continue;
                    if (t.len) buf_add(&t, "; ");
                    buf_add(&t, jstr(x, "description"));
                }
        }
        if (!t.len) buf_add(&t, "None");
        buf_reset(&href);
        buf_printf(&href, "/directory/manage/services/%s/%s", id, rows[i].slug);
        json_array_append_new(list, json_pack("{s:{s:s}, s:{s:s}, s:{s:[{s:s, s:s, s:s}]}}", "key", "text", rows[i].title, "value", "text",
                                              buf_str(&t), "actions", "items", "href", buf_str(&href), "text", "Change",
                                              "visuallyHiddenText", rows[i].title));
    }
    buf_add(b, "<h2 class=\"govuk-heading-m\">Everything else in this listing</h2>");
    o = json_pack("{s:o}", "rows", list);
    govuk_summary_list(b, o);
    json_decref(o);
    buf_free(&t);
    buf_free(&href);
}

/* ---- a new listing ---------------------------------------------------------------------- */

/* Directory organisations this person may add listings for: array of {id, name, owner}. */
static json_t *my_orgs(req *rq)
{
    json_t *out = json_array();
    db_stmt *st = NULL;
    int admin = rq->user->role == ROLE_ADMIN;
    const char *sql = admin ? "SELECT o.id, o.name, COALESCE(o.owner_org_id, (SELECT MIN(s.owner_org_id) FROM dir_services s WHERE s.organization_id = o.id), '') "
                              "FROM dir_organizations o ORDER BY o.name, o.id LIMIT 500"
                            : "SELECT o.id, o.name, ? FROM dir_organizations o WHERE o.owner_org_id = ? OR o.id IN "
                              "(SELECT s.organization_id FROM dir_services s WHERE s.owner_org_id = ?) ORDER BY o.name, o.id LIMIT 500";
    if (!admin && !rq->user->org_id) return out;
    if (db_prepare(rq->db, sql, &st) != DB_OK) return out;
    if (!admin) {
        db_bind_text(st, 1, rq->user->org_id);
        db_bind_text(st, 2, rq->user->org_id);
        db_bind_text(st, 3, rq->user->org_id);
    }
    while (db_step(st) == DB_ROW)
        json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "id", db_col_text(st, 0), "name", db_col_text(st, 1), "owner", db_col_text(st, 2)));
    db_finalize(st);
    return out;
}

static void new_page(req *rq, resp *rs, const json_t *orgs, const form_errors *fe, int status)
{
    buf b = BUF_INIT;
    json_t *items = json_pack("[{s:s, s:s}]", "value", "", "text", "Choose an organisation"), *o, *v;
    const char *sel = req_form(rq, "organization");
    size_t i;
    int vol = dir_manage_is_voluntary(rq);
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    buf_add(&b, "<span class=\"govuk-caption-l\">Local Offer listings</span><h1 class=\"govuk-heading-l\">");
    buf_add(&b, vol ? "Propose a new listing" : "Add a new listing");
    buf_add(&b, "</h1><p class=\"govuk-body\">Start with the name and a description. You can then add places, times, costs, contacts "
                "and the rest.</p>");
    if (vol) {
        o = json_pack("{s:s}", "text", "The partnership checks new listings before they are published. Families will not see it until it is approved.");
        govuk_inset_text(&b, o);
        json_decref(o);
    }
    buf_add(&b, "<form method=\"post\" novalidate>");
    page_csrf_field(rq, &b);
    json_array_foreach(orgs, i, v)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", jstr(v, "id"), "text", jstr(v, "name"), "selected",
                                               sel && !strcmp(sel, jstr(v, "id"))));
    o = json_pack("{s:s, s:s, s:{s:s}, s:o, s:o*}", "id", "organization", "name", "organization", "label", "text", "Organisation", "items", items,
                  "errorMessage", form_error_message(fe, "organization"));
    govuk_select(&b, o);
    json_decref(o);
    input(&b, rq, fe, "name", "Name of the service", NULL, NULL, NULL);
    o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:{s:s}, s:o*}", "id", "description", "name", "description", "value", posted(rq, "description"),
                  "label", "text", "Description", "hint", "text", "What it is and who it is for, in plain English", "errorMessage",
                  form_error_message(fe, "description"));
    govuk_textarea(&b, o);
    json_decref(o);
    o = json_pack("{s:s}", "text", vol ? "Send for approval" : "Create listing");
    govuk_button(&b, o);
    json_decref(o);
    buf_add(&b, "</form><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/directory/manage\">Back to listings</a></p></div></div>");
    page_render_ex(rq, rs, status, vol ? "Propose a new listing" : "Add a new listing", buf_str(&b), form_has_errors(fe));
    buf_free(&b);
}

void dir_forms_new_get(req *rq, resp *rs)
{
    form_errors fe = {0};
    json_t *orgs = my_orgs(rq);
    if (!json_array_size(orgs)) resp_error(rq, rs, 403, "forbidden", "Ask the partnership to add a new listing for your organisation.", NULL);
    else new_page(rq, rs, orgs, &fe, 200);
    json_decref(orgs);
}

void dir_forms_new_post(req *rq, resp *rs)
{
    form_errors fe = {0};
    json_t *orgs = my_orgs(rq), *v, *s = NULL;
    const char *org = req_form(rq, "organization"), *owner = NULL;
    char *name = NULL, *desc = NULL, sid[IDS_UUID_LEN], now[21], err[300] = "", loc[96];
    size_t i;
    int rc, changed = 0;
    if (!json_array_size(orgs)) { resp_error(rq, rs, 403, "forbidden", "Ask the partnership to add a new listing for your organisation.", NULL); goto done; }
    json_array_foreach(orgs, i, v) if (org && !strcmp(org, jstr(v, "id"))) owner = jstr(v, "owner");
    if (!owner) form_error(&fe, "organization", "Select the organisation that runs the service");
    name = form_text(rq, "name", "the name of the service", 1, 200, &fe);
    desc = form_text(rq, "description", "a description", 1, 5000, &fe);
    if (form_has_errors(&fe)) { new_page(rq, rs, orgs, &fe, 400); goto done; }
    if (rq->user->role != ROLE_ADMIN) owner = rq->user->org_id;
    ids_uuid(sid);
    ids_now_iso(now);
    s = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", sid, "organization_id", org, "name", name, "description", desc, "status", "active",
                  "last_modified", now);
    if (dir_manage_is_voluntary(rq)) { /* waits in the queue: nothing published */
        dir_manage_propose(rq, rs, s);
        goto done;
    }
    if ((rc = db_begin(rq->db)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    rc = dir_service_put(rq->db, s, owner && *owner ? owner : NULL, rq->user->id, "created", &changed, err, sizeof err);
    if (rc == DB_OK) rc = db_commit(rq->db);
    else db_rollback(rq->db);
    if (rc == DB_EARG) { resp_error(rq, rs, 400, "invalid", err, NULL); goto done; }
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    audit_log(rq, rs, "create", "directory-service", sid, "created");
    snprintf(loc, sizeof loc, "/directory/manage/services/%s?done=created", sid);
    resp_redirect(rs, loc);
done:
    json_decref(orgs);
    json_decref(s);
    free(name);
    free(desc);
    form_errors_free(&fe);
}
