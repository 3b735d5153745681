/* partnership: the routes and navigation of the partnership administration,
 * its index page, and the small helpers its pages and API share. */
#include "partnership.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/audit.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
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
    int status = partnership_form_status(fe, conflict);
    if (status == 409 && e) json_object_set_new(e, "code", json_string("conflict"));
    resp_json(rs, status, j);
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

json_t *partnership_load_row(db *d, const char *sql, const char *id, partnership_row_fn row, int *rc)
{
    db_stmt *st = NULL;
    json_t *j = NULL;
    *rc = DB_DONE;
    if (!id || !ids_is_uuid(id)) goto done;
    if ((*rc = db_prepare(d, sql, &st)) != DB_OK) goto done;
    db_bind_text(st, 1, id);
    if ((*rc = db_step(st)) == DB_ROW) j = row(st);
done:
    db_finalize(st);
    return j;
}

int partnership_unique(req *rq, const char *sql, const char *value, const char *id, const char *field,
                       const char *message, form_errors *fe, int *conflict)
{
    int64_t n = 0;
    int rc;
    if ((rc = db_query_int64(rq->db, &n, sql, 2, value, id ? id : "")) < 0) return rc;
    if (n > 0) {
        form_error(fe, field, message);
        (*conflict)++;
    }
    return DB_OK;
}

void partnership_missing(req *rq, resp *rs, int rc)
{
    if (rc < 0) resp_db_error(rq, rs, rc);
    else partnership_not_found(rq, rs);
}

json_t *partnership_load_or_404(req *rq, resp *rs, partnership_load_fn load)
{
    int rc;
    json_t *j = load(rq->db, req_param(rq, "id"), &rc);
    if (!j) partnership_missing(rq, rs, rc);
    return j;
}

int partnership_form_status(const form_errors *fe, int conflict)
{
    return conflict > 0 && (size_t)conflict == fe->items.n ? 409 : 400;
}

int partnership_commit_audited(req *rq, resp *rs, int rc, const char *action, const char *entity,
                               const char *id)
{
    if (rc >= 0) rc = audit_log(rq, rs, action, entity, id, NULL);
    if (rc < 0) {
        db_rollback(rq->db);
        return rc;
    }
    return db_commit(rq->db);
}

void partnership_write(req *rq, resp *rs, const struct partnership_editor *e, int api, int update)
{
    form_errors fe = {0};
    void *in = xcalloc(1, e->in_size);
    json_t *rec = NULL, *out;
    char new_id[IDS_UUID_LEN];
    int conflict = 0, rc;
    if (update && !(rec = partnership_load_or_404(rq, rs, e->load))) goto done;
    if ((rc = e->validate(rq, rec, in, &fe, &conflict)) != DB_OK) goto fail;
    if (form_has_errors(&fe)) {
        if (api) partnership_fail_json(rs, &fe, conflict);
        else e->form(rq, rs, partnership_form_status(&fe, conflict), rec, in, &fe);
        goto done;
    }
    if ((rc = e->save(rq, rs, rec, in, new_id)) != DB_OK) goto fail;
    if (!api) {
        resp_redirect(rs, rec ? e->saved_href : e->added_href);
        goto done;
    }
    if (!(out = e->load(rq->db, new_id, &rc))) goto fail;
    resp_json(rs, rec ? 200 : 201, out);
    goto done;
fail:
    resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
done:
    e->in_free(in);
    free(in);
    form_errors_free(&fe);
    json_decref(rec);
}

void partnership_api_list(req *rq, resp *rs, const char *count_sql, const char *list_sql, const char *param,
                          partnership_row_fn row, const char *audit_entity)
{
    int page, per_page, rc, n = param ? 1 : 0;
    int64_t total = 0;
    db_stmt *st = NULL;
    json_t *items = json_array();
    if (router_page_params(rq, rs, 50, 500, &page, &per_page) != 0) goto done;
    if ((rc = db_query_int64(rq->db, &total, count_sql, n, param)) < 0) goto fail;
    if ((rc = db_prepare(rq->db, list_sql, &st)) != DB_OK) goto fail;
    if (param) db_bind_text(st, 1, param);
    db_bind_int64(st, n + 1, per_page);
    db_bind_int64(st, n + 2, (int64_t)(page - 1) * per_page);
    while ((rc = db_step(st)) == DB_ROW) json_array_append_new(items, row(st));
    if (rc != DB_DONE) goto fail;
    if (audit_entity && (rc = audit_log(rq, rs, "view", audit_entity, NULL, "list")) != DB_OK) goto fail;
    partnership_list_json(rs, items, page, per_page, total);
    items = NULL;
    goto done;
fail:
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    json_decref(items);
}

void partnership_list_start(req *rq, buf *b, const char *heading, const char *add_text, const char *add_href)
{
    partnership_banner(rq, b);
    buf_add(b, "<h1 class=\"govuk-heading-l\">");
    html_txt(b, heading);
    buf_add(b, "</h1>");
    partnership_button(b, add_text, add_href, NULL);
}

void partnership_change_link(buf *cell, const char *base, const char *id, const char *name)
{
    buf_reset(cell);
    buf_add(cell, "<a class=\"govuk-link\" href=\"");
    html_attr(cell, base);
    buf_add(cell, "/");
    html_attr(cell, id);
    buf_add(cell, "\">Change<span class=\"govuk-visually-hidden\"> ");
    html_txt(cell, name);
    buf_add(cell, "</span></a>");
}

void partnership_list_table(buf *b, const char *caption, json_t *head, json_t *rows)
{
    json_t *o;
    json_array_append_new(head, json_pack("{s:s}", "html", "<span class=\"govuk-visually-hidden\">Actions</span>"));
    o = json_pack("{s:s, s:s, s:b, s:o, s:O}", "caption", caption, "captionClasses", "govuk-visually-hidden",
                  "firstCellIsHeader", 1, "head", head, "rows", rows);
    govuk_table(b, o);
    json_decref(o);
}

int partnership_save_begin(req *rq, const char *id, char *new_id, char *now)
{
    ids_now_iso(now);
    if (id) snprintf(new_id, IDS_UUID_LEN, "%s", id);
    else ids_uuid(new_id);
    return db_begin(rq->db);
}

void partnership_form_open(req *rq, buf *b, const char *action, const char *id)
{
    buf_add(b, "<form method=\"post\" novalidate action=\"");
    html_attr(b, action);
    if (id) {
        buf_add(b, "/");
        html_attr(b, id);
    }
    buf_add(b, "\">");
    page_csrf_field(rq, b);
}

void partnership_pagination(buf *b, int page, int per_page, int64_t total, partnership_href_fn href,
                            const void *ctx)
{
    buf link = BUF_INIT;
    json_t *o;
    if (page > 1 || (int64_t)page * per_page < total) {
        o = json_object();
        if (page > 1) {
            buf_reset(&link);
            href(&link, ctx, page - 1);
            json_object_set_new(o, "previous", json_pack("{s:s}", "href", buf_str(&link)));
        }
        if ((int64_t)page * per_page < total) {
            buf_reset(&link);
            href(&link, ctx, page + 1);
            json_object_set_new(o, "next", json_pack("{s:s}", "href", buf_str(&link)));
        }
        govuk_pagination(b, o);
        json_decref(o);
    }
    buf_free(&link);
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
