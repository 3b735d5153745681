/* voice demo: fictional feedback (one flagged by the safeguarding list),
 * a published annual survey with about sixty responses, co-production
 * engagements and published "You said, we did" entries. Every person and
 * event is invented. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/ids.h"
#include "voice/feedback.h"
#include "voice/safeguard.h"
#include "voice/surveys.h"
#include "voice/voice.h"

#define N(a) (sizeof a / sizeof a[0])

static const struct {
    const char *area, *about, *service, *what, *respondent, *name, *email, *status, *reply, *theme;
    int rating, days_ago, reply_days;
} demo_feedback[] = {
    {"Northbridge", "ehc", NULL, "We waited 31 weeks for the EHC plan. Nobody told us why it was late and every call went to voicemail.",
     "parent_carer", "Sam Fielding", "sam.fielding@example.com", "responded",
     "Thank you for telling us. We have apologised for the delay and your case officer will now call you every two weeks.", "Communication", 2, 40, 6},
    {"Northbridge", "service", "Northbridge Speech and Language Therapy", "The therapist was brilliant with my daughter and gave us exercises we can do at home.",
     "parent_carer", NULL, NULL, "reviewed", NULL, "Therapies", 5, 35, 0},
    {"Northbridge", "school", NULL, "My son is being excluded at lunchtimes because there is not enough support. He says he is not safe in the playground and another pupil hits him.",
     "parent_carer", "Jordan Reeve", "jordan.reeve@example.com", "new", NULL, "School placement", 1, 2, 0},
    {"Northbridge", "health", NULL, "The wait for an autism assessment is over two years. We feel forgotten.", NULL, NULL, NULL, "actioned", NULL, "Waiting times", 1, 80, 0},
    {"Eastmere", "social_care", NULL, "The short breaks scheme has made a real difference. The booking process could be simpler.", "parent_carer",
     NULL, NULL, "reviewed", NULL, "Short breaks", 4, 25, 0},
    {"Eastmere", "ehc", NULL, "The annual review was rushed and the plan still describes my child as he was at age 7.", "parent_carer",
     "Lee Marsh", "lee.marsh@example.com", "responded", "We have arranged a new review meeting with the school and an EHC coordinator.", "Annual reviews", 2, 60, 12},
    {"Eastmere", "other", NULL, "I am 17 and nobody has talked to me about what happens after college.", "young_person", NULL, NULL, "new", NULL,
     "Transition to adulthood", 2, 9, 0},
    {"Eastmere", "service", "Eastmere SEND Transport", "The bus was late most mornings in September and my daughter missed the start of lessons.", "parent_carer",
     "Ana Costa", "ana.costa@example.com", "new", NULL, "Transport", 2, 5, 0},
    {"Eastmere", "service", "Eastmere Speech and Language Therapy", "We have been on the waiting list for 9 months and nobody has told us how much longer it will be.",
     "parent_carer", NULL, NULL, "new", NULL, "Waiting times", 1, 4, 0},
    {"Wolds Vale", "school", NULL, "The SENCo listened to us and put the support in place within a fortnight. Thank you.", "parent_carer", NULL, NULL,
     "closed", NULL, "Communication", 5, 100, 0},
    {"Wolds Vale", "health", NULL, "CAMHS told us my son's anxiety was not severe enough. School says it is. We are stuck in the middle.", "parent_carer",
     "Mo Ahmed", "mo.ahmed@example.com", "responded", "We have asked the mental health support team in schools to contact you this week.", "Mental health", 2, 50, 3},
    {"Wolds Vale", "other", NULL, "The Local Offer website was hard to find and I could not search by my postcode.", "other", NULL, NULL, "reviewed", NULL,
     "Information and advice", 3, 20, 0},
    {"Wolds Vale", "ehc", NULL, "Good communication from our caseworker throughout the assessment.", "parent_carer", NULL, NULL, "closed", NULL,
     "Communication", 4, 120, 0},
};

static const struct { const char *held, *title, *kind, *area, *role, *ladder, *decided; const char *orgs[4]; } demo_engagements[] = {
    {"2026-06-12", "Three Rivers SEND summit 2026", "event", NULL, "Co-hosted the summit and chaired the families' workshop.", "coproduction",
     "Agreed three shared priorities for the year: communication, waiting times for assessments and preparing for adulthood.",
     {"Northbridge Parent Carer Forum", "Eastmere Parent Carer Forum", "Three Rivers Integrated Care Board", "Northbridge Council"}},
    {"2026-07-03", "Communication charter workstream", "workstream", "Northbridge", "Forum members wrote the draft charter with council officers.",
     "coproduction", "The charter sets a 5 working day reply standard for calls and emails from families.",
     {"Northbridge Parent Carer Forum", "Northbridge Council", NULL, NULL}},
    {"2026-08-20", "Consultation on the SEND transport policy", "consultation", "Eastmere", "Promoted the consultation and ran two drop-in sessions.",
     "consultation", "Transport times will be published to families before the start of each term.",
     {"Eastmere Parent Carer Forum", "Eastmere Council", NULL, NULL}},
    {"2026-09-15", "SEND partnership board", "board", NULL, "The forum chair is a full board member.", "participation",
     "The board adopted the experience measures from the annual survey as part of its performance report.",
     {"Northbridge Council", "Eastmere Council", "Wolds Vale Council", "Three Rivers Integrated Care Board"}},
};

static const struct { const char *area, *theme, *said, *did; int count, days_ago, published; } demo_ysyd[] = {
    {"Northbridge", "Communication", "Families told us that calls and emails about EHC plans often went unanswered.",
     "We co-produced a communication charter with the parent carer forum: every call or email now gets a reply within 5 working days.", 23, 45, 1},
    {"Northbridge", "Waiting times", "Families said the wait for autism assessments was too long and that they heard nothing while waiting.",
     "The ICB funded an extra assessment team and we now send a letter every 3 months to families on the waiting list.", 17, 30, 1},
    {"Eastmere", "Transport", "Parents said SEND transport was often late at the start of term.",
     "Routes are now planned and tested in August, and families get the pick-up time a week before term starts.", 11, 20, 1},
    {"Wolds Vale", "Information and advice", "Families found the Local Offer hard to search.",
     "The new directory lets you search by postcode, age and need, and it was tested with forum members before launch.", 9, 15, 1},
    {"Wolds Vale", "Mental health", "Parents said CAMHS and schools gave different answers about anxiety support.",
     "Draft: joint pathway between CAMHS and the mental health support teams in schools.", 6, 3, 0},
};

static void ts_days_ago(int days, int hour, char out[DATE_TS_LEN])
{
    int64_t t = date_now() - (int64_t)days * 86400;
    t -= t % 86400;
    date_ts_format(t + (int64_t)hour * 3600, out);
}

static int load_feedback(db *d)
{
    size_t i;
    int rc;
    for (i = 0; i < N(demo_feedback); i++) {
        char id[IDS_UUID_LEN], area[IDS_UUID_LEN], theme[IDS_UUID_LEN], ref[10], created[DATE_TS_LEN], replied[DATE_TS_LEN], rating[4];
        char *theme_id = NULL;
        int urgent = voice_safeguard_check(d, demo_feedback[i].what);
        if (urgent < 0) return urgent;
        ids_uuid_from("voice-feedback", demo_feedback[i].what, id);
        ids_uuid_from("area", demo_feedback[i].area, area);
        snprintf(ref, sizeof ref, "FB-DEM%03u", (unsigned)i + 1);
        ts_days_ago(demo_feedback[i].days_ago, 10, created);
        ts_days_ago(demo_feedback[i].days_ago - demo_feedback[i].reply_days, 15, replied);
        snprintf(rating, sizeof rating, "%d", demo_feedback[i].rating);
        rc = db_query_text(d, NULL,
                           "INSERT INTO voice_feedback (id, reference, about, service_name, area_id, rating, what_happened, respondent, wants_reply, "
                           "contact_name, contact_email, urgent, status, reply, replied_at, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           17, id, ref, demo_feedback[i].about, demo_feedback[i].service, area, rating, demo_feedback[i].what,
                           demo_feedback[i].respondent, demo_feedback[i].email ? "1" : "0", demo_feedback[i].name, demo_feedback[i].email,
                           urgent ? "1" : "0", demo_feedback[i].status, demo_feedback[i].reply, demo_feedback[i].reply ? replied : NULL,
                           created, created);
        if (rc < 0) return rc;
        /* A service the directory lists is linked to it (the directory demo
         * loads first), so its owner sees low ratings. */
        if (demo_feedback[i].service &&
            (rc = db_query_text(d, NULL, "UPDATE voice_feedback SET service_id = (SELECT id FROM dir_services WHERE name = ? "
                                         "ORDER BY id LIMIT 1) WHERE id = ?", 2, demo_feedback[i].service, id)) < 0)
            return rc;
        if (db_query_text(d, &theme_id, "SELECT id FROM voice_themes WHERE name = ?", 1, demo_feedback[i].theme) == DB_ROW && theme_id) {
            snprintf(theme, sizeof theme, "%s", theme_id);
            rc = db_query_text(d, NULL, "INSERT INTO voice_feedback_themes (feedback_id, theme_id) VALUES (?, ?)", 2, id, theme);
        }
        free(theme_id);
        if (rc < 0) return rc;
    }
    return DB_OK;
}

