/* pages: the journeys pages and the family view; api: the JSON API. */
#ifndef SH_JOURNEYS_PAGES_H
#define SH_JOURNEYS_PAGES_H

#include "core/http.h"

/* POST /api/v1/journeys/children: a new child with its first request. */
void journeys_api_create_child(req *rq, resp *rs);
/* Registers the /api/v1/journeys routes (api.c). */
void journeys_api_routes(void);

#endif
