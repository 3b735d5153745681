/* inspections: inspections of an area, their findings, and revisits and
 * monitoring inspections with a judgement per finding. Pages and API. */
#ifndef SH_PLANS_INSPECTIONS_H
#define SH_PLANS_INSPECTIONS_H

#include "core/http.h"

/* "12 significant weaknesses: sufficient progress on 7, not on 5" for the
 * latest revisit or monitoring inspection (or "12 significant weaknesses:
 * not yet revisited"), into a new string the caller frees. */
int plans_inspection_summary(db *d, const char *inspection_id, char **out);

void plans_inspections_page(req *rq, resp *rs);
void plans_inspection_new_page(req *rq, resp *rs);
void plans_inspection_new_post(req *rq, resp *rs);
void plans_inspection_page(req *rq, resp *rs);
void plans_finding_post(req *rq, resp *rs);
void plans_visit_new_page(req *rq, resp *rs);
void plans_visit_post(req *rq, resp *rs);

void plans_inspections_api(req *rq, resp *rs);
void plans_inspection_create_api(req *rq, resp *rs);
void plans_inspection_api(req *rq, resp *rs);
void plans_findings_api(req *rq, resp *rs);
void plans_finding_create_api(req *rq, resp *rs);
void plans_visit_create_api(req *rq, resp *rs);

#endif
