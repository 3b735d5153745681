/* organisation: the bodies of the partnership (councils, health bodies,
 * schools, forums ...) and the areas each works in. */
#include "partnership.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/router.h"

#define ORG_MAX_AREAS 64

static const char *const g_types[] = {"local_authority", "icb", "health_provider", "school", "forum",
                                      "voluntary", "dfe", "nhse", NULL};
static const char *const g_type_labels[] = {
    "Local authority", "Integrated care board or health commissioner", "Health provider", "School or college",
    "Parent carer forum", "Voluntary or community organisation", "Department for Education", "NHS England"};

const char *partnership_org_type_label(const char *type)
{
    size_t i;
    for (i = 0; type && g_types[i]; i++)
        if (strcmp(g_types[i], type) == 0) return g_type_labels[i];
    return NULL;
}

struct org_in {
    char *name;
    const char *type;                 /* borrowed */
    const char *areas[ORG_MAX_AREAS]; /* borrowed */
    size_t nareas;
};

/* The organisation as JSON with its areas, or NULL (rc: DB_DONE not found). */
static json_t *org_load(db *d, const char *id, int *rc)
{
    db_stmt *st = NULL;
    json_t *j = NULL, *areas;
    *rc = DB_DONE;
    if (!id || !ids_is_uuid(id)) goto done;
    if ((*rc = db_prepare(d, "SELECT id, name, type, created_at FROM organisations WHERE id = ?", &st)) != DB_OK) goto done;
    db_bind_text(st, 1, id);
    if ((*rc = db_step(st)) != DB_ROW) goto done;
    j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:[]}", "id", db_col_text(st, 0), "name", db_col_text(st, 1), "type",
                  db_col_text(st, 2), "type_label", partnership_org_type_label(db_col_text(st, 2)), "created_at",
                  db_col_text(st, 3), "areas");
    db_finalize(st);
    st = NULL;
    areas = json_object_get(j, "areas");
    if ((*rc = db_prepare(d, "SELECT a.id, a.name FROM organisation_areas oa JOIN areas a ON a.id = oa.area_id "
                             "WHERE oa.organisation_id = ? ORDER BY a.name", &st)) != DB_OK) goto fail;
    db_bind_text(st, 1, id);
    while ((*rc = db_step(st)) == DB_ROW)
        json_array_append_new(areas, json_pack("{s:s, s:s}", "id", db_col_text(st, 0), "name", db_col_text(st, 1)));
    if (*rc != DB_DONE) goto fail;
    *rc = DB_ROW;
    goto done;
fail:
    json_decref(j);
    j = NULL;
done:
    db_finalize(st);
    return j;
}

static void org_in_free(void *vin)
{
    free(((struct org_in *)vin)->name);
}

static int org_validate(req *rq, const json_t *rec, void *vin, form_errors *fe, int *conflict)
{
    struct org_in *in = vin;
    const char *id = rec ? json_string_value(json_object_get(rec, "id")) : NULL;
    int64_t n = 0;
    size_t i, k;
    int rc;
    *conflict = 0;
    in->name = form_text(rq, "name", "the name of the organisation", 1, 200, fe);
    in->type = form_choice(rq, "type", "the type of organisation", 1, g_types, fe);
    in->nareas = form_values(rq, "areas", in->areas, ORG_MAX_AREAS);
    for (i = 0; i < in->nareas; i++) {
        int dup = 0;
        for (k = 0; k < i; k++) dup |= strcmp(in->areas[k], in->areas[i]) == 0;
        n = 0;
        if (!dup && ids_is_uuid(in->areas[i]) &&
            (rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM areas WHERE id = ?", 1, in->areas[i])) < 0)
            return rc;
        if (dup || n == 0) {
            form_error(fe, "areas", "Select areas from the list");
            break;
        }
    }
    if (*in->name && !form_error_for(fe, "name") &&
        (rc = partnership_unique(rq, "SELECT COUNT(*) FROM organisations WHERE lower(name) = lower(?) AND id <> ?",
                                 in->name, id, "name", "An organisation with this name already exists", fe, conflict)) < 0)
        return rc;
    return DB_OK;
}

static int org_save(req *rq, resp *rs, const json_t *rec, const void *vin, char *new_id)
{
    const struct org_in *in = vin;
    const char *id = rec ? json_string_value(json_object_get(rec, "id")) : NULL;
    char now[21];
    size_t i;
    int rc;
    if ((rc = partnership_save_begin(rq, id, new_id, now)) != DB_OK) return rc;
    if (!id) {
        rc = db_query_text(rq->db, NULL, "INSERT INTO organisations (id, name, type, created_at) VALUES (?, ?, ?, ?)", 4,
                           new_id, in->name, in->type, now);
    } else {
        rc = db_query_text(rq->db, NULL, "UPDATE organisations SET name = ?, type = ? WHERE id = ?", 3, in->name,
                           in->type, id);
        if (rc >= 0)
            rc = db_query_text(rq->db, NULL, "DELETE FROM organisation_areas WHERE organisation_id = ?", 1, id);
    }
    for (i = 0; rc >= 0 && i < in->nareas; i++)
        rc = db_query_text(rq->db, NULL, "INSERT INTO organisation_areas (organisation_id, area_id) VALUES (?, ?)", 2,
                           new_id, in->areas[i]);
    return partnership_commit_audited(rq, rs, rc, id ? "update" : "create", "organisation", new_id);
}

/* ---- pages ---------------------------------------------------------------------- */

static int in_list(const char *const *list, size_t n, const char *v)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(list[i], v) == 0) return 1;
    return 0;
}

