#include "journeys/clock.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/* One row per step: the limit and the words. `days` is the limit in calendar
 * days from the step's start; `months` is used instead when non-zero. The
 * phase transfer row has neither: its date is fixed in the calendar. */
static const struct {
    const char *key;
    const char *label;
    const char *reg;
    int32_t days;
    int32_t months;
} steps[CLOCK_STEP_COUNT] = {
    [CLOCK_DECISION] = {"decision", "Decide whether to carry out an assessment",
                        "reg 5(1)", 6 * 7, 0},
    [CLOCK_ADVICE] = {"advice", "Give advice and information for the assessment",
                      "reg 8(1)", 6 * 7, 0},
    [CLOCK_NO_PLAN_NOTICE] = {"no-plan-notice", "Tell the family if a plan will not be issued",
                              "reg 10(1)", 16 * 7, 0},
    /* The only "not before" limit: the family gets at least 15 days,
     * beginning with the day the draft is served, so day draft+15 is the
     * first on which the plan may be finalised. */
    [CLOCK_DRAFT_COMMENTS] = {"draft-comments", "Time for the family to comment on the draft plan",
                              "reg 13(1)", 15, 0},
    [CLOCK_FINAL_PLAN] = {"final-plan", "Issue the final EHC plan",
                          "reg 13(2)", 20 * 7, 0},
    [CLOCK_ANNUAL_REVIEW_DECISION] = {"review-decision",
                                      "Decide after the annual review whether to keep, amend or end the plan",
                                      "reg 20", 4 * 7, 0},
    [CLOCK_AMENDMENT] = {"amendment", "Issue the amended plan", "reg 22", 8 * 7, 0},
    [CLOCK_REASSESSMENT] = {"reassessment", "Issue the final plan after a re-assessment",
                            "reg 27(2)", 14 * 7, 0},
    [CLOCK_PHASE_TRANSFER] = {"phase-transfer",
                              "Review and amend the plan before a move to the next phase of education",
                              "reg 18(1)", 0, 0},
    [CLOCK_REVIEW_DUE] = {"review-due", "Review the plan (at least every 12 months)",
                          "s.44(1) CFA 2014", 0, 12},
};

static const struct {
    const char *key;
    const char *label;
} states[CLOCK_STATE_COUNT] = {
    [CLOCK_NOT_STARTED] = {"not-started", "Not started"},
    [CLOCK_PENDING] = {"pending", "Not due yet"},
    [CLOCK_DUE_SOON] = {"due-soon", "Due soon"},
    [CLOCK_OVERDUE] = {"overdue", "Overdue"},
    [CLOCK_OVERDUE_EXCEPTION] = {"overdue-exception", "Overdue (exception applies)"},
    [CLOCK_DONE_ON_TIME] = {"done", "Done on time"},
    [CLOCK_DONE_LATE] = {"done-late", "Done late"},
    [CLOCK_DONE_LATE_EXCEPTION] = {"done-late-exception", "Done late (exception applies)"},
    [CLOCK_CLOSED] = {"closed", "Closed: request withdrawn"},
    [CLOCK_PERIOD_OPEN] = {"period-open", "Comment period open"},
    [CLOCK_PERIOD_ENDED] = {"period-ended", "Comment period ended"},
    [CLOCK_TOO_EARLY] = {"too-early", "Plan finalised before the comment period ended"},
};

static const struct {
    const char *key;
    const char *label;
} exceptions[CLOCK_EXC_COUNT] = {
    [CLOCK_EXC_SCHOOL_CLOSED] = {"school-closed", "School or college closed for 4 weeks or more"},
    [CLOCK_EXC_EARLY_YEARS_CLOSED] = {"early-years-closed",
                                      "Early years provider closed for 4 weeks or more"},
    [CLOCK_EXC_PERSONAL] = {"personal", "Exceptional personal circumstances"},
    [CLOCK_EXC_ABSENT] = {"absent", "Away from the area for 4 weeks or more"},
    [CLOCK_EXC_MISSED_APPOINTMENT] = {"missed-appointment",
                                      "Missed an appointment for an examination or test"},
};

