/* person: the people who can sign in, their organisation, role and whether
 * their account is active. Deactivating ends their sessions and revokes
 * their API tokens at once. */
#include "partnership.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/router.h"

static const char *const g_roles[] = {"admin", "officer", "forum", "monitor", NULL};

struct person_in {
    char *name;
    char *email;
    char *org_id;
    const char *role;   /* borrowed */
    int active;         /* 1, 0 */
    const char *password; /* borrowed, create only */
};

static void person_in_free(void *vin)
{
    struct person_in *in = vin;
    free(in->name);
    free(in->email);
    free(in->org_id);
}

#define PERSON_SELECT "SELECT p.id, p.email, p.name, p.organisation_id, o.name, p.role, p.active, p.created_at, p.updated_at " \
                      "FROM people p JOIN organisations o ON o.id = p.organisation_id "

static json_t *person_row(db_stmt *st)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s}", "id", db_col_text(st, 0), "email",
                     db_col_text(st, 1), "name", db_col_text(st, 2), "organisation_id", db_col_text(st, 3),
                     "organisation_name", db_col_text(st, 4), "role", db_col_text(st, 5), "active",
                     (int)db_col_int64(st, 6), "created_at", db_col_text(st, 7), "updated_at", db_col_text(st, 8));
}

static json_t *person_load(db *d, const char *id, int *rc)
{
    return partnership_load_row(d, PERSON_SELECT "WHERE p.id = ?", id, person_row, rc);
}

int partnership_person_deactivate(db *d, const char *id)
{
    char now[21];
    int rc;
    ids_now_iso(now);
    rc = db_query_text(d, NULL, "UPDATE people SET active = 0, updated_at = ? WHERE id = ?", 2, now, id);
    if (rc >= 0) rc = db_query_text(d, NULL, "DELETE FROM sessions WHERE person_id = ?", 1, id);
    if (rc >= 0)
        rc = db_query_text(d, NULL, "UPDATE api_tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL", 2,
                           now, id);
    return rc < 0 ? rc : DB_OK;
}

