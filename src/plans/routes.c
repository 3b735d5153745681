/* routes: the plans module's route table and navigation. Record-level
 * access (whose actions) is checked in access.c by every handler; the table
 * says which roles may call each route at all. */
#include "plans/plans.h"

#include "core/router.h"
#include "core/page.h"
#include "plans/actions.h"
#include "plans/edits.h"
#include "plans/inspections.h"
#include "plans/ofsted.h"
#include "plans/planpages.h"
#include "plans/public.h"
#include "plans/reports.h"

#define T_INSP "Inspections"
#define T_PLAN "Plans"
#define T_REP "Reports"

#define S_INSPECTION "{\"type\":\"object\",\"required\":[\"area_id\",\"framework\",\"start_date\",\"outcome\"],\"properties\":{" \
    "\"area_id\":{\"type\":\"string\",\"format\":\"uuid\"},\"framework\":{\"type\":\"string\",\"enum\":[\"2016\",\"2023\"]}," \
    "\"start_date\":{\"type\":\"string\",\"format\":\"date\"},\"end_date\":{\"type\":\"string\",\"format\":\"date\"}," \
    "\"publication_date\":{\"type\":\"string\",\"format\":\"date\"}," \
    "\"outcome\":{\"type\":\"string\",\"enum\":[\"no_wsoa\",\"wsoa\",\"outcome1\",\"outcome2\",\"outcome3\"]}}}"
#define S_INSPECTION_OUT "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"area_id\":{\"type\":\"string\"},\"area_name\":{\"type\":\"string\"}," \
    "\"framework\":{\"type\":\"string\"},\"start_date\":{\"type\":\"string\"},\"outcome\":{\"type\":\"string\"},\"summary\":{\"type\":\"string\"}," \
    "\"findings\":{\"type\":\"array\"},\"visits\":{\"type\":\"array\"}}}"
#define S_INSPECTION_EDIT "{\"type\":\"object\",\"required\":[\"start_date\",\"outcome\"],\"properties\":{" \
    "\"start_date\":{\"type\":\"string\",\"format\":\"date\"},\"end_date\":{\"type\":\"string\",\"format\":\"date\"}," \
    "\"publication_date\":{\"type\":\"string\",\"format\":\"date\"}," \
    "\"outcome\":{\"type\":\"string\",\"enum\":[\"no_wsoa\",\"wsoa\",\"outcome1\",\"outcome2\",\"outcome3\"]}}}"
#define S_FINDING "{\"type\":\"object\",\"required\":[\"kind\",\"text\",\"responsible\"],\"properties\":{" \
    "\"kind\":{\"type\":\"string\",\"enum\":[\"significant_weakness\",\"priority_action\",\"improvement\"]},\"text\":{\"type\":\"string\"}," \
    "\"responsible\":{\"type\":\"string\",\"enum\":[\"council\",\"icb\",\"both\"]}}}"
#define S_VISIT "{\"type\":\"object\",\"required\":[\"kind\",\"start_date\"],\"properties\":{\"kind\":{\"type\":\"string\",\"enum\":[\"revisit\",\"monitoring\"]}," \
    "\"start_date\":{\"type\":\"string\",\"format\":\"date\"},\"publication_date\":{\"type\":\"string\",\"format\":\"date\"}," \
    "\"sufficient\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"format\":\"uuid\"},\"description\":\"findings judged to have made sufficient progress; the others did not\"}}}"
#define S_PLAN "{\"type\":\"object\",\"required\":[\"area_id\",\"kind\",\"title\"],\"properties\":{\"area_id\":{\"type\":\"string\",\"format\":\"uuid\"}," \
    "\"inspection_id\":{\"type\":\"string\",\"format\":\"uuid\"},\"kind\":{\"type\":\"string\",\"enum\":[\"wsoa\",\"app\",\"pap\",\"strategic\"]}," \
    "\"title\":{\"type\":\"string\"},\"summary\":{\"type\":\"string\"},\"lead_org_id\":{\"type\":\"string\",\"format\":\"uuid\",\"description\":\"default: the area's council\"}}}"
