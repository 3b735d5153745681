/* govuk: GOV.UK Design System component renderers.
 *
 * Each function below is a hand translation of one govuk-frontend 5.14.0
 * template.njk. The translation keeps the templates' own rules, which are
 * JavaScript's: an option is "on" when it is truthy (a non-empty string, a
 * non-zero number, true, any object or array), values are printed the way
 * Nunjucks prints them (true -> "true", 3 -> "3", null -> ""), and every
 * printed value is escaped unless the template marks it `safe` (the *Html
 * options). Whitespace between tags follows the templates loosely: where a
 * template has some we emit a newline, where it strips it we emit none, so
 * the output equals the fixtures once runs of whitespace are collapsed. */
#include "govuk.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

/* ---- reading options ---------------------------------------------------- */

/* o[k], or NULL when o is not an object or has no k. Borrowed. */
static const json_t *gv(const json_t *o, const char *k)
{
    return json_is_object(o) ? json_object_get(o, k) : NULL;
}

/* JavaScript truthiness of a JSON value (NULL is undefined). */
static int gv_truthy(const json_t *v)
{
    if (!v) return 0;
    switch (json_typeof(v)) {
    case JSON_STRING: return json_string_length(v) > 0;
    case JSON_INTEGER: return json_integer_value(v) != 0;
    case JSON_REAL: return json_real_value(v) != 0.0;
    case JSON_TRUE: return 1;
    case JSON_FALSE:
    case JSON_NULL: return 0;
    default: return 1;          /* objects and arrays, even empty ones */
    }
}

static int gv_on(const json_t *o, const char *k)
{
    return gv_truthy(gv(o, k));
}

/* The text Nunjucks prints for v: strings as they are, numbers as JS
 * prints them, booleans as words, null/undefined as "". tmp (at least 40
 * bytes) holds number text. Borrowed (from v or tmp). */
static const char *gv_s(const json_t *v, char *tmp)
{
    if (!v) return "";
    switch (json_typeof(v)) {
    case JSON_STRING: return json_string_value(v);
    case JSON_INTEGER:
        snprintf(tmp, 40, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return tmp;
    case JSON_REAL: snprintf(tmp, 40, "%.15g", json_real_value(v)); return tmp;
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    default: return "";
    }
}

/* Appends v escaped, as `{{ v }}` does. */
static void gv_put(buf *b, const json_t *v)
{
    char tmp[40];
    html_txt(b, gv_s(v, tmp));
}

static void gv_putk(buf *b, const json_t *o, const char *k)
{
    gv_put(b, gv(o, k));
}

/* Appends trusted HTML without the surrounding whitespace (the `| trim` the
 * templates apply to html options). */
static void gv_raw_trim(buf *b, const char *s)
{
    size_t n;
    if (!s) return;
    while (isspace((unsigned char)*s)) s++;
    n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1])) n--;
    buf_addn(b, s, n);
}

/* `o.html | safe | trim if o.html else o.text`: the common content rule. */
static void gv_content(buf *b, const json_t *o, const char *hk, const char *tk)
{
    const json_t *h = gv(o, hk);
    if (gv_truthy(h)) {
        char tmp[40];
        gv_raw_trim(b, gv_s(h, tmp));
    } else {
        gv_putk(b, o, tk);
    }
}

static void gv_text_html(buf *b, const json_t *o)
{
    gv_content(b, o, "html", "text");
}

/* ` {{ o[k] }}` when o[k] is on: the `{%- if params.classes %}` idiom. */
static void gv_classes(buf *b, const json_t *o, const char *k)
{
    if (gv_on(o, k)) {
        buf_addc(b, ' ');
        gv_putk(b, o, k);
    }
}

/* ` name="value"` when o[k] is on. */
static void gv_attr_if(buf *b, const char *name, const json_t *o, const char *k)
{
    if (gv_on(o, k)) {
        buf_printf(b, " %s=\"", name);
        gv_putk(b, o, k);
        buf_addc(b, '"');
    }
}

/* One attribute as govukAttributes writes it. Optional attributes are left
 * out when null, undefined or false, and written bare when true. */
static void gv_attr_one(buf *b, const char *name, const json_t *v, int optional)
{
    if (optional && json_is_true(v)) {
        buf_addc(b, ' ');
        html_txt(b, name);
        return;
    }
    if (optional && (!v || json_is_null(v) || json_is_false(v))) return;
    buf_addc(b, ' ');
    html_txt(b, name);
    buf_add(b, "=\"");
    gv_put(b, v);
    buf_addc(b, '"');
}

/* The govukAttributes macro: a string is trusted and written as it is; an
 * object maps names to values or to {value, optional}. jansson keeps the
 * keys in insertion order, so attributes come out in the order given. */
static void gv_attrs(buf *b, const json_t *attrs)
{
    const char *name;
    json_t *item;
    if (json_is_string(attrs)) {
        buf_add(b, json_string_value(attrs));
        return;
    }
    if (!json_is_object(attrs)) return;
    json_object_foreach((json_t *)attrs, name, item) {
        if (json_is_object(item))
            gv_attr_one(b, name, json_object_get(item, "value"),
                        json_is_true(json_object_get(item, "optional")));
        else
            gv_attr_one(b, name, item, 0);
    }
}

static void gv_attrs_k(buf *b, const json_t *o, const char *k)
{
    gv_attrs(b, gv(o, k));
}

/* ` name="text"` (escaped) when text is not empty. */
static void gv_attr_buf(buf *b, const char *name, const buf *text)
{
    if (!text->len) return;
    buf_printf(b, " %s=\"", name);
    html_txt(b, buf_str(text));
    buf_addc(b, '"');
}

/* `{{ o[k] if o[k] else dflt }}`: dflt is a constant and written as it is. */
static void gv_putk_or(buf *b, const json_t *o, const char *k, const char *dflt)
{
    if (gv_on(o, k)) gv_putk(b, o, k);
    else buf_add(b, dflt);
}

/* `o.html | safe if o.html else o.text`, without the trim of gv_text_html. */
static void gv_text_html_untrimmed(buf *b, const json_t *o)
{
    char tmp[40];
    if (gv_on(o, "html")) buf_add(b, gv_s(gv(o, "html"), tmp));
    else gv_putk(b, o, "text");
}

/* Appends o[k] unescaped (for text escaped later) when it is on. */
static void gv_add_raw(buf *out, const json_t *o, const char *k)
{
    char tmp[40];
    if (gv_on(o, k)) buf_add(out, gv_s(gv(o, k), tmp));
}

/* Appends a space and o[k] unescaped when o[k] is on: extra classes on a
 * class list built for a sub-component, which escapes it. */
static void gv_more_classes(buf *out, const json_t *o, const char *k)
{
    if (gv_on(o, k)) {
        buf_addc(out, ' ');
        gv_add_raw(out, o, k);
    }
}

/* `<tag[ id="{{ o.id }}"] class="base {{ o.classes }}" {{ attributes }}>` and
 * a newline: the opening element most templates share. The id is written
 * (when on) only with with_id. */
static void gv_open(buf *b, const char *tag, int with_id, const char *base, const json_t *o)
{
    buf_printf(b, "<%s", tag);
    if (with_id) gv_attr_if(b, "id", o, "id");
    buf_printf(b, " class=\"%s", base);
    gv_classes(b, o, "classes");
    buf_addc(b, '"');
    gv_attrs_k(b, o, "attributes");
    buf_add(b, ">\n");
}

/* dst[dk] = src[sk] when src has it (a new reference). */
static void gv_copy(json_t *dst, const char *dk, const json_t *src, const char *sk)
{
    const json_t *v = gv(src, sk);
    if (v) json_object_set(dst, dk, (json_t *)v);
}

