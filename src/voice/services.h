/* voice services: feedback about a named service from the directory
 * (dir_services). The feedback form offers the directory's active services
 * as a select grouped by organisation (no JavaScript needed); the chosen id
 * is checked to exist. A low rating (1 or 2) on a service shows to its
 * owner: officers of the service's owning organisation
 * (dir_services.owner_org_id) see low-rated feedback about their services
 * at /voice/my-services (and GET /api/v1/voice/my-services), without the
 * contact details unless they may triage the feedback's area
 * (voice_user_has_area); administrators see every service's. */
#ifndef SH_VOICE_SERVICES_H
#define SH_VOICE_SERVICES_H

#include "core/buf.h"
#include "core/db.h"
#include "core/form.h"
#include "core/http.h"

/* Ratings at or below this show to the service's owner. */
#define VOICE_LOW_RATING 2

/* Appends the GOV.UK select "service_id" (label, hint, error message from
 * fe) with the directory's active services in an optgroup per organisation;
 * selected (may be NULL) is pre-selected. Nothing when the directory is not
 * installed. */
void voice_services_select(db *d, buf *b, const form_errors *fe, const char *selected);
/* 1 when id names a directory service (*name gets its name, caller frees;
 * name may be NULL), 0 when not, or a negative DB error. */
int voice_service_exists(db *d, const char *id, char **name);

void voice_my_services_page(req *rq, resp *rs);
void voice_my_services_api(req *rq, resp *rs);

#endif
