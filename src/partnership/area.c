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

static void area_in_free(void *vin)
{
    struct area_in *in = vin;
    free(in->name);
    free(in->ons_code);
}

#define AREA_SELECT "SELECT id, name, ons_code, created_at FROM areas "

static json_t *area_row(db_stmt *st)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "id", db_col_text(st, 0), "name", db_col_text(st, 1), "ons_code",
                     db_col_text(st, 2), "created_at", db_col_text(st, 3));
}

/* The area as JSON, or NULL (rc tells: DB_DONE not found, <0 error). */
static json_t *area_load(db *d, const char *id, int *rc)
{
    return partnership_load_row(d, AREA_SELECT "WHERE id = ?", id, area_row, rc);
}

/* Validates name and ons_code; *conflict set when one is taken by another
 * area (rec: the area being changed, or NULL). Returns DB_OK or a DB error. */
static int area_validate(req *rq, const json_t *rec, void *vin, form_errors *fe, int *conflict)
{
    struct area_in *in = vin;
    const char *id = rec ? json_string_value(json_object_get(rec, "id")) : NULL;
    int rc = DB_OK;
    char *p;
    *conflict = 0;
    in->name = form_text(rq, "name", "the name of the area", 1, 100, fe);
    if (*in->name && !form_error_for(fe, "name") &&
        (rc = partnership_unique(rq, "SELECT COUNT(*) FROM areas WHERE lower(name) = lower(?) AND id <> ?", in->name, id,
                                 "name", "An area with this name already exists", fe, conflict)) < 0)
        return rc;
    in->ons_code = form_text(rq, "ons_code", "the ONS code", 1, 9, fe);
    for (p = in->ons_code; *p; p++) *p = (char)toupper((unsigned char)*p);
    if (*in->ons_code && !form_error_for(fe, "ons_code")) {
        int ok = strlen(in->ons_code) == 9 && strchr("EWSN", in->ons_code[0]) != NULL;
        for (p = in->ons_code + 1; ok && *p; p++) ok = isdigit((unsigned char)*p) != 0;
        if (!ok) form_error(fe, "ons_code", "Enter an ONS code in the right format, like E06000001");
    }
    if (*in->ons_code && !form_error_for(fe, "ons_code") &&
        (rc = partnership_unique(rq, "SELECT COUNT(*) FROM areas WHERE ons_code = ? AND id <> ?", in->ons_code, id,
                                 "ons_code", "An area with this ONS code already exists", fe, conflict)) < 0)
        return rc;
    return DB_OK;
}

/* Inserts (id NULL; new id written to new_id) or updates, with its audit row. */
static int area_save(req *rq, resp *rs, const json_t *rec, const void *vin, char *new_id)
{
    const struct area_in *in = vin;
    const char *id = rec ? json_string_value(json_object_get(rec, "id")) : NULL;
    char now[21];
    int rc;
    if ((rc = partnership_save_begin(rq, id, new_id, now)) != DB_OK) return rc;
    if (!id)
        rc = db_query_text(rq->db, NULL, "INSERT INTO areas (id, name, ons_code, created_at) VALUES (?, ?, ?, ?)", 4,
                           new_id, in->name, in->ons_code, now);
    else
        rc = db_query_text(rq->db, NULL, "UPDATE areas SET name = ?, ons_code = ? WHERE id = ?", 3, in->name,
                           in->ons_code, id);
    return partnership_commit_audited(rq, rs, rc, id ? "update" : "create", "area", new_id);
}

/* ---- pages ------------------------------------------------------------------- */

static void area_form(req *rq, resp *rs, int status, const char *id, const char *name, const char *code,
                      const form_errors *fe)
{
    buf b = BUF_INIT;
    partnership_form_start(&b, "/admin/areas", fe);
    buf_add(&b, id ? "<h1 class=\"govuk-heading-l\">Change area</h1>" : "<h1 class=\"govuk-heading-l\">Add an area</h1>");
    partnership_form_open(rq, &b, "/admin/areas", id);
    partnership_input(&b, "name", "Name", name, fe, NULL, NULL, NULL, NULL);
    partnership_input(&b, "ons_code", "ONS code", code, fe,
                      "The 9-character code of the local authority, for example E06000001", "govuk-input--width-10",
                      NULL, NULL);
    partnership_button(&b, "Save area", NULL, NULL);
    buf_add(&b, "</form></div></div>");
    page_render_ex(rq, rs, status, id ? "Change area" : "Add an area", buf_str(&b), form_has_errors(fe));
    buf_free(&b);
}

/* The form again with what was entered (partnership_editor.form). */
static void area_form_again(req *rq, resp *rs, int status, const json_t *rec, const void *vin,
                            const form_errors *fe)
{
    const struct area_in *in = vin;
    area_form(rq, rs, status, rec ? json_string_value(json_object_get(rec, "id")) : NULL, in->name, in->ons_code, fe);
}

static const struct partnership_editor area_editor = {
    sizeof(struct area_in), area_validate, area_save, area_form_again, area_in_free, area_load,
    "/admin/areas?done=area-saved", "/admin/areas?done=area-added",
};

void partnership_area_list_page(req *rq, resp *rs)
{
    buf b = BUF_INIT, cell = BUF_INIT;
    db_stmt *st = NULL;
    json_t *rows = json_array();
    int rc;
    partnership_list_start(rq, &b, "Areas", "Add an area", "/admin/areas/new");
    if ((rc = db_prepare(rq->db, "SELECT id, name, ons_code FROM areas ORDER BY name", &st)) != DB_OK) goto fail;
    while ((rc = db_step(st)) == DB_ROW) {
        partnership_change_link(&cell, "/admin/areas", db_col_text(st, 0), db_col_text(st, 1));
        json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s}]", "text", db_col_text(st, 1), "text",
                                              db_col_text(st, 2), "html", buf_str(&cell)));
    }
    if (rc != DB_DONE) goto fail;
    partnership_list_table(&b, "Areas of the partnership",
                           json_pack("[{s:s}, {s:s}]", "text", "Name", "text", "ONS code"), rows);
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

void partnership_area_create_page(req *rq, resp *rs)
{
    partnership_write(rq, rs, &area_editor, 0, 0);
}

void partnership_area_edit_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    json_t *a = partnership_load_or_404(rq, rs, area_load);
    if (!a) return;
    area_form(rq, rs, 200, json_string_value(json_object_get(a, "id")),
              json_string_value(json_object_get(a, "name")), json_string_value(json_object_get(a, "ons_code")), &fe);
    json_decref(a);
}

void partnership_area_update_page(req *rq, resp *rs)
{
    partnership_write(rq, rs, &area_editor, 0, 1);
}

/* ---- API ------------------------------------------------------------------------ */

void partnership_area_api_list(req *rq, resp *rs)
{
    partnership_api_list(rq, rs, "SELECT COUNT(*) FROM areas", AREA_SELECT "ORDER BY name, id LIMIT ? OFFSET ?", NULL,
                         area_row, NULL);
}

void partnership_area_api_get(req *rq, resp *rs)
{
    json_t *a = partnership_load_or_404(rq, rs, area_load);
    if (a) resp_json(rs, 200, a);
}

void partnership_area_api_create(req *rq, resp *rs)
{
    partnership_write(rq, rs, &area_editor, 1, 0);
}

void partnership_area_api_update(req *rq, resp *rs)
{
    partnership_write(rq, rs, &area_editor, 1, 1);
}
