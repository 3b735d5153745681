/* demo: thirty fictional children across the three demo areas, with EHC
 * requests at every stage relative to today (some overdue, some with an
 * exception, plans issued within and after 20 weeks). Every name and number
 * is invented. The first Northbridge child's family link code is published
 * in the demo output (JOURNEYS_DEMO_FAMILY_CODE). */
#include "journeys/journeys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/ids.h"
#include "journeys/demo.h"
#include "journeys/sen2.h"
#include "journeys/sen2_store.h"

static const struct { const char *name, *lea, *council; } areas[] = {
    {"Northbridge", "991", "Northbridge Council"},
    {"Eastmere", "992", "Eastmere Council"},
    {"Wolds Vale", "993", "Wolds Vale Council"},
};

static const char *const forenames[] = {"Amelia", "Noah", "Isla", "Leo", "Freya", "Arlo", "Maya", "Theo", "Ivy", "Finn",
                                        "Zara", "Oscar", "Lily", "Jude", "Rosa", "Ezra", "Nia", "Kai", "Elsie", "Rory",
                                        "Hana", "Milo", "Ada", "Ravi", "Cora", "Ben", "Lola", "Sami", "Tess", "Omar"};
static const char *const surnames[] = {"Ashdown", "Brightwell", "Carrow", "Dunmore", "Elstow", "Fennick", "Greave",
                                       "Holloway", "Ingram", "Jessop"};
static const char *const needs[] = {"ASD", "SLCN", "SEMH", "MLD", "SPLD", "PD", "HI", "SLD", "ASD", "SEMH"};

static void setd(struct sen2_rec *r, enum sen2_kind k, const char *tag, int32_t day)
{
    char s[DATE_STR_LEN];
    if (date_format(day, s) == 0) sen2_set(r, k, tag, s);
}

static int org_id(db *d, const char *name, char out[IDS_UUID_LEN])
{
    ids_uuid_from("organisation", name, out);
    (void)d;
    return 0;
}

static int advice(db *d, const char *req, const char *kind, const char *org, int32_t asked, int32_t received,
                  const char *child, const char *reason)
{
    char id[IDS_UUID_LEN], a[DATE_STR_LEN], r[DATE_STR_LEN], now[21];
    int rc;
    ids_uuid(id);
    ids_now_iso(now);
    date_format(asked, a);
    date_format(received, r);
    rc = db_query_text(d, NULL, "INSERT INTO journeys_advice (id, request_id, kind, organisation_id, asked_date, received_date, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)", 7, id, req, kind, org, a, date_valid(received) ? r : NULL, now);
    if (rc < 0) return rc;
    rc = db_query_text(d, NULL, "INSERT INTO journeys_involvement (child_id, organisation_id, reason) VALUES (?, ?, ?) "
                                "ON CONFLICT (child_id, organisation_id) DO NOTHING", 3, child, org, reason);
    return rc < 0 ? rc : DB_OK;
}

