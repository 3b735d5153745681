/* token: API tokens, listed per person, created (the token is shown once,
 * only its hash is kept) and revoked by administrators. */
#include "partnership.h"

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

#define TOKEN_SELECT "SELECT id, label, created_at, last_used_at, revoked_at, person_id FROM api_tokens "

static json_t *token_row(db_stmt *st)
{
    return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s}", "id", db_col_text(st, 0), "label", db_col_text(st, 1),
                     "created_at", db_col_text(st, 2), "last_used_at", db_col_text(st, 3), "revoked_at",
                     db_col_text(st, 4), "person_id", db_col_text(st, 5));
}

static json_t *token_load(db *d, const char *id, int *rc)
{
    return partnership_load_row(d, TOKEN_SELECT "WHERE id = ?", id, token_row, rc);
}

/* The person's id (copied into out) when they exist; 0 found, 1 not, <0 error.
 * *active is set to their active flag. */
static int person_exists(db *d, const char *id, char out[IDS_UUID_LEN], int *active)
{
    int64_t a = -1;
    int rc;
    if (!id || !ids_is_uuid(id)) return 1;
    if ((rc = db_query_int64(d, &a, "SELECT active FROM people WHERE id = ?", 1, id)) < 0) return rc;
    if (rc != DB_ROW) return 1;
    snprintf(out, IDS_UUID_LEN, "%s", id);
    *active = (int)a;
    return 0;
}

/* Creates a token for person with its audit row; *token is the secret. */
static int token_create(req *rq, resp *rs, const char *person, const char *label, char **token, char id[IDS_UUID_LEN])
{
    int rc;
    if ((rc = db_begin(rq->db)) != DB_OK) return rc;
    rc = auth_token_create(rq->db, person, label, token, id);
    rc = partnership_commit_audited(rq, rs, rc, "create", "api_token", id);
    if (rc < 0 && *token) {
        sodium_memzero(*token, strlen(*token));
        free(*token);
        *token = NULL;
    }
    return rc;
}

static int token_revoke(req *rq, resp *rs, const char *id)
{
    char now[21];
    int rc;
    ids_now_iso(now);
    if ((rc = db_begin(rq->db)) != DB_OK) return rc;
    rc = db_query_text(rq->db, NULL, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", 2, now, id);
    return partnership_commit_audited(rq, rs, rc, "revoke", "api_token", id);
}

/* ---- pages ----------------------------------------------------------------------- */

void partnership_token_section(req *rq, buf *b, const char *person_id)
{
    db_stmt *st = NULL;
    json_t *rows = json_array(), *o;
    buf cell = BUF_INIT;
    form_errors none = {0};
    int rc;
    buf_add(b, "<h2 class=\"govuk-heading-m\">API tokens</h2>");
    if (db_prepare(rq->db, TOKEN_SELECT "WHERE person_id = ? ORDER BY created_at DESC, id", &st) == DB_OK) {
        db_bind_text(st, 1, person_id);
        while ((rc = db_step(st)) == DB_ROW) {
            buf_reset(&cell);
            if (db_col_is_null(st, 4)) {
                buf_add(&cell, "<form method=\"post\" novalidate action=\"/admin/tokens/");
                html_attr(&cell, db_col_text(st, 0));
                buf_add(&cell, "/revoke\">");
                page_csrf_field(rq, &cell);
                buf_add(&cell, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
                               "data-module=\"govuk-button\">Revoke<span class=\"govuk-visually-hidden\"> token ");
                html_txt(&cell, db_col_text(st, 1));
                buf_add(&cell, "</span></button></form>");
            } else {
                buf_add(&cell, "Revoked ");
                html_txt(&cell, db_col_text(st, 4));
            }
            json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s}, {s:s}]", "text", db_col_text(st, 1), "text",
                                                  db_col_text(st, 2), "text",
                                                  db_col_is_null(st, 3) ? "Never" : db_col_text(st, 3), "html",
                                                  buf_str(&cell)));
        }
    }
    db_finalize(st);
    if (json_array_size(rows) == 0) {
        buf_add(b, "<p class=\"govuk-body\">This person has no API tokens.</p>");
    } else {
        o = json_pack("{s:s, s:s, s:b, s:[{s:s}, {s:s}, {s:s}, {s:s}], s:O}", "caption", "API tokens", "captionClasses",
                      "govuk-visually-hidden", "firstCellIsHeader", 1, "head", "text", "Label", "text", "Created", "text",
                      "Last used", "text", "Status", "rows", rows);
        govuk_table(b, o);
        json_decref(o);
    }
    buf_add(b, "<form method=\"post\" novalidate action=\"/admin/people/");
    html_attr(b, person_id);
    buf_add(b, "/tokens\">");
    page_csrf_field(rq, b);
    partnership_input(b, "label", "Label for a new token", NULL, &none, "What the token is for, for example \"Reporting script\"",
                      NULL, NULL, "off");
    partnership_button(b, "Create an API token", NULL, "govuk-button--secondary");
    buf_add(b, "</form>");
    json_decref(rows);
    buf_free(&cell);
}

