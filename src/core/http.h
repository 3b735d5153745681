/* http: the request and response every handler sees.
 *
 * The server (http.c, on libmicrohttpd) parses the request, enforces limits
 * (header size, body size -> 413, slow clients -> timeout), then hands a
 * struct req to the router (router.c), which authenticates, checks access
 * and CSRF in one place, and calls the route's handler. */
#ifndef SH_HTTP_H
#define SH_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "buf.h"
#include "db.h"

/* Roles are bits so a route can name the set that may call it. */
enum role {
    ROLE_ADMIN   = 1 << 0,  /* administrator */
    ROLE_OFFICER = 1 << 1,  /* partner officer: council, health body, school */
    ROLE_FORUM   = 1 << 2,  /* parent carer forum member */
    ROLE_MONITOR = 1 << 3,  /* DfE / NHS England: read-only reports */
    ROLE_PUBLIC  = 1 << 4   /* anyone, signed in or not */
};
#define ACCESS_ANY_USER (ROLE_ADMIN | ROLE_OFFICER | ROLE_FORUM | ROLE_MONITOR)
#define ACCESS_STAFF    (ROLE_ADMIN | ROLE_OFFICER)
#define ACCESS_PARTNERS (ROLE_ADMIN | ROLE_OFFICER | ROLE_FORUM)
#define ACCESS_ALL      (ACCESS_ANY_USER | ROLE_PUBLIC)

typedef struct kv {
    char *name;
    char *value;
} kv;

typedef struct kvlist {
    kv *items;
    size_t n, cap;
} kvlist;

void kvlist_add(kvlist *l, const char *name, const char *value);   /* copies */
const char *kvlist_get(const kvlist *l, const char *name);        /* first match or NULL */
void kvlist_free(kvlist *l);
/* Parses application/x-www-form-urlencoded text into out. -1 on a broken
 * escape, an encoded NUL or text that is not UTF-8. */
int http_parse_urlencoded(const char *s, size_t n, kvlist *out);

/* An uploaded file from a multipart/form-data POST. */
typedef struct upload {
    char *field;
    char *filename;      /* as the client sent it: never trust, never use as a path */
    char *content_type;  /* as the client sent it */
    buf data;
} upload;

/* The signed-in user (or API token holder). */
typedef struct user {
    char *id;            /* people.id (UUID) */
    char *email;
    char *name;
    char *org_id;
    char *org_name;
    char *org_type;      /* organisations.type, e.g. "local_authority" */
    int role;            /* one enum role bit */
} user;

#define REQ_MAX_PARAMS 8

typedef struct req {
    const char *method;          /* "GET", "POST" ... */
    const char *path;            /* decoded path, no query string */
    kvlist query;                /* query string parameters */
    kvlist form;                 /* urlencoded or multipart text fields */
    kvlist headers;              /* request headers, names lower-cased */
    kvlist cookies;
    upload *uploads;             /* multipart files */
    size_t nuploads;
    json_t *json;                /* parsed body when Content-Type is JSON, else NULL */
    const char *body;            /* raw body (not NUL-safe for binary) */
    size_t body_len;
    char remote[64];             /* client address (X-Forwarded-For when trusted) */
    char request_id[33];
    char nonce[33];              /* CSP nonce for this response */
    int https;                   /* served over HTTPS (directly or behind the proxy) */
    int is_api;                  /* /api/ or /oruk/: errors are JSON */

    /* Filled by the router. */
    const struct route *route;
    const char *param_names[REQ_MAX_PARAMS];
    char *param_values[REQ_MAX_PARAMS];
    int nparams;
    user *user;                  /* NULL for the public */
    char *session_id;            /* hash of the session cookie, when signed in by cookie */
    char *csrf;                  /* token to put in forms (session or anonymous) */
    int via_token;               /* signed in by Authorization: Bearer */
    int csrf_fresh;              /* csrf is a new anonymous token, not yet in a cookie */
    int csrf_used;               /* a form on this response carries csrf */
    db *db;                      /* this thread's connection */
} req;

typedef struct resp {
    int status;
    buf body;
    const char *content_type;    /* static string */
    kvlist headers;
    int audited;                 /* a handler logged its own audit record */
} resp;

/* Request accessors. Borrowed strings, NULL when absent. */
const char *req_query(const req *rq, const char *name);
const char *req_form(const req *rq, const char *name);
const char *req_header(const req *rq, const char *lower_name);
const char *req_param(const req *rq, const char *name);   /* {name} in the route */
const upload *req_upload(const req *rq, const char *field);
/* A JSON body member as a string (NULL when absent or not a string). */
const char *req_json_str(const req *rq, const char *name);

/* Response helpers. */
void resp_header(resp *rs, const char *name, const char *value);
void resp_json(resp *rs, int status, json_t *body);           /* steals body */
void resp_text(resp *rs, int status, const char *content_type, const char *text);
void resp_redirect(resp *rs, const char *location);           /* 303 See Other */
/* An error in the right shape for the request: for the API
 * {"error":{"code","message","field"}}; for pages a friendly GOV.UK page.
 * field may be NULL. */
void resp_error(req *rq, resp *rs, int status, const char *code, const char *message,
                const char *field);

/* Server. */
struct http_config {
    const char *listen;          /* "HOST:PORT" */
    const char *db_url;
    int threads;                 /* worker threads, default 4 */
    int secure_cookies;          /* 1: behind a TLS proxy, mark cookies Secure */
    int trust_proxy;             /* 1: believe X-Forwarded-For / -Proto */
    size_t max_body;             /* bytes; bigger bodies get 413 (default 10 MiB) */
    unsigned timeout_s;          /* idle connection timeout (default 15 s) */
};
/* Runs until SIGTERM or SIGINT, then drains and returns 0. */
int http_serve(const struct http_config *cfg);
const struct http_config *http_config_get(void);
/* This thread's database connection, opened on first use. NULL when the
 * database cannot be reached. */
db *http_thread_db(void);

#endif
