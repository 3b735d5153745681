/* Unit tests for the small core modules: buf, html, utf8, ids, form,
 * router matching and access, metrics, openapi, auth passwords, cli. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/auth.h"
#include "core/buf.h"
#include "core/cli.h"
#include "core/form.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/metrics.h"
#include "core/openapi.h"
#include "core/router.h"
#include "core/utf8.h"


static void test_buf(void **state)
{
    buf b = BUF_INIT;
    char *s;
    int i;
    assert_string_equal(buf_str(&b), "");
    buf_add(&b, "abc");
    buf_addc(&b, '-');
    buf_printf(&b, "%d/%s", 42, "x");
    buf_add(&b, NULL);
    assert_string_equal(buf_str(&b), "abc-42/x");
    assert_int_equal(b.len, 8);
    for (i = 0; i < 1000; i++) buf_add(&b, "0123456789");
    assert_int_equal(b.len, 10008);
    buf_reset(&b);
    assert_string_equal(buf_str(&b), "");
    buf_add(&b, "kept");
    s = buf_detach(&b);
    assert_string_equal(s, "kept");
    assert_null(b.s);
    free(s);
    buf_free(&b);
}

static void test_html_escaping(void **state)
{
    buf b = BUF_INIT;
    const char *pairs[] = {"q", "a b&c", "empty", "", "n", NULL, "pc", "NB1 1AA", NULL};
    html_txt(&b, "<script>alert('x') & \"y\"</script>");
    assert_string_equal(buf_str(&b), "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    buf_reset(&b);
    html_url(&b, "a b/é?");
    assert_string_equal(buf_str(&b), "a%20b%2F%C3%A9%3F");
    buf_reset(&b);
    html_query(&b, pairs);
    assert_string_equal(buf_str(&b), "?q=a%20b%26c&pc=NB1%201AA");
    buf_free(&b);
}

static void test_utf8(void **state)
{
    assert_true(utf8_valid("plain text\n\ttab", 15));
    assert_true(utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14));
    assert_false(utf8_valid("\xc0\xaf", 2));          /* overlong */
    assert_false(utf8_valid("\xed\xa0\x80", 3));      /* surrogate */
    assert_false(utf8_valid("\xe2\x82", 2));          /* truncated */
    assert_false(utf8_valid("a\x01" "b", 3));           /* control */
    assert_false(utf8_valid("a\0b", 3));              /* NUL */
    assert_int_equal(utf8_len("caf\xc3\xa9"), 4);
}

