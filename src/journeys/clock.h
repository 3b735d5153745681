/* clock: the statutory EHC clock (SEND Regulations 2014, SI 2014/1530).
 *
 * The one place that knows how long each step of the EHC process may take.
 * Pages, worklists, reminders and the SEN2/DfE measures all ask this module;
 * nobody else adds 42 or 140 to a date.
 *
 * Counting rules, shared by every step:
 * - The law counts calendar days and weeks. A request received on a Saturday
 *   has its 6-week deadline on the Saturday 42 days later; weekends and bank
 *   holidays never move a deadline.
 * - "Within N weeks of X" means done on or before X + 7N days. This is how
 *   the DfE counts the 20-week measure (issue date <= received date + 140).
 * - Exceptions (reg 5(4), 8(2), 10(4), 13(3), 27(3)) never move a deadline.
 *   They mean the limit "need not be met": a step done late while one applies
 *   is "late with exception", shown as such, and for the final plan counted
 *   with Week20 = 1 (so left out of the DfE "_ex" measures).
 *
 * Dates are day numbers from core/date.h; DATE_NONE means "not happened" or
 * "unknown". Nothing here touches the database or allocates, except
 * clock_timeline(), whose result the caller frees. */
#ifndef SH_CLOCK_H
#define SH_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum clock_step {
    CLOCK_DECISION,              /* reg 5(1): decide whether to assess, 6 weeks from the request */
    CLOCK_ADVICE,                /* reg 8(1): each advice, 6 weeks from being asked */
    CLOCK_NO_PLAN_NOTICE,        /* reg 10(1): tell the family no plan, 16 weeks from the request */
    CLOCK_DRAFT_COMMENTS,        /* reg 13(1): at least 15 days to comment on the draft */
    CLOCK_FINAL_PLAN,            /* reg 13(2): final plan, 20 weeks from the request */
    CLOCK_ANNUAL_REVIEW_DECISION,/* reg 20: keep/amend/cease, 4 weeks from the review meeting */
    CLOCK_AMENDMENT,             /* reg 22: amended plan, 8 weeks from the proposals being sent */
    CLOCK_REASSESSMENT,          /* reg 27(2): final plan after re-assessment, 14 weeks */
    CLOCK_PHASE_TRANSFER,        /* reg 18(1): 15 February / 31 March of the transfer year */
    CLOCK_REVIEW_DUE,            /* s.44(1) CFA 2014: review at least every 12 months */
    CLOCK_STEP_COUNT
};

/* Plain-English label for the family page, e.g. "Decide whether to carry out
 * an assessment"; regulation reference, e.g. "reg 5(1)"; short stable key
 * for URLs, JSON and CSS, e.g. "decision". Static strings; unknown -> "". */
const char *clock_step_label(enum clock_step step);
const char *clock_step_reg(enum clock_step step);
const char *clock_step_key(enum clock_step step);

/* The statutory limit of `step` counted from `start` into *deadline.
 *
 * What `start` is, per step:
 *   CLOCK_DECISION, CLOCK_NO_PLAN_NOTICE, CLOCK_FINAL_PLAN: the day the
 *       council received the request;
 *   CLOCK_ADVICE: the day the advice was asked for (reg 8(1) counts from the
 *       day the adviser receives the request; sendhub records the day it
 *       was sent, which is the same day for e-mail and portal requests);
 *   CLOCK_DRAFT_COMMENTS: the day the draft was sent. The result is the
 *       EARLIEST day the plan may be finalised, draft + 15: reg 13(1) gives
 *       "at least 15 days, beginning with the day on which the draft plan was
 *       served", i.e. days draft .. draft+14, so the first free day is
 *       draft + 15;
 *   CLOCK_ANNUAL_REVIEW_DECISION: the day of the review meeting;
 *   CLOCK_AMENDMENT: the day the proposed amendments were sent;
 *   CLOCK_REASSESSMENT: the day the council told the family it would
 *       re-assess (reg 27(2) counts from the notice under reg 25(1), not
 *       from the request itself);
 *   CLOCK_REVIEW_DUE: the last review, or the day the plan was issued; the
 *       result is 12 calendar months later with month-end clamping
 *       (29 Feb 2024 -> 28 Feb 2025: see date_add_months). s.44(1) speaks
 *       of "each period of 12 months starting with" the last review; a
 *       strict reading ends that period the day before the anniversary.
 *       sendhub shows the anniversary, as SEN2 and councils' own tools do.
 * CLOCK_PHASE_TRANSFER has no start day: use clock_phase_transfer_deadline.
 * Returns 0, or -1 with *deadline = DATE_NONE for a bad step or start. */