/* JavaScript `a == b` for the JSON scalars the templates compare. */
static int gv_loose_eq(const json_t *a, const json_t *b)
{
    char ta[40], tb[40];
    if (!a || !b) return (!a || json_is_null(a)) && (!b || json_is_null(b));
    if (json_is_null(a) || json_is_null(b)) return json_is_null(a) && json_is_null(b);
    if (json_is_string(a) && json_is_string(b))
        return strcmp(json_string_value(a), json_string_value(b)) == 0;
    if (json_is_number(a) || json_is_number(b) || json_is_boolean(a) || json_is_boolean(b)) {
        const json_t *v[2] = {a, b};
        double d[2];
        for (int i = 0; i < 2; i++) {
            if (json_is_number(v[i])) d[i] = json_number_value(v[i]);
            else if (json_is_boolean(v[i])) d[i] = json_is_true(v[i]);
            else if (json_is_string(v[i])) {
                const char *s = json_string_value(v[i]);
                char *end;
                d[i] = strtod(s, &end);
                while (isspace((unsigned char)*end)) end++;
                if (*end) return 0;
                if (!*s) d[i] = 0;
            } else {
                return 0;
            }
        }
        return d[0] == d[1];
    }
    return strcmp(gv_s(a, ta), gv_s(b, tb)) == 0 && json_equal((json_t *)a, (json_t *)b);
}

/* `x | default(fallback, true) ? true : false` for item.selected/checked:
 * an explicit truthy value wins, otherwise the computed match does. The
 * match counts only when the item did not say `false` (`!= false` in JS is
 * loose: 0 and "" count as false too). */
static int gv_item_chosen(const json_t *item, const char *flag, int matches)
{
    const json_t *f = gv(item, flag);
    if (gv_truthy(f)) return 1;
    /* what is left is false, 0, "", null or undefined; null and undefined
     * are not == false */
    if (f && !json_is_null(f)) return 0;
    return matches;
}

/* ---- small components ---------------------------------------------------- */

void govuk_skip_link(buf *b, const json_t *o)
{
    buf_add(b, "<a href=\"");
    gv_putk_or(b, o, "href", "#content");
    buf_add(b, "\" class=\"govuk-skip-link");
    gv_classes(b, o, "classes");
    buf_addc(b, '"');
    gv_attrs_k(b, o, "attributes");
    buf_add(b, " data-module=\"govuk-skip-link\">");
    gv_text_html_untrimmed(b, o);
    buf_add(b, "</a>");
}

void govuk_error_message(buf *b, const json_t *o)
{
    const json_t *vh = gv(o, "visuallyHiddenText");
    gv_open(b, "p", 1, "govuk-error-message", o);
    /* `| default("Error")` replaces only undefined, so "" or false hide it */
    if (!vh || gv_truthy(vh)) {
        buf_add(b, "<span class=\"govuk-visually-hidden\">");
        if (vh) gv_put(b, vh);
        else buf_add(b, "Error");
        buf_add(b, ":</span> ");
    }
    gv_text_html(b, o);
    buf_add(b, "\n</p>");
}

void govuk_hint(buf *b, const json_t *o)
{
    gv_open(b, "div", 1, "govuk-hint", o);
    gv_text_html(b, o);
    buf_add(b, "\n</div>");
}

void govuk_label(buf *b, const json_t *o)
{
    int heading;
    if (!gv_on(o, "html") && !gv_on(o, "text")) return;
    heading = gv_on(o, "isPageHeading");
    if (heading) buf_add(b, "<h1 class=\"govuk-label-wrapper\">\n");
    buf_add(b, "<label class=\"govuk-label");
    gv_classes(b, o, "classes");
    buf_addc(b, '"');
    gv_attrs_k(b, o, "attributes");
    gv_attr_if(b, "for", o, "for");
    buf_add(b, ">\n");
    gv_text_html(b, o);
    buf_add(b, "\n</label>");
    if (heading) buf_add(b, "\n</h1>");
}

void govuk_fieldset(buf *b, const json_t *o)
{
    const json_t *legend = gv(o, "legend");
    buf_add(b, "<fieldset class=\"govuk-fieldset");
    gv_classes(b, o, "classes");
    buf_addc(b, '"');
    gv_attr_if(b, "role", o, "role");
    gv_attr_if(b, "aria-describedby", o, "describedBy");
    gv_attrs_k(b, o, "attributes");
    buf_add(b, ">\n");
    if (gv_on(legend, "html") || gv_on(legend, "text")) {
        buf_add(b, "<legend class=\"govuk-fieldset__legend");
        gv_classes(b, legend, "classes");
        buf_add(b, "\">\n");
        if (gv_on(legend, "isPageHeading")) {
            buf_add(b, "<h1 class=\"govuk-fieldset__heading\">\n");
            gv_text_html(b, legend);
            buf_add(b, "\n</h1>");
        } else {
            gv_text_html(b, legend);
        }
        buf_add(b, "\n</legend>\n");
    }
    if (gv_on(o, "html")) {
        char tmp[40];
        buf_add(b, gv_s(gv(o, "html"), tmp));
        buf_addc(b, '\n');
    }
    buf_add(b, "</fieldset>");
}

void govuk_error_summary(buf *b, const json_t *o)
{
    const json_t *list = gv(o, "errorList");
    const json_t *dis = gv(o, "disableAutoFocus");
    buf_add(b, "<div class=\"govuk-error-summary");
    gv_classes(b, o, "classes");
    buf_addc(b, '"');
    if (dis) gv_attr_one(b, "data-disable-auto-focus", dis, 0);
    gv_attrs_k(b, o, "attributes");
    buf_add(b, " data-module=\"govuk-error-summary\">\n<div role=\"alert\">\n"
               "<h2 class=\"govuk-error-summary__title\">\n");
    gv_content(b, o, "titleHtml", "titleText");
    buf_add(b, "\n</h2>\n<div class=\"govuk-error-summary__body\">\n");
    if (gv_on(o, "descriptionHtml") || gv_on(o, "descriptionText")) {
        buf_add(b, "<p>\n");
        gv_content(b, o, "descriptionHtml", "descriptionText");
        buf_add(b, "\n</p>\n");
    }
    if (json_is_array(list) && json_array_size(list) > 0) {
        size_t i;
        const json_t *item;
        buf_add(b, "<ul class=\"govuk-list govuk-error-summary__list\">\n");
        json_array_foreach(list, i, item) {
            buf_add(b, "<li>\n");
            if (gv_on(item, "href")) {
                buf_add(b, "<a href=\"");
                gv_putk(b, item, "href");
                buf_addc(b, '"');
                gv_attrs_k(b, item, "attributes");
                buf_addc(b, '>');
                gv_text_html(b, item);
                buf_add(b, "</a>\n");
            } else {
                gv_text_html(b, item);
                buf_addc(b, '\n');
            }
            buf_add(b, "</li>\n");
        }
        buf_add(b, "</ul>\n");
    }
    buf_add(b, "</div>\n</div>\n</div>");
}

static const char gv_start_icon[] =
    "\n<svg class=\"govuk-button__start-icon\" xmlns=\"http://www.w3.org/2000/svg\" "
    "width=\"17.5\" height=\"19\" viewBox=\"0 0 33 40\" aria-hidden=\"true\" focusable=\"false\">\n"
    "<path fill=\"currentColor\" d=\"M0 0h13l20 20-20 20H0l20-20z\"/>\n</svg>";