static int email_ok(const char *e)
{
    const char *at = strchr(e, '@');
    const char *p;
    if (!at || at == e || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.')) return 0;
    for (p = e; *p; p++)
        if (isspace((unsigned char)*p) || *p == '<' || *p == '>' || *p == ',') return 0;
    return 1;
}

/* The id of rec (the person being changed), or NULL for a new person. */
static const char *person_id(const json_t *rec)
{
    return rec ? json_string_value(json_object_get(rec, "id")) : NULL;
}

/* Whether rec (the person being changed) was active. */
static int person_was_active(const json_t *rec)
{
    return rec && json_is_true(json_object_get(rec, "active"));
}

/* rec NULL: a new person (password required). An API change that leaves out
 * "active" keeps it as it was. */
static int person_validate(req *rq, const json_t *rec, void *vin, form_errors *fe, int *conflict)
{
    struct person_in *in = vin;
    const char *id = person_id(rec);
    int64_t n = 0;
    char *p;
    const char *problem;
    int rc;
    *conflict = 0;
    in->active = 1;
    in->name = form_text(rq, "name", "the person's full name", 1, 200, fe);
    in->email = form_text(rq, "email", "an email address", 1, 254, fe);
    for (p = in->email; *p; p++) *p = (char)tolower((unsigned char)*p);
    if (*in->email && !form_error_for(fe, "email") && !email_ok(in->email))
        form_error(fe, "email", "Enter an email address in the correct format, like name@example.com");
    in->org_id = form_text(rq, "organisation_id", "the organisation", 0, 64, fe);
    n = 0;
    if (*in->org_id && ids_is_uuid(in->org_id) &&
        (rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM organisations WHERE id = ?", 1, in->org_id)) < 0)
        return rc;
    if (n == 0 && !form_error_for(fe, "organisation_id")) form_error(fe, "organisation_id", "Select the organisation");
    in->role = form_choice(rq, "role", "the role", 1, g_roles, fe);
    if (id) {
        const char *a = req_form(rq, "active");
        in->active = !a && rq->is_api ? person_was_active(rec) : partnership_bool(a);
        if (in->active < 0) {
            form_error(fe, "active", "Select whether the account is active");
        } else if (!in->active && rq->user && strcmp(rq->user->id, id) == 0) {
            form_error(fe, "active", "You cannot deactivate your own account");
        }
    } else {
        in->password = req_form(rq, "password");
        if (!in->password || !*in->password) form_error(fe, "password", "Enter an initial password");
        else if ((problem = auth_password_problem(in->password))) form_error(fe, "password", problem);
    }
    if (*in->email && !form_error_for(fe, "email") &&
        (rc = partnership_unique(rq, "SELECT COUNT(*) FROM people WHERE email = ? AND id <> ?", in->email, id, "email",
                                 "A person with this email address already exists", fe, conflict)) < 0)
        return rc;
    return DB_OK;
}

static int person_save(req *rq, resp *rs, const json_t *rec, const void *vin, char *new_id)
{
    const struct person_in *in = vin;
    const char *id = person_id(rec);
    char now[21], hash[256];
    int rc;
    if (!id && auth_password_hash(in->password, hash, sizeof hash) != 0) return DB_ERROR;
    if ((rc = partnership_save_begin(rq, id, new_id, now)) != DB_OK) goto done;
    if (!id) {
        rc = db_query_text(rq->db, NULL,
                           "INSERT INTO people (id, email, name, organisation_id, role, password_hash, active, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)", 8, new_id, in->email, in->name, in->org_id, in->role,
                           hash, now, now);
    } else {
        rc = db_query_text(rq->db, NULL,
                           "UPDATE people SET email = ?, name = ?, organisation_id = ?, role = ?, active = CAST(? AS INTEGER), updated_at = ? WHERE id = ?",
                           7, in->email, in->name, in->org_id, in->role, in->active ? "1" : "0", now, id);
        if (rc >= 0 && person_was_active(rec) && !in->active) {
            rc = partnership_person_deactivate(rq->db, id);
            if (rc >= 0) rc = audit_log(rq, rs, "deactivate", "person", id, NULL);
        }
    }
    rc = partnership_commit_audited(rq, rs, rc, id ? "update" : "create", "person", new_id);
done:
    sodium_memzero(hash, sizeof hash);
    return rc;
}

/* ---- pages ------------------------------------------------------------------------- */

/* The person's form: p the person being changed (NULL for a new one), in
 * what was entered (NULL before any). Also partnership_editor.form. */
static void person_form(req *rq, resp *rs, int status, const json_t *p, const void *vin,
                        const form_errors *fe)
{
    const struct person_in *in = vin;
    buf b = BUF_INIT;
    json_t *items = json_array(), *o;
    db_stmt *st = NULL;
    const char *id = p ? json_string_value(json_object_get(p, "id")) : NULL;
    const char *name = in ? in->name : p ? json_string_value(json_object_get(p, "name")) : NULL;
    const char *email = in ? in->email : p ? json_string_value(json_object_get(p, "email")) : NULL;
    const char *org = in ? in->org_id : p ? json_string_value(json_object_get(p, "organisation_id")) : NULL;
    const char *role = in ? req_form(rq, "role") : p ? json_string_value(json_object_get(p, "role")) : NULL;
    const char *active = in ? req_form(rq, "active") : p && json_is_false(json_object_get(p, "active")) ? "false" : "true";
    int rc, i;
    partnership_form_start(&b, "/admin/people", fe);
    if (p && !in) partnership_banner(rq, &b);
    buf_add(&b, id ? "<h1 class=\"govuk-heading-l\">" : "<h1 class=\"govuk-heading-l\">Add a person</h1>");
    if (id) {
        html_txt(&b, json_string_value(json_object_get(p, "name")));
        buf_add(&b, "</h1>");
    }
    partnership_form_open(rq, &b, "/admin/people", id);
    partnership_input(&b, "name", "Full name", name, fe, NULL, NULL, NULL, "off");
    partnership_input(&b, "email", "Email address", email, fe, "They use this to sign in", NULL, "email", "off");
    json_array_append_new(items, json_pack("{s:s, s:s}", "value", "", "text", "Select an organisation"));
    if ((rc = db_prepare(rq->db, "SELECT id, name FROM organisations ORDER BY name", &st)) != DB_OK) goto fail;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", db_col_text(st, 0), "text",
                                               db_col_text(st, 1), "selected",
                                               org && strcmp(org, db_col_text(st, 0)) == 0));
    if (rc != DB_DONE) goto fail;
    o = json_pack("{s:s, s:s, s:{s:s}, s:O, s:o*}", "id", "organisation_id", "name", "organisation_id", "label", "text",
                  "Organisation", "items", items, "errorMessage", form_error_message(fe, "organisation_id"));
    govuk_select(&b, o);
    json_decref(o);
    json_array_clear(items);
    for (i = 0; g_roles[i]; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", g_roles[i], "text",
                                               auth_role_label(auth_role_bit(g_roles[i])), "checked",
                                               role && strcmp(role, g_roles[i]) == 0));
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:O, s:o*}", "idPrefix", "role", "name", "role", "fieldset", "legend",
                  "text", "Role", "classes", "govuk-fieldset__legend--m", "items", items, "errorMessage",
                  form_error_message(fe, "role"));
    govuk_radios(&b, o);
    json_decref(o);
    if (id) {
        o = json_pack("{s:s, s:s, s:s, s:{s:{s:s, s:s}}, s:[{s:s, s:s, s:b}, {s:s, s:s, s:b}], s:o*}", "idPrefix",
                      "active", "name", "active", "classes", "govuk-radios--inline", "fieldset", "legend", "text",
                      "Can this person sign in?", "classes", "govuk-fieldset__legend--m", "items", "value", "true",
                      "text", "Yes, active", "checked", active && partnership_bool(active) == 1, "value", "false", "text",
                      "No, deactivated", "checked", active && partnership_bool(active) == 0, "errorMessage",
                      form_error_message(fe, "active"));
        govuk_radios(&b, o);
        json_decref(o);
    } else {
        partnership_input(&b, "password", "Initial password", NULL, fe,
                          "At least 10 characters. Give it to the person safely; they should change it.",
                          NULL, "password", "new-password");
    }
    partnership_button(&b, id ? "Save changes" : "Add person", NULL, NULL);
    buf_add(&b, "</form>");
    if (id) {
        if (json_is_true(json_object_get(p, "active"))) {
            buf_add(&b, "<h2 class=\"govuk-heading-m\">Deactivate</h2><p class=\"govuk-body\">They will be signed out at once "
                        "and their API tokens revoked. Their records stay.</p><form method=\"post\" novalidate action=\"/admin/people/");
            html_attr(&b, id);
            buf_add(&b, "/deactivate\">");
            page_csrf_field(rq, &b);
            partnership_button(&b, "Deactivate this person", NULL, "govuk-button--warning");
            buf_add(&b, "</form>");
        }
        partnership_token_section(rq, &b, id);
    }
    buf_add(&b, "</div></div>");
    page_render_ex(rq, rs, status, id ? "Change person" : "Add a person", buf_str(&b), form_has_errors(fe));
    goto done;
