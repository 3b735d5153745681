/* voice measures: experience measures per area and period — the share of
 * feedback rated good or better, the share answering "yes" to "Do you feel
 * listened to?", volumes, and the median days to reply — for the API
 * (GET /api/v1/voice/measures), the dashboard and the improvement module. */
#ifndef SH_VOICE_MEASURES_H
#define SH_VOICE_MEASURES_H

#include <jansson.h>

#include "core/db.h"
#include "core/http.h"

/* The measures for areas (area_id NULL: every area) between from and to
 * (inclusive "YYYY-MM-DD"), as a JSON array, one object per area. Returns
 * a new reference or NULL on a database error. */
json_t *voice_measures(db *d, const char *area_id, const char *from, const char *to);

void voice_measures_api(req *rq, resp *rs);
void voice_measures_page(req *rq, resp *rs);

#endif
