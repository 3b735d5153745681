/* actions: an action of a plan with its findings, officers, organisations,
 * co-production, dates, status, milestones, progress updates, evidence and
 * success measures (with their milestones and actuals). Pages and API.
 * Every handler opens the action through plans_action_access (access.h). */
#ifndef SH_PLANS_ACTIONS_H
#define SH_PLANS_ACTIONS_H

#include "core/http.h"

#define PLANS_EVIDENCE_MAX (5 * 1024 * 1024)   /* bytes per uploaded file */

void plans_action_new_page(req *rq, resp *rs);
void plans_action_new_post(req *rq, resp *rs);
void plans_action_page(req *rq, resp *rs);
void plans_action_edit_page(req *rq, resp *rs);
void plans_action_edit_post(req *rq, resp *rs);
void plans_update_post(req *rq, resp *rs);
void plans_coproduction_post(req *rq, resp *rs);
void plans_milestone_post(req *rq, resp *rs);
void plans_milestone_done_post(req *rq, resp *rs);
void plans_evidence_post(req *rq, resp *rs);
void plans_evidence_get(req *rq, resp *rs);
void plans_measure_post(req *rq, resp *rs);
void plans_actual_post(req *rq, resp *rs);
void plans_measure_milestone_post(req *rq, resp *rs);

void plans_actions_api(req *rq, resp *rs);
void plans_action_create_api(req *rq, resp *rs);
void plans_action_api(req *rq, resp *rs);
void plans_action_patch_api(req *rq, resp *rs);
void plans_updates_api(req *rq, resp *rs);
void plans_measures_api(req *rq, resp *rs);

/* Measures of an action with milestones, actuals (dated on or before asof)
 * and progress (new array). */
int plans_action_measures(db *d, const char *action_id, int32_t asof, json_t **out);
/* An inline SVG line chart of a measure (baseline, milestones, target
 * planned line; actuals as points), described by its title. */
void plans_measure_svg(buf *b, const json_t *measure);
/* The measure table (same data as the chart). */
void plans_measure_table(buf *b, const json_t *measure);

#endif
