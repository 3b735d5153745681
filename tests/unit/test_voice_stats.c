/* test_voice_stats: survey statistics — tallies, percentages, medians and
 * option lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "voice/stats.h"

static void percent(void **state)
{
    assert_true(voice_stats_percent(1, 3) == 33.3);
    assert_true(voice_stats_percent(2, 3) == 66.7);
    assert_true(voice_stats_percent(0, 0) == 0.0);
    assert_true(voice_stats_percent(5, -1) == 0.0);
    assert_true(voice_stats_percent(60, 60) == 100.0);
    assert_true(voice_stats_percent(1, 8) == 12.5);
}

static void tally_single_choice(void **state)
{
    const char *opts[] = {"Yes", "Partly", "No"};
    const char *vals[] = {"No", "Yes", "Unknown"};
    int64_t counts[] = {3, 6, 4};
    struct voice_stat out[3];
    voice_stats_tally(opts, 3, vals, counts, 3, 9, out);
    assert_string_equal(out[0].label, "Yes");
    assert_int_equal(out[0].count, 6);
    assert_true(out[0].percent == 66.7);
    assert_int_equal(out[1].count, 0);
    assert_true(out[1].percent == 0.0);
    assert_int_equal(out[2].count, 3);
    assert_true(out[2].percent == 33.3);
}

static void tally_multiple_choice_can_exceed_100(void **state)
{
    /* 4 people answered; each option is a share of those 4. */
    const char *opts[] = {"Education", "Health"};
    const char *vals[] = {"Education", "Health"};
    int64_t counts[] = {4, 2};
    struct voice_stat out[2];
    voice_stats_tally(opts, 2, vals, counts, 2, 4, out);
    assert_true(out[0].percent == 100.0);
    assert_true(out[1].percent == 50.0);
}

static void tally_nothing_answered(void **state)
{
    const char *opts[] = {"1", "2", "3", "4", "5"};
    struct voice_stat out[5];
    size_t i;
    voice_stats_tally(opts, 5, NULL, NULL, 0, 0, out);
    for (i = 0; i < 5; i++) {
        assert_int_equal(out[i].count, 0);
        assert_true(out[i].percent == 0.0);
    }
}

static void median(void **state)
{
    int64_t odd[] = {9, 1, 5}, even[] = {4, 1, 3, 10}, one[] = {7};
    assert_true(voice_stats_median(odd, 3) == 5.0);
    assert_true(voice_stats_median(even, 4) == 3.5);
    assert_true(voice_stats_median(one, 1) == 7.0);
    assert_true(voice_stats_median(NULL, 0) == -1.0);
}

static void split_options(void **state)
{
    char *storage = NULL;
    const char *out[4];
    size_t n = voice_stats_split_options("  Yes \r\n\r\nPartly\n No\n", &storage, out, 4);
    assert_int_equal(n, 3);
    assert_string_equal(out[0], "Yes");
    assert_string_equal(out[1], "Partly");
    assert_string_equal(out[2], "No");
    free(storage);
    n = voice_stats_split_options("a\nb\nc\nd\ne", &storage, out, 4);
    assert_int_equal(n, 4);
    free(storage);
    n = voice_stats_split_options(NULL, &storage, out, 4);
    assert_int_equal(n, 0);
    free(storage);
}

static void scale_labels(void **state)
{
    assert_string_equal(voice_scale_label(1), "Very poor");
    assert_string_equal(voice_scale_label(5), "Very good");
    assert_string_equal(voice_scale_label(0), "");
    assert_string_equal(voice_scale_label(6), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(percent),
        cmocka_unit_test(tally_single_choice),
        cmocka_unit_test(tally_multiple_choice_can_exceed_100),
        cmocka_unit_test(tally_nothing_answered),
        cmocka_unit_test(median),
        cmocka_unit_test(split_options),
        cmocka_unit_test(scale_labels),
    };
    return cmocka_run_group_tests_name("voice stats", tests, NULL, NULL);
}
