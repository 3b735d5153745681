/* area: the local authority areas of the partnership (name, ONS code). */
#include "partnership.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/router.h"

struct area_in {
    char *name;
    char *ons_code;
};

static void area_in_free(struct area_in *in)
{
    free(in->name);
    free(in->ons_code);
}

/* The area as JSON, or NULL (rc tells: DB_DONE not found, <0 error). */
static json_t *area_load(db *d, const char *id, int *rc)
{
    db_stmt *st = NULL;
    json_t *j = NULL;
    *rc = DB_DONE;
    if (!id || !ids_is_uuid(id)) goto done;
    if ((*rc = db_prepare(d, "SELECT id, name, ons_code, created_at FROM areas WHERE id = ?", &st)) != DB_OK) goto done;
    db_bind_text(st, 1, id);
    *rc = db_step(st);
    if (*rc == DB_ROW)
        j = json_pack("{s:s, s:s, s:s, s:s}", "id", db_col_text(st, 0), "name", db_col_text(st, 1), "ons_code",
                      db_col_text(st, 2), "created_at", db_col_text(st, 3));
done:
    db_finalize(st);
    return j;
}

/* Validates name and ons_code; *conflict set when one is taken by another
 * area (id: the area being changed, or NULL). Returns DB_OK or a DB error. */
static int area_validate(req *rq, const char *id, struct area_in *in, form_errors *fe, int *conflict)
{
    int64_t n = 0;
    int rc = DB_OK;
    char *p;
    *conflict = 0;
    in->name = form_text(rq, "name", "the name of the area", 1, 100, fe);
    if (*in->name && !form_error_for(fe, "name")) {
        if ((rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM areas WHERE lower(name) = lower(?) AND id <> ?", 2,
                                 in->name, id ? id : "")) < 0) return rc;
        if (n > 0) {
            form_error(fe, "name", "An area with this name already exists");
            (*conflict)++;
        }
    }
    in->ons_code = form_text(rq, "ons_code", "the ONS code", 1, 9, fe);
    for (p = in->ons_code; *p; p++) *p = (char)toupper((unsigned char)*p);
    if (*in->ons_code && !form_error_for(fe, "ons_code")) {
        int ok = strlen(in->ons_code) == 9 && strchr("EWSN", in->ons_code[0]) != NULL;
        for (p = in->ons_code + 1; ok && *p; p++) ok = isdigit((unsigned char)*p) != 0;
        if (!ok) form_error(fe, "ons_code", "Enter an ONS code in the right format, like E06000001");
    }
    if (*in->ons_code && !form_error_for(fe, "ons_code")) {
        if ((rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM areas WHERE ons_code = ? AND id <> ?", 2,
                                 in->ons_code, id ? id : "")) < 0) return rc;
        if (n > 0) {
            form_error(fe, "ons_code", "An area with this ONS code already exists");
            (*conflict)++;
        }
    }
    return DB_OK;
}

/* Inserts (id NULL; new id written to new_id) or updates, with its audit row. */
static int area_save(req *rq, resp *rs, const char *id, const struct area_in *in, char new_id[IDS_UUID_LEN])
{
    char now[21];
    int rc;
    ids_now_iso(now);
    if ((rc = db_begin(rq->db)) != DB_OK) return rc;
    if (!id) {
        ids_uuid(new_id);
        rc = db_query_text(rq->db, NULL, "INSERT INTO areas (id, name, ons_code, created_at) VALUES (?, ?, ?, ?)", 4,
                           new_id, in->name, in->ons_code, now);
    } else {
        snprintf(new_id, IDS_UUID_LEN, "%s", id);
        rc = db_query_text(rq->db, NULL, "UPDATE areas SET name = ?, ons_code = ? WHERE id = ?", 3, in->name,
                           in->ons_code, id);
    }
    if (rc >= 0) rc = audit_log(rq, rs, id ? "update" : "create", "area", new_id, NULL);
    if (rc < 0) {
        db_rollback(rq->db);
        return rc;
    }
    return db_commit(rq->db);
}

