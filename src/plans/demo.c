/* demo: fictional improvement content for the demo partnership.
 *
 *  - Eastmere: a 2023-framework area SEND inspection with outcome 3
 *    (widespread and/or systemic failings), four areas for priority action
 *    and two for improvement; a priority action plan of ten actions whose
 *    dates are set relative to today so that they show every RAG state
 *    (complete, on track, missed milestone, measure behind, not started,
 *    overdue, blocked, stale); measures with actuals; a published monitoring
 *    report with commentary on each red item; a published public page.
 *  - Northbridge: a 2016-framework inspection that required a written
 *    statement of action (five significant weaknesses), revisited with
 *    sufficient progress on three and not on two, and its WSoA.
 * Every name is invented. */
#include "plans/reports.h"
#include "plans/plans.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/ids.h"

#define Q(...) do { if ((rc = db_query_text(d, NULL, __VA_ARGS__)) < 0) goto done; } while (0)

static char g_days[64][11];
static int g_nday;

/* "YYYY-MM-DD" of today + n (a small ring of static buffers). */
static const char *day(int n)
{
    char *s = g_days[g_nday++ % 64];
    date_format(date_add_days(date_today(), n), s);
    return s;
}

static const char *id(const char *name, char out[IDS_UUID_LEN])
{
    ids_uuid_from("plans-demo", name, out);
    return out;
}

struct demo_action {
    const char *ref, *title, *publ, *finding, *lead_off, *acc_off, *lead_org, *partner, *copro, *status;
    int start, due;           /* days from today */
    int ms_due, ms_done;      /* a milestone (0 = none); ms_done 1 = done */
    int update_age;           /* days since the last update */
};

static const struct demo_action eastmere[] = {
    {"1.1", "Agree a single graduated approach with all schools", "Schools now follow one agreed way of spotting and meeting needs early.",
     "apa1", "Lena Marsh", "Director of Children's Services", "Eastmere Council", "Eastmere Parent Carer Forum", "coproduction", "completed", -300, -60, -120, 1, 50},
    {"1.2", "Issue EHC plans within 20 weeks", "We are speeding up assessments so families wait less for a plan.",
     "apa1", "Raj Patel", "Director of Children's Services", "Eastmere Council", NULL, "participation", "in_progress", -200, 165, -20, 1, 7},
    {"1.3", "Recruit four more educational psychologists", "We are hiring more educational psychologists.",
     "apa1", "Lena Marsh", "Director of Children's Services", "Eastmere Council", NULL, "information", "in_progress", -150, 90, -20, 0, 10},
    {"1.4", "Review every plan older than two years", "We will check that older plans still describe what children need.",
     "apa1", "Raj Patel", "Director of Children's Services", "Eastmere Council", NULL, "consultation", "not_started", -30, 200, 0, 0, 30},
    {"2.1", "Publish a joint commissioning strategy for therapies", "The council and the NHS will buy therapy services together.",
     "apa2", "Dr Sam Lewis", "Chief Nursing Officer", "Three Rivers Integrated Care Board", "Eastmere Council", "consultation", "in_progress", -240, -10, 0, 0, 14},
    {"2.2", "Cut waits for speech and language therapy", "We are working to cut how long children wait for speech and language therapy.",
     "apa2", "Jo Evans", "Chief Nursing Officer", "Three Rivers Community Health NHS Trust", "Three Rivers Integrated Care Board", "participation", "in_progress", -200, 165, 0, 0, 5},
    {"2.3", "Share health and education records safely", "Professionals will be able to see the information they need, safely.",
     "apa2", "Dr Sam Lewis", "Chief Nursing Officer", "Three Rivers Integrated Care Board", NULL, "information", "blocked", -120, 120, 0, 0, 12},
    {"3.1", "Set up a preparing for adulthood panel", "Young people aged 14 and over will get joined-up planning for adult life.",
     "apa3", "Lena Marsh", "Director of Adult Social Care", "Eastmere Council", "Eastmere Parent Carer Forum", "coproduction", "not_started", 30, 270, 0, 0, 3},
    {"3.2", "Map post-16 options with colleges", "We are listing every college and training option for young people with SEND.",
     "apa3", "Raj Patel", "Director of Children's Services", "Eastmere Council", NULL, "consultation", "in_progress", -180, 180, 0, 0, 60},
    {"4.1", "Co-produce a new Local Offer with families", "Families are designing the new Local Offer website with us.",
     "apa4", "Lena Marsh", "Director of Children's Services", "Eastmere Council", "Eastmere Parent Carer Forum", "coproduction", "in_progress", -300, 65, -60, 1, 8},
};

