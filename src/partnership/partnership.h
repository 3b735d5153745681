/* partnership: areas, organisations, people, roles and API tokens, managed
 * by administrators through pages under /admin and the API under /api/v1/;
 * and the read-only audit log reader. Internal declarations shared by the
 * module's files (the public entry points are in app.h). */
#ifndef SH_PARTNERSHIP_H
#define SH_PARTNERSHIP_H

#include <jansson.h>

#include "core/buf.h"
#include "core/form.h"
#include "core/http.h"
#include "core/site.h"

/* ---- helpers (partnership.c) ---- */

/* The success banner for a "?done=KEY" redirect (fixed texts only). */
void partnership_banner(req *rq, buf *b);
/* A GOV.UK text input; value and hint may be NULL. */
void partnership_input(buf *b, const char *id, const char *label, const char *value,
                       const form_errors *fe, const char *hint, const char *classes,
                       const char *type, const char *autocomplete);
/* A submit button (or a link styled as one when href is not NULL). */
void partnership_button(buf *b, const char *text, const char *href, const char *classes);
/* Opens the two-thirds column with a back link and the error summary. */
void partnership_form_start(buf *b, const char *back, const form_errors *fe);
/* {"items","page","per_page","total"}; steals items. */
void partnership_list_json(resp *rs, json_t *items, int page, int per_page, long long total);
/* 400 with the form errors as JSON, or 409 when all conflict errors are
 * clashes with existing records (conflict = how many). */
void partnership_fail_json(resp *rs, const form_errors *fe, int conflict);
/* 1 for "true"/"yes"/"1", 0 for "false"/"no"/"0", -1 otherwise (NULL -> -1). */
int partnership_bool(const char *s);
/* 404 for an unknown or malformed id. */
void partnership_not_found(req *rq, resp *rs);

/* ---- shared shapes of the pages and API (partnership.c) ---- */

/* The current row of a statement as JSON (a new reference). */
typedef json_t *(*partnership_row_fn)(db_stmt *st);
/* One record by id, or NULL with *rc: DB_DONE not found, <0 error. The
 * caller owns the result. */
typedef json_t *(*partnership_load_fn)(db *d, const char *id, int *rc);
/* Writes into out the link to page number page of a paged list. */
typedef void (*partnership_href_fn)(buf *out, const void *ctx, int page);

/* The row of sql (its one "?" is id) made by row(), or NULL with *rc:
 * DB_DONE when id is not a UUID or no row matches, <0 on error. */
json_t *partnership_load_row(db *d, const char *sql, const char *id, partnership_row_fn row, int *rc);
/* When sql (two "?": value, then the id of the record being changed, "" for
 * a new one) counts a row, records message against field as a clash with
 * an existing record (*conflict + 1). Returns DB_OK or a DB error. */
int partnership_unique(req *rq, const char *sql, const char *value, const char *id, const char *field,
                       const char *message, form_errors *fe, int *conflict);
/* Answers a failed lookup: a database error when rc < 0, otherwise 404. */
void partnership_missing(req *rq, resp *rs, int rc);
/* The record of the {id} route parameter by load(), or NULL when the answer
 * has been sent (404 or database error). The caller owns the result. */
json_t *partnership_load_or_404(req *rq, resp *rs, partnership_load_fn load);
/* The status of a form shown again with errors: 409 when every error is a
 * clash with an existing record (conflict = how many), otherwise 400. */
int partnership_form_status(const form_errors *fe, int conflict);
/* Ends the caller's transaction after a change: when rc >= 0 writes the
 * audit row (action, entity, id), then commits; on any error rolls back.
 * Returns DB_OK or the error. */
int partnership_commit_audited(req *rq, resp *rs, int rc, const char *action, const char *entity,
                               const char *id);
/* Answers a paged API list ({"items","page","per_page","total"}; page and
 * per_page from the query, 50 by default, at most 500): total from
 * count_sql, items from list_sql (ending "LIMIT ? OFFSET ?") made by row().
 * param, when not NULL, is bound to the first "?" of both. audit_entity,
 * when not NULL, is audited as a "view" of a "list" before the answer. */
void partnership_api_list(req *rq, resp *rs, const char *count_sql, const char *list_sql, const char *param,
                          partnership_row_fn row, const char *audit_entity);
/* Opens a list page: the success banner, the heading (fixed text) and the
 * button link that adds a record. */
void partnership_list_start(req *rq, buf *b, const char *heading, const char *add_text, const char *add_href);
/* Resets cell and writes the "Change" link of a table row: base + "/" + id,
 * with name for screen readers. */
void partnership_change_link(buf *cell, const char *base, const char *id, const char *name);
/* The table of a list page: caption (for screen readers), each row's first
 * cell its header, the head cells given and a last "Actions" column.
 * Steals head; rows is borrowed. */
