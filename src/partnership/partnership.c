/* partnership: the routes and navigation of the partnership administration,
 * its index page, and the small helpers its pages and API share. */
#include "partnership.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/page.h"
#include "core/router.h"

/* ---- helpers ------------------------------------------------------------- */

static const struct { const char *key, *text; } g_notices[] = {
    {"area-added", "Area added"},
    {"area-saved", "Area updated"},
    {"org-added", "Organisation added"},
    {"org-saved", "Organisation updated"},
    {"person-added", "Person added"},
    {"person-saved", "Person updated"},
    {"person-deactivated", "Person deactivated: they have been signed out and their API tokens revoked"},
    {"token-revoked", "API token revoked"},
};

void partnership_banner(req *rq, buf *b)
{
    const char *done = req_query(rq, "done");
    size_t i;
    json_t *o;
    for (i = 0; done && i < sizeof g_notices / sizeof g_notices[0]; i++) {
        if (strcmp(done, g_notices[i].key) != 0) continue;
        o = json_pack("{s:s, s:s}", "type", "success", "text", g_notices[i].text);
        govuk_notification_banner(b, o);
        json_decref(o);
        break;
    }
}

void partnership_input(buf *b, const char *id, const char *label, const char *value,
                       const form_errors *fe, const char *hint, const char *classes,
                       const char *type, const char *autocomplete)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:o*}", "id", id, "name", id, "value",
                          value ? value : "", "label", "text", label, "errorMessage",
                          form_error_message(fe, id));
    if (hint) json_object_set_new(o, "hint", json_pack("{s:s}", "text", hint));
    if (classes) json_object_set_new(o, "classes", json_string(classes));
    if (type) json_object_set_new(o, "type", json_string(type));
    if (autocomplete) json_object_set_new(o, "autocomplete", json_string(autocomplete));
    if (type && strcmp(type, "email") == 0) json_object_set_new(o, "spellcheck", json_false());
    govuk_input(b, o);
    json_decref(o);
}

void partnership_button(buf *b, const char *text, const char *href, const char *classes)
{
    json_t *o = json_pack("{s:s}", "text", text);
    if (href) json_object_set_new(o, "href", json_string(href));
    if (classes) json_object_set_new(o, "classes", json_string(classes));
    govuk_button(b, o);
    json_decref(o);
}

void partnership_form_start(buf *b, const char *back, const form_errors *fe)
{
    json_t *o = json_pack("{s:s}", "href", back);
    govuk_back_link(b, o);
    json_decref(o);
    buf_add(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(b, fe);
}

void partnership_list_json(resp *rs, json_t *items, int page, int per_page, long long total)
{
    resp_json(rs, 200, json_pack("{s:o, s:i, s:i, s:I}", "items", items, "page", page, "per_page",
                                 per_page, "total", (json_int_t)total));
}

void partnership_fail_json(resp *rs, const form_errors *fe, int conflict)
{
    json_t *j = form_errors_json(fe);
    json_t *e = json_object_get(j, "error");
    /* 409 only when every problem is a clash with an existing record. */
    int clash = conflict > 0 && (size_t)conflict == fe->items.n;
    if (clash && e) json_object_set_new(e, "code", json_string("conflict"));
    resp_json(rs, clash ? 409 : 400, j);
}

int partnership_bool(const char *s)
{
    if (!s) return -1;
    if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0 || strcmp(s, "1") == 0) return 1;
    if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0 || strcmp(s, "0") == 0) return 0;
    return -1;
}

void partnership_not_found(req *rq, resp *rs)
{
    resp_error(rq, rs, 404, "not_found", "Page not found", NULL);
}

/* ---- the index ------------------------------------------------------------ */

static void admin_index(req *rq, resp *rs)
{
    page_render(rq, rs, 200, "Manage the partnership",
                "<h1 class=\"govuk-heading-l\">Manage the partnership</h1>"
                "<ul class=\"govuk-list\">"
                "<li><h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/admin/areas\">Areas</a></h2>"
                "<p class=\"govuk-body\">The local authority areas of the partnership.</p></li>"
                "<li><h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/admin/organisations\">Organisations</a></h2>"
                "<p class=\"govuk-body\">Councils, health bodies, schools, forums and others, and the areas they work in.</p></li>"
                "<li><h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/admin/people\">People</a></h2>"
                "<p class=\"govuk-body\">Who can sign in, their role, and their API tokens.</p></li>"
                "<li><h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/admin/audit\">Audit log</a></h2>"
                "<p class=\"govuk-body\">Every change and every view of personal data. It cannot be changed.</p></li>"
                "</ul>");
}

