/* records: loading a request for the clock, and the access rule. */
#include "records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/ids.h"

int journeys_is_council(const req *rq)
{
    return rq->user && rq->user->org_type && strcmp(rq->user->org_type, "local_authority") == 0 &&
           (rq->user->role == ROLE_OFFICER || rq->user->role == ROLE_ADMIN);
}

int journeys_bind_visible(db_stmt *st, int idx, const req *rq)
{
    char today[DATE_STR_LEN];
    date_format(date_today(), today);
    db_bind_text(st, idx++, rq->user->org_id);
    db_bind_text(st, idx++, rq->user->org_type ? rq->user->org_type : "");
    db_bind_text(st, idx++, rq->user->org_id);
    db_bind_text(st, idx++, rq->user->org_id);
    db_bind_text(st, idx++, today);
    return idx;
}

int journeys_child_access(req *rq, const char *child_id)
{
    db_stmt *st = NULL;
    int rc, ok = 0;
    if (!rq->user || !(rq->user->role & (ROLE_OFFICER | ROLE_ADMIN)) || !child_id || !ids_is_uuid(child_id)) return 0;
    rc = db_prepare(rq->db, "SELECT 1 FROM journeys_children c WHERE c.id = ? AND " JOURNEYS_VISIBLE_SQL, &st);
    if (rc == DB_OK) {
        db_bind_text(st, 1, child_id);
        journeys_bind_visible(st, 2, rq);
        rc = db_step(st);
        ok = rc == DB_ROW;
    }
    db_finalize(st);
    return rc < 0 ? -1 : ok;
}

const char *journeys_advice_label(const char *kind)
{
    if (!kind) return "";
    if (strcmp(kind, "education") == 0) return "School or setting";
    if (strcmp(kind, "health") == 0) return "Health";
    if (strcmp(kind, "social_care") == 0) return "Social care";
    if (strcmp(kind, "psychology") == 0) return "Educational psychology";
    return kind;
}

static void cp(char *dst, size_t n, const char *s)
{
    snprintf(dst, n, "%s", s ? s : "");
}

static int32_t day(const char *s)
{
    int32_t d;
    return s && *s && date_parse(s, &d) == 0 ? d : DATE_NONE;
}

