/* voice routes: the module's route table, navigation and command. */
#include <stdio.h>
#include <stdlib.h>

#include "core/cli.h"
#include "core/date.h"
#include "core/page.h"
#include "core/router.h"
#include "voice/admin.h"
#include "voice/engage.h"
#include "voice/feedback.h"
#include "voice/measures.h"
#include "voice/ysyd.h"
#include "voice/services.h"
#include "voice/surveys.h"
#include "voice/triage.h"
#include "voice/voice.h"

#define T "Voice"
#define FEEDBACK_IN "{\"type\":\"object\",\"required\":[\"about\",\"area\",\"rating\",\"what_happened\",\"reply\"],\"properties\":{" \
    "\"about\":{\"type\":\"string\",\"enum\":[\"service\",\"ehc\",\"school\",\"health\",\"social_care\",\"other\"]}," \
    "\"service_name\":{\"type\":\"string\",\"maxLength\":200},\"service_id\":{\"type\":\"string\",\"format\":\"uuid\"}," \
    "\"area\":{\"type\":\"string\",\"format\":\"uuid\"},\"rating\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5}," \
    "\"what_happened\":{\"type\":\"string\",\"maxLength\":5000}," \
    "\"respondent\":{\"type\":\"string\",\"enum\":[\"parent_carer\",\"young_person\",\"other\"]}," \
    "\"reply\":{\"type\":\"string\",\"enum\":[\"yes\",\"no\"]},\"contact_name\":{\"type\":\"string\",\"maxLength\":100}," \
    "\"contact_email\":{\"type\":\"string\",\"maxLength\":254},\"contact_phone\":{\"type\":\"string\",\"maxLength\":30}}}"
#define FEEDBACK_OUT "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"reference\":{\"type\":\"string\"}," \
    "\"urgent\":{\"type\":\"boolean\"},\"status\":{\"type\":\"string\"},\"urgent_help\":{\"type\":[\"string\",\"null\"]}}}"
#define TRIAGE_IN "{\"type\":\"object\",\"required\":[\"status\"],\"properties\":{\"status\":{\"type\":\"string\"," \
    "\"enum\":[\"new\",\"reviewed\",\"responded\",\"actioned\",\"closed\"]},\"themes\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}," \
    "\"reply\":{\"type\":\"string\",\"maxLength\":5000},\"action_id\":{\"type\":\"string\"},\"service_id\":{\"type\":\"string\"}}}"

/* /voice: the partners' starting point for this module. */
static void hub(req *rq, resp *rs)
{
    buf b = BUF_INIT;
    int64_t urgent = 0, open = 0;
    const char *org = voice_scope_org(rq);
    db_query_int64(rq->db, &urgent, "SELECT COUNT(*) FROM voice_feedback WHERE urgent = 1 AND status <> 'closed' AND " VOICE_SCOPE_SQL("area_id"), 2, org, org);
    db_query_int64(rq->db, &open, "SELECT COUNT(*) FROM voice_feedback WHERE status = 'new' AND " VOICE_SCOPE_SQL("area_id"), 2, org, org);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Voice: families' feedback and co-production</h1>");
    buf_printf(&b, "<p class=\"govuk-body\">For your areas: %lld new feedback, %lld urgent (safeguarding) not closed.</p>",
               (long long)open, (long long)urgent);
    buf_add(&b, "<ul class=\"govuk-list govuk-list--spaced\">"
                "<li><a class=\"govuk-link\" href=\"/voice/feedback\">Families' feedback</a>: triage, themes and replies</li>"
                "<li><a class=\"govuk-link\" href=\"/voice/surveys\">Surveys</a>: build, publish and read results</li>"
                "<li><a class=\"govuk-link\" href=\"/voice/engagements\">Co-production log</a>: events, meetings, consultations and boards</li>"
                "<li><a class=\"govuk-link\" href=\"/voice/you-said-we-did\">You said, we did</a>: write and publish what changed</li>"
                "<li><a class=\"govuk-link\" href=\"/voice/measures\">Experience measures</a></li>");
    if (rq->user && (rq->user->role & (ROLE_ADMIN | ROLE_OFFICER)))
        buf_add(&b, "<li><a class=\"govuk-link\" href=\"/voice/my-services\">Low ratings of your services</a>: feedback rated 1 or 2 about "
                    "the directory services your organisation runs</li>");
    if (rq->user && rq->user->role == ROLE_ADMIN)
        buf_add(&b, "<li><a class=\"govuk-link\" href=\"/voice/admin\">Manage</a>: safeguarding words, themes, retention and flood limit</li>");
    buf_add(&b, "</ul>");
    page_render(rq, rs, 200, "Voice", buf_str(&b));
    buf_free(&b);
}

