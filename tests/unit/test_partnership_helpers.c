/* Unit tests for the partnership module's small pure helpers: boolean
 * parsing for forms and the API, organisation type labels, the JSON shape
 * of list answers and of validation failures (400 vs 409). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "partnership/partnership.h"

static void test_bool(void **state)
{
    (void)state;
    assert_int_equal(partnership_bool("true"), 1);
    assert_int_equal(partnership_bool("yes"), 1);
    assert_int_equal(partnership_bool("1"), 1);
    assert_int_equal(partnership_bool("false"), 0);
    assert_int_equal(partnership_bool("no"), 0);
    assert_int_equal(partnership_bool("0"), 0);
    assert_int_equal(partnership_bool(NULL), -1);
    assert_int_equal(partnership_bool(""), -1);
    assert_int_equal(partnership_bool("TRUE "), -1);
}

static void test_type_labels(void **state)
{
    (void)state;
    assert_string_equal(partnership_org_type_label("local_authority"), "Local authority");
    assert_string_equal(partnership_org_type_label("icb"), "Integrated care board or health commissioner");
    assert_string_equal(partnership_org_type_label("health_provider"), "Health provider");
    assert_string_equal(partnership_org_type_label("school"), "School or college");
    assert_string_equal(partnership_org_type_label("forum"), "Parent carer forum");
    assert_string_equal(partnership_org_type_label("voluntary"), "Voluntary or community organisation");
    assert_string_equal(partnership_org_type_label("dfe"), "Department for Education");
    assert_string_equal(partnership_org_type_label("nhse"), "NHS England");
    assert_null(partnership_org_type_label("castle"));
    assert_null(partnership_org_type_label(NULL));
}

static void test_list_json(void **state)
{
    resp rs;
    json_t *j;
    (void)state;
    memset(&rs, 0, sizeof rs);
    partnership_list_json(&rs, json_pack("[i, i]", 1, 2), 3, 2, 7);
    assert_int_equal(rs.status, 200);
    j = json_loads(buf_str(&rs.body), 0, NULL);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
    assert_int_equal(json_integer_value(json_object_get(j, "page")), 3);
    assert_int_equal(json_integer_value(json_object_get(j, "per_page")), 2);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 7);
    json_decref(j);
    buf_free(&rs.body);
    kvlist_free(&rs.headers);
}

static void fail_status(int conflicts, int other, int want_status, const char *want_code)
{
    form_errors fe = {0};
    resp rs;
    json_t *j;
    int i;
    memset(&rs, 0, sizeof rs);
    static const char *const fields[] = {"name", "ons_code"};
    for (i = 0; i < conflicts; i++) form_error(&fe, fields[i], "already exists");
    for (i = 0; i < other; i++) form_error(&fe, "code", "bad");
    partnership_fail_json(&rs, &fe, conflicts);
    assert_int_equal(rs.status, want_status);
    j = json_loads(buf_str(&rs.body), 0, NULL);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")), want_code);
    assert_non_null(json_object_get(json_object_get(j, "error"), "field"));
    json_decref(j);
    buf_free(&rs.body);
    kvlist_free(&rs.headers);
    form_errors_free(&fe);
}

static void test_fail_json(void **state)
{
    (void)state;
    fail_status(1, 0, 409, "conflict");
    fail_status(2, 0, 409, "conflict");
    fail_status(1, 1, 400, "invalid");   /* bad input as well: fix that first */
    fail_status(0, 1, 400, "invalid");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bool),
        cmocka_unit_test(test_type_labels),
        cmocka_unit_test(test_list_json),
        cmocka_unit_test(test_fail_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