/* Enum values arrive from the database and from callers as ints; check the
 * range as unsigned so a negative value cannot index the tables. */
static int step_ok(enum clock_step step)
{
    return (unsigned)step < CLOCK_STEP_COUNT;
}

const char *clock_step_label(enum clock_step step)
{
    return step_ok(step) ? steps[step].label : "";
}

const char *clock_step_reg(enum clock_step step)
{
    return step_ok(step) ? steps[step].reg : "";
}

const char *clock_step_key(enum clock_step step)
{
    return step_ok(step) ? steps[step].key : "";
}

const char *clock_state_label(enum clock_state state)
{
    return (unsigned)state < CLOCK_STATE_COUNT ? states[state].label : "";
}

const char *clock_state_key(enum clock_state state)
{
    return (unsigned)state < CLOCK_STATE_COUNT ? states[state].key : "";
}

const char *clock_exception_label(enum clock_exception_kind kind)
{
    return (unsigned)kind < CLOCK_EXC_COUNT ? exceptions[kind].label : "";
}

const char *clock_exception_key(enum clock_exception_kind kind)
{
    return (unsigned)kind < CLOCK_EXC_COUNT ? exceptions[kind].key : "";
}

int clock_exception_from_key(const char *key)
{
    if (!key) return -1;
    for (int i = 0; i < CLOCK_EXC_COUNT; i++)
        if (strcmp(key, exceptions[i].key) == 0) return i;
    return -1;
}

/* ---- deadlines ---------------------------------------------------------------- */

int clock_deadline(enum clock_step step, int32_t start, int32_t *deadline)
{
    *deadline = DATE_NONE;
    if (!step_ok(step) || step == CLOCK_PHASE_TRANSFER) return -1;
    if (steps[step].months)
        *deadline = date_add_months(start, steps[step].months);
    else
        *deadline = date_add_days(start, steps[step].days);
    return *deadline == DATE_NONE ? -1 : 0;
}

int clock_phase_transfer_deadline(int transfer_year, int post16, int32_t *deadline)
{
    return post16 ? date_from_ymd(transfer_year, 3, 31, deadline)
                  : date_from_ymd(transfer_year, 2, 15, deadline);
}

int clock_within_20_weeks(int32_t received, int32_t issued)
{
    int32_t limit;

    if (!date_valid(issued) || clock_deadline(CLOCK_FINAL_PLAN, received, &limit) < 0)
        return 0;
    return issued <= limit;
}

/* ---- status ------------------------------------------------------------------- */

struct clock_status clock_status_of(int32_t deadline, int32_t done, int32_t today,
                                    int has_exception, int32_t soon_days)
{
    struct clock_status st = {CLOCK_NOT_STARTED, 0};

    if (!date_valid(deadline)) goto done;
    if (date_valid(done)) {
        if (done <= deadline) {
            st.state = CLOCK_DONE_ON_TIME;
            st.days = deadline - done;
        } else {
            st.state = has_exception ? CLOCK_DONE_LATE_EXCEPTION : CLOCK_DONE_LATE;
            st.days = done - deadline;
        }
    } else if (!date_valid(today)) {
        st.state = CLOCK_PENDING;           /* no clock to read: say nothing alarming */
    } else if (today > deadline) {
        st.state = has_exception ? CLOCK_OVERDUE_EXCEPTION : CLOCK_OVERDUE;
        st.days = today - deadline;
    } else {
        st.days = deadline - today;
        st.state = st.days <= soon_days ? CLOCK_DUE_SOON : CLOCK_PENDING;
    }
done:
    return st;
}

struct clock_status clock_draft_status(int32_t earliest, int32_t finalised, int32_t today)
{
    struct clock_status st = {CLOCK_NOT_STARTED, 0};

    if (!date_valid(earliest)) goto done;
    if (date_valid(finalised)) {
        if (finalised < earliest) {
            st.state = CLOCK_TOO_EARLY;
            st.days = earliest - finalised;
        } else {
            st.state = CLOCK_DONE_ON_TIME;
        }
    } else if (date_valid(today) && today < earliest) {
        st.state = CLOCK_PERIOD_OPEN;
        st.days = earliest - today;
    } else {
        st.state = CLOCK_PERIOD_ENDED;
    }
done:
    return st;
}