static const struct route voice_route_table[] = {
    {"GET", "/voice", hub, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/feedback", voice_feedback_form_get, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/feedback", voice_feedback_form_post, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/api/v1/feedback", voice_feedback_api_create, ACCESS_ALL, "Give feedback (public, no account; rate limited)", T,
     NULL, FEEDBACK_IN, FEEDBACK_OUT},
    {"GET", "/api/v1/feedback", voice_triage_api_list, ACCESS_PARTNERS, "Feedback for the caller's areas, urgent first (no contact details)", T,
     "page,per_page,status", NULL, NULL},
    {"GET", "/api/v1/feedback/{id}", voice_triage_api_get, ACCESS_PARTNERS, "One feedback record with contact details (audited)", T,
     NULL, NULL, NULL},
    {"POST", "/api/v1/feedback/{id}/triage", voice_triage_api_update, ACCESS_PARTNERS, "Triage: status, themes, reply, links", T,
     NULL, TRIAGE_IN, NULL},
    {"GET", "/voice/feedback", voice_triage_queue, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/feedback/{id}", voice_triage_show, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/feedback/{id}", voice_triage_update, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/my-services", voice_my_services_page, ROLE_ADMIN | ROLE_OFFICER, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/voice/my-services", voice_my_services_api, ROLE_ADMIN | ROLE_OFFICER,
     "Low-rated feedback (1 or 2) about the directory services the caller's organisation runs; contact details only for the caller's areas", T,
     "page,per_page", NULL, NULL},
    {"GET", "/voice/admin", voice_admin_get, ROLE_ADMIN, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/admin/settings", voice_admin_settings_post, ROLE_ADMIN, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/admin/terms", voice_admin_term_add, ROLE_ADMIN, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/admin/terms/{id}/delete", voice_admin_term_delete, ROLE_ADMIN, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/admin/themes", voice_admin_theme_add, ROLE_ADMIN, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/admin/themes/{id}/delete", voice_admin_theme_delete, ROLE_ADMIN, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/voice/settings", voice_admin_api_terms, ROLE_ADMIN, "Safeguarding phrases, themes, retention and flood limit", T,
     NULL, NULL, NULL},
    {"POST", "/api/v1/voice/settings", voice_admin_settings_post, ROLE_ADMIN, "Set the retention period and flood limit", T,
     NULL, "{\"type\":\"object\",\"required\":[\"retention_days\",\"rate_max\"],\"properties\":{\"retention_days\":{\"type\":\"integer\"},\"rate_max\":{\"type\":\"integer\"}}}", NULL},
    {"GET", "/voice/surveys", voice_surveys_list, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/surveys/new", voice_surveys_new, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/surveys", voice_surveys_create, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/surveys/{id}", voice_surveys_edit, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/surveys/{id}/questions", voice_surveys_add_question, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/surveys/{id}/publish", voice_surveys_publish, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/surveys/{id}/questions/{qid}/edit", voice_surveys_question_edit, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/surveys/{id}/questions/{qid}/edit", voice_surveys_question_update, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/surveys/{id}/questions/{qid}/delete", voice_surveys_question_delete, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/surveys/{id}/results", voice_surveys_results, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/surveys/{id}/results.csv", voice_surveys_csv, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/surveys/{id}/answers/{answer}/theme", voice_surveys_tag_answer, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/surveys/{id}", voice_surveys_public_get, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/surveys/{id}", voice_surveys_public_post, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/surveys", voice_surveys_api_list, ACCESS_ALL, "Surveys: published ones for the public, all for partners", T,
     "page,per_page", NULL, NULL},
    {"POST", "/api/v1/surveys", voice_surveys_create, ACCESS_PARTNERS, "Create a survey (standard: start with the standard question set)", T,
     NULL, "{\"type\":\"object\",\"required\":[\"title\",\"opens_on\",\"closes_on\"],\"properties\":{\"title\":{\"type\":\"string\",\"maxLength\":200},"
     "\"description\":{\"type\":\"string\"},\"opens_on\":{\"type\":\"string\",\"format\":\"date\"},\"closes_on\":{\"type\":\"string\",\"format\":\"date\"},"
     "\"standard\":{\"type\":\"boolean\"},\"published\":{\"type\":\"boolean\"}}}", NULL},
    {"GET", "/api/v1/surveys/{id}", voice_surveys_api_get, ACCESS_ALL, "One survey with its questions (field names to answer with)", T,
     NULL, NULL, NULL},
    {"POST", "/api/v1/surveys/{id}/questions", voice_surveys_add_question, ACCESS_PARTNERS, "Add a question", T, NULL,
     "{\"type\":\"object\",\"required\":[\"text\",\"kind\"],\"properties\":{\"text\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\",\"enum\":[\"scale\",\"single\",\"multiple\",\"text\"]},"
     "\"options\":{\"type\":\"string\",\"description\":\"choices, one per line\"},\"required\":{\"type\":\"boolean\"}}}", NULL},
    {"PUT", "/api/v1/surveys/{id}/questions/{qid}", voice_surveys_question_update, ACCESS_PARTNERS,
     "Change a question (refused with 409 once the survey has responses)", T, NULL,
     "{\"type\":\"object\",\"required\":[\"text\",\"kind\"],\"properties\":{\"text\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\",\"enum\":[\"scale\",\"single\",\"multiple\",\"text\"]},"
     "\"options\":{\"type\":\"string\",\"description\":\"choices, one per line\"},\"required\":{\"type\":\"boolean\"}}}", NULL},
    {"DELETE", "/api/v1/surveys/{id}/questions/{qid}", voice_surveys_question_delete, ACCESS_PARTNERS,
     "Remove a question (refused with 409 once the survey has responses)", T, NULL, NULL, NULL},
    {"POST", "/api/v1/surveys/{id}/publish", voice_surveys_publish, ACCESS_PARTNERS, "Publish or unpublish (published: true/false)", T,
     NULL, "{\"type\":\"object\",\"properties\":{\"published\":{\"type\":\"boolean\"}}}", NULL},
    {"POST", "/api/v1/surveys/{id}/responses", voice_surveys_api_respond, ACCESS_ALL, "Answer a survey (public, no account; rate limited)", T,
     NULL, "{\"type\":\"object\",\"required\":[\"area\"],\"description\":\"area, respondent, and one member per question named by its field (q1, q2...); arrays for multiple choice\"}", NULL},
    {"GET", "/api/v1/surveys/{id}/results", voice_surveys_api_results, ACCESS_PARTNERS, "Counts and percentages per question", T,
     NULL, NULL, NULL},
    {"GET", "/voice/engagements", voice_engage_list, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/engagements/new", voice_engage_new, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/engagements", voice_engage_create, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/engagements/{id}", voice_engage_show, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/engagements", voice_engage_api_list, ACCESS_PARTNERS, "The co-production log", T, "page,per_page", NULL, NULL},
    {"POST", "/api/v1/engagements", voice_engage_create, ACCESS_PARTNERS, "Record an engagement", T, NULL,
     "{\"type\":\"object\",\"required\":[\"title\",\"held_on\",\"kind\",\"organisations\",\"ladder\"],\"properties\":{"
     "\"title\":{\"type\":\"string\"},\"held_on\":{\"type\":\"string\",\"format\":\"date\"},"
     "\"kind\":{\"type\":\"string\",\"enum\":[\"event\",\"workstream\",\"consultation\",\"board\"]},\"area\":{\"type\":\"string\"},"
     "\"organisations\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"forum_role\":{\"type\":\"string\"},"
     "\"ladder\":{\"type\":\"string\",\"enum\":[\"information\",\"consultation\",\"participation\",\"coproduction\"]},"
     "\"decided\":{\"type\":\"string\"},\"feedback_refs\":{\"type\":\"string\"},\"action_ids\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}", NULL},
    {"GET", "/you-said-we-did", voice_ysyd_public, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/you-said-we-did", voice_ysyd_staff, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/voice/you-said-we-did/new", voice_ysyd_new, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/you-said-we-did", voice_ysyd_create, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/voice/you-said-we-did/{id}/publish", voice_ysyd_publish, ACCESS_PARTNERS, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/you-said-we-did", voice_ysyd_api_list, ACCESS_ALL, "Published \"You said, we did\" entries", T, "page,per_page,area", NULL, NULL},
    {"POST", "/api/v1/you-said-we-did", voice_ysyd_create, ACCESS_PARTNERS, "Write an entry (published: true to publish now)", T, NULL,
     "{\"type\":\"object\",\"required\":[\"area\",\"theme\",\"you_said\",\"we_did\",\"done_on\"],\"properties\":{\"area\":{\"type\":\"string\"},"
     "\"theme\":{\"type\":\"string\"},\"you_said\":{\"type\":\"string\"},\"raised_count\":{\"type\":\"integer\"},\"we_did\":{\"type\":\"string\"},"
     "\"done_on\":{\"type\":\"string\",\"format\":\"date\"},\"published\":{\"type\":\"boolean\"}}}", NULL},
    {"POST", "/api/v1/you-said-we-did/{id}/publish", voice_ysyd_publish, ACCESS_PARTNERS, "Publish or unpublish an entry", T, NULL, NULL, NULL},
    {"GET", "/voice/measures", voice_measures_page, ACCESS_ANY_USER, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/voice/measures", voice_measures_api, ACCESS_ANY_USER, "Experience measures per area and period", T, "area,from,to", NULL,
     "{\"type\":\"object\",\"properties\":{\"from\":{\"type\":\"string\"},\"to\":{\"type\":\"string\"},\"items\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
     "\"properties\":{\"area_id\":{\"type\":\"string\"},\"feedback_count\":{\"type\":\"integer\"},\"feedback_good_or_better_percent\":{\"type\":[\"number\",\"null\"]},"
     "\"survey_responses\":{\"type\":\"integer\"},\"listened_yes_percent\":{\"type\":[\"number\",\"null\"]},\"median_days_to_reply\":{\"type\":[\"number\",\"null\"]}}}}}}"},
};

static const struct page_nav_item voice_nav[] = {
    {"/feedback", "Have your say", ACCESS_ALL, 60, 1},
    {"/you-said-we-did", "You said, we did", ACCESS_ALL, 61, 1},
    {"/voice", "Voice", ACCESS_PARTNERS, 60, 0},
};

void voice_routes(void)
{
    size_t i;
    router_add(voice_route_table, sizeof voice_route_table / sizeof voice_route_table[0]);
    for (i = 0; i < sizeof voice_nav / sizeof voice_nav[0]; i++) page_nav_add(&voice_nav[i]);
}

int voice_cli_purge(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, purged = 0, rc = cli_parse("sendhub voice purge [--db URL]", argc, argv, flags, pos, 0, &npos);
    db *d;
    if (rc) return rc < 0 ? 2 : 0;
    d = cli_open_db(cli_flag(flags, "--db"), 1);
    if (!d) return 1;
    rc = voice_purge(d, date_now(), &purged);
    if (rc == DB_OK) printf("deleted the contact details of %d feedback records older than %d days\n", purged, voice_retention_days(d));
    else fprintf(stderr, "sendhub: purge failed: %s\n", db_errmsg(d));
    db_close(d);
    return rc == DB_OK ? 0 : 1;
}
