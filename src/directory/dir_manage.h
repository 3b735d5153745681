/* dir_manage: managing listings. Partner officers manage their
 * organisation's listings, administrators all; accounts of voluntary
 * organisations send their edits to the approval queue (with a diff against
 * the published version). Versions can be compared and restored; listings
 * not reviewed (assured) in 12 months are flagged stale; the public's
 * suggestions are triaged in the same queue. */
#ifndef SH_DIR_MANAGE_H
#define SH_DIR_MANAGE_H

#include "core/http.h"

void dir_manage_home(req *rq, resp *rs);
void dir_manage_edit_get(req *rq, resp *rs);
void dir_manage_edit_post(req *rq, resp *rs);
void dir_manage_versions(req *rq, resp *rs);
void dir_manage_restore(req *rq, resp *rs);
void dir_manage_change_get(req *rq, resp *rs);
void dir_manage_change_post(req *rq, resp *rs);

#endif