/* ---- routes ------------------------------------------------------------------- */

#define AREA_OUT "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"ons_code\":{\"type\":\"string\"},\"created_at\":{\"type\":\"string\"}}}"
#define AREA_IN "{\"type\":\"object\",\"required\":[\"name\",\"ons_code\"],\"properties\":{\"name\":{\"type\":\"string\",\"maxLength\":100},\"ons_code\":{\"type\":\"string\",\"pattern\":\"^[EWSN][0-9]{8}$\"}}}"
#define ORG_OUT "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"type\":{\"type\":\"string\"},\"type_label\":{\"type\":\"string\"},\"areas\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"}}}},\"created_at\":{\"type\":\"string\"}}}"
#define ORG_IN "{\"type\":\"object\",\"required\":[\"name\",\"type\"],\"properties\":{\"name\":{\"type\":\"string\",\"maxLength\":200},\"type\":{\"type\":\"string\",\"enum\":[\"local_authority\",\"icb\",\"health_provider\",\"school\",\"forum\",\"voluntary\",\"dfe\",\"nhse\"]},\"areas\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"description\":\"area id\"}}}}"
#define PERSON_OUT "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"email\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"organisation_id\":{\"type\":\"string\"},\"organisation_name\":{\"type\":\"string\"},\"role\":{\"type\":\"string\",\"enum\":[\"admin\",\"officer\",\"forum\",\"monitor\"]},\"active\":{\"type\":\"boolean\"},\"created_at\":{\"type\":\"string\"},\"updated_at\":{\"type\":\"string\"}}}"
#define PERSON_IN "{\"type\":\"object\",\"required\":[\"name\",\"email\",\"organisation_id\",\"role\"],\"properties\":{\"name\":{\"type\":\"string\",\"maxLength\":200},\"email\":{\"type\":\"string\",\"format\":\"email\"},\"organisation_id\":{\"type\":\"string\"},\"role\":{\"type\":\"string\",\"enum\":[\"admin\",\"officer\",\"forum\",\"monitor\"]},\"active\":{\"type\":\"boolean\"},\"password\":{\"type\":\"string\",\"minLength\":10,\"description\":\"initial password, required on create only\"}}}"
#define TOKEN_OUT "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"label\":{\"type\":\"string\"},\"created_at\":{\"type\":\"string\"},\"last_used_at\":{\"type\":[\"string\",\"null\"]},\"revoked_at\":{\"type\":[\"string\",\"null\"]},\"token\":{\"type\":\"string\",\"description\":\"only in the answer to create\"}}}"
#define TOKEN_IN "{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\",\"maxLength\":100}}}"
#define AUDIT_OUT "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"at\":{\"type\":\"string\"},\"actor_id\":{\"type\":[\"string\",\"null\"]},\"actor_email\":{\"type\":[\"string\",\"null\"]},\"remote\":{\"type\":[\"string\",\"null\"]},\"action\":{\"type\":\"string\"},\"entity\":{\"type\":\"string\"},\"entity_id\":{\"type\":[\"string\",\"null\"]},\"detail\":{\"type\":[\"string\",\"null\"]},\"request_id\":{\"type\":[\"string\",\"null\"]}}}"
#define LIST_OF(x) "{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":" x "},\"page\":{\"type\":\"integer\"},\"per_page\":{\"type\":\"integer\"},\"total\":{\"type\":\"integer\"}}}"
#define ME_OUT "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"email\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"role\":{\"type\":\"string\"},\"organisation_id\":{\"type\":\"string\"},\"organisation_name\":{\"type\":\"string\"},\"organisation_type\":{\"type\":\"string\"},\"via_token\":{\"type\":\"boolean\"}}}"

#define T "Partnership"
#define A ROLE_ADMIN

