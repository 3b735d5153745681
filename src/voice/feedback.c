#include "voice/services.h"
#include "voice/feedback.h"

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
#include "core/site.h"
#include "voice/ratelimit.h"
#include "voice/safeguard.h"
#include "voice/stats.h"
#include "voice/voice.h"

/* What the person sent, validated. Strings owned. */
struct fb {
    const char *about, *area_id, *respondent, *reply;
    char *service_name, *service_id, *what, *name, *email, *phone;
    int rating;
};

static void fb_free(struct fb *f)
{
    free(f->service_name);
    free(f->service_id);
    free(f->what);
    free(f->name);
    free(f->email);
    free(f->phone);
}

void voice_feedback_reference(char out[10])
{
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";   /* 32 symbols */
    char hex[13];
    int i;
    ids_random_hex(hex, 6);
    memcpy(out, "FB-", 3);
    for (i = 0; i < 6; i++) {
        unsigned v = (unsigned)strtoul((char[]){hex[2 * i], hex[2 * i + 1], 0}, NULL, 16);
        out[3 + i] = alphabet[v % 32];
    }
    out[9] = '\0';
}

/* Validates the submission (form or JSON alike) into f, recording errors. */
static void fb_validate(req *rq, struct fb *f, form_errors *fe)
{
    static const char *const ratings[] = {"1", "2", "3", "4", "5", NULL};
    static const char *const yesno[] = {"yes", "no", NULL};
    const char *rating;
    int64_t n = 0;
    memset(f, 0, sizeof *f);
    f->about = form_choice(rq, "about", "what your feedback is about", 1, voice_about_codes, fe);
    f->service_name = form_text(rq, "service_name", "the name of the service", 0, 200, fe);
    f->service_id = form_text(rq, "service_id", "the service", 0, 36, fe);
    if (*f->service_id) {
        char *dir_name = NULL;
        int found = voice_service_exists(rq->db, f->service_id, &dir_name);
        if (found <= 0) form_error(fe, "service_id", "Select a service from the list");
        else if (!f->about || strcmp(f->about, "service") != 0) f->service_id[0] = '\0';   /* only kept for "a named service" */
        else if (!*f->service_name && dir_name) {
            free(f->service_name);
            f->service_name = dir_name;
            dir_name = NULL;
        }
        free(dir_name);
    }
    if (f->about && strcmp(f->about, "service") == 0 && !*f->service_id && !*f->service_name && !form_error_for(fe, "service_id"))
        form_error(fe, "service_name", "Select the service from the list, or enter the name of the service");
    f->area_id = req_form(rq, "area");
    if (!f->area_id || !*f->area_id) {
        form_error(fe, "area", "Select which council area it is about");
        f->area_id = NULL;
    } else if (!ids_is_uuid(f->area_id) ||
               db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM areas WHERE id = ?", 1, f->area_id) < 0 || n == 0) {
        form_error(fe, "area", "Select a council area from the list");
        f->area_id = NULL;
    }
    rating = form_choice(rq, "rating", "how it went", 1, ratings, fe);
    f->rating = rating ? atoi(rating) : 0;
    f->what = form_text(rq, "what_happened", "what happened", 1, VOICE_TEXT_MAX, fe);
    f->respondent = form_choice(rq, "respondent", "who you are", 0, voice_respondent_codes, fe);
    f->reply = form_choice(rq, "reply", "whether you want a reply", 1, yesno, fe);
    f->name = form_text(rq, "contact_name", "your name", 0, 100, fe);
    f->email = form_text(rq, "contact_email", "your email address", 0, 254, fe);
    f->phone = form_text(rq, "contact_phone", "your phone number", 0, 30, fe);
    if (f->reply && strcmp(f->reply, "yes") == 0) {
        if (!*f->email && !*f->phone)
            form_error(fe, "contact_email", "Enter an email address or a phone number so we can reply");
        if (*f->email && (!strchr(f->email, '@') || strchr(f->email, ' ') || f->email[0] == '@' ||
                          !strchr(strchr(f->email, '@'), '.')))
            form_error(fe, "contact_email", "Enter an email address in the correct format, like name@example.com");
        if (*f->phone && strspn(f->phone, "0123456789 +()-") != strlen(f->phone))
            form_error(fe, "contact_phone", "Enter a phone number, like 01632 960 001 or 07700 900 982");
    } else {
        /* Asked for no reply: keep no contact details at all. */
        f->name[0] = f->email[0] = f->phone[0] = '\0';
    }
    if (voice_honeypot_filled(rq)) form_error(fe, "website", "Leave the last field empty");
}