static void test_ids(void **state)
{
    char a[IDS_UUID_LEN], b[IDS_UUID_LEN], h[IDS_HASH_LEN], t[33], now[21];
    ids_uuid(a);
    ids_uuid(b);
    assert_true(ids_is_uuid(a));
    assert_string_not_equal(a, b);
    assert_int_equal(a[14], '4');
    assert_false(ids_is_uuid("not-a-uuid"));
    assert_false(ids_is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
    ids_uuid_from("ns", "name", a);
    ids_uuid_from("ns", "name", b);
    assert_string_equal(a, b);
    ids_uuid_from("ns", "other", b);
    assert_string_not_equal(a, b);
    ids_hash_hex("secret", h);
    assert_int_equal(strlen(h), 64);
    ids_random_hex(t, 16);
    assert_int_equal(strlen(t), 32);
    ids_now_iso(now);
    assert_int_equal(strlen(now), 20);
    assert_int_equal(now[19], 'Z');
}

static void test_urlencoded(void **state)
{
    kvlist l = {0};
    assert_int_equal(http_parse_urlencoded("a=1&b=x+y%21&c=&d", 17, &l), 0);
    assert_int_equal(l.n, 4);
    assert_string_equal(kvlist_get(&l, "b"), "x y!");
    assert_string_equal(kvlist_get(&l, "c"), "");
    assert_string_equal(kvlist_get(&l, "d"), "");
    kvlist_free(&l);
    assert_int_equal(http_parse_urlencoded("a=%zz", 5, &l), -1);
    kvlist_free(&l);
    assert_int_equal(http_parse_urlencoded("a=%4", 4, &l), -1);
    kvlist_free(&l);
    assert_int_equal(http_parse_urlencoded("a=%00", 5, &l), -1);
    kvlist_free(&l);
    assert_int_equal(http_parse_urlencoded("a=%C3%28", 8, &l), -1);   /* not UTF-8 */
    kvlist_free(&l);
}

static void test_form_validation(void **state)
{
    req rq;
    form_errors fe = {0};
    char *v, date[11];
    const char *allowed[] = {"a", "b", NULL};
    const char *many[4];
    buf b = BUF_INIT;
    memset(&rq, 0, sizeof rq);
    kvlist_add(&rq.form, "name", "  Ann  ");
    kvlist_add(&rq.form, "long", "abcdefghijk");
    kvlist_add(&rq.form, "pick", "c");
    kvlist_add(&rq.form, "when-day", "29");
    kvlist_add(&rq.form, "when-month", "2");
    kvlist_add(&rq.form, "when-year", "2023");
    kvlist_add(&rq.form, "ok-day", "29");
    kvlist_add(&rq.form, "ok-month", "02");
    kvlist_add(&rq.form, "ok-year", "2024");
    kvlist_add(&rq.form, "junk-day", "1x");
    kvlist_add(&rq.form, "junk-month", "1");
    kvlist_add(&rq.form, "junk-year", "2024");
    kvlist_add(&rq.form, "iso", "2024-01-31");
    kvlist_add(&rq.form, "tag", "one");
    kvlist_add(&rq.form, "tag", "two");
    v = form_text(&rq, "name", "your name", 1, 10, &fe);
    assert_string_equal(v, "Ann");
    free(v);
    v = form_text(&rq, "missing", "your email address", 1, 10, &fe);
    assert_string_equal(v, "");
    free(v);
    assert_string_equal(form_error_for(&fe, "missing"), "Enter your email address");
    v = form_text(&rq, "long", "your name", 0, 5, &fe);
    free(v);
    assert_string_equal(form_error_for(&fe, "long"), "Your name must be 5 characters or fewer");
    assert_null(form_choice(&rq, "pick", "an option", 1, allowed, &fe));
    assert_non_null(form_error_for(&fe, "pick"));
    assert_int_equal(form_date(&rq, "when", "the date", 1, date, &fe), -1);
    assert_int_equal(form_date(&rq, "junk", "the date", 1, date, &fe), -1);
    assert_int_equal(form_date(&rq, "ok", "the date", 1, date, &fe), 0);
    assert_string_equal(date, "2024-02-29");
    assert_int_equal(form_date(&rq, "iso", "the date", 1, date, &fe), 0);
    assert_string_equal(date, "2024-01-31");
    assert_int_equal(form_date(&rq, "none", "the date", 0, date, &fe), 0);
    assert_string_equal(date, "");
    assert_int_equal(form_values(&rq, "tag", many, 4), 2);
    assert_string_equal(many[1], "two");
    form_error_summary(&b, &fe);
    assert_non_null(strstr(buf_str(&b), "There is a problem"));
    assert_non_null(strstr(buf_str(&b), "href=\"#missing\""));
    {
        json_t *j = form_errors_json(&fe);
        assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")), "invalid");
        json_decref(j);
    }
    buf_free(&b);
    form_errors_free(&fe);
    kvlist_free(&rq.form);
}

static int g_called;
static void h_ok(req *rq, resp *rs) { g_called = 1; resp_json(rs, 200, json_pack("{s:s}", "id", req_param(rq, "id"))); }

static const struct route test_routes[] = {
    {"GET", "/api/v1/things/{id}", h_ok, ACCESS_STAFF, "Get a thing", "Test", "page,per_page", NULL, NULL},
    {"POST", "/api/v1/things", h_ok, ACCESS_STAFF, "Make a thing", "Test", NULL, "{\"type\":\"object\"}", NULL},
};

static void test_router_and_openapi(void **state)
{
    json_t *doc, *paths, *op;
    size_t before = router_count();
    router_add(test_routes, 2);
    assert_int_equal(router_count(), before + 2);
    doc = openapi_document();
    paths = json_object_get(doc, "paths");
    op = json_object_get(json_object_get(paths, "/api/v1/things/{id}"), "get");
    assert_non_null(op);
    assert_string_equal(json_string_value(json_object_get(op, "summary")), "Get a thing");
    assert_int_equal(json_array_size(json_object_get(op, "parameters")), 3);
    assert_non_null(json_object_get(json_object_get(paths, "/api/v1/things"), "post"));
    json_decref(doc);
}

static void test_router_page_params(void **state)
{
    req rq;
    resp rs;
    int page, per;
    memset(&rq, 0, sizeof rq);
    memset(&rs, 0, sizeof rs);
    rq.is_api = 1;
    assert_int_equal(router_page_params(&rq, &rs, 20, 100, &page, &per), 0);
    assert_int_equal(page, 1);
    assert_int_equal(per, 20);
    kvlist_add(&rq.query, "per_page", "101");
    assert_int_equal(router_page_params(&rq, &rs, 20, 100, &page, &per), -1);
    assert_int_equal(rs.status, 400);
    assert_non_null(strstr(buf_str(&rs.body), "\"field\":\"per_page\""));
    kvlist_free(&rq.query);
    buf_free(&rs.body);
    kvlist_free(&rs.headers);
}

static void test_metrics(void **state)
{
    buf b = BUF_INIT;
    static const char *route = "/test";
    metrics_observe(route, 200, 0.002);
    metrics_observe(route, 200, 0.3);
    metrics_observe(NULL, 404, 0.001);
    metrics_db_error();
    metrics_render(&b);
    assert_non_null(strstr(buf_str(&b), "sendhub_http_requests_total{route=\"/test\",status=\"200\"} 2"));
    assert_non_null(strstr(buf_str(&b), "route=\"unmatched\",status=\"404\"} 1"));
    assert_non_null(strstr(buf_str(&b), "sendhub_db_errors_total 1"));
    assert_non_null(strstr(buf_str(&b), "le=\"+Inf\"} 3"));
    buf_free(&b);
}

static void test_passwords_and_roles(void **state)
{
    char hash[256];
    assert_int_equal(auth_password_hash("correct horse battery", hash, sizeof hash), 0);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_true(auth_password_check(hash, "correct horse battery"));
    assert_false(auth_password_check(hash, "wrong"));
    assert_false(auth_password_check(NULL, "x"));
    assert_non_null(auth_password_problem("short"));
    assert_null(auth_password_problem("long enough password"));
    assert_int_equal(auth_role_bit("forum"), ROLE_FORUM);
    assert_int_equal(auth_role_bit("nobody"), 0);
    assert_string_equal(auth_role_name(ROLE_MONITOR), "monitor");
}

static void test_cli_parse(void **state)
{
    struct cli_flag flags[] = {{"--db", 1, "db", NULL}, {"--quiet", 0, "q", NULL}, {NULL, 0, NULL, NULL}};
    struct cli_flag f2[] = {{"--db", 1, "db", NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[2];
    int npos;
    char *ok[] = {"x", "--db=sqlite:a", "--quiet", "file", NULL};
    char *bad[] = {"x", "--nope", NULL};
    char *missing[] = {"x", "--db", NULL};
    assert_int_equal(cli_parse("x", 4, ok, flags, pos, 2, &npos), 0);
    assert_string_equal(cli_flag(flags, "--db"), "sqlite:a");
    assert_string_equal(cli_flag(flags, "--quiet"), "1");
    assert_int_equal(npos, 1);
    assert_string_equal(pos[0], "file");
    assert_int_equal(cli_parse("x", 2, bad, f2, pos, 0, &npos), -1);
    assert_int_equal(cli_parse("x", 2, missing, f2, pos, 0, &npos), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_html_escaping),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_urlencoded),
        cmocka_unit_test(test_form_validation),
        cmocka_unit_test(test_router_and_openapi),
        cmocka_unit_test(test_router_page_params),
        cmocka_unit_test(test_metrics),
        cmocka_unit_test(test_passwords_and_roles),
        cmocka_unit_test(test_cli_parse),
    };
    ids_init();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