void partnership_token_create_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    char person[IDS_UUID_LEN], id[IDS_UUID_LEN];
    char *label = NULL, *token = NULL;
    int active = 0, rc;
    buf b = BUF_INIT;
    json_t *o;
    if ((rc = person_exists(rq->db, req_param(rq, "id"), person, &active)) != 0) {
        partnership_missing(rq, rs, rc);
        goto done;
    }
    label = form_text(rq, "label", "a label", 0, 100, &fe);
    if (!active) {
        resp_error(rq, rs, 400, "invalid", "This person is deactivated: they cannot have API tokens.", NULL);
        goto done;
    }
    if (form_has_errors(&fe)) {
        resp_error(rq, rs, 400, "invalid", form_error_for(&fe, "label"), "label");
        goto done;
    }
    if ((rc = token_create(rq, rs, person, *label ? label : "API token", &token, id)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    /* Shown once, here: not a redirect, so the secret never sits in a URL. */
    o = json_pack("{s:s}", "titleText", "API token created");
    govuk_panel(&b, o);
    json_decref(o);
    buf_add(&b, "<p class=\"govuk-body\">Copy this token now. It will not be shown again.</p>"
                "<p class=\"govuk-body\"><code class=\"app-token\">");
    html_txt(&b, token);
    buf_add(&b, "</code></p><p class=\"govuk-body\">Send it in the header <code>Authorization: Bearer TOKEN</code>.</p>"
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/people/");
    html_attr(&b, person);
    buf_add(&b, "\">Back to the person</a></p>");
    resp_header(rs, "Cache-Control", "no-store");
    page_render(rq, rs, 201, "API token created", buf_str(&b));
done:
    if (token) sodium_memzero(token, strlen(token));
    free(token);
    free(label);
    form_errors_free(&fe);
    buf_free(&b);
}

void partnership_token_revoke_page(req *rq, resp *rs)
{
    int rc;
    json_t *t = partnership_load_or_404(rq, rs, token_load);
    buf loc = BUF_INIT;
    if (!t) return;
    if ((rc = token_revoke(rq, rs, json_string_value(json_object_get(t, "id")))) != DB_OK) {
        resp_db_error(rq, rs, rc);
    } else {
        buf_printf(&loc, "/admin/people/%s?done=token-revoked", json_string_value(json_object_get(t, "person_id")));
        resp_redirect(rs, buf_str(&loc));
    }
    buf_free(&loc);
    json_decref(t);
}

/* ---- API ---------------------------------------------------------------------------- */

void partnership_token_api_list(req *rq, resp *rs)
{
    char person[IDS_UUID_LEN];
    int rc, active;
    if ((rc = person_exists(rq->db, req_param(rq, "id"), person, &active)) != 0)
        partnership_missing(rq, rs, rc);
    else
        partnership_api_list(rq, rs, "SELECT COUNT(*) FROM api_tokens WHERE person_id = ?",
                             TOKEN_SELECT "WHERE person_id = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?", person,
                             token_row, NULL);
}

void partnership_token_api_create(req *rq, resp *rs)
{
    form_errors fe = {0};
    char person[IDS_UUID_LEN], id[IDS_UUID_LEN];
    char *label = NULL, *token = NULL;
    int active = 0, rc;
    json_t *t;
    if ((rc = person_exists(rq->db, req_param(rq, "id"), person, &active)) != 0) {
        partnership_missing(rq, rs, rc);
        goto done;
    }
    label = form_text(rq, "label", "a label", 0, 100, &fe);
    if (!active) form_error(&fe, "person", "This person is deactivated: they cannot have API tokens");
    if (form_has_errors(&fe)) {
        partnership_fail_json(rs, &fe, 0);
        goto done;
    }
    if ((rc = token_create(rq, rs, person, *label ? label : "API token", &token, id)) != DB_OK ||
        !(t = token_load(rq->db, id, &rc))) {
        resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
        goto done;
    }
    json_object_set_new(t, "token", json_string(token));
    resp_header(rs, "Cache-Control", "no-store");
    resp_json(rs, 201, t);
done:
    if (token) sodium_memzero(token, strlen(token));
    free(token);
    free(label);
    form_errors_free(&fe);
}

void partnership_token_api_revoke(req *rq, resp *rs)
{
    int rc;
    json_t *t = partnership_load_or_404(rq, rs, token_load), *t2;
    if (!t) return;
    if ((rc = token_revoke(rq, rs, json_string_value(json_object_get(t, "id")))) != DB_OK ||
        !(t2 = token_load(rq->db, json_string_value(json_object_get(t, "id")), &rc)))
        resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
    else
        resp_json(rs, 200, t2);
    json_decref(t);
}