void partnership_list_table(buf *b, const char *caption, json_t *head, json_t *rows);
/* Opens the transaction of a save and sets new_id (IDS_UUID_LEN bytes): id
 * when changing a record, a new UUID when adding one (id NULL); now (21
 * bytes) the time. Returns DB_OK or a DB error. */
int partnership_save_begin(req *rq, const char *id, char *new_id, char *now);
/* Opens a POST form to action (+ "/" + id when id is not NULL) with its
 * CSRF field. */
void partnership_form_open(req *rq, buf *b, const char *action, const char *id);
/* The previous/next links of a paged list when there is more than one
 * page; href(ctx) writes the link of a page. */
void partnership_pagination(buf *b, int page, int per_page, int64_t total, partnership_href_fn href,
                            const void *ctx);

/* What the create and update handlers (page and API) of a record type
 * share. rec is the record being changed as load() gives it, NULL for a new
 * one; in is the type's own input struct, in_size bytes, zeroed before
 * validate fills it and released by in_free after. */
struct partnership_editor {
    size_t in_size;
    /* Reads and checks the input; *conflict counts clashes with existing
     * records. Returns DB_OK or a DB error. */
    int (*validate)(req *rq, const json_t *rec, void *in, form_errors *fe, int *conflict);
    /* Inserts or updates in one audited transaction; writes the record's id
     * (IDS_UUID_LEN bytes) to new_id. Returns DB_OK or a DB error. */
    int (*save)(req *rq, resp *rs, const json_t *rec, const void *in, char *new_id);
    /* Shows the form again with the errors and what was entered. */
    void (*form)(req *rq, resp *rs, int status, const json_t *rec, const void *in, const form_errors *fe);
    /* Frees what validate allocated in in (not in itself). */
    void (*in_free)(void *in);
    /* The record as the API answers it; also loads the {id} of an update. */
    partnership_load_fn load;
    /* Where the page goes after an update and after a create (fixed text). */
    const char *saved_href, *added_href;
};
/* Creates (update 0) or updates the {id} record (update 1; 404 when it is
 * missing). On a page (api 0): the form again with errors (400, or 409 for
 * clashes only), else a redirect; on the API: the errors as JSON, else the
 * saved record, 201 or 200. */
void partnership_write(req *rq, resp *rs, const struct partnership_editor *e, int api, int update);

/* ---- areas (area.c) ---- */
void partnership_area_list_page(req *rq, resp *rs);
void partnership_area_new_page(req *rq, resp *rs);
void partnership_area_create_page(req *rq, resp *rs);
void partnership_area_edit_page(req *rq, resp *rs);
void partnership_area_update_page(req *rq, resp *rs);
void partnership_area_api_list(req *rq, resp *rs);
void partnership_area_api_get(req *rq, resp *rs);
void partnership_area_api_create(req *rq, resp *rs);
void partnership_area_api_update(req *rq, resp *rs);

/* ---- organisations (organisation.c) ---- */
/* The label of an organisation type ("Local authority"), or NULL. */
const char *partnership_org_type_label(const char *type);
void partnership_org_list_page(req *rq, resp *rs);
void partnership_org_new_page(req *rq, resp *rs);
void partnership_org_create_page(req *rq, resp *rs);
void partnership_org_edit_page(req *rq, resp *rs);
void partnership_org_update_page(req *rq, resp *rs);
void partnership_org_api_list(req *rq, resp *rs);
void partnership_org_api_get(req *rq, resp *rs);
void partnership_org_api_create(req *rq, resp *rs);
void partnership_org_api_update(req *rq, resp *rs);

/* ---- people (person.c) ---- */
void partnership_person_list_page(req *rq, resp *rs);
void partnership_person_new_page(req *rq, resp *rs);
void partnership_person_create_page(req *rq, resp *rs);
void partnership_person_edit_page(req *rq, resp *rs);
void partnership_person_update_page(req *rq, resp *rs);
void partnership_person_deactivate_page(req *rq, resp *rs);
void partnership_person_api_list(req *rq, resp *rs);
void partnership_person_api_get(req *rq, resp *rs);
void partnership_person_api_create(req *rq, resp *rs);
void partnership_person_api_update(req *rq, resp *rs);
void partnership_me_api(req *rq, resp *rs);
/* Deactivates a person: active = 0, sessions deleted, tokens revoked, in
 * the caller's transaction. Returns DB_OK or an error. */
int partnership_person_deactivate(db *d, const char *id);

/* ---- API tokens (token.c) ---- */
/* The tokens table of a person's page. */
void partnership_token_section(req *rq, buf *b, const char *person_id);
void partnership_token_create_page(req *rq, resp *rs);
void partnership_token_revoke_page(req *rq, resp *rs);
void partnership_token_api_list(req *rq, resp *rs);
void partnership_token_api_create(req *rq, resp *rs);
void partnership_token_api_revoke(req *rq, resp *rs);

/* ---- the audit log reader (audit_view.c) ---- */
void partnership_audit_page(req *rq, resp *rs);
void partnership_audit_api(req *rq, resp *rs);

#endif
