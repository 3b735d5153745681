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
