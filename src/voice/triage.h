/* voice triage: the feedback queue for the user's areas (/voice/feedback),
 * one record with its contact details (audited), and the triage changes:
 * themes, status, reply, links to an improvement action and a directory
 * service. The same records in the API. */
#ifndef SH_VOICE_TRIAGE_H
#define SH_VOICE_TRIAGE_H

#include "core/http.h"

void voice_triage_queue(req *rq, resp *rs);
void voice_triage_show(req *rq, resp *rs);
void voice_triage_update(req *rq, resp *rs);
void voice_triage_api_list(req *rq, resp *rs);
void voice_triage_api_get(req *rq, resp *rs);
void voice_triage_api_update(req *rq, resp *rs);

#endif