/* Saves f; out_ref gets the reference, *urgent the safeguarding flag. */
static int fb_save(req *rq, const struct fb *f, char id[IDS_UUID_LEN], char ref[10], int *urgent)
{
    char now[21], rating[4];
    int rc, tries, sg;
    sg = voice_safeguard_check(rq->db, f->what);
    if (sg < 0) return sg;
    if (sg == 0 && *f->service_name) {
        sg = voice_safeguard_check(rq->db, f->service_name);
        if (sg < 0) return sg;
    }
    *urgent = sg;
    ids_uuid(id);
    ids_now_iso(now);
    snprintf(rating, sizeof rating, "%d", f->rating);
    if ((rc = db_begin(rq->db)) != DB_OK) return rc;
    for (tries = 0; tries < 5; tries++) {
        voice_feedback_reference(ref);
        rc = db_query_text(rq->db, NULL,
                           "INSERT INTO voice_feedback (id, reference, about, service_name, service_id, area_id, rating, "
                           "what_happened, respondent, wants_reply, contact_name, contact_email, contact_phone, urgent, "
                           "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?) "
                           "ON CONFLICT (reference) DO NOTHING RETURNING id",
                           16, id, ref, f->about, *f->service_name ? f->service_name : NULL,
                           *f->service_id ? f->service_id : NULL, f->area_id, rating, f->what, f->respondent,
                           strcmp(f->reply, "yes") == 0 ? "1" : "0", *f->name ? f->name : NULL,
                           *f->email ? f->email : NULL, *f->phone ? f->phone : NULL, sg ? "1" : "0", now, now);
        if (rc != DB_DONE) break;   /* DB_ROW: saved; DB_DONE: reference taken, try another */
    }
    if (rc != DB_ROW) goto fail;
    if ((rc = voice_rate_record(rq->db, "feedback", rq->remote, date_now())) != DB_OK) goto fail;
    return db_commit(rq->db);
fail:
    db_rollback(rq->db);
    return rc < 0 ? rc : DB_ERROR;
}

static json_t *radio_items(const char *const *codes, const char *(*label)(const char *), const char *selected)
{
    json_t *items = json_array();
    size_t i;
    for (i = 0; codes[i]; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", codes[i], "text", label(codes[i]),
                                               "checked", selected && strcmp(selected, codes[i]) == 0));
    return items;
}

