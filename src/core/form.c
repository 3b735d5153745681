#include "form.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "html.h"
#include "utf8.h"

void form_errors_free(form_errors *fe)
{
    kvlist_free(&fe->items);
}

void form_error(form_errors *fe, const char *field, const char *message)
{
    if (!form_error_for(fe, field)) kvlist_add(&fe->items, field, message);
}

int form_has_errors(const form_errors *fe)
{
    return fe->items.n > 0;
}

const char *form_error_for(const form_errors *fe, const char *field)
{
    return kvlist_get(&fe->items, field);
}

void form_error_summary(buf *b, const form_errors *fe)
{
    size_t i;
    if (!fe->items.n) return;
    buf_add(b, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
               "<h2 class=\"govuk-error-summary__title\">There is a problem</h2>"
               "<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">");
    for (i = 0; i < fe->items.n; i++) {
        buf_add(b, "<li><a href=\"#");
        html_attr(b, fe->items.items[i].name);
        buf_add(b, "\">");
        html_txt(b, fe->items.items[i].value);
        buf_add(b, "</a></li>");
    }
    buf_add(b, "</ul></div></div></div>");
}

json_t *form_error_message(const form_errors *fe, const char *field)
{
    const char *m = form_error_for(fe, field);
    return m ? json_pack("{s:s}", "text", m) : NULL;
}

json_t *form_errors_json(const form_errors *fe)
{
    json_t *all = json_array();
    size_t i;
    for (i = 0; i < fe->items.n; i++)
        json_array_append_new(all, json_pack("{s:s, s:s}", "field", fe->items.items[i].name, "message",
                                             fe->items.items[i].value));
    return json_pack("{s:{s:s, s:s, s:s?, s:o}}", "error", "code", "invalid", "message",
                     fe->items.n ? fe->items.items[0].value : "Invalid request", "field",
                     fe->items.n ? fe->items.items[0].name : NULL, "errors", all);
}

size_t form_values(const req *rq, const char *field, const char **out, size_t max)
{
    size_t i, n = 0;
    for (i = 0; i < rq->form.n && n < max; i++)
        if (strcmp(rq->form.items[i].name, field) == 0) out[n++] = rq->form.items[i].value;
    return n;
}


char *form_text(const req *rq, const char *field, const char *label, int required, size_t maxlen,
                form_errors *fe)
{
    const char *v = req_form(rq, field);
    const char *s, *e;
    buf msg = BUF_INIT;
    char *out;
    if (!v) v = "";
    s = v;
    while (*s && isspace((unsigned char)*s)) s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) e--;
    out = xstrndup(s, (size_t)(e - s));
    if (!utf8_valid(out, strlen(out))) {
        buf_printf(&msg, "%s contains characters that cannot be used", label);
        form_error(fe, field, buf_str(&msg));
    } else if (required && !*out) {
        buf_add(&msg, "Enter ");
        buf_add(&msg, label);
        form_error(fe, field, buf_str(&msg));
    } else if (maxlen && utf8_len(out) > maxlen) {
        buf_printf(&msg, "%s must be %zu characters or fewer", label, maxlen);
        msg.s[0] = (char)toupper((unsigned char)msg.s[0]);
        form_error(fe, field, buf_str(&msg));
    }
    buf_free(&msg);
    return out;
}

const char *form_choice(const req *rq, const char *field, const char *label, int required,
                        const char *const *allowed, form_errors *fe)
{
    const char *v = req_form(rq, field);
    buf msg = BUF_INIT;
    size_t i;
    if (v && *v) {
        for (i = 0; allowed[i]; i++)
            if (strcmp(allowed[i], v) == 0) goto done;
        v = NULL;
        buf_printf(&msg, "Select %s from the list", label);
        form_error(fe, field, buf_str(&msg));
        goto done;
    }
    v = NULL;
    if (required) {
        buf_printf(&msg, "Select %s", label);
        form_error(fe, field, buf_str(&msg));
    }
done:
    buf_free(&msg);
    return v;
}

/* A whole number of 1 to maxlen digits (surrounding spaces allowed), or -1. */
static long digits(const char *s, size_t maxlen)
{
    long v = 0;
    size_t n = 0;
    if (!s) return -1;
    while (*s == ' ') s++;
    for (; *s >= '0' && *s <= '9'; s++, n++) v = v * 10 + (*s - '0');
    while (*s == ' ') s++;
    return (*s || n == 0 || n > maxlen) ? -1 : v;
}

int form_date(const req *rq, const char *field, const char *label, int required, char out[11],
              form_errors *fe)
{
    char name[96];
    const char *whole = req_form(rq, field), *d, *m, *y;
    buf msg = BUF_INIT;
    int32_t day;
    int rc = -1;
    out[0] = '\0';
    snprintf(name, sizeof name, "%s-day", field);
    d = req_form(rq, name);
    snprintf(name, sizeof name, "%s-month", field);
    m = req_form(rq, name);
    snprintf(name, sizeof name, "%s-year", field);
    y = req_form(rq, name);
    if ((!whole || !*whole) && (d || m || y) && ((d && *d) || (m && *m) || (y && *y))) {
        long dl = digits(d, 2), ml = digits(m, 2), yl = digits(y, 4);
        if (dl < 0 || ml < 0 || yl < 0 || strlen(y) != 4 || date_from_ymd((int)yl, (int)ml, (int)dl, &day) != 0) {
            buf_printf(&msg, "%s must be a real date", label);
            form_error(fe, field, buf_str(&msg));
            goto done;
        }
        date_format(day, out);
        rc = 0;
        goto done;
    }
    if (whole && *whole) {
        if (date_parse(whole, &day) != 0) {
            buf_printf(&msg, "%s must be a real date in the form YYYY-MM-DD", label);
            form_error(fe, field, buf_str(&msg));
            goto done;
        }
        date_format(day, out);
        rc = 0;
        goto done;
    }
    if (required) {
        buf_printf(&msg, "Enter %s", label);
        form_error(fe, field, buf_str(&msg));
        goto done;
    }
    rc = 0;
done:
    buf_free(&msg);
    return rc;
}