/* ---- exceptions ------------------------------------------------------------- */

/* Which kinds each limit admits, as a bit mask over enum clock_exception_kind.
 * Reg 5(4), 10(4), 13(3) (which applies 10(4)) and 27(3) list the same four
 * grounds (a)-(d). Reg 8(2) lists its own three: exceptional circumstances,
 * absence for 4+ weeks, and a missed appointment for an examination or test;
 * the school-closure grounds concern the council's requests for advice and
 * are not among them. Missing an appointment excuses nothing but advice. */
#define EXC_BIT(k) (1u << (k))
#define EXC_A_TO_D (EXC_BIT(CLOCK_EXC_SCHOOL_CLOSED) | EXC_BIT(CLOCK_EXC_EARLY_YEARS_CLOSED) | \
                    EXC_BIT(CLOCK_EXC_PERSONAL) | EXC_BIT(CLOCK_EXC_ABSENT))

static unsigned allowed_exceptions(enum clock_step step)
{
    switch (step) {
    case CLOCK_DECISION:
    case CLOCK_NO_PLAN_NOTICE:
    case CLOCK_FINAL_PLAN:
    case CLOCK_REASSESSMENT:
        return EXC_A_TO_D;
    case CLOCK_ADVICE:
        return EXC_BIT(CLOCK_EXC_PERSONAL) | EXC_BIT(CLOCK_EXC_ABSENT) |
               EXC_BIT(CLOCK_EXC_MISSED_APPOINTMENT);
    default:
        return 0;
    }
}

int clock_exception_applies(enum clock_step step, const struct clock_exception *e,
                            int32_t start, int32_t deadline)
{
    if (!e || (unsigned)e->kind >= CLOCK_EXC_COUNT) return 0;
    if (!(allowed_exceptions(step) & EXC_BIT(e->kind))) return 0;
    if (!date_valid(start) || !date_valid(deadline)) return 0;
    /* Overlap of [from, to] with [start, deadline]; a missing end is open. */
    if (date_valid(e->from) && e->from > deadline) return 0;
    if (date_valid(e->to) && e->to < start) return 0;
    return 1;
}

static int any_exception(const struct clock_request *req, enum clock_step step,
                         int32_t start, int32_t deadline)
{
    for (size_t i = 0; i < req->n_exceptions; i++)
        if (clock_exception_applies(step, &req->exceptions[i], start, deadline)) return 1;
    return 0;
}

int clock_week20(const struct clock_request *req)
{
    enum clock_step step = req->reassessment ? CLOCK_REASSESSMENT : CLOCK_FINAL_PLAN;
    int32_t start = req->reassessment ? req->decided : req->received;
    int32_t deadline;

    if (clock_deadline(step, start, &deadline) < 0) return 0;
    return any_exception(req, step, start, deadline);
}

/* ---- the timeline ------------------------------------------------------------- */

struct timeline {
    const struct clock_request *req;
    int32_t today, soon, withdrawn;
    struct clock_entry *e;
    size_t n;
};

/* Appends one step with a deadline counted from `start`. Applies the
 * withdrawal rule: a step that had not started by the day the request was
 * withdrawn is left out; one started but not done by then is CLOSED. */
static void add_step(struct timeline *t, enum clock_step step, const char *who,
                     int32_t start, int32_t done)
{
    struct clock_entry *x;
    int32_t deadline = DATE_NONE;
    int closed = 0;

    if (date_valid(t->withdrawn)) {
        if (!date_valid(start) || start > t->withdrawn) return;
        if (!date_valid(done) || done > t->withdrawn) {
            closed = 1;
            done = DATE_NONE;
        }
    }
    x = &t->e[t->n++];
    x->step = step;
    x->label = clock_step_label(step);
    x->reg = clock_step_reg(step);
    x->who = who;
    x->start = date_valid(start) ? start : DATE_NONE;
    x->done = date_valid(done) ? done : DATE_NONE;
    if (date_valid(start)) clock_deadline(step, start, &deadline);
    x->deadline = deadline;
    x->has_exception = date_valid(deadline) && any_exception(t->req, step, start, deadline);
    if (closed)
        x->status = (struct clock_status){CLOCK_CLOSED, 0};
    else if (step == CLOCK_DRAFT_COMMENTS)
        x->status = clock_draft_status(deadline, x->done, t->today);
    else
        x->status = clock_status_of(deadline, x->done, t->today, x->has_exception, t->soon);
}

