#include "openapi.h"

#include <stdio.h>
#include <string.h>

#include "router.h"

static json_t *error_schema(void)
{
    return json_pack("{s:s, s:[s], s:{s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}, s:{s:[s,s]}}}}}",
                     "type", "object", "required", "error", "properties", "error", "type", "object",
                     "required", "code", "message", "properties", "code", "type", "string", "message",
                     "type", "string", "field", "type", "string", "null");
}

static json_t *schema_or_default(const char *text)
{
    json_t *s = text ? json_loads(text, 0, NULL) : NULL;
    return s ? s : json_pack("{s:s}", "type", "object");
}

static json_t *operation(const struct route *r)
{
    json_t *op = json_object(), *params = json_array(), *responses = json_object();
    const char *p = r->pattern;
    char name[64];
    json_object_set_new(op, "summary", json_string(r->summary ? r->summary : r->pattern));
    json_object_set_new(op, "tags", json_pack("[s]", r->tag ? r->tag : "Other"));
    /* Path parameters from {name} segments. */
    while ((p = strchr(p, '{'))) {
        const char *e = strchr(p, '}');
        size_t n = e ? (size_t)(e - p - 1) : 0;
        if (!e || n >= sizeof name) break;
        memcpy(name, p + 1, n);
        name[n] = '\0';
        json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name, "in", "path",
                                                "required", 1, "schema", "type", "string"));
        p = e;
    }
    if (r->query_params) {
        const char *q = r->query_params;
        while (*q) {
            size_t n = strcspn(q, ",");
            if (n && n < sizeof name) {
                memcpy(name, q, n);
                name[n] = '\0';
                json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name, "in",
                                                        "query", "required", 0, "schema", "type", "string"));
            }
            q += n;
            if (*q == ',') q++;
        }
    }
    json_object_set_new(op, "parameters", params);
    if (r->request_schema || strcmp(r->method, "POST") == 0 || strcmp(r->method, "PUT") == 0 ||
        strcmp(r->method, "PATCH") == 0)
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", "application/json",
                                      "schema", schema_or_default(r->request_schema)));
    json_object_set_new(responses, strcmp(r->method, "POST") == 0 ? "201" : "200",
                        json_pack("{s:s, s:{s:{s:o}}}", "description", "Success", "content",
                                  "application/json", "schema", schema_or_default(r->response_schema)));
    json_object_set_new(responses, "default",
                        json_pack("{s:s, s:{s:{s:o}}}", "description", "An error", "content",
                                  "application/json", "schema", error_schema()));
    json_object_set_new(op, "responses", responses);
    if (!(r->access & ROLE_PUBLIC))
        json_object_set_new(op, "security", json_pack("[{s:[]}, {s:[]}]", "bearer", "session"));
    else
        json_object_set_new(op, "security", json_array());
    return op;
}

json_t *openapi_document(void)
{
    json_t *doc, *paths = json_object();
    size_t i;
    char lower[16];
    for (i = 0; i < router_count(); i++) {
        const struct route *r = router_route(i);
        json_t *item;
        size_t k;
        if (strncmp(r->pattern, "/api/", 5) != 0) continue;
        item = json_object_get(paths, r->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        for (k = 0; r->method[k] && k < sizeof lower - 1; k++)
            lower[k] = (char)(r->method[k] >= 'A' && r->method[k] <= 'Z' ? r->method[k] + 32 : r->method[k]);
        lower[k] = '\0';
        json_object_set_new(item, lower, operation(r));
    }
    doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:{s:{s:s, s:s}, s:{s:s, s:s, s:s}}}}",
                    "openapi", "3.0.3", "info", "title", "sendhub API", "version", "1",
                    "description", "The sendhub partnership API. Errors are always {\"error\":{\"code\",\"message\",\"field\"}}. "
                    "Lists take page and per_page and answer {\"items\",\"page\",\"per_page\",\"total\"}.",
                    "servers", "url", "/", "paths", paths, "components", "securitySchemes", "bearer", "type",
                    "http", "scheme", "bearer", "session", "type", "apiKey", "in", "cookie", "name", "sh_session");
    return doc;
}
