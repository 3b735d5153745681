/* router: method + path -> handler. Every route says who may call it; the
 * router checks that, authentication and CSRF in one place before any
 * handler runs, and writes the request log line and metrics after.
 *
 * Patterns are literal segments and {name} segments: "/api/v1/areas/{id}".
 * A route under /api/ documents itself for /api/v1/openapi.json through
 * summary, tag and (optionally) the JSON schema strings below. */
#ifndef SH_ROUTER_H
#define SH_ROUTER_H

#include "http.h"

typedef void (*handler_fn)(req *rq, resp *rs);

struct route {
    const char *method;      /* "GET", "POST", "PUT", "PATCH", "DELETE" */
    const char *pattern;
    handler_fn fn;
    unsigned access;         /* enum role bits; ROLE_PUBLIC lets anyone in */
    const char *summary;     /* one line for the OpenAPI document */
    const char *tag;         /* OpenAPI tag, e.g. "Partnership" */
    const char *query_params;/* API: comma-separated query parameter names, e.g. "page,per_page,area" */
    const char *request_schema;  /* API: JSON Schema of the body as a JSON string, or NULL */
    const char *response_schema; /* API: JSON Schema of a 2xx body, or NULL (generic object) */
};

/* Registers a table of routes (kept by pointer: pass static storage). */
void router_add(const struct route *routes, size_t n);
/* Called once by http.c for each request. */
void router_dispatch(req *rq, resp *rs);
/* Every registered route, for the OpenAPI document and tests. */
const struct route *router_route(size_t i);
size_t router_count(void);

/* The list parameters every paginated API list takes: page (1-based) and
 * per_page (1..max). Returns 0, or writes a 400 to rs and returns -1. */
int router_page_params(req *rq, resp *rs, int default_per_page, int max_per_page,
                       int *page, int *per_page);

#endif
