/* edits: changing (and, for draft items, removing) inspections, findings,
 * action milestones and success measures after they were recorded. Pages
 * with GOV.UK forms and error summaries, and PUT / DELETE under /api/v1/;
 * every change audited.
 *
 * Removal is for items nothing else rests on yet ("draft"): a finding no
 * revisit has judged and no action answers; a milestone not marked done; a
 * measure with no actual figures. Anything else is refused with 409 (its
 * history stays). Published monitoring reports are frozen (reports.h), so
 * changes never alter them.
 *
 * Who: inspections and findings, administrators and officers (as for
 * recording them); milestones and measures, whoever may edit the action
 * (plans_action_access). */
#ifndef SH_PLANS_EDITS_H
#define SH_PLANS_EDITS_H

#include "core/http.h"

void plans_inspection_edit_page(req *rq, resp *rs);    /* GET  /inspections/{id}/edit */
void plans_inspection_edit_post(req *rq, resp *rs);    /* POST /inspections/{id}/edit, PUT /api/v1/inspections/{id} */
void plans_finding_edit_page(req *rq, resp *rs);       /* GET  /findings/{id}/edit */
void plans_finding_edit_post(req *rq, resp *rs);       /* POST /findings/{id}/edit, PUT /api/v1/findings/{id} */
void plans_finding_delete(req *rq, resp *rs);          /* POST /findings/{id}/delete, DELETE /api/v1/findings/{id} */
void plans_milestone_edit_page(req *rq, resp *rs);     /* GET  /actions/{id}/milestones/{mid}/edit */
void plans_milestone_edit_post(req *rq, resp *rs);     /* POST .../edit, PUT /api/v1/actions/{id}/milestones/{mid} */
void plans_milestone_delete(req *rq, resp *rs);        /* POST .../delete, DELETE /api/v1/actions/{id}/milestones/{mid} */
void plans_measure_edit_page(req *rq, resp *rs);       /* GET  /measures/{id}/edit */
void plans_measure_edit_post(req *rq, resp *rs);       /* POST /measures/{id}/edit, PUT /api/v1/measures/{id} */
void plans_measure_delete(req *rq, resp *rs);          /* POST /measures/{id}/delete, DELETE /api/v1/measures/{id} */

#endif
