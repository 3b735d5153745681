/* reports: monitoring reports of a plan for a period (for the SEND board and
 * DfE / NHS England review meetings): per finding its actions with ratings
 * and measures (chart + table), and an exceptions section where every red
 * action must carry commentary before the report can be published. Ratings
 * are worked out as on the period's end (or today, if earlier). Monitoring
 * viewers see published reports only. Print-friendly HTML and CSV. */
#ifndef SH_PLANS_REPORTS_H
#define SH_PLANS_REPORTS_H

#include "core/db.h"
#include "core/http.h"

/* Freezes the report: stores its content as worked out now (JSON) in
 * plans_reports.snapshot; the published report and its CSV are then drawn
 * from the snapshot and never change. Called on publishing (inside the
 * caller's transaction) and by the demo. Returns DB_OK or an error. */
int plans_report_freeze(db *d, const char *report_id);

void plans_reports_page(req *rq, resp *rs);
void plans_report_new_page(req *rq, resp *rs);
void plans_report_new_post(req *rq, resp *rs);
void plans_report_page(req *rq, resp *rs);
void plans_report_csv(req *rq, resp *rs);
void plans_report_commentary_post(req *rq, resp *rs);
void plans_report_publish_post(req *rq, resp *rs);

void plans_reports_api(req *rq, resp *rs);
void plans_report_api(req *rq, resp *rs);
void plans_report_create_api(req *rq, resp *rs);

#endif
