/* test_voice_safeguard: the safeguarding phrase matcher. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "voice/safeguard.h"

static const char *const list[] = {"abuse", "hit me", "not safe", "self-harm", "kill myself"};
#define NL (sizeof list / sizeof list[0])

static void normalise(void **state)
{
    char *s = voice_safeguard_normalise("  He HIT me!!  Twice.\n");
    assert_string_equal(s, " he hit me twice ");
    free(s);
    s = voice_safeguard_normalise("");
    assert_string_equal(s, " ");
    free(s);
    s = voice_safeguard_normalise(NULL);
    assert_string_equal(s, " ");
    free(s);
}

static void matches_whole_words_any_case(void **state)
{
    assert_int_equal(voice_safeguard_match("I think this is ABUSE.", list, NL), 1);
    assert_int_equal(voice_safeguard_match("my dad hit   me again", list, NL), 1);
    assert_int_equal(voice_safeguard_match("She said: \"I'm not safe at home\"", list, NL), 1);
    assert_int_equal(voice_safeguard_match("worried about self harm", list, NL), 1);     /* hyphen = space */
    assert_int_equal(voice_safeguard_match("I want to kill-myself", list, NL), 1);
}

static void does_not_match_inside_words(void **state)
{
    assert_int_equal(voice_safeguard_match("I was disabused of that idea", list, NL), 0);
    assert_int_equal(voice_safeguard_match("abuses", list, NL), 0);
    assert_int_equal(voice_safeguard_match("white meringue", list, NL), 0);
    assert_int_equal(voice_safeguard_match("The therapist was brilliant", list, NL), 0);
    assert_int_equal(voice_safeguard_match("not safely stored", list, NL), 0);
}

static void empty_inputs(void **state)
{
    static const char *const blank[] = {"", "   ", "!!"};
    assert_int_equal(voice_safeguard_match("", list, NL), 0);
    assert_int_equal(voice_safeguard_match(NULL, list, NL), 0);
    assert_int_equal(voice_safeguard_match("anything at all", blank, 3), 0);
    assert_int_equal(voice_safeguard_match("abuse", list, 0), 0);
}

static void utf8_and_markup(void **state)
{
    assert_int_equal(voice_safeguard_match("<b>abuse</b>", list, NL), 1);
    assert_int_equal(voice_safeguard_match("café abuse naïve", list, NL), 1);
    assert_int_equal(voice_safeguard_match("caféabuse", list, NL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normalise),
        cmocka_unit_test(matches_whole_words_any_case),
        cmocka_unit_test(does_not_match_inside_words),
        cmocka_unit_test(empty_inputs),
        cmocka_unit_test(utf8_and_markup),
    };
    return cmocka_run_group_tests_name("voice safeguard", tests, NULL, NULL);
}