int journeys_req_load(db *d, const char *id, struct journeys_req *r)
{
    db_stmt *st = NULL;
    int rc;
    size_t i;
    memset(r, 0, sizeof *r);
    if (!id || !ids_is_uuid(id)) return DB_DONE;
    rc = db_prepare(d, "SELECT id, child_id, seq, reassessment, received_date, request_source, request_outcome, request_outcome_date, "
                       "assessment_outcome, assessment_outcome_date, week20, draft_sent_date, exception_kind, exception_from, "
                       "exception_to, exception_note, has_plan, plan_start_date, review_meeting, last_review, review_outcome, plan_cease_date, "
                       "has_active, phase_transfer_due_date, phase_transfer_final_date, amendment_sent_date, amendment_final_date "
                       "FROM journeys_requests WHERE id = ?", &st);
    if (rc != DB_OK) goto done;
    db_bind_text(st, 1, id);
    rc = db_step(st);
    if (rc != DB_ROW) goto done;
    cp(r->id, sizeof r->id, db_col_text(st, 0));
    cp(r->child_id, sizeof r->child_id, db_col_text(st, 1));
    r->seq = (int)db_col_int64(st, 2);
    r->reassessment = (int)db_col_int64(st, 3);
    cp(r->received, sizeof r->received, db_col_text(st, 4));
    cp(r->source, sizeof r->source, db_col_text(st, 5));
    cp(r->request_outcome, sizeof r->request_outcome, db_col_text(st, 6));
    cp(r->request_outcome_date, sizeof r->request_outcome_date, db_col_text(st, 7));
    cp(r->assessment_outcome, sizeof r->assessment_outcome, db_col_text(st, 8));
    cp(r->assessment_outcome_date, sizeof r->assessment_outcome_date, db_col_text(st, 9));
    cp(r->week20, sizeof r->week20, db_col_text(st, 10));
    cp(r->draft, sizeof r->draft, db_col_text(st, 11));
    cp(r->exc_kind, sizeof r->exc_kind, db_col_text(st, 12));
    cp(r->exc_from, sizeof r->exc_from, db_col_text(st, 13));
    cp(r->exc_to, sizeof r->exc_to, db_col_text(st, 14));
    cp(r->exc_note, sizeof r->exc_note, db_col_text(st, 15));
    r->has_plan = (int)db_col_int64(st, 16);
    cp(r->plan_start, sizeof r->plan_start, db_col_text(st, 17));
    cp(r->review_meeting, sizeof r->review_meeting, db_col_text(st, 18));
    cp(r->last_review, sizeof r->last_review, db_col_text(st, 19));
    cp(r->review_outcome, sizeof r->review_outcome, db_col_text(st, 20));
    cp(r->cease_date, sizeof r->cease_date, db_col_text(st, 21));
    r->has_active = (int)db_col_int64(st, 22);
    cp(r->phase_due, sizeof r->phase_due, db_col_text(st, 23));
    cp(r->phase_final, sizeof r->phase_final, db_col_text(st, 24));
    cp(r->amend_sent, sizeof r->amend_sent, db_col_text(st, 25));
    cp(r->amend_final, sizeof r->amend_final, db_col_text(st, 26));
    db_finalize(st);
    st = NULL;
    rc = db_prepare(d, "SELECT a.id, a.kind, a.organisation_id, o.name, a.asked_date, a.received_date FROM journeys_advice a "
                       "LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.request_id = ? ORDER BY a.asked_date, a.kind, a.id", &st);
    if (rc != DB_OK) goto done;
    db_bind_text(st, 1, id);
    while ((rc = db_step(st)) == DB_ROW && r->n_advice < JOURNEYS_MAX_ADVICE) {
        struct journeys_advice *a = &r->advice[r->n_advice++];
        cp(a->id, sizeof a->id, db_col_text(st, 0));
        cp(a->kind, sizeof a->kind, db_col_text(st, 1));
        cp(a->org_id, sizeof a->org_id, db_col_text(st, 2));
        cp(a->org_name, sizeof a->org_name, db_col_text(st, 3));
        cp(a->asked, sizeof a->asked, db_col_text(st, 4));
        cp(a->received, sizeof a->received, db_col_text(st, 5));
    }
    if (rc < 0) goto done;
    /* the clock's view */
    for (i = 0; i < r->n_advice; i++) {
        r->cadv[i].from = journeys_advice_label(r->advice[i].kind);
        r->cadv[i].asked = day(r->advice[i].asked);
        r->cadv[i].received = day(r->advice[i].received);
    }
    r->creq.received = day(r->received);
    r->creq.reassessment = r->reassessment;
    r->creq.decided = DATE_NONE;
    r->creq.decision = CLOCK_OUTCOME_PENDING;
    if (r->request_outcome[0] == 'Y' || r->request_outcome[0] == 'N' || r->request_outcome[0] == 'W') {
        r->creq.decided = day(r->request_outcome_date);
        r->creq.decision = r->request_outcome[0] == 'Y' ? CLOCK_OUTCOME_YES
                           : r->request_outcome[0] == 'N' ? CLOCK_OUTCOME_NO : CLOCK_OUTCOME_WITHDRAWN;
        if (r->creq.decided == DATE_NONE) r->creq.decision = CLOCK_OUTCOME_PENDING;
    }
    r->creq.advice = r->cadv;
    r->creq.n_advice = r->n_advice;
    r->creq.no_plan_notice = r->assessment_outcome[0] == 'N' ? day(r->assessment_outcome_date) : DATE_NONE;
    r->creq.draft_sent = day(r->draft);
    r->creq.final_issued = r->assessment_outcome[0] == 'Y' ? day(r->assessment_outcome_date) : DATE_NONE;
    r->creq.withdrawn = r->assessment_outcome[0] == 'W' ? day(r->assessment_outcome_date) : DATE_NONE;
    if (r->exc_kind[0] && clock_exception_from_key(r->exc_kind) >= 0) {
        r->cexc.kind = (enum clock_exception_kind)clock_exception_from_key(r->exc_kind);
        r->cexc.from = day(r->exc_from);
        r->cexc.to = day(r->exc_to);
        r->cexc.note = r->exc_note;
        r->creq.exceptions = &r->cexc;
        r->creq.n_exceptions = 1;
    }
    rc = DB_ROW;
done:
    db_finalize(st);
    return rc;
}
