/* dir_manage: managing listings. Partner officers manage their
 * organisation's listings, administrators all; accounts of voluntary
 * organisations send their edits to the approval queue (with a diff against
 * the published version). Versions can be compared and restored; listings
 * not reviewed (assured) in 12 months are flagged stale; the public's
 * suggestions are triaged in the same queue. Voluntary organisations also
 * propose new listings, which wait in the queue unpublished. A queued edit
 * keeps the version it was based on: approving it after the listing was
 * published again needs an explicit confirmation. */
#ifndef SH_DIR_MANAGE_H
#define SH_DIR_MANAGE_H

#include <jansson.h>

#include "core/db.h"
#include "core/http.h"

void dir_manage_home(req *rq, resp *rs);
void dir_manage_edit_get(req *rq, resp *rs);
void dir_manage_edit_post(req *rq, resp *rs);
void dir_manage_versions(req *rq, resp *rs);
void dir_manage_restore(req *rq, resp *rs);
void dir_manage_change_get(req *rq, resp *rs);
void dir_manage_change_post(req *rq, resp *rs);

/* What the signed-in person may do with a listing: DIR_NONE, or DIR_EDIT
 * (| DIR_APPROVE). Negative DB error. */
enum { DIR_NONE = 0, DIR_EDIT = 1, DIR_APPROVE = 2 };
int dir_manage_access(req *rq, const char *service_id);
/* Answers the error (DB error, or 404 without DIR_EDIT) and returns 1 when
 * access does not allow editing; 0 otherwise. */
int dir_manage_denied(req *rq, resp *rs, int access);
/* 1 for an account of a voluntary organisation (edits wait for approval). */
int dir_manage_is_voluntary(const req *rq);

/* The document an editor works on (new reference): for those whose edits
 * wait for approval, their pending edit when there is one (so several
 * changes add up), else the published listing. NULL with *rc on error. */
json_t *dir_manage_working_doc(req *rq, const char *id, int access, int *rc);

/* 1 when id is a new listing proposed by a voluntary organisation and still
 * waiting for approval (not published anywhere), 0 otherwise, negative DB error. */
int dir_manage_is_proposal(db *d, const char *id);

/* A voluntary organisation's new listing s (borrowed; "id" and
 * "organization_id" set, already checked by the form): validated and put in
 * the approval queue as a new listing, nothing published. Audited. Redirects
 * to the proposal's edit page (so its details can be added) or answers the error. */
void dir_manage_propose(req *rq, resp *rs, json_t *s);

/* The single write path for every management form: s (borrowed, already
 * validated by the form) is published with dir_service_put (versions, search
 * index) when access has DIR_APPROVE, else stored as the pending edit in the
 * approval queue. Audited. On success redirects to back with "?done=saved"
 * or "?done=queued" appended; on failure answers the error. */
void dir_manage_save(req *rq, resp *rs, const char *id, json_t *s, int access, const char *note, const char *back);

#endif