static void render_form(req *rq, resp *rs, int status, const form_errors *fe)
{
    buf b = BUF_INIT, cond = BUF_INIT;
    json_t *o, *items;
    const char *about = req_form(rq, "about"), *rating = req_form(rq, "rating"), *reply = req_form(rq, "reply");
    int i;
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Have your say</h1>"
                "<p class=\"govuk-body\">Tell us about your experience of special educational needs and disabilities (SEND) "
                "support in this area: good or bad, it helps us improve. You do not need an account and you can stay anonymous.</p>");
    govuk_warning_text(&b, o = json_pack("{s:s, s:s}", "iconFallbackText", "Warning", "text",
        "If a child or adult is in danger now, call 999. This form is not checked out of office hours."));
    json_decref(o);
    buf_add(&b, "<form method=\"post\" action=\"/feedback\" novalidate>");
    page_csrf_field(rq, &b);

    /* What it is about; the service's name for "a named service". (No
     * conditional reveal: its script marks radios aria-expanded, which is not
     * allowed on a radio.) */
    items = radio_items(voice_about_codes, voice_about_label, about);
    o = json_pack("{s:s, s:{s:{s:s, s:b, s:s}}, s:o, s:o*}", "name", "about", "fieldset", "legend", "text",
                  "What is your feedback about?", "isPageHeading", 0, "classes", "govuk-fieldset__legend--m",
                  "items", items, "errorMessage", form_error_message(fe, "about"));
    govuk_radios(&b, o);
    json_decref(o);
    voice_services_select(rq->db, &b, fe, req_form(rq, "service_id"));
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:s, s:{s:s}, s:o*}", "id", "service_name", "name", "service_name",
                  "label", "text", "Name of the service (if it is about a named service that is not listed)", "value",
                  req_form(rq, "service_name") ? req_form(rq, "service_name") : "",
                  "autocomplete", "off", "hint", "text", "For example, the name of a therapy service, short break or support group",
                  "errorMessage", form_error_message(fe, "service_name"));
    govuk_input(&b, o);
    json_decref(o);

    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "area", "fieldset", "legend", "text",
                  "Which council area is it about?", "classes", "govuk-fieldset__legend--m", "items",
                  voice_area_items(rq->db, req_form(rq, "area")), "errorMessage", form_error_message(fe, "area"));
    govuk_radios(&b, o);
    json_decref(o);

    items = json_array();
    for (i = 5; i >= 1; i--) {
        char v[2] = {(char)('0' + i), 0};
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", v, "text", voice_scale_label(i),
                                               "checked", rating && strcmp(rating, v) == 0));
    }
    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "rating", "fieldset", "legend", "text",
                  "How did it go?", "classes", "govuk-fieldset__legend--m", "items", items, "errorMessage",
                  form_error_message(fe, "rating"));
    govuk_radios(&b, o);
    json_decref(o);

    o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s}, s:s, s:o*}", "id", "what_happened", "name", "what_happened", "label",
                  "text", "What happened?", "classes", "govuk-label--m", "hint", "text",
                  "In your own words. Please do not include names of children or staff. Up to 5,000 characters.",
                  "value", req_form(rq, "what_happened") ? req_form(rq, "what_happened") : "",
                  "errorMessage", form_error_message(fe, "what_happened"));
    govuk_textarea(&b, o);
    json_decref(o);

    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:{s:s}, s:o, s:o*}", "name", "respondent", "fieldset", "legend", "text",
                  "Are you a parent carer or a young person? (optional)", "classes", "govuk-fieldset__legend--m",
                  "hint", "text", "This helps us see how different people experience services.",
                  "items", radio_items(voice_respondent_codes, voice_respondent_label, req_form(rq, "respondent")),
                  "errorMessage", form_error_message(fe, "respondent"));
    govuk_radios(&b, o);
    json_decref(o);

    /* Contact details, only when they want a reply. */
    buf_reset(&cond);
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:s, s:o*}", "id", "contact_name", "name", "contact_name", "label", "text",
                  "Your name (optional)", "value", req_form(rq, "contact_name") ? req_form(rq, "contact_name") : "",
                  "autocomplete", "name", "errorMessage", form_error_message(fe, "contact_name"));
    govuk_input(&cond, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:s, s:s, s:b, s:o*}", "id", "contact_email", "name", "contact_email", "type",
                  "email", "label", "text", "Email address", "value",
                  req_form(rq, "contact_email") ? req_form(rq, "contact_email") : "", "autocomplete", "email",
                  "spellcheck", 0, "errorMessage", form_error_message(fe, "contact_email"));
    govuk_input(&cond, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:s, s:s, s:s, s:o*}", "id", "contact_phone", "name", "contact_phone", "type",
                  "tel", "label", "text", "Phone number (optional if you gave an email address)", "value",
                  req_form(rq, "contact_phone") ? req_form(rq, "contact_phone") : "", "autocomplete", "tel",
                  "classes", "govuk-input--width-20", "errorMessage", form_error_message(fe, "contact_phone"));
    govuk_input(&cond, o);
    json_decref(o);
    items = json_pack("[{s:s, s:s, s:b}, {s:s, s:s, s:b}]", "value", "yes", "text", "Yes, I would like a reply",
                      "checked", reply && strcmp(reply, "yes") == 0, "value", "no",
                      "text", "No, I want to stay anonymous", "checked", reply && strcmp(reply, "no") == 0);
    o = json_pack("{s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "reply", "fieldset", "legend", "text",
                  "Do you want a reply?", "classes", "govuk-fieldset__legend--m", "items", items, "errorMessage",
                  form_error_message(fe, "reply"));
    govuk_radios(&b, o);
    json_decref(o);
    o = json_pack("{s:{s:s, s:s}, s:s}", "legend", "text", "Your contact details (only if you want a reply)", "classes",
                  "govuk-fieldset__legend--s", "html", buf_str(&cond));
    govuk_fieldset(&b, o);
    json_decref(o);
    buf_add(&b, "<h2 class=\"govuk-heading-s\">How we use your information</h2>"
                "<p class=\"govuk-body\">Your feedback is read by the council, NHS and parent carer forum staff who look after "
                "families' feedback for the area you chose. We use it to improve services and report what families tell us, "
                "without names. If you give contact details, only the people reviewing your feedback can see them, "
                "every time they look at them is recorded, and they are used only to reply to you. "
                "They are deleted automatically after the retention period. "
                "If what you tell us suggests someone is at risk, we may share it with safeguarding teams. "
                "<a class=\"govuk-link\" href=\"/privacy\">Read the privacy notice</a>.</p>");
    voice_honeypot(&b);
    voice_form_page_end(rq, rs, &b, "Send feedback", status, "Have your say", fe);
    buf_free(&b);
    buf_free(&cond);
}