int journeys_demo_load(db *d)
{
    struct sen2_person *p = xcalloc(1, sizeof *p);
    int32_t today = date_today();
    char area[IDS_UUID_LEN], icb[IDS_UUID_LEN], trust[IDS_UUID_LEN], school[IDS_UUID_LEN], council[IDS_UUID_LEN];
    char hash[IDS_HASH_LEN], upn[16], *req = NULL, child[IDS_UUID_LEN], err[256];
    size_t a, i;
    int rc = DB_OK, n = 0;
    org_id(d, "Three Rivers Integrated Care Board", icb);
    org_id(d, "Three Rivers Community Health NHS Trust", trust);
    org_id(d, "Riverside Primary School", school);
    for (a = 0; a < sizeof areas / sizeof areas[0]; a++) {
        sen2_store *st;
        ids_uuid_from("area", areas[a].name, area);
        org_id(d, areas[a].council, council);
        rc = db_query_text(d, NULL, "INSERT INTO journeys_area_lea (area_id, lea, region_code, region_name) VALUES (?, ?, ?, ?)",
                           4, area, areas[a].lea, "E12000003", "Yorkshire and The Humber");
        if (rc < 0) goto done;
        if (!(st = sen2_store_open(d, area))) { rc = DB_ERROR; goto done; }
        for (i = 0; i < 10; i++, n++) {
            struct sen2_request *q = &p->requests[0];
            int stage = (int)i;
            int32_t recv, birth;
            const char *exc = NULL;
            memset(p, 0, sizeof *p);
            p->n_requests = 1;
            sen2_set(&p->person, SEN2_PERSON, "Surname", surnames[(n * 7 + 3) % 10]);
            sen2_set(&p->person, SEN2_PERSON, "Forename", forenames[n]);
            birth = date_add_days(today, -(365 * (3 + (n * 5) % 15) + n * 11));
            setd(&p->person, SEN2_PERSON, "PersonBirthDate", birth);
            sen2_set(&p->person, SEN2_PERSON, "Sex", n % 3 ? "M" : "F");
            sen2_set(&p->person, SEN2_PERSON, "Ethnicity", n % 4 ? "WBRI" : "APKN");
            sen2_set(&p->person, SEN2_PERSON, "PostCode", "ZZ99 3WZ");   /* the ONS "no fixed abode" pseudo-postcode */
            if (n == 9) {
                sen2_set(&p->person, SEN2_PERSON, "UPN", "");             /* a data-quality problem for the demo */
            } else if (n % 10 == 4) {
                sen2_set(&p->person, SEN2_PERSON, "UPNunknown", "UN2");
            } else {
                snprintf(upn, sizeof upn, "Z%03u%08dA", 999u, 10000 + n);
                sen2_set(&p->person, SEN2_PERSON, "UPN", upn);
            }
            /* received days ago, per stage */
            {
                static const int ago[] = {10, 50, 60, 100, 130, 160, 300, 320, 330, 200};
                recv = date_add_days(today, -ago[stage] - (int)a * 3);
            }
            setd(&q->req, SEN2_REQUEST, "ReceivedDate", recv);
            sen2_set(&q->req, SEN2_REQUEST, "RequestSource", stage % 2 ? "1" : "2");
            sen2_set(&q->req, SEN2_REQUEST, "RYA", "0");
            if (stage >= 2) {
                setd(&q->req, SEN2_REQUEST, "RequestOutcomeDate", date_add_days(recv, stage == 3 ? 45 : 35));
                sen2_set(&q->req, SEN2_REQUEST, "RequestOutcome", "Y");
                q->has_assessment = 1;
                sen2_set(&q->assessment, SEN2_ASSESSMENT, "AssessmentOutcome", "A");
                sen2_set(&q->assessment, SEN2_ASSESSMENT, "Week20", "0");
            } else {
                sen2_set(&q->req, SEN2_REQUEST, "RequestOutcome", "A");
            }
            if (stage == 5 && a != 1) exc = "personal";
            if (stage == 8) exc = "absent";
            if (stage == 5 && exc) sen2_set(&q->assessment, SEN2_ASSESSMENT, "Week20", "1");
            if (stage >= 6 && stage <= 8) {
                static const int issued[] = {130, 170, 175};
                int32_t iss = date_add_days(recv, issued[stage - 6]);
                sen2_set(&q->assessment, SEN2_ASSESSMENT, "AssessmentOutcome", "Y");
                setd(&q->assessment, SEN2_ASSESSMENT, "AssessmentOutcomeDate", iss);
                sen2_set(&q->assessment, SEN2_ASSESSMENT, "Week20", stage == 8 ? "1" : "0");
                q->has_plan = 1;
                setd(&q->plan, SEN2_NAMED_PLAN, "StartDate", iss);
                sen2_set(&q->plan, SEN2_NAMED_PLAN, "PB", "0");
                q->n_plan_details = 1;
                sen2_set(&q->plan_details[0], SEN2_PLAN_DETAIL, "URN", a == 0 ? "999001" : "999002");
                sen2_set(&q->plan_details[0], SEN2_PLAN_DETAIL, "PlacementRank", "1");
                q->has_active = 1;
                if (stage == 6) {
                    setd(&q->active, SEN2_ACTIVE_PLANS, "ReviewMeeting", date_add_days(today, -30));
                    setd(&q->active, SEN2_ACTIVE_PLANS, "LastReview", date_add_days(today, -10));
                }
                q->n_placements = 1;
                sen2_set(&q->placements[0], SEN2_PLACEMENT_DETAIL, "URN", a == 0 ? "999001" : "999002");
                sen2_set(&q->placements[0], SEN2_PLACEMENT_DETAIL, "PlacementRank", "1");
                setd(&q->placements[0], SEN2_PLACEMENT_DETAIL, "EntryDate", iss);
                q->n_needs = 1;
                sen2_set(&q->needs[0], SEN2_SEN_NEED, "SENtype", needs[n % 10]);
                sen2_set(&q->needs[0], SEN2_SEN_NEED, "SENtypeRank", "1");
            }
            if (stage == 9) {
                sen2_set(&q->assessment, SEN2_ASSESSMENT, "AssessmentOutcome", "N");
                setd(&q->assessment, SEN2_ASSESSMENT, "AssessmentOutcomeDate", date_add_days(recv, 100));
            }
            if ((rc = sen2_store_person(st, p, err, sizeof err)) != DB_OK) { sen2_store_close(st); goto done; }
            snprintf(child, sizeof child, "%s", sen2_store_last_id(st));
            free(req);
            req = NULL;
            if ((rc = db_query_text(d, &req, "SELECT id FROM journeys_requests WHERE child_id = ? AND seq = 1", 1, child)) < 0) {
                sen2_store_close(st);
                goto done;
            }
            /* Family contact, and the published demo family code for the first child. */
            if (n == 0) ids_hash_hex(JOURNEYS_DEMO_FAMILY_CODE, hash);
            {
                char contact[160];
                snprintf(contact, sizeof contact, "%s SEND casework team", areas[a].council);
                rc = db_query_text(d, NULL, "UPDATE journeys_children SET contact = ?, family_token_hash = ? WHERE id = ?", 3,
                                   contact, n == 0 ? hash : NULL, child);
                if (rc < 0) { sen2_store_close(st); goto done; }
            }
            if (stage == 4 || stage == 5) {
                char ds[DATE_STR_LEN];
                date_format(date_add_days(today, stage == 4 ? -5 : -20), ds);
                if ((rc = db_query_text(d, NULL, "UPDATE journeys_requests SET draft_sent_date = ? WHERE id = ?", 2, ds, req)) < 0) {
                    sen2_store_close(st);
                    goto done;
                }
            }
            if (exc) {
                char f[DATE_STR_LEN];
                date_format(date_add_days(recv, 60), f);
                rc = db_query_text(d, NULL, "UPDATE journeys_requests SET exception_kind = ?, exception_from = ?, exception_note = ? WHERE id = ?",
                                   4, exc, f, "Recorded with the family's agreement.", req);
                if (rc < 0) { sen2_store_close(st); goto done; }
            }
            if (stage >= 2 && stage <= 8) {
                int32_t asked = date_add_days(recv, stage == 3 ? 46 : 36);
                int done_all = stage >= 4;
                if ((rc = advice(d, req, "health", i % 2 ? trust : icb, stage == 3 ? date_add_days(today, -50) : stage == 2 ? date_add_days(today, -38) : asked,
                                 done_all ? date_add_days(asked, 40) : DATE_NONE, child, "advice")) != DB_OK ||
                    (rc = advice(d, req, "psychology", council, asked, date_add_days(asked, 30), child, "advice")) != DB_OK ||
                    (rc = advice(d, req, "social_care", council, asked, done_all ? date_add_days(asked, 41) : DATE_NONE, child, "advice")) != DB_OK) {
                    sen2_store_close(st);
                    goto done;
                }
                if (a == 0 && (rc = advice(d, req, "education", school, asked, stage == 2 ? DATE_NONE : date_add_days(asked, 20), child, "school")) != DB_OK) {
                    sen2_store_close(st);
                    goto done;
                }
            }
        }
        sen2_store_close(st);
    }
    printf("Family link for the first demo child (shown to families, not signed in): /family/%s\n", JOURNEYS_DEMO_FAMILY_CODE);
    rc = DB_OK;
done:
    free(req);
    free(p);
    return rc;
}