int clock_deadline(enum clock_step step, int32_t start, int32_t *deadline);

/* Reg 18(1): the plan must be reviewed and amended for a transfer between
 * phases by 15 February of the calendar year of the transfer, or by 31 March
 * when a young person moves from secondary school to a post-16 institution
 * (post16 != 0). Reg 18(1) says "before" the date; the Code of Practice
 * (para 9.179) and the SEN2 PhaseTransferDueDate say "by", and sendhub
 * treats the date itself as still on time.
 * Returns 0, or -1 with *deadline = DATE_NONE for a year out of range. */
int clock_phase_transfer_deadline(int transfer_year, int post16, int32_t *deadline);

/* Reg 13(2): "within 20 weeks" <=> issued <= received + 140 days.
 * 0 when either date is missing. */
int clock_within_20_weeks(int32_t received, int32_t issued);

/* ---- status of one step ----------------------------------------------------- */

enum clock_state {
    CLOCK_NOT_STARTED,           /* the step's clock has not started yet (no start date) */
    CLOCK_PENDING,               /* running, more than soon_days left */
    CLOCK_DUE_SOON,              /* running, due within soon_days (0 = due today) */
    CLOCK_OVERDUE,               /* not done and the deadline has passed */
    CLOCK_OVERDUE_EXCEPTION,     /* the same, but an exception applies */
    CLOCK_DONE_ON_TIME,
    CLOCK_DONE_LATE,
    CLOCK_DONE_LATE_EXCEPTION,   /* done late while an exception applied */
    CLOCK_CLOSED,                /* the request was withdrawn before the step was done */
    CLOCK_PERIOD_OPEN,           /* draft comments: the family's 15 days are running */
    CLOCK_PERIOD_ENDED,          /* draft comments: 15 days over, plan may be finalised */
    CLOCK_TOO_EARLY,             /* draft comments: plan finalised inside the 15 days */
    CLOCK_STATE_COUNT
};

/* Plain-English label ("Overdue", "Done late (exception applies)") and key
 * ("overdue", "done-late-exception"). Static strings; unknown -> "". */
const char *clock_state_label(enum clock_state state);
const char *clock_state_key(enum clock_state state);

struct clock_status {
    enum clock_state state;
    /* PENDING, DUE_SOON:                days left until the deadline (0 = today)
     * PERIOD_OPEN:                     days until the plan may be finalised (>= 1)
     * OVERDUE*, DONE_LATE*:            days past the deadline (>= 1)
     * DONE_ON_TIME:                    days to spare (>= 0)
     * TOO_EARLY:                       days before the earliest allowed day
     * otherwise 0 */
    int32_t days;
};

/* Status of a step with a deadline, done on `done` (DATE_NONE if not yet),
 * seen on `today`. has_exception: an exception to this limit applies.
 * soon_days: how near counts as "due soon" (for example 7 or 14).
 * A missing deadline gives CLOCK_NOT_STARTED. Not for CLOCK_DRAFT_COMMENTS,
 * whose date is a "not before" limit: use clock_draft_status. */
struct clock_status clock_status_of(int32_t deadline, int32_t done, int32_t today,
                                    int has_exception, int32_t soon_days);

/* Status of the draft-comment period: earliest = clock_deadline(
 * CLOCK_DRAFT_COMMENTS, draft sent), finalised = the day the final plan
 * was issued (DATE_NONE if not yet). */
struct clock_status clock_draft_status(int32_t earliest, int32_t finalised, int32_t today);

/* ---- exceptions ------------------------------------------------------------- */

enum clock_exception_kind {
    CLOCK_EXC_SCHOOL_CLOSED,     /* reg 10(4)(a): advice asked of a school/college head
                                    from 1 week before a closure of 4+ weeks until
                                    1 week before it reopens */
    CLOCK_EXC_EARLY_YEARS_CLOSED,/* reg 10(4)(b): the same for an early-years provider */
    CLOCK_EXC_PERSONAL,          /* reg 10(4)(c): exceptional personal circumstances */
    CLOCK_EXC_ABSENT,            /* reg 10(4)(d): child/young person/parent away from the
                                    area for 4+ continuous weeks */
    CLOCK_EXC_MISSED_APPOINTMENT,/* reg 8(2)(c): missed an appointment for an examination
                                    or test: excuses the 6-week advice limit ONLY */
    CLOCK_EXC_COUNT
};

const char *clock_exception_label(enum clock_exception_kind kind);
const char *clock_exception_key(enum clock_exception_kind kind);   /* "school-closed" ... */
/* Key back to kind; -1 for an unknown key or NULL. */
int clock_exception_from_key(const char *key);