fail:
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    json_decref(items);
    buf_free(&b);
}

/* The link to a page of the people list; ctx is the per_page (int). */
static void person_page_href(buf *out, const void *ctx, int page)
{
    buf_printf(out, "/admin/people?page=%d&per_page=%d", page, *(const int *)ctx);
}

void partnership_person_list_page(req *rq, resp *rs)
{
    buf b = BUF_INIT, cell = BUF_INIT;
    db_stmt *st = NULL;
    json_t *rows = json_array();
    int64_t total = 0;
    int rc, page, per_page;
    if (router_page_params(rq, rs, 100, 500, &page, &per_page) != 0) goto done;
    partnership_list_start(rq, &b, "People", "Add a person", "/admin/people/new");
    if ((rc = db_query_int64(rq->db, &total, "SELECT COUNT(*) FROM people", 0)) < 0) goto fail;
    if ((rc = db_prepare(rq->db, PERSON_SELECT "ORDER BY p.active DESC, p.name, p.email, p.id LIMIT ? OFFSET ?", &st)) != DB_OK) goto fail;
    db_bind_int64(st, 1, per_page);
    db_bind_int64(st, 2, (int64_t)(page - 1) * per_page);
    while ((rc = db_step(st)) == DB_ROW) {
        partnership_change_link(&cell, "/admin/people", db_col_text(st, 0), db_col_text(st, 2));
        json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}]", "text", db_col_text(st, 2),
                                              "text", db_col_text(st, 1), "text", db_col_text(st, 4), "text",
                                              auth_role_label(auth_role_bit(db_col_text(st, 5))), "text",
                                              db_col_int64(st, 6) ? "Active" : "Deactivated", "html", buf_str(&cell)));
    }
    if (rc != DB_DONE) goto fail;
    if ((rc = audit_log(rq, rs, "view", "person", NULL, "list")) != DB_OK) goto fail;
    partnership_list_table(&b, "People who can sign in",
                           json_pack("[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}]", "text", "Name", "text", "Email", "text",
                                     "Organisation", "text", "Role", "text", "Status"),
                           rows);
    partnership_pagination(&b, page, per_page, total, person_page_href, &per_page);
    page_render(rq, rs, 200, "People", buf_str(&b));
    goto done;
