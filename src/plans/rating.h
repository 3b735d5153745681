/* rating: loads what the RAG rule needs from the database and applies it
 * (the rule itself lives in rag.c and nowhere else). */
#ifndef SH_PLANS_RATING_H
#define SH_PLANS_RATING_H

#include <jansson.h>

#include "core/db.h"
#include "plans/rag.h"

#define PLANS_MAX_POINTS 24

struct plans_loaded_measure {
    struct plans_measure m;
    struct plans_point ms[PLANS_MAX_POINTS];
};

/* measure: a row with baseline (d), baseline_date, target (d), target_date
 * and id. Fills out (milestone values and the latest actual dated on or
 * before asof). */
int plans_measure_load(db *d, const json_t *measure, int32_t asof, struct plans_loaded_measure *out);
/* action: a row with id, status, start_date, due_date, created_at. Rated as
 * on `today`: actuals and updates dated later are left out, so a report
 * for a past period shows the ratings as they were at its end. */
int plans_rate_action(db *d, const json_t *action, int32_t today, int stale_days, struct plans_rating *out);
/* A finding: the worst of its actions' ratings (NONE when none). */
int plans_rate_finding(db *d, const char *finding_id, int32_t today, int stale_days, enum plans_rag *out);
/* <strong class="govuk-tag ...">Red</strong>: colour and words together. */
const char *plans_rag_tag_class(enum plans_rag r);

#endif