void govuk_button(buf *b, const json_t *o)
{
    char el[16] = "button";
    buf common = BUF_INIT, battrs = BUF_INIT;
    int start = gv_on(o, "isStartButton");

    if (gv_on(o, "element")) {
        char tmp[40];
        const char *e = gv_s(gv(o, "element"), tmp);
        size_t i;
        for (i = 0; e[i] && i < sizeof el - 1; i++) el[i] = (char)tolower((unsigned char)e[i]);
        el[i] = '\0';
        if (e[i]) el[0] = '\0';     /* longer than any element we know */
    } else if (gv_on(o, "href")) {
        strcpy(el, "a");
    }

    buf_add(&common, " class=\"govuk-button");
    gv_classes(&common, o, "classes");
    if (start) buf_add(&common, " govuk-button--start");
    buf_add(&common, "\" data-module=\"govuk-button\"");
    gv_attrs_k(&common, o, "attributes");
    gv_attr_if(&common, "id", o, "id");

    gv_attr_if(&battrs, "name", o, "name");
    if (gv_on(o, "disabled")) buf_add(&battrs, " disabled aria-disabled=\"true\"");
    if (gv(o, "preventDoubleClick"))
        gv_attr_one(&battrs, "data-prevent-double-click", gv(o, "preventDoubleClick"), 0);

    if (strcmp(el, "a") == 0) {
        buf_add(b, "<a href=\"");
        gv_putk_or(b, o, "href", "#");
        buf_add(b, "\" role=\"button\" draggable=\"false\"");
        buf_add(b, buf_str(&common));
        buf_add(b, ">\n");
        gv_text_html(b, o);
        if (start) buf_add(b, gv_start_icon);
        buf_add(b, "\n</a>");
    } else if (strcmp(el, "button") == 0) {
        buf_add(b, "<button");
        gv_attr_if(b, "value", o, "value");
        buf_add(b, " type=\"");
        gv_putk_or(b, o, "type", "submit");
        buf_addc(b, '"');
        buf_add(b, buf_str(&battrs));
        buf_add(b, buf_str(&common));
        buf_add(b, ">\n");
        gv_text_html(b, o);
        if (start) buf_add(b, gv_start_icon);
        buf_add(b, "\n</button>");
    } else if (strcmp(el, "input") == 0) {
        buf_add(b, "<input value=\"");
        gv_putk(b, o, "text");
        buf_add(b, "\" type=\"");
        gv_putk_or(b, o, "type", "submit");
        buf_addc(b, '"');
        buf_add(b, buf_str(&battrs));
        buf_add(b, buf_str(&common));
        buf_addc(b, '>');
    }
    buf_free(&common);
    buf_free(&battrs);
}

/* ---- form fields ----------------------------------------------------------- */

/* Appends id to a space-separated aria-describedby list. */
static void gv_describe(buf *describedBy, const char *id)
{
    if (describedBy->len) buf_addc(describedBy, ' ');
    buf_add(describedBy, id);
}

/* A field's hint (error = 0) or error message (error = 1), part being the
 * field's `hint` / `errorMessage` option, rendered as its own component with
 * the given id and a newline. cls, when not NULL, is the class list to use
 * instead of part.classes (callers add part.classes to it). */
static void gv_field_part(buf *b, const json_t *part, const char *id, const char *cls, int error)
{
    json_t *sub = json_object();
    json_object_set_new(sub, "id", json_string(id));
    if (cls) json_object_set_new(sub, "classes", json_string(cls));
    else gv_copy(sub, "classes", part, "classes");
    gv_copy(sub, "attributes", part, "attributes");
    gv_copy(sub, "html", part, "html");
    gv_copy(sub, "text", part, "text");
    if (error) {
        gv_copy(sub, "visuallyHiddenText", part, "visuallyHiddenText");
        govuk_error_message(b, sub);
    } else {
        govuk_hint(b, sub);
    }
    buf_addc(b, '\n');
    json_decref(sub);
}

/* o.hint (error = 0) or o.errorMessage (error = 1) of a field whose id is
 * id, when on: rendered with the id "<id>-hint" / "<id>-error", which is
 * appended to describedBy. */
static void gv_field_described(buf *b, const json_t *o, const json_t *id, int error,
                               buf *describedBy)
{
    const char *k = error ? "errorMessage" : "hint";
    char tmp[40];
    buf pid = BUF_INIT;
    if (!gv_on(o, k)) return;
    buf_printf(&pid, "%s-%s", gv_s(id, tmp), error ? "error" : "hint");
    gv_describe(describedBy, buf_str(&pid));
    gv_field_part(b, gv(o, k), buf_str(&pid), NULL, error);
    buf_free(&pid);
}

/* The label, hint and error message that open input, textarea and select,
 * with ids derived from id; appends their ids to describedBy. */
static void gv_field_top(buf *b, const json_t *o, const json_t *id, buf *describedBy)
{
    const json_t *label = gv(o, "label");
    json_t *sub = json_object();
    gv_copy(sub, "html", label, "html");
    gv_copy(sub, "text", label, "text");
    gv_copy(sub, "classes", label, "classes");
    gv_copy(sub, "isPageHeading", label, "isPageHeading");
    gv_copy(sub, "attributes", label, "attributes");
    if (id) json_object_set(sub, "for", (json_t *)id);
    govuk_label(b, sub);
    buf_addc(b, '\n');
    json_decref(sub);

    gv_field_described(b, o, id, 0, describedBy);
    gv_field_described(b, o, id, 1, describedBy);
}

/* `<div class="govuk-form-group ...">` */
static void gv_form_group_open(buf *b, const json_t *o)
{
    const json_t *fg = gv(o, "formGroup");
    buf_add(b, "<div class=\"govuk-form-group");
    if (gv_on(o, "errorMessage")) buf_add(b, " govuk-form-group--error");
    gv_classes(b, fg, "classes");
    buf_addc(b, '"');
    gv_attrs_k(b, fg, "attributes");
    buf_add(b, ">\n");
}

/* formGroup.beforeInput(s) / afterInput(s): {text, html}. */
static void gv_form_extra(buf *b, const json_t *o, const char *k)
{
    const json_t *x = gv(gv(o, "formGroup"), k);
    if (!gv_truthy(x)) return;
    gv_text_html(b, x);
    buf_addc(b, '\n');
}

static void gv_input_affix(buf *b, const json_t *affix, const char *type)
{
    buf_printf(b, "<div class=\"govuk-input__%s", type);
    gv_classes(b, affix, "classes");
    buf_add(b, "\" aria-hidden=\"true\"");
    gv_attrs_k(b, affix, "attributes");
    buf_addc(b, '>');
    gv_text_html(b, affix);
    buf_add(b, "</div>\n");
}

static int gv_has_text(const json_t *o)
{
    return gv_on(o, "text") || gv_on(o, "html");
}

void govuk_input(buf *b, const json_t *o)
{
    const json_t *id = gv_on(o, "id") ? gv(o, "id") : gv(o, "name");
    const json_t *fg = gv(o, "formGroup");
    const json_t *sc = gv(o, "spellcheck");
    int pre = gv_has_text(gv(o, "prefix")), suf = gv_has_text(gv(o, "suffix"));
    int before = gv_has_text(gv(fg, "beforeInput")), after = gv_has_text(gv(fg, "afterInput"));
    buf db = BUF_INIT, cls = BUF_INIT;

    /* describedBy holds raw text; it is escaped once when written */
    gv_add_raw(&db, o, "describedBy");

    gv_form_group_open(b, o);
    gv_field_top(b, o, id, &db);

    if (pre || suf || before || after) {
        gv_open(b, "div", 0, "govuk-input__wrapper", gv(o, "inputWrapper"));
        if (before) gv_form_extra(b, o, "beforeInput");
        if (pre) gv_input_affix(b, gv(o, "prefix"), "prefix");
    }

    /* the input element: a govukAttributes call with fixed order */
    buf_add(&cls, "govuk-input");
    gv_more_classes(&cls, o, "classes");
    if (gv_on(o, "errorMessage")) buf_add(&cls, " govuk-input--error");
    buf_add(b, "<input");
    gv_attr_buf(b, "class", &cls);
    gv_attr_one(b, "id", id, 0);
    gv_attr_one(b, "name", gv(o, "name"), 0);
    if (gv_on(o, "type")) gv_attr_one(b, "type", gv(o, "type"), 0);
    else buf_add(b, " type=\"text\"");
    if (json_is_boolean(sc)) gv_attr_one(b, "spellcheck", sc, 0);
    gv_attr_one(b, "value", gv(o, "value"), 1);
    gv_attr_one(b, "disabled", gv(o, "disabled"), 1);
    gv_attr_buf(b, "aria-describedby", &db);
    gv_attr_one(b, "autocomplete", gv(o, "autocomplete"), 1);
    gv_attr_one(b, "autocapitalize", gv(o, "autocapitalize"), 1);
    gv_attr_one(b, "pattern", gv(o, "pattern"), 1);
    gv_attr_one(b, "inputmode", gv(o, "inputmode"), 1);
    gv_attrs_k(b, o, "attributes");
    buf_add(b, ">\n");

    if (pre || suf || before || after) {
        if (suf) gv_input_affix(b, gv(o, "suffix"), "suffix");
        if (after) gv_form_extra(b, o, "afterInput");
        buf_add(b, "</div>\n");
    }
    buf_add(b, "</div>");
    buf_free(&db);
    buf_free(&cls);
}