static const struct route partnership_route_table[] = {
    {"GET", "/admin", admin_index, A, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/admin/areas", partnership_area_list_page, A, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/admin/areas/new", partnership_area_new_page, A, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/admin/areas", partnership_area_create_page, A, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/admin/areas/{id}", partnership_area_edit_page, A, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/admin/areas/{id}", partnership_area_update_page, A, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/admin/organisations", partnership_org_list_page, A, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/admin/organisations/new", partnership_org_new_page, A, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/admin/organisations", partnership_org_create_page, A, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/admin/organisations/{id}", partnership_org_edit_page, A, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/admin/organisations/{id}", partnership_org_update_page, A, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/admin/people", partnership_person_list_page, A, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/admin/people/new", partnership_person_new_page, A, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/admin/people", partnership_person_create_page, A, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/admin/people/{id}", partnership_person_edit_page, A, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/admin/people/{id}", partnership_person_update_page, A, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/admin/people/{id}/deactivate", partnership_person_deactivate_page, A, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/admin/people/{id}/tokens", partnership_token_create_page, A, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/admin/tokens/{id}/revoke", partnership_token_revoke_page, A, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/admin/audit", partnership_audit_page, A, NULL, NULL, NULL, NULL, NULL},

    {"GET", "/api/v1/me", partnership_me_api, ACCESS_ANY_USER, "Who am I: the signed-in person or token holder", T, NULL, NULL, ME_OUT},
    {"GET", "/api/v1/areas", partnership_area_api_list, A, "List areas", T, "page,per_page", NULL, LIST_OF(AREA_OUT)},
    {"POST", "/api/v1/areas", partnership_area_api_create, A, "Add an area", T, NULL, AREA_IN, AREA_OUT},
    {"GET", "/api/v1/areas/{id}", partnership_area_api_get, A, "One area", T, NULL, NULL, AREA_OUT},
    {"PUT", "/api/v1/areas/{id}", partnership_area_api_update, A, "Change an area", T, NULL, AREA_IN, AREA_OUT},
    {"GET", "/api/v1/organisations", partnership_org_api_list, A, "List organisations", T, "page,per_page", NULL, LIST_OF(ORG_OUT)},
    {"POST", "/api/v1/organisations", partnership_org_api_create, A, "Add an organisation", T, NULL, ORG_IN, ORG_OUT},
    {"GET", "/api/v1/organisations/{id}", partnership_org_api_get, A, "One organisation", T, NULL, NULL, ORG_OUT},
    {"PUT", "/api/v1/organisations/{id}", partnership_org_api_update, A, "Change an organisation and its areas", T, NULL, ORG_IN, ORG_OUT},
    {"GET", "/api/v1/people", partnership_person_api_list, A, "List people", T, "page,per_page", NULL, LIST_OF(PERSON_OUT)},
    {"POST", "/api/v1/people", partnership_person_api_create, A, "Add a person with an initial password", T, NULL, PERSON_IN, PERSON_OUT},
    {"GET", "/api/v1/people/{id}", partnership_person_api_get, A, "One person", T, NULL, NULL, PERSON_OUT},
    {"PUT", "/api/v1/people/{id}", partnership_person_api_update, A, "Change a person (active false deactivates them)", T, NULL, PERSON_IN, PERSON_OUT},
    {"GET", "/api/v1/people/{id}/tokens", partnership_token_api_list, A, "A person's API tokens", T, "page,per_page", NULL, LIST_OF(TOKEN_OUT)},
    {"POST", "/api/v1/people/{id}/tokens", partnership_token_api_create, A, "Create an API token (the token is shown once)", T, NULL, TOKEN_IN, TOKEN_OUT},
    {"DELETE", "/api/v1/tokens/{id}", partnership_token_api_revoke, A, "Revoke an API token", T, NULL, NULL, TOKEN_OUT},
    {"GET", "/api/v1/audit", partnership_audit_api, A, "Read the audit log, newest first", T, "page,per_page,actor,action,entity,entity_id,from,to", NULL, LIST_OF(AUDIT_OUT)},
};

static const struct page_nav_item partnership_nav = {"/admin", "Partnership", ROLE_ADMIN, 90, 0};

void partnership_routes(void)
{
    router_add(partnership_route_table, sizeof partnership_route_table / sizeof partnership_route_table[0]);
    page_nav_add(&partnership_nav);
}
