/* router: matching, then the checks every request passes in one place:
 *
 *   1. find the route (404, or 405 when the path exists for another method);
 *   2. the thread's database connection (503 when it cannot be had);
 *   3. who is calling (session cookie or bearer token: auth_identify);
 *   4. may they call this route (401/redirect to sign-in, or 403);
 *   5. CSRF for every state-changing request made with a cookie;
 *   6. the handler;
 *   7. an audit record for any successful change the handler did not
 *      audit itself, so no change goes unrecorded. */
#include "router.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "html.h"
#include "ids.h"
#include "metrics.h"
#include "page.h"

#include <sodium.h>

static const struct route **g_routes;
static size_t g_nroutes, g_cap;

void router_add(const struct route *routes, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (g_nroutes == g_cap) {
            g_cap = g_cap ? g_cap * 2 : 64;
            g_routes = xrealloc(g_routes, g_cap * sizeof *g_routes);
        }
        g_routes[g_nroutes++] = &routes[i];
    }
}

const struct route *router_route(size_t i)
{
    return i < g_nroutes ? g_routes[i] : NULL;
}

size_t router_count(void)
{
    return g_nroutes;
}

/* Matches path against pattern; on success fills rq's param values. A
 * pattern ending in a '*' segment matches any rest of the path (param "*"). */
static int match(const char *pattern, const char *path, req *rq)
{
    const char *p = pattern, *s = path;
    int n = 0;
    while (*p && *s) {
        if (p[0] == '*' && p[1] == '\0') {
            if (n < REQ_MAX_PARAMS) {
                rq->param_names[n] = "*";
                rq->param_values[n++] = xstrdup(s);
            }
            rq->nparams = n;
            return 1;
        }
        if (*p == '{') {
            const char *pe = strchr(p, '}');
            size_t len = strcspn(s, "/");
            if (!pe || len == 0 || n >= REQ_MAX_PARAMS) goto fail;
            rq->param_names[n] = NULL; /* set below from the route, which outlives rq */
            rq->param_values[n++] = xstrndup(s, len);
            p = pe + 1;
            s += len;
            continue;
        }
        if (*p != *s) goto fail;
        p++;
        s++;
    }
    if (*p || *s) goto fail;
    rq->nparams = n;
    return 1;
fail:
    while (n > 0) free(rq->param_values[--n]);
    rq->nparams = 0;
    return 0;
}

/* Names the matched params from the route's "{name}" segments (copied into
 * this thread's scratch space, valid for the request). */
static void name_params(const struct route *r, req *rq)
{
    static __thread char names[REQ_MAX_PARAMS][32];
    const char *p = r->pattern;
    int n = 0;
    while ((p = strchr(p, '{')) && n < rq->nparams) {
        const char *pe = strchr(p, '}');
        size_t len = pe ? (size_t)(pe - p - 1) : 0;
        if (len >= sizeof names[0]) len = sizeof names[0] - 1;
        memcpy(names[n], p + 1, len);
        names[n][len] = '\0';
        rq->param_names[n] = names[n];
        n++;
        p = pe ? pe : p + 1;
    }
}

static const struct route *find(req *rq, int *path_exists)
{
    size_t i;
    const char *m = strcmp(rq->method, "HEAD") == 0 ? "GET" : rq->method;
    *path_exists = 0;
    for (i = 0; i < g_nroutes; i++) {
        const struct route *r = g_routes[i];
        if (!match(r->pattern, rq->path, rq)) continue;
        if (strcmp(r->method, m) == 0) {
            name_params(r, rq);
            return r;
        }
        *path_exists = 1;
        while (rq->nparams > 0) free(rq->param_values[--rq->nparams]);
    }
    return NULL;
}

static int is_change(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && strcmp(method, "OPTIONS") != 0;
}