void govuk_textarea(buf *b, const json_t *o)
{
    const json_t *id = gv_on(o, "id") ? gv(o, "id") : gv(o, "name");
    const json_t *sc = gv(o, "spellcheck");
    buf db = BUF_INIT;

    gv_add_raw(&db, o, "describedBy");
    gv_form_group_open(b, o);
    gv_field_top(b, o, id, &db);
    gv_form_extra(b, o, "beforeInput");
    buf_add(b, "<textarea class=\"govuk-textarea");
    if (gv_on(o, "errorMessage")) buf_add(b, " govuk-textarea--error");
    gv_classes(b, o, "classes");
    buf_add(b, "\" id=\"");
    gv_put(b, id);
    buf_add(b, "\" name=\"");
    gv_putk(b, o, "name");
    buf_add(b, "\" rows=\"");
    gv_putk_or(b, o, "rows", "5");
    buf_addc(b, '"');
    if (json_is_boolean(sc)) gv_attr_one(b, "spellcheck", sc, 0);
    if (gv_on(o, "disabled")) buf_add(b, " disabled");
    gv_attr_buf(b, "aria-describedby", &db);
    gv_attr_if(b, "autocomplete", o, "autocomplete");
    gv_attrs_k(b, o, "attributes");
    buf_addc(b, '>');
    gv_putk(b, o, "value");
    buf_add(b, "</textarea>\n");
    gv_form_extra(b, o, "afterInput");
    buf_add(b, "</div>");
    buf_free(&db);
}

void govuk_select(buf *b, const json_t *o)
{
    const json_t *id = gv_on(o, "id") ? gv(o, "id") : gv(o, "name");
    const json_t *items = gv(o, "items"), *item;
    const json_t *value = gv(o, "value");
    buf db = BUF_INIT;
    size_t i;

    gv_add_raw(&db, o, "describedBy");
    gv_form_group_open(b, o);
    gv_field_top(b, o, id, &db);
    gv_form_extra(b, o, "beforeInput");
    buf_add(b, "<select class=\"govuk-select");
    gv_classes(b, o, "classes");
    if (gv_on(o, "errorMessage")) buf_add(b, " govuk-select--error");
    buf_add(b, "\" id=\"");
    gv_put(b, id);
    buf_add(b, "\" name=\"");
    gv_putk(b, o, "name");
    buf_addc(b, '"');
    if (gv_on(o, "disabled")) buf_add(b, " disabled");
    gv_attr_buf(b, "aria-describedby", &db);
    gv_attrs_k(b, o, "attributes");
    buf_add(b, ">\n");
    json_array_foreach(json_is_array(items) ? items : NULL, i, item) {
        const json_t *iv = gv(item, "value");
        /* an option without value is selected by its text */
        const json_t *eff = iv ? iv : gv(item, "text");
        if (!gv_truthy(item)) continue;
        buf_add(b, "<option");
        if (iv) {
            buf_add(b, " value=\"");
            gv_put(b, iv);
            buf_addc(b, '"');
        }
        if (gv_item_chosen(item, "selected", gv_truthy(value) && gv_loose_eq(eff, value)))
            buf_add(b, " selected");
        if (gv_on(item, "disabled")) buf_add(b, " disabled");
        gv_attrs_k(b, item, "attributes");
        buf_addc(b, '>');
        gv_putk(b, item, "text");
        buf_add(b, "</option>\n");
    }
    buf_add(b, "</select>\n");
    gv_form_extra(b, o, "afterInput");
    buf_add(b, "</div>");
    buf_free(&db);
}

/* ---- radios and checkboxes ------------------------------------------------ */

/* Radios and checkboxes share one template shape; `kind` is "radios" or
 * "checkboxes" and the differences are marked where they fall. */
static void gv_choice_item(buf *b, const json_t *o, const json_t *item, size_t index,
                           const char *idprefix, const char *describedBy, int checkbox)
{
    const char *kind = checkbox ? "checkboxes" : "radios";
    buf itemid = BUF_INIT, hintid = BUF_INIT, idb = BUF_INIT, cls = BUF_INIT;
    const json_t *hint = gv(item, "hint"), *cond = gv(item, "conditional");
    int has_hint = gv_has_text(hint), checked, has_cond = gv_on(cond, "html");
    char tmp[40];
    json_t *sub;

    if (gv_on(item, "divider")) {
        buf_printf(b, "<div class=\"govuk-%s__divider\">", kind);
        gv_putk(b, item, "divider");
        buf_add(b, "</div>\n");
        goto done;
    }
    if (gv_on(item, "id")) buf_add(&itemid, gv_s(gv(item, "id"), tmp));
    else if (index > 1) buf_printf(&itemid, "%s-%zu", idprefix, index);
    else buf_add(&itemid, idprefix);
    buf_printf(&hintid, "%s-item-hint", buf_str(&itemid));

    if (checkbox) {
        /* `item.value in params.values`: indexOf, so strict equality */
        const json_t *values = gv(o, "values"), *v;
        size_t i;
        int in = 0;
        if (gv_truthy(values)) {
            json_array_foreach(json_is_array(values) ? values : NULL, i, v)
                if (gv(item, "value") && json_equal((json_t *)v, (json_t *)gv(item, "value"))) in = 1;
        }
        checked = gv_item_chosen(item, "checked", in);
    } else {
        const json_t *value = gv(o, "value");
        checked = gv_item_chosen(item, "checked",
                                 gv_truthy(value) && gv_loose_eq(gv(item, "value"), value));
    }

    buf_printf(b, "<div class=\"govuk-%s__item\">\n", kind);
    buf_printf(b, "<input class=\"govuk-%s__input\" id=\"", kind);
    html_txt(b, buf_str(&itemid));
    buf_add(b, "\" name=\"");
    if (checkbox && gv_on(item, "name")) gv_putk(b, item, "name");
    else gv_putk(b, o, "name");
    buf_printf(b, "\" type=\"%s\" value=\"", checkbox ? "checkbox" : "radio");
    gv_putk(b, item, "value");
    buf_addc(b, '"');
    if (checked) buf_add(b, " checked");
    if (gv_on(item, "disabled")) buf_add(b, " disabled");
    if (has_cond) {
        buf_add(b, " data-aria-controls=\"conditional-");
        html_txt(b, buf_str(&itemid));
        buf_addc(b, '"');
    }
    if (checkbox) {
        gv_attr_if(b, "data-behaviour", item, "behaviour");
        /* checkboxes outside a fieldset carry the group's description too */
        if (describedBy) buf_add(&idb, describedBy);
    }
    if (has_hint) gv_describe(&idb, buf_str(&hintid));
    gv_attr_buf(b, "aria-describedby", &idb);
    gv_attrs_k(b, item, "attributes");
    buf_add(b, ">\n");

    buf_printf(&cls, "govuk-%s__label", kind);
    gv_more_classes(&cls, gv(item, "label"), "classes");
    sub = json_object();
    gv_copy(sub, "html", item, "html");
    gv_copy(sub, "text", item, "text");
    json_object_set_new(sub, "classes", json_string(buf_str(&cls)));
    gv_copy(sub, "attributes", gv(item, "label"), "attributes");
    json_object_set_new(sub, "for", json_string(buf_str(&itemid)));
    govuk_label(b, sub);
    buf_addc(b, '\n');
    json_decref(sub);

    if (has_hint) {
        buf_reset(&cls);
        buf_printf(&cls, "govuk-%s__hint", kind);
        gv_more_classes(&cls, hint, "classes");
        gv_field_part(b, hint, buf_str(&hintid), buf_str(&cls), 0);
    }
    buf_add(b, "</div>\n");
    if (has_cond) {
        buf_printf(b, "<div class=\"govuk-%s__conditional", kind);
        if (!checked) buf_printf(b, " govuk-%s__conditional--hidden", kind);
        buf_add(b, "\" id=\"conditional-");
        html_txt(b, buf_str(&itemid));
        buf_add(b, "\">\n");
        gv_raw_trim(b, gv_s(gv(cond, "html"), tmp));
        buf_add(b, "\n</div>\n");
    }
done:
    buf_free(&itemid);
    buf_free(&hintid);
    buf_free(&idb);
    buf_free(&cls);
}