#define S_PUBLISH "{\"type\":\"object\",\"required\":[\"published\"],\"properties\":{\"published\":{\"type\":\"boolean\"}}}"
#define S_ACTION "{\"type\":\"object\",\"required\":[\"ref\",\"title\",\"lead_officer\",\"accountable_officer\",\"lead_org_id\",\"coproduction\",\"start_date\",\"due_date\",\"status\"]," \
    "\"properties\":{\"ref\":{\"type\":\"string\"},\"title\":{\"type\":\"string\"},\"description\":{\"type\":\"string\"},\"public_summary\":{\"type\":\"string\"}," \
    "\"findings\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"format\":\"uuid\"}},\"lead_officer\":{\"type\":\"string\"},\"accountable_officer\":{\"type\":\"string\"}," \
    "\"lead_org_id\":{\"type\":\"string\",\"format\":\"uuid\"},\"partners\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"format\":\"uuid\"}}," \
    "\"coproduction\":{\"type\":\"string\",\"enum\":[\"information\",\"consultation\",\"participation\",\"coproduction\"]},\"forum_org_id\":{\"type\":\"string\",\"format\":\"uuid\"}," \
    "\"start_date\":{\"type\":\"string\",\"format\":\"date\"},\"due_date\":{\"type\":\"string\",\"format\":\"date\"}," \
    "\"status\":{\"type\":\"string\",\"enum\":[\"not_started\",\"in_progress\",\"blocked\",\"completed\"]},\"completed_date\":{\"type\":\"string\",\"format\":\"date\"}}}"
#define S_ACTION_OUT "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"plan_id\":{\"type\":\"string\"},\"ref\":{\"type\":\"string\"},\"title\":{\"type\":\"string\"}," \
    "\"status\":{\"type\":\"string\"},\"rag\":{\"type\":\"string\",\"enum\":[\"red\",\"amber\",\"green\"]},\"reason\":{\"type\":\"string\"},\"stale\":{\"type\":\"boolean\"}," \
    "\"findings\":{\"type\":\"array\"},\"partners\":{\"type\":\"array\"},\"milestones\":{\"type\":\"array\"},\"measures\":{\"type\":\"array\"},\"evidence\":{\"type\":\"array\"}}}"
#define S_UPDATE "{\"type\":\"object\",\"required\":[\"body\"],\"properties\":{\"body\":{\"type\":\"string\",\"maxLength\":4000}}}"
#define S_COPRO "{\"type\":\"object\",\"required\":[\"coproduction\"],\"properties\":{\"coproduction\":{\"type\":\"string\",\"enum\":[\"information\",\"consultation\",\"participation\",\"coproduction\"]}}}"
#define S_MILESTONE "{\"type\":\"object\",\"required\":[\"milestone_title\",\"milestone_due\"],\"properties\":{\"milestone_title\":{\"type\":\"string\"},\"milestone_due\":{\"type\":\"string\",\"format\":\"date\"}}}"
#define S_EVIDENCE "{\"type\":\"object\",\"required\":[\"evidence_title\"],\"properties\":{\"evidence_title\":{\"type\":\"string\"},\"url\":{\"type\":\"string\",\"format\":\"uri\"}," \
    "\"file\":{\"type\":\"string\",\"format\":\"binary\",\"description\":\"multipart/form-data only: PDF, DOCX, XLSX, PPTX, CSV, TXT, PNG or JPEG up to 5 MB\"}}}"
#define S_MEASURE "{\"type\":\"object\",\"required\":[\"indicator\",\"baseline\",\"baseline_date\",\"target\",\"target_date\"],\"properties\":{\"indicator\":{\"type\":\"string\"}," \
    "\"unit\":{\"type\":\"string\"},\"baseline\":{\"type\":\"number\"},\"baseline_date\":{\"type\":\"string\",\"format\":\"date\"},\"target\":{\"type\":\"number\"}," \
    "\"target_date\":{\"type\":\"string\",\"format\":\"date\"}}}"