static const struct { const char *key, *kind, *text, *who; } eastmere_findings[] = {
    {"apa1", "priority_action", "Leaders must make sure that children's needs are identified and assessed quickly, and that EHC plans are issued on time and are of good quality.", "council"},
    {"apa2", "priority_action", "Leaders across education, health and care must commission therapy services jointly so that children do not wait too long.", "both"},
    {"apa3", "priority_action", "Leaders must improve how young people are prepared for adulthood, including their post-16 options.", "council"},
    {"apa4", "priority_action", "Leaders must work with families so that information about the Local Offer is accurate and easy to find.", "both"},
    {"afi1", "improvement", "Leaders should improve how health information is shared with schools.", "icb"},
    {"afi2", "improvement", "Leaders should make sure annual reviews consistently update EHC plans.", "council"},
};

static int measure(db *d, const char *action, const char *key, const char *ind, const char *unit, const char *base, int bday,
                   const char *target, int tday, const char *ms_value, int ms_day, const char *const *actuals, const int *adays, int nact)
{
    char mid[IDS_UUID_LEN], x[IDS_UUID_LEN], now[21], name[64];
    int rc, i;
    ids_now_iso(now);
    id(key, mid);
    Q("INSERT INTO plans_measures (id, action_id, indicator, unit, baseline, baseline_date, target, target_date, created_at) "
      "VALUES (?, ?, ?, ?, CAST(? AS DOUBLE PRECISION), ?, CAST(? AS DOUBLE PRECISION), ?, ?)", 9, mid, action, ind, unit, base, day(bday), target, day(tday), now);
    if (ms_value) {
        snprintf(name, sizeof name, "%s-ms", key);
        Q("INSERT INTO plans_measure_milestones (id, measure_id, due_date, value) VALUES (?, ?, ?, CAST(? AS DOUBLE PRECISION))", 4,
          id(name, x), mid, day(ms_day), ms_value);
    }
    for (i = 0; i < nact; i++) {
        snprintf(name, sizeof name, "%s-a%d", key, i);
        Q("INSERT INTO plans_actuals (id, measure_id, on_date, value, source, created_at) VALUES (?, ?, ?, CAST(? AS DOUBLE PRECISION), ?, ?)", 6,
          id(name, x), mid, day(adays[i]), actuals[i], "Monthly performance dashboard", now);
    }
done:
    return rc < 0 ? rc : DB_OK;
}