static int csrf_ok(req *rq)
{
    const char *ct = req_header(rq, "content-type");
    const char *sent;
    /* Bearer tokens are not sent by browsers on their own: no CSRF risk.
     * JSON bodies cannot be sent cross-site without a CORS preflight, which
     * sendhub never grants for the API: no CSRF risk either. */
    if (rq->via_token) return 1;
    if (ct && strncasecmp(ct, "application/json", 16) == 0) return 1;
    sent = req_form(rq, "csrf_token");
    if (!sent) sent = req_header(rq, "x-csrf-token");
    return sent && rq->csrf && strlen(sent) == strlen(rq->csrf) &&
           sodium_memcmp(sent, rq->csrf, strlen(sent)) == 0;
}

void router_dispatch(req *rq, resp *rs)
{
    int path_exists = 0, rc;
    const struct route *r = find(rq, &path_exists);
    if (!r) {
        if (path_exists)
            resp_error(rq, rs, 405, "method_not_allowed", "This address does not accept that method.", NULL);
        else
            resp_error(rq, rs, 404, "not_found", "Page not found", NULL);
        return;
    }
    rq->route = r;
    rq->db = http_thread_db();
    rc = rq->db ? auth_identify(rq, rs) : DB_EUNAVAILABLE;
    /* A lost connection is reopened once (db_ping reconnects); then ask again. */
    if (rc == DB_EUNAVAILABLE && rq->db && db_ping(rq->db) == DB_OK) rc = auth_identify(rq, rs);
    if (rc != DB_OK) {
        metrics_db_error();
        /* A public page that can be read may still answer (health checks,
         * pages without data), as the public; anything else cannot. */
        if (!(r->access & ROLE_PUBLIC) || is_change(rq->method) || !rq->db) {
            resp_error(rq, rs, 503, "unavailable", "The service is unavailable: its database cannot be reached. Try again in a few minutes.", NULL);
            return;
        }
    }
    if (!(r->access & ROLE_PUBLIC)) {
        if (!rq->user) {
            if (rq->is_api) {
                resp_header(rs, "WWW-Authenticate", "Bearer");
                resp_error(rq, rs, 401, "unauthenticated", "Sign in or send an API token.", NULL);
            } else {
                buf loc = BUF_INIT;
                buf_add(&loc, "/sign-in?next=");
                html_url(&loc, rq->path);
                resp_redirect(rs, buf_str(&loc));
                buf_free(&loc);
            }
            return;
        }
        if (!(r->access & (unsigned)rq->user->role)) {
            resp_error(rq, rs, 403, "forbidden", "You do not have permission to do this.", NULL);
            return;
        }
    }
    if (is_change(rq->method) && !csrf_ok(rq)) {
        auth_finish(rq, rs);
        resp_error(rq, rs, 403, "csrf", "The form has expired or was not sent from this service. Go back, reload the page and try again.", NULL);
        return;
    }
    r->fn(rq, rs);
    auth_finish(rq, rs);
    if (is_change(rq->method) && rs->status < 400 && !rs->audited && rq->user)
        audit_log(rq, rs, "change", "route", NULL, r->pattern);
}

int router_page_params(req *rq, resp *rs, int default_per_page, int max_per_page, int *page,
                       int *per_page)
{
    const char *p = req_query(rq, "page"), *pp = req_query(rq, "per_page");
    char *end;
    long v;
    *page = 1;
    *per_page = default_per_page;
    if (p) {
        v = strtol(p, &end, 10);
        if (!*p || *end || v < 1 || v > 1000000) {
            resp_error(rq, rs, 400, "bad_parameter", "page must be a whole number of 1 or more", "page");
            return -1;
        }
        *page = (int)v;
    }
    if (pp) {
        v = strtol(pp, &end, 10);
        if (!*pp || *end || v < 1 || v > max_per_page) {
            char msg[96];
            snprintf(msg, sizeof msg, "per_page must be a whole number from 1 to %d", max_per_page);
            resp_error(rq, rs, 400, "bad_parameter", msg, "per_page");
            return -1;
        }
        *per_page = (int)v;
    }
    return 0;
}