#define S_ACTUAL "{\"type\":\"object\",\"required\":[\"on_date\",\"value\",\"source\"],\"properties\":{\"on_date\":{\"type\":\"string\",\"format\":\"date\"},\"value\":{\"type\":\"number\"},\"source\":{\"type\":\"string\"}}}"
#define S_MMILESTONE "{\"type\":\"object\",\"required\":[\"due_date\",\"value\"],\"properties\":{\"due_date\":{\"type\":\"string\",\"format\":\"date\"},\"value\":{\"type\":\"number\"}}}"
#define S_REPORT "{\"type\":\"object\",\"required\":[\"title\",\"period_start\",\"period_end\"],\"properties\":{\"title\":{\"type\":\"string\"},\"period_start\":{\"type\":\"string\",\"format\":\"date\"},\"period_end\":{\"type\":\"string\",\"format\":\"date\"}}}"
#define S_COMMENTARY "{\"type\":\"object\",\"required\":[\"action_id\",\"commentary\"],\"properties\":{\"action_id\":{\"type\":\"string\",\"format\":\"uuid\"},\"commentary\":{\"type\":\"string\"}}}"
#define S_NATIONAL "{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"la_code\":{\"type\":\"string\"}," \
    "\"area_name\":{\"type\":\"string\"},\"region\":{\"type\":\"string\"},\"inspection_start\":{\"type\":\"string\"},\"inspection_published\":{\"type\":[\"string\",\"null\"]}," \
    "\"wsoa_required\":{\"type\":\"boolean\"},\"weaknesses\":{\"type\":[\"integer\",\"null\"]},\"revisit_start\":{\"type\":[\"string\",\"null\"]}," \
    "\"revisit_published\":{\"type\":[\"string\",\"null\"]},\"revisit_outcome\":{\"type\":[\"string\",\"null\"]},\"sufficient\":{\"type\":[\"integer\",\"null\"]}," \
    "\"not_sufficient\":{\"type\":[\"integer\",\"null\"]}}}},\"total\":{\"type\":\"integer\"},\"comparison\":{\"type\":\"object\"}}}"

