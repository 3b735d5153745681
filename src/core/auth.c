#include "auth.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "ids.h"
#include "utf8.h"

static const struct { int bit; const char *name, *label; } g_roles[] = {
    {ROLE_ADMIN, "admin", "Administrator"},
    {ROLE_OFFICER, "officer", "Partner officer"},
    {ROLE_FORUM, "forum", "Parent carer forum member"},
    {ROLE_MONITOR, "monitor", "Monitoring viewer"},
};

int auth_role_bit(const char *name)
{
    size_t i;
    for (i = 0; name && i < sizeof g_roles / sizeof g_roles[0]; i++)
        if (strcmp(g_roles[i].name, name) == 0) return g_roles[i].bit;
    return 0;
}

const char *auth_role_name(int bit)
{
    size_t i;
    for (i = 0; i < sizeof g_roles / sizeof g_roles[0]; i++)
        if (g_roles[i].bit == bit) return g_roles[i].name;
    return "public";
}

const char *auth_role_label(int bit)
{
    size_t i;
    for (i = 0; i < sizeof g_roles / sizeof g_roles[0]; i++)
        if (g_roles[i].bit == bit) return g_roles[i].label;
    return "Public";
}

int auth_password_hash(const char *password, char *out, size_t outlen)
{
    if (outlen < crypto_pwhash_STRBYTES) return -1;
    return crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
}