fail:
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    json_decref(rows);
    buf_free(&b);
    buf_free(&cell);
}

void partnership_person_new_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    person_form(rq, rs, 200, NULL, NULL, &fe);
}

static const struct partnership_editor person_editor = {
    sizeof(struct person_in), person_validate, person_save, person_form, person_in_free, person_load,
    "/admin/people?done=person-saved", "/admin/people?done=person-added",
};

void partnership_person_create_page(req *rq, resp *rs)
{
    partnership_write(rq, rs, &person_editor, 0, 0);
}

void partnership_person_edit_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    json_t *p = partnership_load_or_404(rq, rs, person_load);
    int rc;
    if (!p) return;
    if ((rc = audit_log(rq, rs, "view", "person", json_string_value(json_object_get(p, "id")), NULL)) != DB_OK)
        resp_db_error(rq, rs, rc);
    else
        person_form(rq, rs, 200, p, NULL, &fe);
    json_decref(p);
}

void partnership_person_update_page(req *rq, resp *rs)
{
    partnership_write(rq, rs, &person_editor, 0, 1);
}

void partnership_person_deactivate_page(req *rq, resp *rs)
{
    json_t *p = partnership_load_or_404(rq, rs, person_load);
    const char *id;
    int rc;
    if (!p) return;
    id = json_string_value(json_object_get(p, "id"));
    if (rq->user && strcmp(rq->user->id, id) == 0) {
        resp_error(rq, rs, 400, "invalid", "You cannot deactivate your own account.", NULL);
        goto done;
    }
    if ((rc = db_begin(rq->db)) != DB_OK) goto fail;
    if ((rc = partnership_person_deactivate(rq->db, id)) != DB_OK ||
        (rc = audit_log(rq, rs, "deactivate", "person", id, NULL)) != DB_OK) {
        db_rollback(rq->db);
        goto fail;
    }
    if ((rc = db_commit(rq->db)) != DB_OK) goto fail;
    resp_redirect(rs, "/admin/people?done=person-deactivated");
    goto done;
fail:
    resp_db_error(rq, rs, rc);
done:
    json_decref(p);
}

/* ---- API ---------------------------------------------------------------------------- */

void partnership_person_api_list(req *rq, resp *rs)
{
    partnership_api_list(rq, rs, "SELECT COUNT(*) FROM people", PERSON_SELECT "ORDER BY p.email LIMIT ? OFFSET ?", NULL,
                         person_row, "person");
}

void partnership_person_api_get(req *rq, resp *rs)
{
    json_t *p = partnership_load_or_404(rq, rs, person_load);
    int rc;
    if (!p) return;
    if ((rc = audit_log(rq, rs, "view", "person", json_string_value(json_object_get(p, "id")), NULL)) != DB_OK) {
        json_decref(p);
        resp_db_error(rq, rs, rc);
        return;
    }
    resp_json(rs, 200, p);
}

void partnership_person_api_create(req *rq, resp *rs)
{
    partnership_write(rq, rs, &person_editor, 1, 0);
}

void partnership_person_api_update(req *rq, resp *rs)
{
    partnership_write(rq, rs, &person_editor, 1, 1);
}

void partnership_me_api(req *rq, resp *rs)
{
    const user *u = rq->user;
    resp_json(rs, 200, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", u->id, "email", u->email, "name",
                                 u->name, "role", auth_role_name(u->role), "organisation_id", u->org_id,
                                 "organisation_name", u->org_name, "organisation_type", u->org_type, "via_token",
                                 rq->via_token));
}
