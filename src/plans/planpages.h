/* planpages: improvement plans (WSoA, accelerated progress plan, priority
 * action plan, strategic plan): list, create, view with actions and their
 * ratings; and the API for them. */
#ifndef SH_PLANS_PLANPAGES_H
#define SH_PLANS_PLANPAGES_H

#include "core/http.h"

void plans_plans_page(req *rq, resp *rs);
void plans_plan_new_page(req *rq, resp *rs);
void plans_plan_new_post(req *rq, resp *rs);
void plans_plan_page(req *rq, resp *rs);
void plans_plan_publish_post(req *rq, resp *rs);

void plans_plans_api(req *rq, resp *rs);
void plans_plan_create_api(req *rq, resp *rs);
void plans_plan_api(req *rq, resp *rs);

/* Loads the plan named by the {id} path parameter (object in *out), or
 * answers 404 and returns -1. */
int plans_plan_load(req *rq, resp *rs, const char *id, json_t **out);
/* The plan's actions with "rag", "reason" and "stale" added (new array). */
int plans_plan_actions(db *d, const char *plan_id, json_t **out);

#endif