static void org_form(req *rq, resp *rs, int status, const char *id, const char *name, const char *type,
                     const char *const *areas, size_t nareas, const form_errors *fe)
{
    buf b = BUF_INIT;
    json_t *items = json_array(), *o;
    db_stmt *st = NULL;
    size_t i;
    int rc;
    partnership_form_start(&b, "/admin/organisations", fe);
    buf_add(&b, id ? "<h1 class=\"govuk-heading-l\">Change organisation</h1>"
                   : "<h1 class=\"govuk-heading-l\">Add an organisation</h1>");
    partnership_form_open(rq, &b, "/admin/organisations", id);
    partnership_input(&b, "name", "Name", name, fe, NULL, NULL, NULL, NULL);
    for (i = 0; g_types[i]; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", g_types[i], "text", g_type_labels[i],
                                               "checked", type && strcmp(type, g_types[i]) == 0));
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s, s:b}}, s:O, s:o*}", "idPrefix", "type", "name", "type", "fieldset",
                  "legend", "text", "Type of organisation", "classes", "govuk-fieldset__legend--m", "isPageHeading", 0,
                  "items", items, "errorMessage", form_error_message(fe, "type"));
    govuk_radios(&b, o);
    json_decref(o);
    json_array_clear(items);
    if ((rc = db_prepare(rq->db, "SELECT id, name FROM areas ORDER BY name", &st)) != DB_OK) goto fail;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", db_col_text(st, 0), "text",
                                               db_col_text(st, 1), "checked", in_list(areas, nareas, db_col_text(st, 0))));
    if (rc != DB_DONE) goto fail;
    if (json_array_size(items) > 0) {
        o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:{s:s}, s:O, s:o*}", "idPrefix", "areas", "name", "areas",
                      "fieldset", "legend", "text", "Areas it works in", "classes", "govuk-fieldset__legend--m", "hint",
                      "text", "Select all that apply", "items", items, "errorMessage", form_error_message(fe, "areas"));
        govuk_checkboxes(&b, o);
        json_decref(o);
    }
    partnership_button(&b, "Save organisation", NULL, NULL);
    buf_add(&b, "</form></div></div>");
    page_render_ex(rq, rs, status, id ? "Change organisation" : "Add an organisation", buf_str(&b), form_has_errors(fe));
    goto done;
fail:
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    json_decref(items);
    buf_free(&b);
}

/* The form again with what was entered (partnership_editor.form). */
static void org_form_again(req *rq, resp *rs, int status, const json_t *rec, const void *vin,
                           const form_errors *fe)
{
    const struct org_in *in = vin;
    org_form(rq, rs, status, rec ? json_string_value(json_object_get(rec, "id")) : NULL, in->name,
             req_form(rq, "type"), in->areas, in->nareas, fe);
}

static const struct partnership_editor org_editor = {
    sizeof(struct org_in), org_validate, org_save, org_form_again, org_in_free, org_load,
    "/admin/organisations?done=org-saved", "/admin/organisations?done=org-added",
};