int clock_timeline(const struct clock_request *req, int32_t today, int32_t soon_days,
                   struct clock_entry **out, size_t *n)
{
    struct timeline t = {req, today, soon_days, DATE_NONE, NULL, 0};
    int decided, plan_path, rc = -1;

    *out = NULL;
    *n = 0;
    if (!req || !date_valid(req->received)) goto done;
    if (req->n_advice && !req->advice) goto done;
    if (req->n_advice > SIZE_MAX / sizeof *t.e - 4) goto done;   /* size below cannot wrap */
    if (req->n_exceptions && !req->exceptions) goto done;

    /* At most: decision, each advice, no-plan notice, draft, final plan. */
    t.e = xcalloc(req->n_advice + 4, sizeof *t.e);
    t.withdrawn = req->withdrawn;
    decided = req->decision != CLOCK_OUTCOME_PENDING && date_valid(req->decided);
    if (!date_valid(t.withdrawn) && decided && req->decision == CLOCK_OUTCOME_WITHDRAWN)
        t.withdrawn = req->decided;         /* SEN2 'W': withdrawn on that day */

    if (!req->reassessment)
        add_step(&t, CLOCK_DECISION, NULL, req->received,
                 decided && req->decision != CLOCK_OUTCOME_WITHDRAWN ? req->decided : DATE_NONE);
    if (decided && req->decision == CLOCK_OUTCOME_NO) goto finish;   /* nothing follows */
    for (size_t i = 0; i < req->n_advice; i++)
        add_step(&t, CLOCK_ADVICE, req->advice[i].from, req->advice[i].asked,
                 req->advice[i].received);

    /* After assessing, the council either tells the family there will be no
     * plan (16 weeks) or sends a draft and then the final plan (20 weeks).
     * Until one of those has happened both limits are live and both shown. */
    plan_path = date_valid(req->draft_sent) || date_valid(req->final_issued);
    if (!req->reassessment && !plan_path) {
        add_step(&t, CLOCK_NO_PLAN_NOTICE, NULL, req->received, req->no_plan_notice);
        if (date_valid(req->no_plan_notice)) goto finish;
    }
    /* Listed while the draft is still to come (NOT_STARTED), but not when a
     * final plan exists and the draft date was never recorded. */
    if (date_valid(req->draft_sent) || !date_valid(req->final_issued))
        add_step(&t, CLOCK_DRAFT_COMMENTS, NULL, req->draft_sent, req->final_issued);
    if (req->reassessment)
        add_step(&t, CLOCK_REASSESSMENT, NULL,
                 decided && req->decision == CLOCK_OUTCOME_YES ? req->decided : DATE_NONE,
                 req->final_issued);
    else
        add_step(&t, CLOCK_FINAL_PLAN, NULL, req->received, req->final_issued);

finish:
    *out = t.e;
    *n = t.n;
    t.e = NULL;
    rc = 0;
done:
    free(t.e);
    return rc;
}

ptrdiff_t clock_most_urgent(const struct clock_entry *e, size_t n)
{
    ptrdiff_t best = -1;

    for (size_t i = 0; i < n; i++) {
        enum clock_state st = e[i].status.state;
        if (st != CLOCK_PENDING && st != CLOCK_DUE_SOON && st != CLOCK_OVERDUE &&
            st != CLOCK_OVERDUE_EXCEPTION)
            continue;
        if (best < 0 || e[i].deadline < e[best].deadline) best = (ptrdiff_t)i;
    }
    return best;
}
