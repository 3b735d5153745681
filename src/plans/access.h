/* access: the one record-level rule for actions (and the plans, measures,
 * updates and evidence that hang off them). Every handler that opens an
 * action calls plans_action_access.
 *
 *   administrator              EDIT everything
 *   partner officer            EDIT when their organisation leads the action
 *                              or is a partner on it; otherwise READ
 *   parent carer forum member  COMMENT on actions of the forum's own areas:
 *                              add progress updates (flagged as forum
 *                              comments) and record co-production; READ on
 *                              other areas' actions; no edits, never
 *                              publishes reports
 *   monitoring viewer          NONE: sees published reports only
 *   the public                 NONE: sees public transparency pages only
 */
#ifndef SH_PLANS_ACCESS_H
#define SH_PLANS_ACCESS_H

#include <jansson.h>

#include "core/http.h"

enum plans_access { PLANS_NONE = 0, PLANS_READ = 1, PLANS_COMMENT = 2, PLANS_EDIT = 3 };

/* Loads the action (object with its columns, new reference in *action, may
 * be NULL when not wanted) and works out what the caller may do. Returns 0,
 * or -1 after writing the answer (404 when no such action or the caller may
 * not see it, 403 when it may see but needs more than `need`, DB error). */
int plans_action_access(req *rq, resp *rs, const char *action_id, enum plans_access need,
                        json_t **action, enum plans_access *got);
/* What the caller's role allows on plans in general (creating plans,
 * inspections, reports): EDIT for administrators and officers, COMMENT for
 * forum members, NONE otherwise. */
enum plans_access plans_role_access(const req *rq);

/* THE RULE for a plan's public page (publishing or withdrawing it):
 * administrators, and officers of the plan's lead organisation (the
 * plan's lead_org_id, or when it has none the local authority of its
 * area). Everyone else is refused. Returns PLANS_EDIT when allowed, else
 * PLANS_READ; a negative DB code on error. */
int plans_plan_publish_allowed(req *rq, const char *plan_id);
/* The same, answering 403 (or the DB error) and returning -1 when not
 * allowed; 0 when allowed. */
int plans_plan_publish_access(req *rq, resp *rs, const char *plan_id);
/* SQL for a plan's effective lead organisation id, for a plans_plans row
 * aliased p. */
#define PLANS_PLAN_LEAD_SQL "COALESCE(p.lead_org_id, (SELECT o.id FROM organisations o JOIN organisation_areas oa ON oa.organisation_id = o.id " \
    "WHERE oa.area_id = p.area_id AND o.type = 'local_authority' ORDER BY o.name LIMIT 1))"

#endif
