/* ui: shared page helpers for the plans module (see ui.h). */
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/http.h"
#include "core/page.h"
#include "core/site.h"

const char *const plans_frameworks[] = {"2016", "Local area SEND inspection (2016 framework)",
                                        "2023", "Area SEND inspection (2023 framework)", NULL};
const char *const plans_outcomes[] = {"no_wsoa", "2016: no written statement of action required",
                                      "wsoa", "2016: written statement of action required",
                                      "outcome1", "2023: typically positive experiences and outcomes",
                                      "outcome2", "2023: inconsistent experiences and outcomes",
                                      "outcome3", "2023: widespread and/or systemic failings", NULL};
const char *const plans_finding_kinds[] = {"significant_weakness", "Significant weakness",
                                           "priority_action", "Area for priority action",
                                           "improvement", "Area for improvement", NULL};
const char *const plans_responsible[] = {"council", "The council", "icb", "The integrated care board",
                                         "both", "The council and the integrated care board", NULL};
const char *const plans_plan_kinds[] = {"wsoa", "Written statement of action", "app", "Accelerated progress plan",
                                        "pap", "Priority action plan", "strategic", "Strategic plan", NULL};
const char *const plans_statuses[] = {"not_started", "Not started", "in_progress", "In progress",
                                      "blocked", "Blocked", "completed", "Completed", NULL};
const char *const plans_coproduction[] = {"information", "Information: families were told",
                                          "consultation", "Consultation: families were asked",
                                          "participation", "Participation: families took part in decisions",
                                          "coproduction", "Co-production: designed and delivered with families", NULL};

const form_errors *plans_ui_fe(const form_errors *fe)
{
    static const form_errors none = {{NULL, 0, 0}};
    return fe ? fe : &none;
}

const char *plans_ui_label(const char *const *o, const char *v)
{
    size_t i;
    for (i = 0; v && o[i]; i += 2)
        if (strcmp(o[i], v) == 0) return o[i + 1];
    return v ? v : "";
}

void plans_ui_input(buf *b, const form_errors *fe, const char *id, const char *label, const char *value,
                    const char *hint)
{
    plans_ui_input_named(b, fe, id, id, label, value, hint);
}

void plans_ui_input_named(buf *b, const form_errors *fe, const char *id, const char *name, const char *label,
                          const char *value, const char *hint)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:o*}", "id", id, "name", name, "value", value ? value : "",
                          "label", "text", label, "errorMessage", form_error_message(plans_ui_fe(fe), id));
    if (hint) json_object_set_new(o, "hint", json_pack("{s:s}", "text", hint));
    govuk_input(b, o);
    json_decref(o);
}

void plans_ui_textarea(buf *b, const form_errors *fe, const char *id, const char *label, const char *value,
                       const char *hint)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:i, s:{s:s}, s:o*}", "id", id, "name", id, "value", value ? value : "",
                          "rows", 4, "label", "text", label, "errorMessage", form_error_message(plans_ui_fe(fe), id));
    if (hint) json_object_set_new(o, "hint", json_pack("{s:s}", "text", hint));
    govuk_textarea(b, o);
    json_decref(o);
}

void plans_ui_select(buf *b, const form_errors *fe, const char *id, const char *label,
                     const char *const *options, const char *selected)
{
    json_t *items = json_array(), *o;
    size_t i;
    for (i = 0; options[i]; i += 2)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", options[i], "text", options[i + 1],
                                               "selected", selected && strcmp(selected, options[i]) == 0));
    o = json_pack("{s:s, s:s, s:{s:s}, s:o, s:o*}", "id", id, "name", id, "label", "text", label, "items", items,
                  "errorMessage", form_error_message(plans_ui_fe(fe), id));
    govuk_select(b, o);
    json_decref(o);
}

void plans_ui_select_rows(buf *b, const form_errors *fe, const char *id, const char *label, const json_t *rows,
                          const char *value_key, const char *text_key, const char *selected,
                          const char *blank_text)
{
    json_t *items = json_array(), *o, *r;
    size_t i;
    if (blank_text) json_array_append_new(items, json_pack("{s:s, s:s}", "value", "", "text", blank_text));
    json_array_foreach(rows, i, r) {
        const char *v = json_string_value(json_object_get(r, value_key));
        const char *t = json_string_value(json_object_get(r, text_key));
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", v ? v : "", "text", t ? t : "",
                                               "selected", selected && v && strcmp(selected, v) == 0));
    }
    o = json_pack("{s:s, s:s, s:{s:s}, s:o, s:o*}", "id", id, "name", id, "label", "text", label, "items", items,
                  "errorMessage", form_error_message(plans_ui_fe(fe), id));
    govuk_select(b, o);
    json_decref(o);
}

void plans_ui_radios(buf *b, const form_errors *fe, const char *id, const char *legend,
                     const char *const *options, const char *selected)
{
    json_t *items = json_array(), *o;
    size_t i;
    for (i = 0; options[i]; i += 2)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", options[i], "text", options[i + 1],
                                               "checked", selected && strcmp(selected, options[i]) == 0));
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "idPrefix", id, "name", id, "fieldset", "legend",
                  "text", legend, "classes", "govuk-fieldset__legend--s", "items", items, "errorMessage",
                  form_error_message(plans_ui_fe(fe), id));
    govuk_radios(b, o);
    json_decref(o);
}