void partnership_org_list_page(req *rq, resp *rs)
{
    buf b = BUF_INIT, cell = BUF_INIT;
    db_stmt *st = NULL;
    json_t *rows = json_array();
    int rc;
    partnership_list_start(rq, &b, "Organisations", "Add an organisation", "/admin/organisations/new");
    if ((rc = db_prepare(rq->db,
                         "SELECT o.id, o.name, o.type, (SELECT COUNT(*) FROM organisation_areas oa WHERE oa.organisation_id = o.id), "
                         "(SELECT COUNT(*) FROM people p WHERE p.organisation_id = o.id AND p.active = 1) "
                         "FROM organisations o ORDER BY o.name", &st)) != DB_OK) goto fail;
    while ((rc = db_step(st)) == DB_ROW) {
        char n1[24], n2[24];
        partnership_change_link(&cell, "/admin/organisations", db_col_text(st, 0), db_col_text(st, 1));
        snprintf(n1, sizeof n1, "%lld", (long long)db_col_int64(st, 3));
        snprintf(n2, sizeof n2, "%lld", (long long)db_col_int64(st, 4));
        json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s, s:s}, {s:s, s:s}, {s:s}]", "text", db_col_text(st, 1),
                                              "text", partnership_org_type_label(db_col_text(st, 2)), "text", n1,
                                              "format", "numeric", "text", n2, "format", "numeric", "html",
                                              buf_str(&cell)));
    }
    if (rc != DB_DONE) goto fail;
    partnership_list_table(&b, "Organisations of the partnership",
                           json_pack("[{s:s}, {s:s}, {s:s, s:s}, {s:s, s:s}]", "text", "Name", "text", "Type", "text",
                                     "Areas", "format", "numeric", "text", "Active people", "format", "numeric"),
                           rows);
    page_render(rq, rs, 200, "Organisations", buf_str(&b));
    goto done;
fail:
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    json_decref(rows);
    buf_free(&b);
    buf_free(&cell);
}

void partnership_org_new_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    org_form(rq, rs, 200, NULL, NULL, NULL, NULL, 0, &fe);
}

void partnership_org_create_page(req *rq, resp *rs)
{
    partnership_write(rq, rs, &org_editor, 0, 0);
}

void partnership_org_edit_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    const char *areas[ORG_MAX_AREAS];
    size_t n = 0, i;
    json_t *o = partnership_load_or_404(rq, rs, org_load), *a;
    if (!o) return;
    json_array_foreach(json_object_get(o, "areas"), i, a) {
        if (n < ORG_MAX_AREAS) areas[n++] = json_string_value(json_object_get(a, "id"));
    }
    org_form(rq, rs, 200, json_string_value(json_object_get(o, "id")), json_string_value(json_object_get(o, "name")),
             json_string_value(json_object_get(o, "type")), areas, n, &fe);
    json_decref(o);
}

void partnership_org_update_page(req *rq, resp *rs)
{
    partnership_write(rq, rs, &org_editor, 0, 1);
}

/* ---- API ------------------------------------------------------------------------- */

void partnership_org_api_list(req *rq, resp *rs)
{
    int page, per_page, rc = DB_OK;
    int64_t total = 0;
    db_stmt *st = NULL;
    json_t *items = json_array(), *o;
    char *ids[500];
    int n = 0, i;
    if (router_page_params(rq, rs, 50, 500, &page, &per_page) != 0) goto done;
    if ((rc = db_query_int64(rq->db, &total, "SELECT COUNT(*) FROM organisations", 0)) < 0) goto fail;
    if ((rc = db_prepare(rq->db, "SELECT id FROM organisations ORDER BY name, id LIMIT ? OFFSET ?", &st)) != DB_OK) goto fail;
    db_bind_int64(st, 1, per_page);
    db_bind_int64(st, 2, (int64_t)(page - 1) * per_page);
    while (n < 500 && (rc = db_step(st)) == DB_ROW) ids[n++] = xstrdup(db_col_text(st, 0));
    db_finalize(st);
    st = NULL;
    if (rc < 0) goto fail;
    for (i = 0; i < n; i++) {
        if (!(o = org_load(rq->db, ids[i], &rc))) break;
        json_array_append_new(items, o);
    }
    for (i = 0; i < n; i++) free(ids[i]);
    if (rc < 0) goto fail;
    partnership_list_json(rs, items, page, per_page, total);
    items = NULL;
    goto done;
fail:
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    json_decref(items);
}

void partnership_org_api_get(req *rq, resp *rs)
{
    json_t *o = partnership_load_or_404(rq, rs, org_load);
    if (o) resp_json(rs, 200, o);
}

void partnership_org_api_create(req *rq, resp *rs)
{
    partnership_write(rq, rs, &org_editor, 1, 0);
}

void partnership_org_api_update(req *rq, resp *rs)
{
    partnership_write(rq, rs, &org_editor, 1, 1);
}