/* The hint and error message inside a radios/checkboxes/date-input group;
 * appends their ids to db. Ids come from prefix. */
static void gv_group_top(buf *b, const json_t *o, const char *prefix, buf *db)
{
    json_t *top = json_object();
    json_object_set_new(top, "id", json_string(prefix));
    gv_copy(top, "hint", o, "hint");
    gv_copy(top, "errorMessage", o, "errorMessage");
    /* gv_field_top renders an empty label when given none */
    gv_field_top(b, top, json_object_get(top, "id"), db);
    json_decref(top);
}

/* The form group of a radios/checkboxes/date-input group around inner:
 * inside o.fieldset (described by describedBy, with role when not NULL)
 * when there is one. */
static void gv_group_close(buf *b, const json_t *o, const buf *describedBy, const buf *inner,
                           const char *role)
{
    const json_t *fs = gv(o, "fieldset");
    gv_form_group_open(b, o);
    if (gv_truthy(fs)) {
        json_t *sub = json_object();
        json_object_set_new(sub, "describedBy", json_string(buf_str(describedBy)));
        gv_copy(sub, "classes", fs, "classes");
        if (role) json_object_set_new(sub, "role", json_string(role));
        gv_copy(sub, "attributes", fs, "attributes");
        gv_copy(sub, "legend", fs, "legend");
        json_object_set_new(sub, "html", json_string(buf_str(inner)));
        govuk_fieldset(b, sub);
        json_decref(sub);
    } else {
        buf_add(b, buf_str(inner));
    }
    buf_add(b, "\n</div>");
}

static void gv_choices(buf *b, const json_t *o, int checkbox)
{
    const char *kind = checkbox ? "checkboxes" : "radios";
    const json_t *fs = gv(o, "fieldset"), *items = gv(o, "items"), *item;
    buf db = BUF_INIT, inner = BUF_INIT;
    char t1[40], t2[40];
    int has_fs = gv_truthy(fs);
    size_t i;
    /* ids fall back to the name when no idPrefix is given */
    const char *idprefix = gv_on(o, "idPrefix") ? gv_s(gv(o, "idPrefix"), t1)
                                                : gv_s(gv(o, "name"), t2);

    /* only checkboxes take a top-level describedBy; fieldset's wins */
    if (checkbox) gv_add_raw(&db, o, "describedBy");
    if (gv_on(fs, "describedBy")) {
        buf_reset(&db);
        gv_add_raw(&db, fs, "describedBy");
    }

    gv_group_top(&inner, o, idprefix, &db);
    buf_printf(&inner, "<div class=\"govuk-%s", kind);
    gv_classes(&inner, o, "classes");
    buf_addc(&inner, '"');
    gv_attrs_k(&inner, o, "attributes");
    buf_printf(&inner, " data-module=\"govuk-%s\">\n", kind);
    gv_form_extra(&inner, o, "beforeInputs");
    json_array_foreach(json_is_array(items) ? items : NULL, i, item) {
        if (!gv_truthy(item)) continue;
        gv_choice_item(&inner, o, item, i + 1, idprefix,
                       checkbox && !has_fs ? buf_str(&db) : NULL, checkbox);
    }
    gv_form_extra(&inner, o, "afterInputs");
    buf_add(&inner, "</div>");

    gv_group_close(b, o, &db, &inner, NULL);
    buf_free(&db);
    buf_free(&inner);
}

void govuk_radios(buf *b, const json_t *o)
{
    gv_choices(b, o, 0);
}

void govuk_checkboxes(buf *b, const json_t *o)
{
    gv_choices(b, o, 1);
}

/* ---- date input ------------------------------------------------------------- */

void govuk_date_input(buf *b, const json_t *o)
{
    const json_t *fs = gv(o, "fieldset"), *items = gv(o, "items"), *item;
    json_t *defaults = NULL;
    buf db = BUF_INIT, inner = BUF_INIT, s = BUF_INIT;
    char t1[40], t2[40], t3[40];
    const char *pid = gv_s(gv(o, "id"), t1);
    size_t i;

    gv_add_raw(&db, fs, "describedBy");
    if (!json_is_array(items) || json_array_size(items) == 0) {
        defaults = json_pack("[{s:s,s:s},{s:s,s:s},{s:s,s:s}]",
                             "name", "day", "classes", "govuk-input--width-2",
                             "name", "month", "classes", "govuk-input--width-2",
                             "name", "year", "classes", "govuk-input--width-4");
        items = defaults;
    }
    gv_group_top(&inner, o, pid, &db);
    buf_add(&inner, "<div class=\"govuk-date-input");
    gv_classes(&inner, o, "classes");
    buf_addc(&inner, '"');
    gv_attrs_k(&inner, o, "attributes");
    gv_attr_if(&inner, "id", o, "id");
    buf_add(&inner, ">\n");
    gv_form_extra(&inner, o, "beforeInputs");
    json_array_foreach(items, i, item) {
        json_t *in = json_object(), *label = json_object();
        const char *name = gv_s(gv(item, "name"), t3);
        buf_add(&inner, "<div class=\"govuk-date-input__item\">\n");
        /* label: item.label, or the name capitalised as Nunjucks does */
        buf_reset(&s);
        if (gv_on(item, "label")) {
            buf_add(&s, gv_s(gv(item, "label"), t2));
        } else {
            for (size_t k = 0; name[k]; k++)
                buf_addc(&s, (char)(k ? tolower((unsigned char)name[k])
                                      : toupper((unsigned char)name[k])));
        }
        json_object_set_new(label, "text", json_string(buf_str(&s)));
        json_object_set_new(label, "classes", json_string("govuk-date-input__label"));
        json_object_set_new(in, "label", label);
        buf_reset(&s);
        if (gv_on(item, "id")) buf_add(&s, gv_s(gv(item, "id"), t2));
        else buf_printf(&s, "%s-%s", pid, name);
        json_object_set_new(in, "id", json_string(buf_str(&s)));
        buf_reset(&s);
        buf_add(&s, "govuk-date-input__input ");
        if (gv_on(item, "classes")) buf_add(&s, gv_s(gv(item, "classes"), t2));
        json_object_set_new(in, "classes", json_string(buf_str(&s)));
        buf_reset(&s);
        if (gv_on(o, "namePrefix")) buf_printf(&s, "%s-", gv_s(gv(o, "namePrefix"), t2));
        buf_add(&s, gv_s(gv(item, "name"), t2));
        json_object_set_new(in, "name", json_string(buf_str(&s)));
        gv_copy(in, "value", item, "value");
        json_object_set_new(in, "type", json_string("text"));
        if (gv_on(item, "inputmode")) gv_copy(in, "inputmode", item, "inputmode");
        else json_object_set_new(in, "inputmode", json_string("numeric"));
        gv_copy(in, "autocomplete", item, "autocomplete");
        gv_copy(in, "pattern", item, "pattern");
        gv_copy(in, "attributes", item, "attributes");
        govuk_input(&inner, in);
        json_decref(in);
        buf_add(&inner, "\n</div>\n");
    }
    gv_form_extra(&inner, o, "afterInputs");
    buf_add(&inner, "</div>");

    /* role=group so that JAWS reads the description of text inputs */
    gv_group_close(b, o, &db, &inner, "group");
    json_decref(defaults);
    buf_free(&db);
    buf_free(&inner);
    buf_free(&s);
}

