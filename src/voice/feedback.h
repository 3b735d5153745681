/* voice feedback: "Have your say" — the public form at /feedback, its
 * confirmation page, and POST /api/v1/feedback with the same rules. */
#ifndef SH_VOICE_FEEDBACK_H
#define SH_VOICE_FEEDBACK_H

#include "core/http.h"

#define VOICE_TEXT_MAX 5000     /* "what happened" and free-text answers, characters */

void voice_feedback_form_get(req *rq, resp *rs);
void voice_feedback_form_post(req *rq, resp *rs);
void voice_feedback_api_create(req *rq, resp *rs);

/* Fills out (10 bytes) with a fresh random reference "FB-XXXXXX" (letters
 * and digits that cannot be mistaken for each other). */
void voice_feedback_reference(char out[10]);

#endif