/* ---- pages ------------------------------------------------------------------- */

static void area_form(req *rq, resp *rs, int status, const char *id, const char *name, const char *code,
                      const form_errors *fe)
{
    buf b = BUF_INIT;
    partnership_form_start(&b, "/admin/areas", fe);
    buf_add(&b, id ? "<h1 class=\"govuk-heading-l\">Change area</h1>" : "<h1 class=\"govuk-heading-l\">Add an area</h1>");
    buf_add(&b, "<form method=\"post\" novalidate action=\"/admin/areas");
    if (id) {
        buf_add(&b, "/");
        html_attr(&b, id);
    }
    buf_add(&b, "\">");
    page_csrf_field(rq, &b);
    partnership_input(&b, "name", "Name", name, fe, NULL, NULL, NULL, NULL);
    partnership_input(&b, "ons_code", "ONS code", code, fe,
                      "The 9-character code of the local authority, for example E06000001", "govuk-input--width-10",
                      NULL, NULL);
    partnership_button(&b, "Save area", NULL, NULL);
    buf_add(&b, "</form></div></div>");
    page_render_ex(rq, rs, status, id ? "Change area" : "Add an area", buf_str(&b), form_has_errors(fe));
    buf_free(&b);
}

void partnership_area_list_page(req *rq, resp *rs)
{
    buf b = BUF_INIT, cell = BUF_INIT;
    db_stmt *st = NULL;
    json_t *rows = json_array(), *o;
    int rc;
    partnership_banner(rq, &b);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Areas</h1>");
    partnership_button(&b, "Add an area", "/admin/areas/new", NULL);
    if ((rc = db_prepare(rq->db, "SELECT id, name, ons_code FROM areas ORDER BY name", &st)) != DB_OK) goto fail;
    while ((rc = db_step(st)) == DB_ROW) {
        buf_reset(&cell);
        buf_add(&cell, "<a class=\"govuk-link\" href=\"/admin/areas/");
        html_attr(&cell, db_col_text(st, 0));
        buf_add(&cell, "\">Change<span class=\"govuk-visually-hidden\"> ");
        html_txt(&cell, db_col_text(st, 1));
        buf_add(&cell, "</span></a>");
        json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s}]", "text", db_col_text(st, 1), "text",
                                              db_col_text(st, 2), "html", buf_str(&cell)));
    }
    if (rc != DB_DONE) goto fail;
    o = json_pack("{s:s, s:s, s:b, s:[{s:s}, {s:s}, {s:s}], s:O}", "caption", "Areas of the partnership",
                  "captionClasses", "govuk-visually-hidden", "firstCellIsHeader", 1, "head", "text", "Name", "text",
                  "ONS code", "html", "<span class=\"govuk-visually-hidden\">Actions</span>", "rows", rows);
    govuk_table(&b, o);
    json_decref(o);
    page_render(rq, rs, 200, "Areas", buf_str(&b));
    goto done;
fail:
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    json_decref(rows);
    buf_free(&b);
    buf_free(&cell);
}

void partnership_area_new_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    area_form(rq, rs, 200, NULL, NULL, NULL, &fe);
}