/* ---- content components ---------------------------------------------------- */

/* One table cell: `<tag class="base[ base--format] classes" ...>content`,
 * tag being "td" or "th ..." (its two-letter name first); cell.format
 * applies only with formats. */
static void gv_table_cell(buf *b, const json_t *cell, const char *tag, const char *base,
                          int formats)
{
    buf_printf(b, "<%s class=\"%s", tag, base);
    if (formats && gv_on(cell, "format")) {
        buf_printf(b, " %s--", base);
        gv_putk(b, cell, "format");
    }
    gv_classes(b, cell, "classes");
    buf_addc(b, '"');
    gv_attr_if(b, "colspan", cell, "colspan");
    gv_attr_if(b, "rowspan", cell, "rowspan");
    gv_attrs_k(b, cell, "attributes");
    buf_addc(b, '>');
    gv_text_html_untrimmed(b, cell);
    buf_printf(b, "</%.2s>\n", tag);
}

void govuk_table(buf *b, const json_t *o)
{
    const json_t *head = gv(o, "head"), *rows = gv(o, "rows"), *row, *cell;
    size_t i, j;

    gv_open(b, "table", 0, "govuk-table", o);
    if (gv_on(o, "caption")) {
        buf_add(b, "<caption class=\"govuk-table__caption");
        gv_classes(b, o, "captionClasses");
        buf_add(b, "\">");
        gv_putk(b, o, "caption");
        buf_add(b, "</caption>\n");
    }
    if (gv_truthy(head)) {
        buf_add(b, "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n");
        json_array_foreach(json_is_array(head) ? head : NULL, i, cell)
            gv_table_cell(b, cell, "th scope=\"col\"", "govuk-table__header", 1);
        buf_add(b, "</tr>\n</thead>\n");
    }
    buf_add(b, "<tbody class=\"govuk-table__body\">\n");
    json_array_foreach(json_is_array(rows) ? rows : NULL, i, row) {
        if (!gv_truthy(row)) continue;
        buf_add(b, "<tr class=\"govuk-table__row\">\n");
        json_array_foreach(json_is_array(row) ? row : NULL, j, cell) {
            if (j == 0 && gv_on(o, "firstCellIsHeader"))
                gv_table_cell(b, cell, "th scope=\"row\"", "govuk-table__header", 0);
            else
                gv_table_cell(b, cell, "td", "govuk-table__cell", 1);
        }
        buf_add(b, "</tr>\n");
    }
    buf_add(b, "</tbody>\n</table>");
}

static size_t gv_len(const json_t *a)
{
    return json_is_array(a) ? json_array_size(a) : 0;
}

/* A summary list action link; card_title names the card in the hidden text. */
static void gv_action_link(buf *b, const json_t *a, const json_t *card_title)
{
    buf_add(b, "<a class=\"govuk-link");
    gv_classes(b, a, "classes");
    buf_add(b, "\" href=\"");
    gv_putk(b, a, "href");
    buf_addc(b, '"');
    gv_attrs_k(b, a, "attributes");
    buf_addc(b, '>');
    gv_text_html_untrimmed(b, a);
    if (gv_on(a, "visuallyHiddenText") || gv_truthy(card_title)) {
        buf_add(b, "<span class=\"govuk-visually-hidden\">");
        if (gv_on(a, "visuallyHiddenText")) {
            buf_addc(b, ' ');
            gv_putk(b, a, "visuallyHiddenText");
        }
        if (gv_truthy(card_title)) {
            buf_add(b, " (");
            gv_text_html_untrimmed(b, card_title);
            buf_addc(b, ')');
        }
        buf_add(b, "</span>");
    }
    buf_add(b, "</a>");
}

void govuk_summary_list(buf *b, const json_t *o)
{
    const json_t *rows = gv(o, "rows"), *row, *card = gv(o, "card");
    const json_t *title = gv(card, "title");
    buf list = BUF_INIT;
    int any_actions = 0;
    size_t i, j;

    json_array_foreach(json_is_array(rows) ? rows : NULL, i, row)
        if (gv_len(gv(gv(row, "actions"), "items"))) any_actions = 1;

    gv_open(&list, "dl", 0, "govuk-summary-list", o);
    json_array_foreach(json_is_array(rows) ? rows : NULL, i, row) {
        const json_t *actions = gv(row, "actions"), *items = gv(actions, "items"), *a;
        if (!gv_truthy(row)) continue;
        buf_add(&list, "<div class=\"govuk-summary-list__row");
        if (any_actions && !gv_truthy(items)) buf_add(&list, " govuk-summary-list__row--no-actions");
        gv_classes(&list, row, "classes");
        buf_add(&list, "\">\n<dt class=\"govuk-summary-list__key");
        gv_classes(&list, gv(row, "key"), "classes");
        buf_add(&list, "\">\n");
        gv_text_html(&list, gv(row, "key"));
        buf_add(&list, "\n</dt>\n<dd class=\"govuk-summary-list__value");
        gv_classes(&list, gv(row, "value"), "classes");
        buf_add(&list, "\">\n");
        gv_text_html(&list, gv(row, "value"));
        buf_add(&list, "\n</dd>\n");
        if (gv_len(items)) {
            buf_add(&list, "<dd class=\"govuk-summary-list__actions");
            gv_classes(&list, actions, "classes");
            buf_add(&list, "\">\n");
            if (gv_len(items) == 1) {
                gv_action_link(&list, json_array_get(items, 0), title);
                buf_addc(&list, '\n');
            } else {
                buf_add(&list, "<ul class=\"govuk-summary-list__actions-list\">\n");
                json_array_foreach(items, j, a) {
                    buf_add(&list, "<li class=\"govuk-summary-list__actions-list-item\">\n");
                    gv_action_link(&list, a, title);
                    buf_add(&list, "\n</li>\n");
                }
                buf_add(&list, "</ul>\n");
            }
            buf_add(&list, "</dd>\n");
        }
        buf_add(&list, "</div>\n");
    }
    buf_add(&list, "</dl>");

    if (gv_truthy(card)) {
        const json_t *actions = gv(card, "actions"), *items = gv(actions, "items"), *a;
        char tmp[40];
        const char *level = gv_on(title, "headingLevel") ? gv_s(gv(title, "headingLevel"), tmp) : "2";
        gv_open(b, "div", 0, "govuk-summary-card", card);
        buf_add(b, "<div class=\"govuk-summary-card__title-wrapper\">\n");
        if (gv_truthy(title)) {
            buf_add(b, "<h");
            html_txt(b, level);
            buf_add(b, " class=\"govuk-summary-card__title");
            gv_classes(b, title, "classes");
            buf_add(b, "\">\n");
            gv_text_html(b, title);
            buf_add(b, "\n</h");
            html_txt(b, level);
            buf_add(b, ">\n");
        }
        if (gv_len(items) == 1) {
            buf_add(b, "<div class=\"govuk-summary-card__actions");
            gv_classes(b, actions, "classes");
            buf_add(b, "\">\n");
            gv_action_link(b, json_array_get(items, 0), title);
            buf_add(b, "\n</div>\n");
        } else if (gv_len(items) > 1) {
            buf_add(b, "<ul class=\"govuk-summary-card__actions");
            gv_classes(b, actions, "classes");
            buf_add(b, "\">\n");
            json_array_foreach(items, j, a) {
                buf_add(b, "<li class=\"govuk-summary-card__action\">\n");
                gv_action_link(b, a, title);
                buf_add(b, "\n</li>\n");
            }
            buf_add(b, "</ul>\n");
        }
        buf_add(b, "</div>\n<div class=\"govuk-summary-card__content\">\n");
        buf_add(b, buf_str(&list));
        buf_add(b, "\n</div>\n</div>");
    } else {
        buf_add(b, buf_str(&list));
    }
    buf_free(&list);
}

void govuk_tag(buf *b, const json_t *o)
{
    gv_open(b, "strong", 0, "govuk-tag", o);
    gv_text_html(b, o);
    buf_add(b, "\n</strong>");
}

