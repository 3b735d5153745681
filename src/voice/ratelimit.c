#include "voice/ratelimit.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/ids.h"

static void key_of(const char *kind, const char *address, char out[IDS_HASH_LEN])
{
    buf b = BUF_INIT;
    buf_printf(&b, "voice-rate:%s:%s", kind ? kind : "", address ? address : "");
    ids_hash_hex(buf_str(&b), out);
    buf_free(&b);
}

int voice_rate_max(db *d)
{
    char *v = NULL;
    int max = VOICE_RATE_DEFAULT_MAX;
    if (db_query_text(d, &v, "SELECT value FROM settings WHERE name = 'voice_rate_max'", 0) == DB_ROW && v) {
        char *end;
        long n = strtol(v, &end, 10);
        if (!*end && n >= 1 && n <= 10000) max = (int)n;
    }
    free(v);
    return max;
}

int voice_rate_allowed(db *d, const char *kind, const char *address, int64_t now, int max)
{
    char key[IDS_HASH_LEN], since[32];
    int64_t n = 0;
    int rc;
    key_of(kind, address, key);
    snprintf(since, sizeof since, "%lld", (long long)(now - VOICE_RATE_WINDOW));
    rc = db_query_int64(d, &n, "SELECT COUNT(*) FROM voice_rate WHERE key_hash = ? AND at > ?", 2, key, since);
    if (rc < 0) return rc;
    return n < max ? 1 : 0;
}

int voice_rate_record(db *d, const char *kind, const char *address, int64_t now)
{
    char key[IDS_HASH_LEN], at[32];
    int rc;
    key_of(kind, address, key);
    snprintf(at, sizeof at, "%lld", (long long)now);
    rc = db_query_text(d, NULL, "INSERT INTO voice_rate (key_hash, at) VALUES (?, ?)", 2, key, at);
    return rc < 0 ? rc : DB_OK;
}

int voice_rate_prune(db *d, int64_t now)
{
    char at[32];
    int rc;
    snprintf(at, sizeof at, "%lld", (long long)(now - VOICE_RATE_WINDOW));
    rc = db_query_text(d, NULL, "DELETE FROM voice_rate WHERE at <= ?", 1, at);
    return rc < 0 ? rc : DB_OK;
}