int plans_demo_load(db *d)
{
    char insp[IDS_UUID_LEN], plan[IDS_UUID_LEN], area[IDS_UUID_LEN], x[IDS_UUID_LEN], y[IDS_UUID_LEN], org[IDS_UUID_LEN],
         org2[IDS_UUID_LEN], admin[IDS_UUID_LEN], now[21], name[64], ts[32];
    size_t i;
    int rc = DB_OK;
    ids_now_iso(now);
    /* ---- Eastmere, 2023 framework ---- */
    ids_uuid_from("area", "Eastmere", area);
    id("eastmere-inspection", insp);
    Q("INSERT INTO plans_inspections (id, area_id, framework, start_date, end_date, publication_date, outcome, created_at, updated_at) "
      "VALUES (?, ?, '2023', ?, ?, ?, 'outcome3', ?, ?)", 7, insp, area, day(-330), day(-318), day(-290), now, now);
    for (i = 0; i < sizeof eastmere_findings / sizeof eastmere_findings[0]; i++) {
        char seq[8];
        snprintf(seq, sizeof seq, "%zu", i + 1);
        snprintf(name, sizeof name, "eastmere-%s", eastmere_findings[i].key);
        Q("INSERT INTO plans_findings (id, inspection_id, seq, kind, text, responsible, created_at) VALUES (?, ?, CAST(? AS INTEGER), ?, ?, ?, ?)", 7,
          id(name, x), insp, seq, eastmere_findings[i].kind, eastmere_findings[i].text, eastmere_findings[i].who, now);
    }
    id("eastmere-plan", plan);
    Q("INSERT INTO plans_plans (id, area_id, inspection_id, kind, title, summary, published, created_at, updated_at) "
      "VALUES (?, ?, ?, 'pap', 'Eastmere priority action plan', ?, 1, ?, ?)", 6, plan, area, insp,
      "Inspectors found widespread failings in SEND services in Eastmere. This plan sets out what the council and the NHS are doing about "
      "each of the four areas they must improve urgently, with the Eastmere Parent Carer Forum.", now, now);
    ids_uuid_from("person", "forum@eastmere-pcf.example", y);
    for (i = 0; i < sizeof eastmere / sizeof eastmere[0]; i++) {
        const struct demo_action *a = &eastmere[i];
        char aid[IDS_UUID_LEN], fid[IDS_UUID_LEN], forum[IDS_UUID_LEN];
        snprintf(name, sizeof name, "eastmere-action-%s", a->ref);
        id(name, aid);
        ids_uuid_from("organisation", a->lead_org, org);
        ids_uuid_from("organisation", "Eastmere Parent Carer Forum", forum);
        Q("INSERT INTO plans_actions (id, plan_id, ref, title, description, public_summary, lead_officer, accountable_officer, lead_org_id, "
          "coproduction, forum_org_id, start_date, due_date, status, completed_date, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 17, aid, plan, a->ref, a->title, a->publ, a->publ, a->lead_off, a->acc_off, org,
          a->copro, strcmp(a->copro, "coproduction") == 0 || strcmp(a->copro, "participation") == 0 ? forum : NULL, day(a->start), day(a->due),
          a->status, strcmp(a->status, "completed") == 0 ? day(a->due - 5) : NULL, day(-280), now);
        snprintf(name, sizeof name, "eastmere-%s", a->finding);
        Q("INSERT INTO plans_action_findings (action_id, finding_id) VALUES (?, ?)", 2, aid, id(name, fid));
        if (a->partner) {
            ids_uuid_from("organisation", a->partner, org2);
            Q("INSERT INTO plans_action_partners (action_id, organisation_id) VALUES (?, ?)", 2, aid, org2);
        }
        if (a->ms_due) {
            snprintf(name, sizeof name, "eastmere-ms-%s", a->ref);
            Q("INSERT INTO plans_milestones (id, action_id, title, due_date, done_date, created_at) VALUES (?, ?, ?, ?, ?, ?)", 6, id(name, x), aid,
              "Agree the approach with the SEND board", day(a->ms_due), a->ms_done ? day(a->ms_due - 3) : NULL, now);
        }
        snprintf(name, sizeof name, "eastmere-up-%s", a->ref);
        snprintf(ts, sizeof ts, "%sT10:00:00Z", day(-a->update_age));
        ids_uuid_from("person", "officer@eastmere.example", x);
        Q("INSERT INTO plans_updates (id, action_id, at, author_id, author_name, body, forum_comment) VALUES (?, ?, ?, ?, 'Tom Okafor', ?, 0)", 5,
          id(name, fid), aid, ts, x, strcmp(a->status, "blocked") == 0 ? "Waiting for the data sharing agreement to be signed by all partners."
                                     : "Work continues as planned; next steps agreed at the SEND board.");
        if (strcmp(a->copro, "coproduction") == 0) {
            snprintf(name, sizeof name, "eastmere-forum-%s", a->ref);
            Q("INSERT INTO plans_updates (id, action_id, at, author_id, author_name, body, forum_comment) VALUES (?, ?, ?, ?, 'Dave Brown', ?, 1)", 5,
              id(name, fid), aid, ts, y, "Forum members took part in three workshops and shaped the final version.");
        }
    }
    {
        static const char *const a12[] = {"36", "41", "47"};
        static const int d12[] = {-140, -80, -20};
        static const char *const a22[] = {"37", "36"};
        static const int d22[] = {-90, -30};
        static const char *const a41[] = {"48", "60"};
        static const int d41[] = {-150, -30};
        char aid[IDS_UUID_LEN];
        if ((rc = measure(d, id("eastmere-action-1.2", aid), "m12", "EHC plans issued within 20 weeks", "per cent", "32", -200, "60", 165, "45", -20, a12, d12, 3)) < 0) goto done;
        if ((rc = measure(d, id("eastmere-action-2.2", aid), "m22", "Average wait for a first speech and language therapy appointment", "weeks", "38", -200, "18", 165, NULL, 0, a22, d22, 2)) < 0) goto done;
        if ((rc = measure(d, id("eastmere-action-4.1", aid), "m41", "Parents who say they were listened to (survey)", "per cent", "41", -300, "65", 65, NULL, 0, a41, d41, 2)) < 0) goto done;
    }
    /* A published monitoring report with commentary on each red item. */
    ids_uuid_from("person", "admin@northbridge.example", admin);
    id("eastmere-report", x);
    snprintf(ts, sizeof ts, "%sT16:00:00Z", day(-1));
    Q("INSERT INTO plans_reports (id, plan_id, title, period_start, period_end, status, published_at, published_by, created_at) "
      "VALUES (?, ?, 'SEND board report: latest quarter', ?, ?, 'published', ?, ?, ?)", 7, x, plan, day(-91), day(-1), ts, admin, now);
    {
        static const char *const red[][2] = {
            {"1.4", "Delayed by the educational psychology vacancies; a review team starts next month."},
            {"2.1", "The strategy is drafted; sign-off moved to the next ICB board. Escalated to the SEND board."},
            {"2.3", "The data sharing agreement is with legal teams at three partners; escalated to the accountable officer."},
        };
        for (i = 0; i < 3; i++) {
            char aid[IDS_UUID_LEN];
            snprintf(name, sizeof name, "eastmere-action-%s", red[i][0]);
            Q("INSERT INTO plans_report_comments (report_id, action_id, commentary) VALUES (?, ?, ?)", 3, x, id(name, aid), red[i][1]);
        }
    }
    if ((rc = plans_report_freeze(d, x)) < 0) goto done;
    ids_uuid_from("organisation", "Eastmere Council", org);
    Q("INSERT INTO plans_org_settings (organisation_id, show_staff_names) VALUES (?, 1)", 1, org);
    Q("INSERT INTO settings (name, value) VALUES ('plans.stale_days', '30') ON CONFLICT (name) DO NOTHING", 0);

    /* ---- Northbridge, 2016 framework: WSoA and revisit ---- */
    ids_uuid_from("area", "Northbridge", area);
    id("northbridge-inspection", insp);
    Q("INSERT INTO plans_inspections (id, area_id, framework, start_date, end_date, publication_date, outcome, created_at, updated_at) "
      "VALUES (?, ?, '2016', '2021-03-08', '2021-03-12', '2021-05-04', 'wsoa', ?, ?)", 4, insp, area, now, now);
    {
        static const char *const sw[] = {
            "The area's leaders do not have an accurate understanding of how well it meets the needs of children with SEND.",
            "Joint commissioning is weak, so services do not meet needs.",
            "Too many EHC plans are late and of poor quality.",
            "Waiting times for neurodevelopmental assessment are too long.",
            "Parents and carers are not involved enough in decisions about services.",
        };
        char vid[IDS_UUID_LEN];
        id("northbridge-revisit", vid);
        Q("INSERT INTO plans_visits (id, inspection_id, kind, start_date, publication_date, created_at) VALUES (?, ?, 'revisit', '2023-05-15', '2023-07-03', ?)",
          3, vid, insp, now);
        for (i = 0; i < 5; i++) {
            char seq[8];
            snprintf(seq, sizeof seq, "%zu", i + 1);
            snprintf(name, sizeof name, "northbridge-sw%zu", i + 1);
            Q("INSERT INTO plans_findings (id, inspection_id, seq, kind, text, responsible, created_at) VALUES (?, ?, CAST(? AS INTEGER), 'significant_weakness', ?, ?, ?)",
              6, id(name, x), insp, seq, sw[i], i == 3 ? "icb" : i == 1 ? "both" : "council", now);
            Q("INSERT INTO plans_judgements (visit_id, finding_id, sufficient) VALUES (?, ?, CAST(? AS INTEGER))", 3, vid, x, i < 3 ? "1" : "0");
        }
    }
    id("northbridge-wsoa", plan);
    Q("INSERT INTO plans_plans (id, area_id, inspection_id, kind, title, summary, published, created_at, updated_at) "
      "VALUES (?, ?, ?, 'wsoa', 'Northbridge written statement of action', ?, 0, ?, ?)", 6, plan, area, insp,
      "How Northbridge answered the five significant weaknesses found in 2021.", now, now);
    {
        static const struct { const char *ref, *title, *sw, *org, *status; int start, due; } nb[] = {
            {"1", "Joint self-evaluation with the forum", "northbridge-sw1", "Northbridge Council", "completed", -900, -700},
            {"2", "Joint commissioning board", "northbridge-sw2", "Three Rivers Integrated Care Board", "completed", -900, -650},
            {"3", "EHC plan quality assurance", "northbridge-sw3", "Northbridge Council", "completed", -900, -600},
            {"4", "Neurodevelopmental pathway redesign", "northbridge-sw4", "Three Rivers Integrated Care Board", "in_progress", -900, 60},
            {"5", "Parent carer participation framework", "northbridge-sw5", "Northbridge Council", "in_progress", -800, 90},
        };
        for (i = 0; i < 5; i++) {
            char aid[IDS_UUID_LEN], fid[IDS_UUID_LEN], forum[IDS_UUID_LEN];
            snprintf(name, sizeof name, "northbridge-action-%s", nb[i].ref);
            id(name, aid);
            ids_uuid_from("organisation", nb[i].org, org);
            ids_uuid_from("organisation", "Northbridge Parent Carer Forum", forum);
            Q("INSERT INTO plans_actions (id, plan_id, ref, title, description, public_summary, lead_officer, accountable_officer, lead_org_id, "
              "coproduction, forum_org_id, start_date, due_date, status, completed_date, created_at, updated_at) "
              "VALUES (?, ?, ?, ?, '', '', 'Priya Shah', 'Director of Children''s Services', ?, 'participation', ?, ?, ?, ?, ?, ?, ?)", 12,
              aid, plan, nb[i].ref, nb[i].title, org, forum, day(nb[i].start), day(nb[i].due), nb[i].status,
              strcmp(nb[i].status, "completed") == 0 ? day(nb[i].due) : NULL, now, now);
            Q("INSERT INTO plans_action_findings (action_id, finding_id) VALUES (?, ?)", 2, aid, id(nb[i].sw, fid));
        }
    }
done:
    return rc < 0 ? rc : DB_OK;
}