void govuk_panel(buf *b, const json_t *o)
{
    char tmp[40];
    const char *level = gv_on(o, "headingLevel") ? gv_s(gv(o, "headingLevel"), tmp) : "1";
    gv_open(b, "div", 0, "govuk-panel govuk-panel--confirmation", o);
    buf_add(b, "<h");
    html_txt(b, level);
    buf_add(b, " class=\"govuk-panel__title\">\n");
    gv_content(b, o, "titleHtml", "titleText");
    buf_add(b, "\n</h");
    html_txt(b, level);
    buf_add(b, ">\n");
    if (gv_has_text(o)) {
        buf_add(b, "<div class=\"govuk-panel__body\">\n");
        gv_text_html(b, o);
        buf_add(b, "\n</div>\n");
    }
    buf_add(b, "</div>");
}

void govuk_inset_text(buf *b, const json_t *o)
{
    gv_open(b, "div", 1, "govuk-inset-text", o);
    gv_text_html(b, o);
    buf_add(b, "\n</div>");
}

void govuk_warning_text(buf *b, const json_t *o)
{
    gv_open(b, "div", 0, "govuk-warning-text", o);
    buf_add(b, "<span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>\n"
               "<strong class=\"govuk-warning-text__text\">\n<span class=\"govuk-visually-hidden\">");
    gv_putk_or(b, o, "iconFallbackText", "Warning");
    buf_add(b, "</span>\n");
    gv_text_html(b, o);
    buf_add(b, "\n</strong>\n</div>");
}

void govuk_details(buf *b, const json_t *o)
{
    buf_add(b, "<details");
    gv_attr_if(b, "id", o, "id");
    buf_add(b, " class=\"govuk-details");
    gv_classes(b, o, "classes");
    buf_addc(b, '"');
    gv_attrs_k(b, o, "attributes");
    if (gv_on(o, "open")) buf_add(b, " open");
    buf_add(b, ">\n<summary class=\"govuk-details__summary\">\n"
               "<span class=\"govuk-details__summary-text\">\n");
    gv_content(b, o, "summaryHtml", "summaryText");
    buf_add(b, "\n</span>\n</summary>\n<div class=\"govuk-details__text\">\n");
    gv_text_html(b, o);
    buf_add(b, "\n</div>\n</details>");
}

void govuk_back_link(buf *b, const json_t *o)
{
    buf_add(b, "<a href=\"");
    gv_putk_or(b, o, "href", "#");
    buf_add(b, "\" class=\"govuk-back-link");
    gv_classes(b, o, "classes");
    buf_addc(b, '"');
    gv_attrs_k(b, o, "attributes");
    buf_addc(b, '>');
    if (gv_has_text(o)) gv_text_html_untrimmed(b, o);
    else buf_add(b, "Back");
    buf_add(b, "</a>");
}

void govuk_breadcrumbs(buf *b, const json_t *o)
{
    const json_t *items = gv(o, "items"), *item, *label = gv(o, "labelText");
    size_t i;

    buf_add(b, "<nav class=\"govuk-breadcrumbs");
    gv_classes(b, o, "classes");
    if (gv_on(o, "collapseOnMobile")) buf_add(b, " govuk-breadcrumbs--collapse-on-mobile");
    buf_addc(b, '"');
    gv_attrs_k(b, o, "attributes");
    buf_add(b, " aria-label=\"");
    if (label) gv_put(b, label);
    else buf_add(b, "Breadcrumb");
    buf_add(b, "\">\n<ol class=\"govuk-breadcrumbs__list\">\n");
    json_array_foreach(json_is_array(items) ? items : NULL, i, item) {
        if (gv_on(item, "href")) {
            buf_add(b, "<li class=\"govuk-breadcrumbs__list-item\">\n"
                       "<a class=\"govuk-breadcrumbs__link\" href=\"");
            gv_putk(b, item, "href");
            buf_addc(b, '"');
            gv_attrs_k(b, item, "attributes");
            buf_addc(b, '>');
            gv_text_html_untrimmed(b, item);
            buf_add(b, "</a>\n</li>\n");
        } else {
            buf_add(b, "<li class=\"govuk-breadcrumbs__list-item\" aria-current=\"page\">");
            gv_text_html_untrimmed(b, item);
            buf_add(b, "</li>\n");
        }
    }
    buf_add(b, "</ol>\n</nav>");
}

void govuk_phase_banner(buf *b, const json_t *o)
{
    const json_t *tag = gv(o, "tag");
    buf cls = BUF_INIT;
    json_t *sub = json_object();
    gv_open(b, "div", 0, "govuk-phase-banner", o);
    buf_add(b, "<p class=\"govuk-phase-banner__content\">\n");
    buf_add(&cls, "govuk-phase-banner__content__tag");
    gv_more_classes(&cls, tag, "classes");
    gv_copy(sub, "text", tag, "text");
    gv_copy(sub, "html", tag, "html");
    json_object_set_new(sub, "classes", json_string(buf_str(&cls)));
    govuk_tag(b, sub);
    buf_add(b, "\n<span class=\"govuk-phase-banner__text\">\n");
    gv_text_html(b, o);
    buf_add(b, "\n</span>\n</p>\n</div>");
    json_decref(sub);
    buf_free(&cls);
}

void govuk_notification_banner(buf *b, const json_t *o)
{
    const json_t *type = gv(o, "type"), *dis = gv(o, "disableAutoFocus");
    int success = json_is_string(type) && strcmp(json_string_value(type), "success") == 0;
    char tmp[40];

    buf_add(b, "<div class=\"govuk-notification-banner");
    if (success) buf_add(b, " govuk-notification-banner--success");
    gv_classes(b, o, "classes");
    buf_add(b, "\" role=\"");
    gv_putk_or(b, o, "role", success ? "alert" : "region");
    buf_add(b, "\" aria-labelledby=\"");
    gv_putk_or(b, o, "titleId", "govuk-notification-banner-title");
    buf_add(b, "\" data-module=\"govuk-notification-banner\"");
    if (dis) gv_attr_one(b, "data-disable-auto-focus", dis, 0);
    gv_attrs_k(b, o, "attributes");
    buf_add(b, ">\n<div class=\"govuk-notification-banner__header\">\n<h");
    gv_putk_or(b, o, "titleHeadingLevel", "2");
    buf_add(b, " class=\"govuk-notification-banner__title\" id=\"");
    gv_putk_or(b, o, "titleId", "govuk-notification-banner-title");
    buf_add(b, "\">\n");
    if (gv_on(o, "titleHtml")) buf_add(b, gv_s(gv(o, "titleHtml"), tmp));
    else if (gv_on(o, "titleText")) gv_putk(b, o, "titleText");
    else buf_add(b, success ? "Success" : "Important");
    buf_add(b, "\n</h");
    gv_putk_or(b, o, "titleHeadingLevel", "2");
    buf_add(b, ">\n</div>\n<div class=\"govuk-notification-banner__content\">\n");
    if (gv_on(o, "html")) {
        gv_raw_trim(b, gv_s(gv(o, "html"), tmp));
        buf_addc(b, '\n');
    } else if (gv_on(o, "text")) {
        buf_add(b, "<p class=\"govuk-notification-banner__heading\">\n");
        gv_putk(b, o, "text");
        buf_add(b, "\n</p>\n");
    }
    buf_add(b, "</div>\n</div>");
}