static const struct route routes[] = {
    /* pages */
    {"GET", "/inspections/national", plans_national_page, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/inspections", plans_inspections_page, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/inspections/new", plans_inspection_new_page, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/inspections/new", plans_inspection_new_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/inspections/{id}", plans_inspection_page, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/inspections/{id}/findings", plans_finding_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/inspections/{id}/visits/new", plans_visit_new_page, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/inspections/{id}/visits", plans_visit_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/inspections/{id}/edit", plans_inspection_edit_page, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/inspections/{id}/edit", plans_inspection_edit_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/findings/{id}/edit", plans_finding_edit_page, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/findings/{id}/edit", plans_finding_edit_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/findings/{id}/delete", plans_finding_delete, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/actions/{id}/milestones/{mid}/edit", plans_milestone_edit_page, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/actions/{id}/milestones/{mid}/edit", plans_milestone_edit_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/actions/{id}/milestones/{mid}/delete", plans_milestone_delete, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/measures/{id}/edit", plans_measure_edit_page, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/measures/{id}/edit", plans_measure_edit_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/measures/{id}/delete", plans_measure_delete, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/plans", plans_plans_page, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/plans/new", plans_plan_new_page, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/plans/new", plans_plan_new_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/plans/settings", plans_settings_page, ROLE_ADMIN, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/plans/settings", plans_settings_post, ROLE_ADMIN, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/plans/{id}", plans_plan_page, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/plans/{id}/publish", plans_plan_publish_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/plans/{id}/actions/new", plans_action_new_page, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/plans/{id}/actions/new", plans_action_new_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/plans/{id}/reports/new", plans_report_new_page, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/plans/{id}/reports/new", plans_report_new_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/actions/{id}", plans_action_page, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/actions/{id}/edit", plans_action_edit_page, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/actions/{id}/edit", plans_action_edit_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/actions/{id}/updates", plans_update_post, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/actions/{id}/coproduction", plans_coproduction_post, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/actions/{id}/milestones", plans_milestone_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/actions/{id}/milestones/{mid}/done", plans_milestone_done_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/actions/{id}/evidence", plans_evidence_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/actions/{id}/evidence/{eid}", plans_evidence_get, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/actions/{id}/measures", plans_measure_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/measures/{id}/actuals", plans_actual_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/measures/{id}/milestones", plans_measure_milestone_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/reports", plans_reports_page, ACCESS_ANY_USER, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/reports/{id}", plans_report_page, ACCESS_ANY_USER, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/reports/{id}/csv", plans_report_csv, ACCESS_ANY_USER, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/reports/{id}/commentary", plans_report_commentary_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/reports/{id}/publish", plans_report_publish_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/improvement", plans_public_list, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/improvement/{id}", plans_public_plan, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},

    /* API */
    {"GET", "/api/v1/inspections/national", plans_national_api, ACCESS_ALL, "Ofsted area SEND inspection statistics (2016 framework) for every area, with a comparison", T_INSP, "area", NULL, S_NATIONAL},
    {"GET", "/api/v1/inspections", plans_inspections_api, ACCESS_PARTNERS, "List inspections of the partnership's areas", T_INSP, "page,per_page,area", NULL, NULL},
    {"POST", "/api/v1/inspections", plans_inspection_create_api, ACCESS_STAFF, "Record an inspection", T_INSP, NULL, S_INSPECTION, S_INSPECTION_OUT},
    {"GET", "/api/v1/inspections/{id}", plans_inspection_api, ACCESS_PARTNERS, "An inspection with findings, visits and the progress summary", T_INSP, NULL, NULL, S_INSPECTION_OUT},
    {"GET", "/api/v1/inspections/{id}/findings", plans_findings_api, ACCESS_PARTNERS, "Findings of an inspection with ratings", T_INSP, NULL, NULL, NULL},
    {"POST", "/api/v1/inspections/{id}/findings", plans_finding_create_api, ACCESS_STAFF, "Add a finding", T_INSP, NULL, S_FINDING, NULL},
    {"POST", "/api/v1/inspections/{id}/visits", plans_visit_create_api, ACCESS_STAFF, "Record a revisit or monitoring inspection with a judgement per finding", T_INSP, NULL, S_VISIT, S_INSPECTION_OUT},
    {"PUT", "/api/v1/inspections/{id}", plans_inspection_edit_post, ACCESS_STAFF, "Change an inspection's dates and outcome", T_INSP, NULL, S_INSPECTION_EDIT, NULL},
    {"PUT", "/api/v1/findings/{id}", plans_finding_edit_post, ACCESS_STAFF, "Change a finding", T_INSP, NULL, S_FINDING, NULL},
    {"DELETE", "/api/v1/findings/{id}", plans_finding_delete, ACCESS_STAFF, "Remove a finding no revisit has judged and no action answers (else 409)", T_INSP, NULL, NULL, NULL},
    {"GET", "/api/v1/plans", plans_plans_api, ACCESS_PARTNERS, "List plans", T_PLAN, "page,per_page", NULL, NULL},
    {"POST", "/api/v1/plans", plans_plan_create_api, ACCESS_STAFF, "Start a plan", T_PLAN, NULL, S_PLAN, NULL},
    {"GET", "/api/v1/plans/{id}", plans_plan_api, ACCESS_PARTNERS, "A plan with its actions and ratings", T_PLAN, NULL, NULL, NULL},
    {"POST", "/api/v1/plans/{id}/publish", plans_plan_publish_post, ACCESS_STAFF, "Publish or withdraw the plan's public page", T_PLAN, NULL, S_PUBLISH, NULL},
    {"GET", "/api/v1/plans/{id}/actions", plans_actions_api, ACCESS_PARTNERS, "Actions of a plan with ratings", T_PLAN, NULL, NULL, NULL},
    {"POST", "/api/v1/plans/{id}/actions", plans_action_create_api, ACCESS_STAFF, "Add an action", T_PLAN, NULL, S_ACTION, S_ACTION_OUT},
    {"POST", "/api/v1/plans/{id}/reports", plans_report_create_api, ACCESS_STAFF, "Start a monitoring report", T_REP, NULL, S_REPORT, NULL},
    {"GET", "/api/v1/actions/{id}", plans_action_api, ACCESS_PARTNERS, "An action with findings, milestones, measures and evidence", T_PLAN, NULL, NULL, S_ACTION_OUT},
    {"PATCH", "/api/v1/actions/{id}", plans_action_patch_api, ACCESS_STAFF, "Change an action (fields left out keep their values)", T_PLAN, NULL, S_ACTION, S_ACTION_OUT},
    {"GET", "/api/v1/actions/{id}/updates", plans_updates_api, ACCESS_PARTNERS, "Progress updates of an action", T_PLAN, NULL, NULL, NULL},
    {"POST", "/api/v1/actions/{id}/updates", plans_update_post, ACCESS_PARTNERS, "Add a progress update (a forum comment when posted by a forum member)", T_PLAN, NULL, S_UPDATE, NULL},
    {"POST", "/api/v1/actions/{id}/coproduction", plans_coproduction_post, ACCESS_PARTNERS, "Record how families took part", T_PLAN, NULL, S_COPRO, NULL},
    {"POST", "/api/v1/actions/{id}/milestones", plans_milestone_post, ACCESS_STAFF, "Add a milestone", T_PLAN, NULL, S_MILESTONE, NULL},
    {"POST", "/api/v1/actions/{id}/evidence", plans_evidence_post, ACCESS_STAFF, "Add evidence: a link, or a file (multipart)", T_PLAN, NULL, S_EVIDENCE, NULL},
    {"PUT", "/api/v1/actions/{id}/milestones/{mid}", plans_milestone_edit_post, ACCESS_STAFF, "Change a milestone", T_PLAN, NULL, S_MILESTONE, NULL},
    {"DELETE", "/api/v1/actions/{id}/milestones/{mid}", plans_milestone_delete, ACCESS_STAFF, "Remove a milestone that is not done (else 409)", T_PLAN, NULL, NULL, NULL},
    {"PUT", "/api/v1/measures/{id}", plans_measure_edit_post, ACCESS_STAFF, "Change a success measure", T_PLAN, NULL, S_MEASURE, NULL},
    {"DELETE", "/api/v1/measures/{id}", plans_measure_delete, ACCESS_STAFF, "Remove a measure with no actual figures (else 409)", T_PLAN, NULL, NULL, NULL},
    {"GET", "/api/v1/actions/{id}/measures", plans_measures_api, ACCESS_PARTNERS, "Success measures with milestones, actuals and progress", T_PLAN, NULL, NULL, NULL},
    {"POST", "/api/v1/actions/{id}/measures", plans_measure_post, ACCESS_STAFF, "Add a success measure", T_PLAN, NULL, S_MEASURE, NULL},
    {"POST", "/api/v1/measures/{id}/actuals", plans_actual_post, ACCESS_STAFF, "Record an actual value of a measure", T_PLAN, NULL, S_ACTUAL, NULL},
    {"POST", "/api/v1/measures/{id}/milestones", plans_measure_milestone_post, ACCESS_STAFF, "Add a planned value (milestone) to a measure", T_PLAN, NULL, S_MMILESTONE, NULL},
    {"GET", "/api/v1/reports", plans_reports_api, ACCESS_ANY_USER, "Monitoring reports (monitoring viewers: published only)", T_REP, NULL, NULL, NULL},
    {"GET", "/api/v1/reports/{id}", plans_report_api, ACCESS_ANY_USER, "A monitoring report's content: findings, actions, measures, exceptions", T_REP, NULL, NULL, NULL},
    {"POST", "/api/v1/reports/{id}/commentary", plans_report_commentary_post, ACCESS_STAFF, "Commentary on a red action in a draft report", T_REP, NULL, S_COMMENTARY, NULL},
    {"POST", "/api/v1/reports/{id}/publish", plans_report_publish_post, ACCESS_STAFF, "Publish a report (every red action needs commentary)", T_REP, NULL, NULL, NULL},
};

static const struct page_nav_item nav_plans = {"/plans", "Improvement", ACCESS_PARTNERS, 60, 0};
static const struct page_nav_item nav_reports = {"/reports", "Reports", ROLE_MONITOR, 60, 0};
static const struct page_nav_item nav_public = {"/improvement", "How we are improving", ROLE_PUBLIC, 60, 1};

void plans_routes(void)
{
    router_add(routes, sizeof routes / sizeof routes[0]);
    page_nav_add(&nav_plans);
    page_nav_add(&nav_reports);
    page_nav_add(&nav_public);
}
