/* records: one EHC request as the pages, API and family view see it, with
 * its advice and exception, turned into the statutory clock's input; and the
 * one access rule for a child's record.
 *
 * Access: a council officer or administrator (organisation type
 * local_authority) sees the children of the council's own areas; any other
 * organisation's officer sees only children it is involved with
 * (journeys_involvement: asked for advice, the placement, ...). Everyone
 * else sees none. Every handler that opens a child or request calls
 * journeys_child_access. */
#ifndef SH_JOURNEYS_RECORDS_H
#define SH_JOURNEYS_RECORDS_H

#include <stddef.h>

#include "core/http.h"
#include "journeys/clock.h"

#define JOURNEYS_MAX_ADVICE 16

/* SQL condition on a child aliased c: bind with journeys_bind_visible
 * (org id, org type, org id, org id, today). Involved: asked for advice
 * (journeys_involvement), the council of the child's area, or the school /
 * college whose URN / UKPRN (journeys_org_ids) is a current placement (no
 * leaving date, or one not yet passed). */
#define JOURNEYS_VISIBLE_SQL                                                                              \
    "(EXISTS (SELECT 1 FROM journeys_involvement i WHERE i.child_id = c.id AND i.organisation_id = ?) OR " \
    "(? = 'local_authority' AND EXISTS (SELECT 1 FROM organisation_areas oa WHERE oa.organisation_id = ? "  \
    "AND oa.area_id = c.area_id)) OR "                                                                     \
    "EXISTS (SELECT 1 FROM journeys_requests vq JOIN journeys_placements vp ON vp.request_id = vq.id "      \
    "JOIN journeys_org_ids vu ON (vu.urn = vp.urn OR vu.ukprn = vp.ukprn) WHERE vq.child_id = c.id "      \
    "AND vu.organisation_id = ? AND vp.kind = 'active' AND (vp.leaving_date IS NULL OR vp.leaving_date = '' " \
    "OR vp.leaving_date >= ?)))"
#define JOURNEYS_VISIBLE_BINDS 5

struct journeys_advice {
    char id[37], kind[16], org_id[37], org_name[160], asked[11], received[11];
};

struct journeys_req {
    char id[37], child_id[37];
    int seq, reassessment;
    char received[11], source[4], request_outcome[4], request_outcome_date[11];
    char assessment_outcome[4], assessment_outcome_date[11], week20[4], draft[11];
    char exc_kind[32], exc_from[11], exc_to[11], exc_note[512];
    int has_plan;
    char plan_start[11], review_meeting[11], last_review[11], review_outcome[17], cease_date[11];
    int has_active;
    char phase_due[11], phase_final[11], amend_sent[11], amend_final[11];
    size_t n_advice;
    struct journeys_advice advice[JOURNEYS_MAX_ADVICE];
    /* the clock's view (points into the fields above) */
    struct clock_advice cadv[JOURNEYS_MAX_ADVICE];
    struct clock_exception cexc;
    struct clock_request creq;
};

/* 1 when the caller may open child_id; 0 when not (or no such child). On a
 * database error returns -1. */
int journeys_child_access(req *rq, const char *child_id);
/* Binds JOURNEYS_VISIBLE_SQL's parameters for the caller from idx on;
 * returns the next index. */
int journeys_bind_visible(db_stmt *st, int idx, const req *rq);

/* 1 when the caller's organisation is a council (may change records). */
int journeys_is_council(const req *rq);

/* Loads request id into r. DB_ROW, DB_DONE (no such request) or an error. */
int journeys_req_load(db *d, const char *id, struct journeys_req *r);
/* Advice kind label: "Health", "Social care" ... */
const char *journeys_advice_label(const char *kind);

#endif