void govuk_task_list(buf *b, const json_t *o)
{
    const json_t *items = gv(o, "items"), *item;
    char t1[40];
    const char *prefix = gv_on(o, "idPrefix") ? gv_s(gv(o, "idPrefix"), t1) : "task-list";
    size_t i;

    gv_open(b, "ul", 0, "govuk-task-list", o);
    json_array_foreach(json_is_array(items) ? items : NULL, i, item) {
        const json_t *title = gv(item, "title"), *status = gv(item, "status");
        buf hint_id = BUF_INIT, status_id = BUF_INIT;
        if (!gv_truthy(item)) continue;
        buf_printf(&hint_id, "%s-%zu-hint", prefix, i + 1);
        buf_printf(&status_id, "%s-%zu-status", prefix, i + 1);
        buf_add(b, "<li class=\"govuk-task-list__item");
        if (gv_on(item, "href")) buf_add(b, " govuk-task-list__item--with-link");
        gv_classes(b, item, "classes");
        buf_add(b, "\">\n<div class=\"govuk-task-list__name-and-hint\">\n");
        if (gv_on(item, "href")) {
            buf_add(b, "<a class=\"govuk-link govuk-task-list__link");
            gv_classes(b, title, "classes");
            buf_add(b, "\" href=\"");
            gv_putk(b, item, "href");
            buf_add(b, "\" aria-describedby=\"");
            if (gv_on(item, "hint")) {
                html_txt(b, buf_str(&hint_id));
                buf_addc(b, ' ');
            }
            html_txt(b, buf_str(&status_id));
            buf_add(b, "\">\n");
            gv_text_html(b, title);
            buf_add(b, "\n</a>\n");
        } else {
            buf_add(b, "<div");
            gv_attr_if(b, "class", title, "classes");
            buf_add(b, ">\n");
            gv_text_html(b, title);
            buf_add(b, "\n</div>\n");
        }
        if (gv_on(item, "hint")) {
            buf_add(b, "<div id=\"");
            html_txt(b, buf_str(&hint_id));
            buf_add(b, "\" class=\"govuk-task-list__hint\">\n");
            gv_text_html(b, gv(item, "hint"));
            buf_add(b, "\n</div>\n");
        }
        buf_add(b, "</div>\n<div class=\"govuk-task-list__status");
        gv_classes(b, status, "classes");
        buf_add(b, "\" id=\"");
        html_txt(b, buf_str(&status_id));
        buf_add(b, "\">\n");
        if (gv_on(status, "tag")) govuk_tag(b, gv(status, "tag"));
        else gv_text_html(b, status);
        buf_add(b, "\n</div>\n</li>\n");
        buf_free(&hint_id);
        buf_free(&status_id);
    }
    buf_add(b, "</ul>");
}

static const char gv_arrow_prev[] =
    "<svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" xmlns=\"http://www.w3.org/2000/svg\" "
    "height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\">\n"
    "<path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path>\n"
    "</svg>";
static const char gv_arrow_next[] =
    "<svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" xmlns=\"http://www.w3.org/2000/svg\" "
    "height=\"13\" width=\"15\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\">\n"
    "<path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path>\n"
    "</svg>";

/* The previous/next link; block is the stacked layout used without items. */
static void gv_page_arrow(buf *b, const json_t *link, int prev, int block)
{
    const char *type = prev ? "prev" : "next";
    buf_printf(b, "<div class=\"govuk-pagination__%s\">\n"
                  "<a class=\"govuk-link govuk-pagination__link\" href=\"", type);
    gv_putk(b, link, "href");
    buf_printf(b, "\" rel=\"%s\"", type);
    gv_attrs_k(b, link, "attributes");
    buf_add(b, ">\n");
    if (block || prev) {
        buf_add(b, prev ? gv_arrow_prev : gv_arrow_next);
        buf_addc(b, '\n');
    }
    buf_add(b, "<span class=\"govuk-pagination__link-title");
    if (block && !gv_on(link, "labelText")) buf_add(b, " govuk-pagination__link-title--decorated");
    buf_add(b, "\">\n");
    if (gv_has_text(link)) gv_text_html(b, link);
    else buf_printf(b, "%s<span class=\"govuk-visually-hidden\"> page</span>", prev ? "Previous" : "Next");
    buf_add(b, "\n</span>\n");
    if (gv_on(link, "labelText") && block) {
        buf_add(b, "<span class=\"govuk-visually-hidden\">:</span>\n"
                   "<span class=\"govuk-pagination__link-label\">");
        gv_putk(b, link, "labelText");
        buf_add(b, "</span>\n");
    }
    if (!block && !prev) {
        buf_add(b, gv_arrow_next);
        buf_addc(b, '\n');
    }
    buf_add(b, "</a>\n</div>\n");
}

void govuk_pagination(buf *b, const json_t *o)
{
    const json_t *items = gv(o, "items"), *item;
    const json_t *prev = gv(o, "previous"), *next = gv(o, "next");
    int block = !gv_truthy(items) && (gv_truthy(next) || gv_truthy(prev));
    size_t i;

    buf_add(b, "<nav class=\"govuk-pagination");
    if (block) buf_add(b, " govuk-pagination--block");
    gv_classes(b, o, "classes");
    buf_add(b, "\" aria-label=\"");
    gv_putk_or(b, o, "landmarkLabel", "Pagination");
    buf_addc(b, '"');
    gv_attrs_k(b, o, "attributes");
    buf_add(b, ">\n");
    if (gv_on(prev, "href")) gv_page_arrow(b, prev, 1, block);
    if (gv_truthy(items)) {
        buf_add(b, "<ul class=\"govuk-pagination__list\">\n");
        json_array_foreach(json_is_array(items) ? items : NULL, i, item) {
            const json_t *vh = gv(item, "visuallyHiddenText");
            if (!json_is_object(item) || json_object_size(item) == 0) continue;
            buf_add(b, "<li class=\"govuk-pagination__item");
            if (gv_on(item, "current")) buf_add(b, " govuk-pagination__item--current");
            if (gv_on(item, "ellipsis")) buf_add(b, " govuk-pagination__item--ellipsis");
            buf_add(b, "\">\n");
            if (gv_on(item, "ellipsis")) {
                buf_add(b, "&ctdot;\n");
            } else {
                buf_add(b, "<a class=\"govuk-link govuk-pagination__link\" href=\"");
                gv_putk(b, item, "href");
                buf_add(b, "\" aria-label=\"");
                if (vh) {
                    gv_put(b, vh);
                } else {
                    buf_add(b, "Page ");
                    gv_putk(b, item, "number");
                }
                buf_addc(b, '"');
                if (gv_on(item, "current")) buf_add(b, " aria-current=\"page\"");
                gv_attrs_k(b, item, "attributes");
                buf_add(b, ">\n");
                gv_putk(b, item, "number");
                buf_add(b, "\n</a>\n");
            }
            buf_add(b, "</li>\n");
        }
        buf_add(b, "</ul>\n");
    }
    if (gv_on(next, "href")) gv_page_arrow(b, next, 0, block);
    buf_add(b, "</nav>");
}

/* ---- by name ------------------------------------------------------------------ */

static const struct {
    const char *name;
    void (*render)(buf *, const json_t *);
} gv_components[] = {
    {"skip-link", govuk_skip_link},
    {"error-message", govuk_error_message},
    {"hint", govuk_hint},
    {"label", govuk_label},
    {"fieldset", govuk_fieldset},
    {"error-summary", govuk_error_summary},
    {"button", govuk_button},
    {"input", govuk_input},
    {"textarea", govuk_textarea},
    {"select", govuk_select},
    {"radios", govuk_radios},
    {"checkboxes", govuk_checkboxes},
    {"date-input", govuk_date_input},
    {"table", govuk_table},
    {"summary-list", govuk_summary_list},
    {"tag", govuk_tag},
    {"panel", govuk_panel},
    {"inset-text", govuk_inset_text},
    {"warning-text", govuk_warning_text},
    {"details", govuk_details},
    {"back-link", govuk_back_link},
    {"breadcrumbs", govuk_breadcrumbs},
    {"phase-banner", govuk_phase_banner},
    {"notification-banner", govuk_notification_banner},
    {"task-list", govuk_task_list},
    {"pagination", govuk_pagination},
};

int govuk_render(buf *b, const char *component, const json_t *opts)
{
    for (size_t i = 0; i < sizeof gv_components / sizeof gv_components[0]; i++) {
        if (strcmp(gv_components[i].name, component) == 0) {
            gv_components[i].render(b, opts);
            return 0;
        }
    }
    return -1;
}
