/* voice engage: the co-production log — events, workstream meetings,
 * consultations and boards, with the organisations taking part, the parent
 * carer forum's role, the participation-ladder level, what was decided, and
 * links to improvement actions and feedback. */
#ifndef SH_VOICE_ENGAGE_H
#define SH_VOICE_ENGAGE_H

#include "core/http.h"

void voice_engage_list(req *rq, resp *rs);
void voice_engage_new(req *rq, resp *rs);
void voice_engage_create(req *rq, resp *rs);
void voice_engage_show(req *rq, resp *rs);
void voice_engage_api_list(req *rq, resp *rs);

#endif
