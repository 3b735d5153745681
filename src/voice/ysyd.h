/* voice ysyd: "You said, we did" — per area, what families raised (themes
 * and counts, never personal details), what the partnership did and when.
 * Staff write and publish entries; the public page is /you-said-we-did. */
#ifndef SH_VOICE_YSYD_H
#define SH_VOICE_YSYD_H

#include "core/http.h"

void voice_ysyd_public(req *rq, resp *rs);
void voice_ysyd_staff(req *rq, resp *rs);
void voice_ysyd_new(req *rq, resp *rs);
void voice_ysyd_create(req *rq, resp *rs);
void voice_ysyd_publish(req *rq, resp *rs);
void voice_ysyd_api_list(req *rq, resp *rs);

#endif