void plans_ui_checkboxes(buf *b, const form_errors *fe, const char *id, const char *legend, const json_t *rows,
                         const char *value_key, const char *text_key, const json_t *checked)
{
    json_t *items = json_array(), *o, *r, *c;
    size_t i, k;
    json_array_foreach(rows, i, r) {
        const char *v = json_string_value(json_object_get(r, value_key));
        const char *t = json_string_value(json_object_get(r, text_key));
        int on = 0;
        json_array_foreach(checked, k, c)
            if (v && json_string_value(c) && strcmp(v, json_string_value(c)) == 0) on = 1;
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", v ? v : "", "text", t ? t : "", "checked", on));
    }
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "idPrefix", id, "name", id, "fieldset", "legend",
                  "text", legend, "classes", "govuk-fieldset__legend--s", "items", items, "errorMessage",
                  form_error_message(plans_ui_fe(fe), id));
    govuk_checkboxes(b, o);
    json_decref(o);
}

void plans_ui_date(buf *b, const form_errors *fe, const void *rqv, const char *id, const char *legend,
                   const char *value)
{
    plans_ui_date_named(b, fe, rqv, id, id, legend, value);
}

void plans_ui_date_named(buf *b, const form_errors *fe, const void *rqv, const char *id, const char *name,
                         const char *legend, const char *value)
{
    const req *rq = rqv;
    char dn[64], mn[64], yn[64], d[3] = "", m[3] = "", y[5] = "";
    const char *sd, *sm, *sy;
    json_t *o;
    snprintf(dn, sizeof dn, "%s-day", name);
    snprintf(mn, sizeof mn, "%s-month", name);
    snprintf(yn, sizeof yn, "%s-year", name);
    sd = rq ? req_form(rq, dn) : NULL;
    sm = rq ? req_form(rq, mn) : NULL;
    sy = rq ? req_form(rq, yn) : NULL;
    if (!sd && !sm && !sy && value && strlen(value) >= 10) {
        memcpy(y, value, 4);
        memcpy(m, value + 5, 2);
        memcpy(d, value + 8, 2);
        sd = d;
        sm = m;
        sy = y;
    }
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:[{s:s, s:s, s:s, s:s},{s:s, s:s, s:s, s:s},{s:s, s:s, s:s, s:s}], s:o*}",
                  "id", id, "namePrefix", name, "fieldset", "legend", "text", legend, "classes", "govuk-fieldset__legend--s",
                  "items", "name", "day", "value", sd ? sd : "", "classes", "govuk-input--width-2", "label", "Day",
                  "name", "month", "value", sm ? sm : "", "classes", "govuk-input--width-2", "label", "Month",
                  "name", "year", "value", sy ? sy : "", "classes", "govuk-input--width-4", "label", "Year",
                  "errorMessage", form_error_message(plans_ui_fe(fe), id));
    govuk_date_input(b, o);
    json_decref(o);
}

void plans_ui_button(buf *b, const char *text, int secondary)
{
    json_t *o = json_pack("{s:s}", "text", text);
    if (secondary) json_object_set_new(o, "classes", json_string("govuk-button--secondary"));
    govuk_button(b, o);
    json_decref(o);
}

void plans_ui_form_start(req *rq, buf *b, const form_errors *fe, const char *caption, const char *heading,
                         const char *action)
{
    buf_add(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(b, plans_ui_fe(fe));
    if (caption) {
        buf_add(b, "<span class=\"govuk-caption-l\">");
        html_txt(b, caption);
        buf_add(b, "</span>");
    }
    buf_add(b, "<h1 class=\"govuk-heading-l\">");
    html_txt(b, heading);
    buf_add(b, "</h1><form method=\"post\" action=\"");
    html_attr(b, action);
    buf_add(b, "\" novalidate>");
    page_csrf_field(rq, b);
}

void plans_ui_form_end(buf *b)
{
    buf_add(b, "</form></div></div>");
}

int plans_ui_after_save(req *rq, resp *rs, int rc, const form_errors *fe, const char *path, const char *id)
{
    buf loc = BUF_INIT;
    int again = 0;
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
    } else if (form_has_errors(fe)) {
        again = 1;
    } else {
        buf_printf(&loc, "%s%s", path, id);
        resp_redirect(rs, buf_str(&loc));
    }
    buf_free(&loc);
    return again;
}

int plans_ui_form_number(req *rq, const char *field, const char *label, const char *bad, double *out, form_errors *fe)
{
    const char *s = req_form(rq, field);
    char *end, msg[160];
    int rc = -1;
    if (!s || !*s) {
        snprintf(msg, sizeof msg, "Enter %s", label);
        form_error(fe, field, msg);
        goto done;
    }
    *out = strtod(s, &end);
    if (*end || !isfinite(*out) || fabs(*out) > 1e12) {
        form_error(fe, field, bad);
        goto done;
    }
    rc = 0;
done:
    return rc;
}

const char *plans_ui_day(const char *iso, char out[20])
{
    int32_t d;
    out[0] = '\0';
    if (iso && strlen(iso) >= 10 && date_parsen(iso, 10, &d) == 0) date_format_long(d, out);
    return out;
}

void plans_ui_tag(buf *b, enum plans_rag r)
{
    static const char *const cls[] = {"govuk-tag govuk-tag--grey", "govuk-tag govuk-tag--green",
                                      "govuk-tag govuk-tag--yellow", "govuk-tag govuk-tag--red"};
    buf_printf(b, "<strong class=\"%s\">", cls[(unsigned)r < 4 ? r : 0]);
    html_txt(b, plans_rag_label(r));
    buf_add(b, "</strong>");
}
