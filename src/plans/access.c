/* access: who may do what with an action (see access.h). */
#include "access.h"

#include <stdlib.h>
#include <string.h>

#include "core/ids.h"
#include "core/site.h"
#include "plans/store.h"

enum plans_access plans_role_access(const req *rq)
{
    if (!rq->user) return PLANS_NONE;
    switch (rq->user->role) {
    case ROLE_ADMIN:
    case ROLE_OFFICER: return PLANS_EDIT;
    case ROLE_FORUM: return PLANS_COMMENT;
    default: return PLANS_NONE;
    }
}

int plans_action_access(req *rq, resp *rs, const char *action_id, enum plans_access need,
                        json_t **action, enum plans_access *got)
{
    json_t *a = NULL;
    enum plans_access acc = PLANS_NONE;
    int rc, ret = -1;
    if (!action_id || !ids_is_uuid(action_id)) {
        resp_error(rq, rs, 404, "not_found", "There is no such action.", NULL);
        goto done;
    }
    rc = plans_row(rq->db, &a, NULL,
                   "SELECT a.*, p.area_id AS area_id, p.title AS plan_title, o.name AS lead_org_name "
                   "FROM plans_actions a JOIN plans_plans p ON p.id = a.plan_id "
                   "JOIN organisations o ON o.id = a.lead_org_id WHERE a.id = ?", 1, action_id);
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    if (rc == DB_DONE) {
        resp_error(rq, rs, 404, "not_found", "There is no such action.", NULL);
        goto done;
    }
    acc = plans_role_access(rq);
    if (acc == PLANS_EDIT && rq->user->role == ROLE_OFFICER) {
        int64_t partner = 0;
        if (strcmp(plans_js(a, "lead_org_id"), rq->user->org_id) != 0) {
            rc = db_query_int64(rq->db, &partner, "SELECT COUNT(*) FROM plans_action_partners "
                                "WHERE action_id = ? AND organisation_id = ?", 2, action_id, rq->user->org_id);
            if (rc < 0) {
                resp_db_error(rq, rs, rc);
                goto done;
            }
            if (partner == 0) acc = PLANS_READ;
        }
    }
    if (acc == PLANS_COMMENT) {
        /* Forum members comment on the actions of their own areas. */
        int64_t mine = 0;
        rc = db_query_int64(rq->db, &mine, "SELECT COUNT(*) FROM organisation_areas WHERE organisation_id = ? AND area_id = ?", 2,
                            rq->user->org_id, plans_js(a, "area_id"));
        if (rc < 0) {
            resp_db_error(rq, rs, rc);
            goto done;
        }
        if (mine == 0) acc = PLANS_READ;
    }
    if (acc == PLANS_NONE) {
        resp_error(rq, rs, 404, "not_found", "There is no such action.", NULL);
        goto done;
    }
    if (acc < need) {
        resp_error(rq, rs, 403, "forbidden",
                   rq->user->role == ROLE_FORUM ? "Forum members can comment on the actions of their own area and record co-production, but cannot change them."
                                        : "Only the lead organisation, partner organisations on this action and administrators can change it.",
                   NULL);
        goto done;
    }
    ret = 0;
done:
    if (got) *got = acc;
    if (ret == 0 && action) *action = a;
    else json_decref(a);
    return ret;
}

int plans_plan_publish_allowed(req *rq, const char *plan_id)
{
    int64_t n = 0;
    int rc;
    if (!rq->user) return PLANS_READ;
    if (rq->user->role == ROLE_ADMIN) return PLANS_EDIT;
    if (rq->user->role != ROLE_OFFICER || !rq->user->org_id) return PLANS_READ;
    rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM plans_plans p WHERE p.id = ? AND " PLANS_PLAN_LEAD_SQL " = ?", 2, plan_id,
                        rq->user->org_id);
    if (rc < 0) return rc;
    return n ? PLANS_EDIT : PLANS_READ;
}

int plans_plan_publish_access(req *rq, resp *rs, const char *plan_id)
{
    int rc = plans_plan_publish_allowed(rq, plan_id);
    if (rc < 0) {
        resp_db_error(rq, rs, rc);
        return -1;
    }
    if (rc != PLANS_EDIT) {
        resp_error(rq, rs, 403, "forbidden", "Only administrators and officers of the plan's lead organisation can publish or withdraw its public page.", NULL);
        return -1;
    }
    return 0;
}
