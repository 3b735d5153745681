/* test_voice_ratelimit: the per-address flood limit kept in the database,
 * and the retention purge, on SQLite and (when SENDHUB_TEST_PG is set)
 * PostgreSQL. Each test gets a fresh, fully migrated database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/db.h"
#include "core/ids.h"
#include "core/migrate.h"
#include "voice/ratelimit.h"
#include "voice/safeguard.h"
#include "voice/voice.h"
#include "testdb.h"

static int fix_setup(void **state)
{
    fix *f = testdb_fix_new("sh_test_voice", "v");
    if (migrate_up(f->d, NULL) != DB_OK) fail_msg("migrate: %s", db_errmsg(f->d));
    *state = f;
    return 0;
}

static int fix_teardown(void **state)
{
    testdb_fix_free(*state);
    return 0;
}

static void allows_up_to_the_limit(void **state)
{
    fix *f = *state;
    int64_t now = 1800000000;
    int i;
    for (i = 0; i < 5; i++) {
        assert_int_equal(voice_rate_allowed(f->d, "feedback", "192.0.2.1", now + i, 5), 1);
        assert_int_equal(voice_rate_record(f->d, "feedback", "192.0.2.1", now + i), DB_OK);
    }
    assert_int_equal(voice_rate_allowed(f->d, "feedback", "192.0.2.1", now + 10, 5), 0);
    /* Another address, and another kind, are counted apart. */
    assert_int_equal(voice_rate_allowed(f->d, "feedback", "192.0.2.2", now + 10, 5), 1);
    assert_int_equal(voice_rate_allowed(f->d, "survey", "192.0.2.1", now + 10, 5), 1);
}

static void window_slides(void **state)
{
    fix *f = *state;
    int64_t now = 1800000000;
    int i;
    for (i = 0; i < 5; i++) assert_int_equal(voice_rate_record(f->d, "feedback", "198.51.100.7", now), DB_OK);
    assert_int_equal(voice_rate_allowed(f->d, "feedback", "198.51.100.7", now + VOICE_RATE_WINDOW - 1, 5), 0);
    assert_int_equal(voice_rate_allowed(f->d, "feedback", "198.51.100.7", now + VOICE_RATE_WINDOW, 5), 1);
    /* Pruning forgets the old rows. */
    assert_int_equal(voice_rate_prune(f->d, now + VOICE_RATE_WINDOW), DB_OK);
    {
        int64_t n = -1;
        assert_true(db_query_int64(f->d, &n, "SELECT COUNT(*) FROM voice_rate", 0) >= 0);
        assert_int_equal(n, 0);
    }
}

static void addresses_are_not_stored(void **state)
{
    fix *f = *state;
    char *key = NULL;
    assert_int_equal(voice_rate_record(f->d, "feedback", "203.0.113.9", 1800000000), DB_OK);
    assert_int_equal(db_query_text(f->d, &key, "SELECT key_hash FROM voice_rate", 0), DB_ROW);
    assert_null(strstr(key, "203.0.113.9"));
    assert_int_equal(strlen(key), 64);
    free(key);
}

static void limit_setting(void **state)
{
    fix *f = *state;
    assert_int_equal(voice_rate_max(f->d), 5);
    assert_true(db_query_text(f->d, NULL, "UPDATE settings SET value = '50' WHERE name = 'voice_rate_max'", 0) >= 0);
    assert_int_equal(voice_rate_max(f->d), 50);
    assert_true(db_query_text(f->d, NULL, "UPDATE settings SET value = 'lots' WHERE name = 'voice_rate_max'", 0) >= 0);
    assert_int_equal(voice_rate_max(f->d), VOICE_RATE_DEFAULT_MAX);
}

static void seeded_safeguarding_list(void **state)
{
    fix *f = *state;
    assert_int_equal(voice_safeguard_check(f->d, "He hits me when nobody is looking"), 1);
    assert_int_equal(voice_safeguard_check(f->d, "The speech therapist was excellent"), 0);
}

static void purge_after_retention(void **state)
{
    fix *f = *state;
    int purged = -1;
    int64_t n = -1;
    char *email = NULL;
    assert_true(db_query_text(f->d, NULL, "INSERT INTO areas (id, name, ons_code, created_at) VALUES ('00000000-0000-4000-8000-000000000001', 'A', 'E0', '2020-01-01T00:00:00Z')", 0) >= 0);
    assert_true(db_query_text(f->d, NULL, "INSERT INTO voice_feedback (id, reference, about, area_id, rating, what_happened, wants_reply, contact_name, contact_email, created_at, updated_at) "
                                          "VALUES ('00000000-0000-4000-8000-0000000000a1', 'FB-OLD001', 'ehc', '00000000-0000-4000-8000-000000000001', 2, 'old', 1, 'N', 'old@example.com', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')", 0) >= 0);
    assert_true(db_query_text(f->d, NULL, "INSERT INTO voice_feedback (id, reference, about, area_id, rating, what_happened, wants_reply, contact_email, created_at, updated_at) "
                                          "VALUES ('00000000-0000-4000-8000-0000000000a2', 'FB-NEW001', 'ehc', '00000000-0000-4000-8000-000000000001', 2, 'new', 1, 'new@example.com', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z')", 0) >= 0);
    /* now = 2027-01-10: the 2020 record is past 365 days, the 2027 one is not. */
    assert_int_equal(voice_purge(f->d, 1799539200, &purged), DB_OK);
    assert_int_equal(purged, 1);
    assert_int_equal(db_query_text(f->d, &email, "SELECT contact_email FROM voice_feedback WHERE reference = 'FB-OLD001'", 0), DB_ROW);
    assert_null(email);
    assert_int_equal(db_query_text(f->d, &email, "SELECT contact_email FROM voice_feedback WHERE reference = 'FB-NEW001'", 0), DB_ROW);
    assert_string_equal(email, "new@example.com");
    free(email);
    assert_true(db_query_int64(f->d, &n, "SELECT COUNT(*) FROM voice_feedback WHERE contact_deleted_at IS NOT NULL", 0) >= 0);
    assert_int_equal(n, 1);
    assert_true(db_query_int64(f->d, &n, "SELECT COUNT(*) FROM audit_log WHERE entity = 'feedback_contact' AND action = 'delete'", 0) >= 0);
    assert_int_equal(n, 1);
    /* Running it again changes nothing. */
    assert_int_equal(voice_purge(f->d, 1799539200, &purged), DB_OK);
    assert_int_equal(purged, 0);
}

static int run(const char *name)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(allows_up_to_the_limit, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(window_slides, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(addresses_are_not_stored, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(limit_setting, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(seeded_safeguarding_list, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(purge_after_retention, fix_setup, fix_teardown),
    };
    return _cmocka_run_group_tests(name, tests, sizeof tests / sizeof tests[0], NULL, NULL);
}

int main(void)
{
    int failed;
    char cmd[128];
    ids_init();
    if (testdb_dir_make("/tmp/sh-test-voice-XXXXXX") != 0) return 1;
    testdb_pg = NULL;
    failed = run("voice ratelimit sqlite");
    if (testdb_pg_from_env()) failed += run("voice ratelimit postgresql");
    else printf("voice ratelimit postgresql: skipped: SENDHUB_TEST_PG not set\n");
    snprintf(cmd, sizeof cmd, "rm -rf %s", testdb_dir);
    if (system(cmd) != 0) failed++;
    return failed;
}
