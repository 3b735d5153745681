/* auth: who is calling. Passwords (argon2id), server-side sessions kept in
 * the database (so any number of server processes share them), API tokens,
 * CSRF tokens and sign-in throttling. */
#ifndef SH_AUTH_H
#define SH_AUTH_H

#include "http.h"

#define AUTH_SESSION_COOKIE "sh_session"
#define AUTH_CSRF_COOKIE "sh_csrf"
#define AUTH_IDLE_SECONDS (30 * 60)          /* signed out after 30 minutes idle */
#define AUTH_ABSOLUTE_SECONDS (12 * 60 * 60) /* and after 12 hours whatever */
#define AUTH_MAX_FAILS_ACCOUNT 5             /* per account per window */
#define AUTH_MAX_FAILS_ADDRESS 20            /* per address per window */
#define AUTH_THROTTLE_WINDOW (15 * 60)

/* argon2id hash (libsodium's encoded string) into out. 0 on success. */
int auth_password_hash(const char *password, char *out, size_t outlen);
/* 1 when password matches hash. */
int auth_password_check(const char *hash, const char *password);
/* Rules for a new password: at least 10 characters. NULL when fine, else
 * a message for the person. */
const char *auth_password_problem(const char *password);

/* Reads the session cookie or bearer token, fills rq->user, session_id,
 * csrf, via_token; for the public, the anonymous CSRF cookie (set on rs when
 * new). Returns DB_OK, or a DB error when the database failed. */
int auth_identify(req *rq, resp *rs);

/* After the handler: sets the anonymous CSRF cookie when a form on the
 * response used a fresh token. */
void auth_finish(req *rq, resp *rs);

enum auth_result { AUTH_OK, AUTH_BAD, AUTH_THROTTLED, AUTH_DBERR };
/* Checks email + password (throttled per account and per address), and on
 * success starts a session and sets its cookie on rs. Audited. */
enum auth_result auth_sign_in(req *rq, resp *rs, const char *email, const char *password);
/* Ends the current session and clears the cookie. */
void auth_sign_out(req *rq, resp *rs);
/* Creates an API token for a person; the token (shown once) is returned in
 * *token, caller frees. */
int auth_token_create(db *d, const char *person_id, const char *label, char **token, char *id_out);

/* Role name <-> bit. */
int auth_role_bit(const char *name);            /* 0 when unknown */
const char *auth_role_name(int bit);
const char *auth_role_label(int bit);           /* "Partner officer" ... */

#endif