struct clock_exception {
    enum clock_exception_kind kind;
    int32_t from;                /* first day it applied; DATE_NONE = from the start */
    int32_t to;                  /* last day; DATE_NONE = still applies / open-ended */
    const char *note;            /* caseworker's note, borrowed; may be NULL */
};

/* 1 if exception e excuses the limit of `step` whose clock ran from start to
 * deadline: its kind must be one the law allows for that limit, and its
 * period [from, to] must overlap [start, deadline] (the regulations speak of
 * circumstances arising "during that time period").
 *   decision (reg 5(4)), no-plan notice (10(4)), final plan (13(3)),
 *   re-assessment (27(3)): kinds a-d;
 *   advice (reg 8(2)): personal circumstances, absence, missed appointment;
 *   every other step: none. */
int clock_exception_applies(enum clock_step step, const struct clock_exception *e,
                            int32_t start, int32_t deadline);

/* ---- the whole timeline of one EHC request ----------------------------------- */

enum clock_outcome {             /* SEN2 RequestOutcome / AssessmentOutcome */
    CLOCK_OUTCOME_PENDING,       /* 'A' not yet decided */
    CLOCK_OUTCOME_YES,           /* 'Y' */
    CLOCK_OUTCOME_NO,            /* 'N' */
    CLOCK_OUTCOME_WITHDRAWN      /* 'W' */
};

struct clock_advice {
    const char *from;            /* who was asked, e.g. "Educational psychology"; borrowed */
    int32_t asked;               /* day asked for */
    int32_t received;            /* day it came back; DATE_NONE if not yet */
};

struct clock_request {
    int32_t received;            /* the council received the request (required) */
    int reassessment;            /* 1: a re-assessment of an existing plan (reg 27) */
    int32_t decided;             /* the decision on assessing was sent (DATE_NONE: not yet) */
    enum clock_outcome decision; /* that decision */
    const struct clock_advice *advice;
    size_t n_advice;
    int32_t no_plan_notice;      /* family told no plan will be issued */
    int32_t draft_sent;
    int32_t final_issued;
    int32_t withdrawn;           /* request withdrawn or closed; DATE_NONE if not */
    const struct clock_exception *exceptions;
    size_t n_exceptions;
};

struct clock_entry {
    enum clock_step step;
    const char *label;           /* clock_step_label(step) */
    const char *reg;             /* clock_step_reg(step) */
    const char *who;             /* advice: who was asked (borrowed from the request); else NULL */
    int32_t start;               /* when this step's clock started; DATE_NONE if not yet */
    int32_t deadline;            /* legal limit (for draft comments: earliest final day) */
    int32_t done;                /* when it was done; DATE_NONE if not yet */
    int has_exception;           /* an exception to this limit applies */
    struct clock_status status;
};

/* Lists every step of one request in process order — the decision, each
 * advice request (in the order given), the no-plan notice, the draft comment
 * period and the final plan — with its legal deadline and status on `today`.
 * Steps that can no longer apply are left out: nothing after a decision not
 * to assess; no draft or final plan after a no-plan notice; no no-plan
 * notice once a draft or plan exists. Steps still to come are listed with
 * their deadlines, so a family sees the whole 20-week picture from day one.
 * For a re-assessment the final plan is CLOCK_REASSESSMENT (14 weeks from
 * the decision to re-assess), and there is no 6-week decision step (the
 * reg 25 notice is outside this module) or no-plan notice.
 * If the request was withdrawn (req->withdrawn, or decision 'W' on the day
 * `decided`), steps open on that day become CLOSED and steps not yet started
 * are left out. A re-assessment the council decided against has no entries.
 *
 * *out gets a malloc'd array of *n entries that the caller frees with free();
 * its strings are static or borrowed from req. Returns 0, or -1 (with
 * *out = NULL, *n = 0) when req->received is not a valid date. */
int clock_timeline(const struct clock_request *req, int32_t today, int32_t soon_days,
                   struct clock_entry **out, size_t *n);

/* For worklists: the index of the open step (pending, due soon or overdue)
 * with the earliest deadline — the one a caseworker must act on next — or -1
 * when nothing is open. The draft comment period is never "open work". */
ptrdiff_t clock_most_urgent(const struct clock_entry *e, size_t n);

/* SEN2 Week20 for a request: 1 if an exception to the 20-week (or 14-week
 * re-assessment) limit applies to it, else 0. Such plans are left out of
 * the "_ex" measures whether or not they were on time. */
int clock_week20(const struct clock_request *req);

#endif
