/* rag: the one rule that rates an action red, amber or green, and a finding
 * from its actions; and the success-measure arithmetic it relies on.
 *
 * Pure functions over plain structs: no database, no allocation. Dates are
 * day numbers (core/date.h); DATE_NONE means "no date".
 *
 * THE RULE (the first that applies wins):
 *   1. status completed                                  -> GREEN  "Complete"
 *   2. not completed and today is after the due date     -> RED    "Overdue"
 *   3. status blocked                                    -> RED    "Blocked"
 *   4. not started and today is after the start date     -> RED    "Not started"
 *   5. a milestone not done and today is after its date  -> AMBER  "Milestone missed"
 *   6. a measure whose latest actual is behind the value
 *      expected on that date (baseline -> milestones ->
 *      target, straight lines between them)              -> AMBER  "Measure behind"
 *   7. otherwise                                         -> GREEN  "On track"
 * Independently, an action that is not complete and has had no progress
 * update for more than stale_days days (since its last update, or since it
 * was created) is flagged stale; the flag does not change the colour.
 * A finding is rated the worst of its actions' ratings (RED > AMBER > GREEN);
 * a finding no action answers is rated NONE ("No actions yet").
 */
#ifndef SH_PLANS_RAG_H
#define SH_PLANS_RAG_H

#include <stddef.h>
#include <stdint.h>

enum plans_rag { PLANS_RAG_NONE = 0, PLANS_RAG_GREEN = 1, PLANS_RAG_AMBER = 2, PLANS_RAG_RED = 3 };

enum plans_status { PLANS_NOT_STARTED, PLANS_IN_PROGRESS, PLANS_BLOCKED, PLANS_COMPLETED };

enum plans_reason {
    PLANS_REASON_NONE,          /* finding with no actions */
    PLANS_REASON_COMPLETE,
    PLANS_REASON_OVERDUE,
    PLANS_REASON_BLOCKED,
    PLANS_REASON_NOT_STARTED,
    PLANS_REASON_MILESTONE,
    PLANS_REASON_MEASURE,
    PLANS_REASON_ON_TRACK
};

struct plans_point {
    int32_t date;
    double value;
};

/* A success measure. milestones: the planned values on dates between the
 * baseline and the target, any order (borrowed). latest: the most recent
 * actual (date DATE_NONE when none yet). */
struct plans_measure {
    struct plans_point baseline;
    struct plans_point target;
    const struct plans_point *milestones;
    size_t nmilestones;
    struct plans_point latest;
};

struct plans_milestone {
    int32_t due;
    int32_t done;               /* DATE_NONE when not done */
};

struct plans_action_facts {
    enum plans_status status;
    int32_t start, due;
    const struct plans_milestone *milestones;  /* borrowed */
    size_t nmilestones;
    const struct plans_measure *measures;      /* borrowed */
    size_t nmeasures;
    int32_t last_update;        /* last progress update, or creation date */
};

struct plans_rating {
    enum plans_rag rag;
    enum plans_reason reason;
    int stale;                  /* 1: no update for more than stale_days */
};

/* Applies the rule above on the day `today`. */
struct plans_rating plans_rag_action(const struct plans_action_facts *a, int32_t today,
                                     int stale_days);
/* Worst of n ratings; NONE when n is 0. */
enum plans_rag plans_rag_worst(const enum plans_rag *r, size_t n);

/* The value a measure is planned to have on `day`: the baseline before the
 * baseline date, the target after the target date, and in between a straight
 * line between neighbouring points (baseline, milestones by date, target). */
double plans_measure_expected(const struct plans_measure *m, int32_t day);
/* How far value has moved from the baseline towards the target, as a
 * fraction (0 = at baseline, 1 = target met; can be below 0 or above 1).
 * Works for measures that should fall as well as rise. When the target
 * equals the baseline: 1 when value is at or past it, else 0. */
double plans_measure_progress(const struct plans_measure *m, double value);
/* 1 when the latest actual is behind the expected value on its date (in the
 * direction of the target, by more than a rounding tolerance); 0 when on or
 * ahead, or when there is no actual yet. */
int plans_measure_behind(const struct plans_measure *m);

/* Words for people. Static strings. */
const char *plans_rag_name(enum plans_rag r);      /* "red", "amber", "green", "none" */
const char *plans_rag_label(enum plans_rag r);     /* "Red", "Amber", "Green", "No actions yet" */
const char *plans_reason_label(enum plans_reason r);
/* "not_started" ... <-> enum; -1 when unknown. */
int plans_status_parse(const char *s);
const char *plans_status_label(const char *s);

#endif