void voice_feedback_form_get(req *rq, resp *rs)
{
    form_errors fe = {0};
    render_form(rq, rs, 200, &fe);
    form_errors_free(&fe);
}

static void urgent_help(buf *b)
{
    buf_add(b, "<h2 class=\"govuk-heading-m\">If someone is at risk</h2>"
               "<p class=\"govuk-body\">What you told us suggests that a child or adult may be at risk. "
               "We will look at it urgently, but we may not read it straight away.</p>"
               "<ul class=\"govuk-list govuk-list--bullet\">"
               "<li>If anyone is in immediate danger, call <strong>999</strong>.</li>"
               "<li>To talk to someone about a child's safety, call the NSPCC helpline on <strong>0808 800 5000</strong>.</li>"
               "<li>Contact your local council's children's services (the children's social care front door); "
               "out of hours, call the council's emergency duty team.</li>"
               "<li>Children and young people can call Childline on <strong>0800 1111</strong>.</li></ul>");
}

void voice_feedback_form_post(req *rq, resp *rs)
{
    form_errors fe = {0};
    struct fb f;
    char id[IDS_UUID_LEN], ref[10];
    int urgent = 0, rc;
    buf b = BUF_INIT;
    json_t *o;
    fb_validate(rq, &f, &fe);
    if (form_has_errors(&fe)) {
        render_form(rq, rs, 400, &fe);
        goto done;
    }
    rc = voice_rate_allowed(rq->db, "feedback", rq->remote, date_now(), voice_rate_max(rq->db));
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    if (rc == 0) {
        resp_error(rq, rs, 429, "rate_limited",
                   "You have sent a lot of feedback in a short time. Wait 10 minutes and try again. Nothing you entered has been saved.", NULL);
        goto done;
    }
    if ((rc = fb_save(rq, &f, id, ref, &urgent)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "create", "feedback", id, urgent ? "flagged urgent" : NULL);
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    {
        buf ref_html = BUF_INIT;
        buf_add(&ref_html, "Your reference number<br><strong>");
        html_txt(&ref_html, ref);
        buf_add(&ref_html, "</strong>");
        o = json_pack("{s:s, s:s}", "titleText", "Thank you for your feedback", "html", buf_str(&ref_html));
        govuk_panel(&b, o);
        json_decref(o);
        buf_free(&ref_html);
    }
    if (urgent) urgent_help(&b);
    buf_add(&b, "<h2 class=\"govuk-heading-m\">What happens next</h2>"
                "<p class=\"govuk-body\">Staff and parent carer forum members for the area will read your feedback. ");
    if (strcmp(f.reply, "yes") == 0)
        buf_add(&b, "We will reply using the contact details you gave. Quote your reference number if you contact us.</p>");
    else
        buf_add(&b, "You asked not to get a reply. You can quote your reference number if you contact us.</p>");
    buf_add(&b, "<p class=\"govuk-body\">See what families have told us and what changed: "
                "<a class=\"govuk-link\" href=\"/you-said-we-did\">You said, we did</a>.</p>"
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/feedback\">Give more feedback</a></p></div></div>");
    page_render(rq, rs, 200, "Thank you for your feedback", buf_str(&b));
done:
    buf_free(&b);
    fb_free(&f);
    form_errors_free(&fe);
}

void voice_feedback_api_create(req *rq, resp *rs)
{
    form_errors fe = {0};
    struct fb f;
    char id[IDS_UUID_LEN], ref[10];
    int urgent = 0, rc;
    fb_validate(rq, &f, &fe);
    if (form_has_errors(&fe)) {
        resp_json(rs, 400, form_errors_json(&fe));
        goto done;
    }
    rc = voice_rate_allowed(rq->db, "feedback", rq->remote, date_now(), voice_rate_max(rq->db));
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    if (rc == 0) {
        resp_error(rq, rs, 429, "rate_limited", "Too many submissions from this address: wait 10 minutes.", NULL);
        goto done;
    }
    if ((rc = fb_save(rq, &f, id, ref, &urgent)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    audit_log(rq, rs, "create", "feedback", id, urgent ? "flagged urgent" : NULL);
    resp_json(rs, 201, json_pack("{s:s, s:s, s:b, s:s, s:s*}", "id", id, "reference", ref, "urgent", urgent, "status", "new",
                                 "urgent_help", urgent ? "If anyone is in immediate danger call 999. NSPCC helpline: 0808 800 5000. "
                                                         "Or contact your local council's children's services." : NULL));
done:
    fb_free(&f);
    form_errors_free(&fe);
}
