/* test_govuk: renders every fixture govuk-frontend ships for the components
 * src/core/govuk.c implements and compares with the fixture's HTML, after
 * collapsing whitespace (runs of whitespace become one space, whitespace
 * between tags goes). Run from the repo root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/govuk.h"
#include "core/html.h"

#define FIXTURE_DIR "node_modules/govuk-frontend/dist/govuk/components/"

/* Fixtures we skip on purpose, with the reason. Anything not listed here
 * must match. */
static const struct {
    const char *component, *fixture, *why;
} skips[] = {
    {NULL, NULL, NULL},
};

static const char *const components[] = {
    "skip-link", "error-message", "hint", "label", "fieldset", "error-summary",
    "button", "input", "textarea", "select", "radios", "checkboxes", "date-input",
    "table", "summary-list", "tag", "panel", "inset-text", "warning-text",
    "details", "back-link", "breadcrumbs", "phase-banner", "notification-banner",
    "task-list", "pagination",
};

static const char *skip_reason(const char *component, const char *fixture)
{
    for (size_t i = 0; i < sizeof skips / sizeof skips[0]; i++)
        if (skips[i].component && strcmp(skips[i].component, component) == 0 &&
            strcmp(skips[i].fixture, fixture) == 0)
            return skips[i].why;
    return NULL;
}

/* Collapses whitespace runs to one space, drops whitespace between '>' and
 * '<' and at both ends. Caller frees. */
static char *normalise(const char *s)
{
    buf b = BUF_INIT;
    const char *p = s;
    while (isspace((unsigned char)*p)) p++;
    while (*p) {
        if (isspace((unsigned char)*p)) {
            const char *q = p;
            while (isspace((unsigned char)*q)) q++;
            if (*q && !(b.len && b.s[b.len - 1] == '>' && *q == '<')) buf_addc(&b, ' ');
            p = q;
        } else {
            buf_addc(&b, *p++);
        }
    }
    buf_addc(&b, '\0');
    b.len--;
    return buf_detach(&b);
}

static void test_normalise(void **state)
{
    char *n = normalise("  <p>\n  a   b\n</p>\n  <i> x</i>  ");
    assert_string_equal(n, "<p> a b </p><i> x</i>");
    free(n);
}

static void test_escaping(void **state)
{
    buf b = BUF_INIT;
    json_t *o = json_pack("{s:s}", "text", "<b>\"Tom\" & 'Jerry'</b>");
    govuk_tag(&b, o);
    assert_non_null(strstr(buf_str(&b), "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"));
    buf_reset(&b);
    json_decref(o);
    o = json_pack("{s:s,s:s}", "text", "ignored", "html", "<b>bold</b>");
    govuk_tag(&b, o);
    assert_non_null(strstr(buf_str(&b), "<b>bold</b>"));
    assert_null(strstr(buf_str(&b), "ignored"));
    json_decref(o);
    buf_free(&b);
}

static void test_attributes(void **state)
{
    buf b = BUF_INIT;
    json_t *o = json_pack("{s:s,s:{s:s,s:{s:b,s:b},s:{s:n,s:b},s:b}}", "text", "Go",
                          "attributes", "data-x", "a\"b", "hidden", "value", 1, "optional", 1,
                          "data-gone", "value", "optional", 1, "aria-pressed", 0);
    govuk_button(&b, o);
    assert_non_null(strstr(buf_str(&b), " data-x=\"a&quot;b\" hidden aria-pressed=\"false\""));
    assert_null(strstr(buf_str(&b), "data-gone"));
    json_decref(o);
    buf_free(&b);
}

static void test_fixtures(void **state)
{
    struct stat st;
    int failures = 0;
    if (stat(FIXTURE_DIR, &st) != 0) {
        print_message("govuk fixtures: SKIPPED, %s not found (run npm ci in the repo root)\n",
                      FIXTURE_DIR);
        skip();
    }
    for (size_t c = 0; c < sizeof components / sizeof components[0]; c++) {
        char path[512];
        json_error_t err;
        json_t *root, *fixtures, *f;
        size_t i, pass = 0, total = 0, skipped = 0;
        buf why = BUF_INIT;

        snprintf(path, sizeof path, FIXTURE_DIR "%s/fixtures.json", components[c]);
        root = json_load_file(path, 0, &err);
        if (!root) {
            print_message("govuk fixtures: %s: cannot load %s: %s\n", components[c], path, err.text);
            failures++;
            continue;
        }
        fixtures = json_object_get(root, "fixtures");
        json_array_foreach(fixtures, i, f) {
            const char *name = json_string_value(json_object_get(f, "name"));
            const char *reason = skip_reason(components[c], name);
            buf out = BUF_INIT;
            char *want, *got;
            total++;
            if (reason) {
                skipped++;
                buf_printf(&why, "%s%s", why.len ? "; " : "", name);
                continue;
            }
            assert_int_equal(govuk_render(&out, components[c], json_object_get(f, "options")), 0);
            want = normalise(json_string_value(json_object_get(f, "html")));
            got = normalise(buf_str(&out));
            if (strcmp(want, got) == 0) {
                pass++;
            } else {
                failures++;
                print_message("MISMATCH %s / %s\n  want: %s\n  got:  %s\n", components[c], name,
                              want, got);
            }
            free(want);
            free(got);
            buf_free(&out);
        }
        if (skipped)
            print_message("govuk fixtures: %s %zu/%zu (%zu skipped: %s)\n", components[c], pass,
                          total, skipped, buf_str(&why));
        else
            print_message("govuk fixtures: %s %zu/%zu\n", components[c], pass, total);
        buf_free(&why);
        json_decref(root);
    }
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_fixtures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