static void area_post(req *rq, resp *rs, const char *id)
{
    form_errors fe = {0};
    struct area_in in = {0};
    char new_id[IDS_UUID_LEN];
    int conflict = 0, rc;
    if ((rc = area_validate(rq, id, &in, &fe, &conflict)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    if (form_has_errors(&fe)) {
        area_form(rq, rs, conflict && (size_t)conflict == fe.items.n ? 409 : 400, id, in.name, in.ons_code, &fe);
        goto done;
    }
    if ((rc = area_save(rq, rs, id, &in, new_id)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    resp_redirect(rs, id ? "/admin/areas?done=area-saved" : "/admin/areas?done=area-added");
done:
    area_in_free(&in);
    form_errors_free(&fe);
}

void partnership_area_create_page(req *rq, resp *rs)
{
    area_post(rq, rs, NULL);
}

void partnership_area_edit_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    int rc;
    json_t *a = area_load(rq->db, req_param(rq, "id"), &rc);
    if (!a) {
        if (rc < 0) resp_db_error(rq, rs, rc);
        else partnership_not_found(rq, rs);
        return;
    }
    area_form(rq, rs, 200, json_string_value(json_object_get(a, "id")),
              json_string_value(json_object_get(a, "name")), json_string_value(json_object_get(a, "ons_code")), &fe);
    json_decref(a);
}

void partnership_area_update_page(req *rq, resp *rs)
{
    int rc;
    json_t *a = area_load(rq->db, req_param(rq, "id"), &rc);
    if (!a) {
        if (rc < 0) resp_db_error(rq, rs, rc);
        else partnership_not_found(rq, rs);
        return;
    }
    area_post(rq, rs, json_string_value(json_object_get(a, "id")));
    json_decref(a);
}

/* ---- API ------------------------------------------------------------------------ */

void partnership_area_api_list(req *rq, resp *rs)
{
    int page, per_page, rc;
    int64_t total = 0;
    db_stmt *st = NULL;
    json_t *items = json_array();
    if (router_page_params(rq, rs, 50, 500, &page, &per_page) != 0) goto done;
    if ((rc = db_query_int64(rq->db, &total, "SELECT COUNT(*) FROM areas", 0)) < 0) goto fail;
    if ((rc = db_prepare(rq->db, "SELECT id, name, ons_code, created_at FROM areas ORDER BY name, id LIMIT ? OFFSET ?", &st)) != DB_OK) goto fail;
    db_bind_int64(st, 1, per_page);
    db_bind_int64(st, 2, (int64_t)(page - 1) * per_page);
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s}", "id", db_col_text(st, 0), "name",
                                               db_col_text(st, 1), "ons_code", db_col_text(st, 2), "created_at",
                                               db_col_text(st, 3)));
    if (rc != DB_DONE) goto fail;
    partnership_list_json(rs, items, page, per_page, total);
    items = NULL;
    goto done;
fail:
    resp_db_error(rq, rs, rc);
done:
    db_finalize(st);
    json_decref(items);
}

void partnership_area_api_get(req *rq, resp *rs)
{
    int rc;
    json_t *a = area_load(rq->db, req_param(rq, "id"), &rc);
    if (a) resp_json(rs, 200, a);
    else if (rc < 0) resp_db_error(rq, rs, rc);
    else partnership_not_found(rq, rs);
}

static void area_api_write(req *rq, resp *rs, const char *id)
{
    form_errors fe = {0};
    struct area_in in = {0};
    char new_id[IDS_UUID_LEN];
    int conflict = 0, rc;
    json_t *a;
    if ((rc = area_validate(rq, id, &in, &fe, &conflict)) != DB_OK) goto fail;
    if (form_has_errors(&fe)) {
        partnership_fail_json(rs, &fe, conflict);
        goto done;
    }
    if ((rc = area_save(rq, rs, id, &in, new_id)) != DB_OK) goto fail;
    a = area_load(rq->db, new_id, &rc);
    if (!a) goto fail;
    resp_json(rs, id ? 200 : 201, a);
    goto done;
fail:
    resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
done:
    area_in_free(&in);
    form_errors_free(&fe);
}

void partnership_area_api_create(req *rq, resp *rs)
{
    area_api_write(rq, rs, NULL);
}

void partnership_area_api_update(req *rq, resp *rs)
{
    int rc;
    json_t *a = area_load(rq->db, req_param(rq, "id"), &rc);
    if (!a) {
        if (rc < 0) resp_db_error(rq, rs, rc);
        else partnership_not_found(rq, rs);
        return;
    }
    area_api_write(rq, rs, json_string_value(json_object_get(a, "id")));
    json_decref(a);
}