int auth_password_check(const char *hash, const char *password)
{
    return hash && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

const char *auth_password_problem(const char *password)
{
    if (!password || utf8_len(password) < 10) return "Password must be at least 10 characters";
    if (strlen(password) > 512) return "Password must be 512 characters or fewer";
    if (!utf8_valid(password, strlen(password))) return "Password contains characters that cannot be used";
    return NULL;
}

static void set_cookie(req *rq, resp *rs, const char *name, const char *value, long max_age)
{
    char c[256];
    snprintf(c, sizeof c, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value,
             rq->https ? "; Secure" : "", max_age == 0 ? "; Max-Age=0" : "");
    resp_header(rs, "Set-Cookie", c);
}

static user *load_user(db *d, const char *where_sql, const char *key, int *rc)
{
    db_stmt *st = NULL;
    user *u = NULL;
    buf sql = BUF_INIT;
    buf_printf(&sql,
               "SELECT p.id, p.email, p.name, o.id, o.name, o.type, p.role FROM people p "
               "JOIN organisations o ON o.id = p.organisation_id WHERE p.active = 1 AND %s",
               where_sql);
    *rc = db_prepare(d, buf_str(&sql), &st);
    if (*rc != DB_OK) goto done;
    db_bind_text(st, 1, key);
    *rc = db_step(st);
    if (*rc == DB_ROW) {
        u = xcalloc(1, sizeof *u);
        u->id = xstrdup(db_col_text(st, 0));
        u->email = xstrdup(db_col_text(st, 1));
        u->name = xstrdup(db_col_text(st, 2));
        u->org_id = xstrdup(db_col_text(st, 3));
        u->org_name = xstrdup(db_col_text(st, 4));
        u->org_type = xstrdup(db_col_text(st, 5));
        u->role = auth_role_bit(db_col_text(st, 6));
        *rc = DB_OK;
    } else if (*rc == DB_DONE) {
        *rc = DB_OK;
    }
done:
    db_finalize(st);
    buf_free(&sql);
    return u;
}

static int identify_token(req *rq, const char *token)
{
    char h[IDS_HASH_LEN], now[21];
    int rc;
    ids_hash_hex(token, h);
    rq->user = load_user(rq->db, "p.id = (SELECT person_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL)", h, &rc);
    if (rq->user) {
        rq->via_token = 1;
        ids_now_iso(now);
        rc = db_query_text(rq->db, NULL, "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", 2, now, h);
        rc = rc < 0 ? rc : DB_OK;
    }
    return rc;
}

static int identify_session(req *rq, resp *rs, const char *cookie)
{
    char h[IDS_HASH_LEN];
    db_stmt *st = NULL;
    int rc;
    long long now = (long long)time(NULL), created = 0, seen = 0;
    char *csrf = NULL;
    ids_hash_hex(cookie, h);
    rc = db_prepare(rq->db, "SELECT csrf, created_at, last_seen FROM sessions WHERE id = ?", &st);
    if (rc != DB_OK) goto done;
    db_bind_text(st, 1, h);
    rc = db_step(st);
    if (rc != DB_ROW) {
        rc = rc == DB_DONE ? DB_OK : rc;
        goto done;
    }
    csrf = xstrdup(db_col_text(st, 0));
    created = db_col_int64(st, 1);
    seen = db_col_int64(st, 2);
    db_finalize(st);
    st = NULL;
    if (now - seen > AUTH_IDLE_SECONDS || now - created > AUTH_ABSOLUTE_SECONDS) {
        rc = db_query_text(rq->db, NULL, "DELETE FROM sessions WHERE id = ?", 1, h);
        rc = rc < 0 ? rc : DB_OK;
        set_cookie(rq, rs, AUTH_SESSION_COOKIE, "", 0);
        goto done;
    }
    rq->user = load_user(rq->db, "p.id = (SELECT person_id FROM sessions WHERE id = ?)", h, &rc);
    if (!rq->user) goto done;
    rq->session_id = xstrdup(h);
    rq->csrf = csrf;
    csrf = NULL;
    /* Touch at most once a minute: one write per minute per session, not per request. */
    if (now - seen >= 60) {
        char nows[24];
        snprintf(nows, sizeof nows, "%lld", now);
        rc = db_query_text(rq->db, NULL, "UPDATE sessions SET last_seen = CAST(? AS BIGINT) WHERE id = ?", 2, nows, h);
        rc = rc < 0 ? rc : DB_OK;
    }
done:
    db_finalize(st);
    free(csrf);
    return rc;
}

int auth_identify(req *rq, resp *rs)
{
    const char *authz = req_header(rq, "authorization");
    const char *cookie = kvlist_get(&rq->cookies, AUTH_SESSION_COOKIE);
    int rc = DB_OK;
    if (authz && strncasecmp(authz, "Bearer ", 7) == 0) {
        rc = identify_token(rq, authz + 7);
    } else if (cookie && strlen(cookie) == 64) {
        rc = identify_session(rq, rs, cookie);
    }
    if (rc != DB_OK || rq->user) return rc;
    /* The public: a double-submit CSRF cookie protects their forms. */
    {
        const char *anon = kvlist_get(&rq->cookies, AUTH_CSRF_COOKIE);
        if (anon && strlen(anon) == 32) {
            rq->csrf = xstrdup(anon);
        } else {
            char t[33];
            ids_random_hex(t, 16);
            rq->csrf = xstrdup(t);
            rq->csrf_fresh = 1;   /* the cookie is set only if a form uses it */
        }
    }
    return DB_OK;
}

static int count_failures(db *d, const char *key, long long since, int64_t *n)
{
    char s[24];
    snprintf(s, sizeof s, "%lld", since);
    *n = 0;
    return db_query_int64(d, n, "SELECT COUNT(*) FROM sign_in_failures WHERE throttle_key = ? AND at > CAST(? AS BIGINT)", 2, key, s);
}

enum auth_result auth_sign_in(req *rq, resp *rs, const char *email, const char *password)
{
    /* A real argon2id hash of a random string, checked when no such account
     * exists, so the answer takes the same time either way. */
    static char dummy_hash[crypto_pwhash_STRBYTES];
    char acct_key[IDS_HASH_LEN], addr_key[IDS_HASH_LEN], now_s[24], token[65], h[IDS_HASH_LEN], csrf[65];
    char *lower = NULL, *hash = NULL, *person = NULL;
    buf tmp = BUF_INIT;
    long long now = (long long)time(NULL);
    int64_t fa = 0, fb = 0;
    enum auth_result res = AUTH_DBERR;
    size_t i;
    int rc;

    if (!dummy_hash[0]) auth_password_hash("not a real password at all", dummy_hash, sizeof dummy_hash);
    lower = xstrdup(email ? email : "");
    for (i = 0; lower[i]; i++) lower[i] = (char)((lower[i] >= 'A' && lower[i] <= 'Z') ? lower[i] + 32 : lower[i]);
    buf_printf(&tmp, "account:%s", lower);
    ids_hash_hex(buf_str(&tmp), acct_key);
    buf_reset(&tmp);
    buf_printf(&tmp, "address:%s", rq->remote);
    ids_hash_hex(buf_str(&tmp), addr_key);
    snprintf(now_s, sizeof now_s, "%lld", now);

    if (count_failures(rq->db, acct_key, now - AUTH_THROTTLE_WINDOW, &fa) < 0 ||
        count_failures(rq->db, addr_key, now - AUTH_THROTTLE_WINDOW, &fb) < 0)
        goto done;
    if (fa >= AUTH_MAX_FAILS_ACCOUNT || fb >= AUTH_MAX_FAILS_ADDRESS) {
        audit_log_db(rq->db, NULL, rq->remote, "sign-in-throttled", "session", NULL, NULL);
        res = AUTH_THROTTLED;
        goto done;
    }
    rc = db_query_text(rq->db, &hash, "SELECT password_hash FROM people WHERE email = ? AND active = 1", 1, lower);
    if (rc < 0) goto done;
    rc = db_query_text(rq->db, &person, "SELECT id FROM people WHERE email = ? AND active = 1", 1, lower);
    if (rc < 0) goto done;
    if (!auth_password_check(hash ? hash : dummy_hash, password ? password : "") || !hash || !person) {
        if (db_query_text(rq->db, NULL, "INSERT INTO sign_in_failures (throttle_key, at) VALUES (?, CAST(? AS BIGINT))", 2, acct_key, now_s) < 0 ||
            db_query_text(rq->db, NULL, "INSERT INTO sign_in_failures (throttle_key, at) VALUES (?, CAST(? AS BIGINT))", 2, addr_key, now_s) < 0)
            goto done;
        audit_log_db(rq->db, person, rq->remote, "sign-in-failed", "person", person, NULL);
        res = AUTH_BAD;
        goto done;
    }
    ids_random_hex(token, 32);
    ids_random_hex(csrf, 32);
    ids_hash_hex(token, h);
    if (db_begin(rq->db) != DB_OK) goto done;
    /* A new session on every sign-in (no fixation); old failures forgiven. */
    if (rq->session_id)
        db_query_text(rq->db, NULL, "DELETE FROM sessions WHERE id = ?", 1, rq->session_id);
    if (db_query_text(rq->db, NULL, "INSERT INTO sessions (id, person_id, csrf, created_at, last_seen) VALUES (?, ?, ?, CAST(? AS BIGINT), CAST(? AS BIGINT))", 5, h, person, csrf, now_s, now_s) < 0 ||
        db_query_text(rq->db, NULL, "DELETE FROM sign_in_failures WHERE throttle_key = ?", 1, acct_key) < 0 ||
        audit_log_db(rq->db, person, rq->remote, "sign-in", "person", person, NULL) != DB_OK) {
        db_rollback(rq->db);
        goto done;
    }
    if (db_commit(rq->db) != DB_OK) goto done;
    set_cookie(rq, rs, AUTH_SESSION_COOKIE, token, -1);
    rs->audited = 1;
    res = AUTH_OK;
done:
    sodium_memzero(token, sizeof token);
    free(lower);
    free(hash);
    free(person);
    buf_free(&tmp);
    return res;
}

void auth_finish(req *rq, resp *rs)
{
    if (rq->csrf_fresh && rq->csrf_used) set_cookie(rq, rs, AUTH_CSRF_COOKIE, rq->csrf, -1);
}

void auth_sign_out(req *rq, resp *rs)
{
    if (rq->session_id) {
        db_query_text(rq->db, NULL, "DELETE FROM sessions WHERE id = ?", 1, rq->session_id);
        audit_log(rq, rs, "sign-out", "person", rq->user ? rq->user->id : NULL, NULL);
    }
    set_cookie(rq, rs, AUTH_SESSION_COOKIE, "", 0);
}

int auth_token_create(db *d, const char *person_id, const char *label, char **token, char *id_out)
{
    char t[65], h[IDS_HASH_LEN], id[IDS_UUID_LEN], now[21];
    int rc;
    ids_random_hex(t, 32);
    ids_hash_hex(t, h);
    ids_uuid(id);
    ids_now_iso(now);
    rc = db_query_text(d, NULL, "INSERT INTO api_tokens (id, token_hash, person_id, label, created_at) VALUES (?, ?, ?, ?, ?)",
                       5, id, h, person_id, label ? label : "API token", now);
    if (rc < 0) return rc;
    *token = xstrdup(t);
    if (id_out) memcpy(id_out, id, IDS_UUID_LEN);
    sodium_memzero(t, sizeof t);
    return DB_OK;
}