/* A small deterministic generator so the demo survey is the same each time. */
static unsigned next_rand(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static int load_survey(db *d)
{
    static const char *const areas[] = {"Northbridge", "Eastmere", "Wolds Vale"};
    static const char *const resp_types[] = {"parent_carer", "parent_carer", "parent_carer", "young_person", "other", NULL};
    static const char *const listened[] = {"Yes", "Yes", "Partly", "Partly", "No"};
    static const char *const know[] = {"Yes", "No", "Not sure"};
    static const char *const used[] = {"Education", "Health", "Social care", "Short breaks", "Parent carer forum"};
    static const char *const comments[] = {
        "Being kept informed while we wait would make the biggest difference.",
        "One named person to contact who knows our child.",
        "More support for teenagers moving to college.",
        "Shorter waits for speech and language therapy.",
        "Staff who listen the first time.",
    };
    char sid[IDS_UUID_LEN], opens[11], closes[11], past_o[11], past_c[11];
    char qid[5][IDS_UUID_LEN];
    db_stmt *st = NULL;
    unsigned seed = 2026;
    int rc, i, k, nq = 0;
    date_format(date_add_days(date_today(), -30), opens);
    date_format(date_add_days(date_today(), 60), closes);
    if ((rc = voice_survey_create(d, "Annual SEND experience survey 2026",
                                  "Tell us how things are going for your family. It takes about 5 minutes and you can stay anonymous.",
                                  opens, closes, 1, 1, sid)) != DB_OK)
        return rc;
    /* Last year's survey, closed: the same standard questions. */
    date_format(date_add_days(date_today(), -400), past_o);
    date_format(date_add_days(date_today(), -340), past_c);
    {
        char old[IDS_UUID_LEN];
        if ((rc = voice_survey_create(d, "Annual SEND experience survey 2025", "", past_o, past_c, 1, 1, old)) != DB_OK) return rc;
    }
    if ((rc = db_prepare(d, "SELECT id FROM voice_questions WHERE survey_id = ? ORDER BY position", &st)) != DB_OK) return rc;
    db_bind_text(st, 1, sid);
    while (db_step(st) == DB_ROW && nq < 5) snprintf(qid[nq++], IDS_UUID_LEN, "%s", db_col_text(st, 0));
    db_finalize(st);
    if (nq != 5) return DB_ERROR;
    for (i = 0; i < 60; i++) {
        char rid[IDS_UUID_LEN], area[IDS_UUID_LEN], created[DATE_TS_LEN], v[4], name[32];
        const char *rt = resp_types[next_rand(&seed) % 6];
        int area_i = (int)(next_rand(&seed) % 3), rating;
        snprintf(name, sizeof name, "response-%d", i);
        ids_uuid_from("voice-response", name, rid);
        ids_uuid_from("area", areas[area_i], area);
        ts_days_ago((int)(next_rand(&seed) % 29), 9 + i % 10, created);
        if ((rc = db_query_text(d, NULL, "INSERT INTO voice_responses (id, survey_id, area_id, respondent, created_at) VALUES (?, ?, ?, ?, ?)",
                                5, rid, sid, area, rt, created)) < 0) return rc;
        /* Northbridge a little better than the others, so the breakdown shows something. */
        rating = 1 + (int)(next_rand(&seed) % 5);
        if (area_i == 0 && rating < 5 && next_rand(&seed) % 2) rating++;
        snprintf(v, sizeof v, "%d", rating);
        if ((rc = db_query_text(d, NULL, "INSERT INTO voice_answers (response_id, question_id, value) VALUES (?, ?, ?)", 3, rid, qid[0], v)) < 0) return rc;
        if ((rc = db_query_text(d, NULL, "INSERT INTO voice_answers (response_id, question_id, value) VALUES (?, ?, ?)", 3, rid, qid[1],
                                listened[next_rand(&seed) % 5])) < 0) return rc;
        if (i % 4 != 3 && (rc = db_query_text(d, NULL, "INSERT INTO voice_answers (response_id, question_id, value) VALUES (?, ?, ?)", 3, rid, qid[2],
                                              know[next_rand(&seed) % 3])) < 0) return rc;
        for (k = 0; k < 5; k++)
            if (next_rand(&seed) % 3 == 0 &&
                (rc = db_query_text(d, NULL, "INSERT INTO voice_answers (response_id, question_id, value) VALUES (?, ?, ?)", 3, rid, qid[3], used[k])) < 0)
                return rc;
        if (i % 6 == 0 && (rc = db_query_text(d, NULL, "INSERT INTO voice_answers (response_id, question_id, value) VALUES (?, ?, ?)", 3, rid, qid[4],
                                              comments[(i / 6) % 5])) < 0) return rc;
    }
    return DB_OK;
}

static int load_engagements(db *d)
{
    size_t i, k;
    int rc;
    char now[21];
    ids_now_iso(now);
    for (i = 0; i < N(demo_engagements); i++) {
        char id[IDS_UUID_LEN], area[IDS_UUID_LEN], org[IDS_UUID_LEN];
        ids_uuid_from("voice-engagement", demo_engagements[i].title, id);
        if (demo_engagements[i].area) ids_uuid_from("area", demo_engagements[i].area, area);
        rc = db_query_text(d, NULL, "INSERT INTO voice_engagements (id, held_on, title, kind, area_id, forum_role, ladder, decided, action_ids, created_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?)", 9, id, demo_engagements[i].held, demo_engagements[i].title,
                           demo_engagements[i].kind, demo_engagements[i].area ? area : NULL, demo_engagements[i].role,
                           demo_engagements[i].ladder, demo_engagements[i].decided, now);
        if (rc < 0) return rc;
        for (k = 0; k < 4 && demo_engagements[i].orgs[k]; k++) {
            ids_uuid_from("organisation", demo_engagements[i].orgs[k], org);
            if ((rc = db_query_text(d, NULL, "INSERT INTO voice_engagement_orgs (engagement_id, organisation_id) VALUES (?, ?)", 2, id, org)) < 0) return rc;
        }
    }
    /* The communication charter came from the first piece of feedback. */
    {
        char eid[IDS_UUID_LEN], fid[IDS_UUID_LEN];
        ids_uuid_from("voice-engagement", demo_engagements[1].title, eid);
        ids_uuid_from("voice-feedback", demo_feedback[0].what, fid);
        if ((rc = db_query_text(d, NULL, "INSERT INTO voice_engagement_feedback (engagement_id, feedback_id) VALUES (?, ?)", 2, eid, fid)) < 0) return rc;
    }
    return DB_OK;
}

static int load_ysyd(db *d)
{
    size_t i;
    int rc;
    for (i = 0; i < N(demo_ysyd); i++) {
        char id[IDS_UUID_LEN], area[IDS_UUID_LEN], done_on[11], ts[DATE_TS_LEN], cnt[16];
        ids_uuid_from("voice-ysyd", demo_ysyd[i].said, id);
        ids_uuid_from("area", demo_ysyd[i].area, area);
        date_format(date_add_days(date_today(), -demo_ysyd[i].days_ago), done_on);
        ts_days_ago(demo_ysyd[i].days_ago, 12, ts);
        snprintf(cnt, sizeof cnt, "%d", demo_ysyd[i].count);
        rc = db_query_text(d, NULL, "INSERT INTO voice_ysyd (id, area_id, theme, you_said, raised_count, we_did, done_on, published, published_at, created_at, updated_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 11, id, area, demo_ysyd[i].theme, demo_ysyd[i].said, cnt,
                           demo_ysyd[i].did, done_on, demo_ysyd[i].published ? "1" : "0", demo_ysyd[i].published ? ts : NULL, ts, ts);
        if (rc < 0) return rc;
    }
    return DB_OK;
}

int voice_demo_load(db *d)
{
    int rc;
    if ((rc = load_feedback(d)) != DB_OK) return rc;
    if ((rc = load_survey(d)) != DB_OK) return rc;
    if ((rc = load_engagements(d)) != DB_OK) return rc;
    return load_ysyd(d);
}
