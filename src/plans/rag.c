/* rag: the rating rule (see rag.h for the rule itself). */
#include "rag.h"

#include <math.h>
#include <string.h>

#include "core/date.h"

#define EPS 1e-9

/* The points baseline, milestones (sorted by date, inside the range), target
 * into out (caller's array of nmilestones + 2). Returns how many. */
static size_t points(const struct plans_measure *m, struct plans_point *out, size_t cap)
{
    size_t n = 0, i, j;
    out[n++] = m->baseline;
    for (i = 0; i < m->nmilestones && n + 1 < cap; i++) {
        struct plans_point p = m->milestones[i];
        if (!date_valid(p.date) || p.date <= m->baseline.date || p.date >= m->target.date) continue;
        j = n;
        while (j > 1 && out[j - 1].date > p.date) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = p;
        n++;
    }
    out[n++] = m->target;
    return n;
}

double plans_measure_expected(const struct plans_measure *m, int32_t day)
{
    struct plans_point pts[66];
    size_t n, i;
    double v = m->baseline.value;
    if (!date_valid(day) || day <= m->baseline.date) goto done;
    v = m->target.value;
    if (day >= m->target.date) goto done;
    n = points(m, pts, sizeof pts / sizeof pts[0]);
    for (i = 1; i < n; i++) {
        if (day <= pts[i].date) {
            double span = (double)date_diff(pts[i - 1].date, pts[i].date);
            double f = span > 0 ? (double)date_diff(pts[i - 1].date, day) / span : 1.0;
            v = pts[i - 1].value + f * (pts[i].value - pts[i - 1].value);
            break;
        }
    }
done:
    return v;
}

double plans_measure_progress(const struct plans_measure *m, double value)
{
    double span = m->target.value - m->baseline.value;
    if (fabs(span) < EPS) return value >= m->target.value - EPS ? 1.0 : 0.0;
    return (value - m->baseline.value) / span;
}

int plans_measure_behind(const struct plans_measure *m)
{
    double expected, dir;
    if (!date_valid(m->latest.date)) return 0;
    expected = plans_measure_expected(m, m->latest.date);
    dir = m->target.value >= m->baseline.value ? 1.0 : -1.0;
    return (m->latest.value - expected) * dir < -1e-6;
}

struct plans_rating plans_rag_action(const struct plans_action_facts *a, int32_t today,
                                     int stale_days)
{
    struct plans_rating r = {PLANS_RAG_GREEN, PLANS_REASON_ON_TRACK, 0};
    size_t i;
    if (a->status == PLANS_COMPLETED) {
        r.reason = PLANS_REASON_COMPLETE;
        return r;
    }
    if (stale_days > 0 && date_valid(a->last_update) && date_diff(a->last_update, today) > stale_days)
        r.stale = 1;
    if (date_valid(a->due) && today > a->due) {
        r.rag = PLANS_RAG_RED;
        r.reason = PLANS_REASON_OVERDUE;
    } else if (a->status == PLANS_BLOCKED) {
        r.rag = PLANS_RAG_RED;
        r.reason = PLANS_REASON_BLOCKED;
    } else if (a->status == PLANS_NOT_STARTED && date_valid(a->start) && today > a->start) {
        r.rag = PLANS_RAG_RED;
        r.reason = PLANS_REASON_NOT_STARTED;
    } else {
        for (i = 0; i < a->nmilestones; i++)
            if (!date_valid(a->milestones[i].done) && date_valid(a->milestones[i].due) &&
                today > a->milestones[i].due) {
                r.rag = PLANS_RAG_AMBER;
                r.reason = PLANS_REASON_MILESTONE;
                break;
            }
        for (i = 0; r.rag == PLANS_RAG_GREEN && i < a->nmeasures; i++)
            if (plans_measure_behind(&a->measures[i])) {
                r.rag = PLANS_RAG_AMBER;
                r.reason = PLANS_REASON_MEASURE;
            }
    }
    return r;
}

enum plans_rag plans_rag_worst(const enum plans_rag *r, size_t n)
{
    enum plans_rag w = PLANS_RAG_NONE;
    size_t i;
    for (i = 0; i < n; i++)
        if (r[i] > w) w = r[i];
    return w;
}

const char *plans_rag_name(enum plans_rag r)
{
    static const char *const n[] = {"none", "green", "amber", "red"};
    return (unsigned)r < 4 ? n[r] : "none";
}

const char *plans_rag_label(enum plans_rag r)
{
    static const char *const n[] = {"No actions yet", "Green", "Amber", "Red"};
    return (unsigned)r < 4 ? n[r] : "No actions yet";
}

const char *plans_reason_label(enum plans_reason r)
{
    switch (r) {
    case PLANS_REASON_COMPLETE: return "Complete";
    case PLANS_REASON_OVERDUE: return "Overdue: past its due date and not complete";
    case PLANS_REASON_BLOCKED: return "Blocked";
    case PLANS_REASON_NOT_STARTED: return "Not started, although its start date has passed";
    case PLANS_REASON_MILESTONE: return "A milestone was missed";
    case PLANS_REASON_MEASURE: return "A success measure is behind its milestone";
    case PLANS_REASON_ON_TRACK: return "On track";
    default: return "No actions yet";
    }
}

static const char *const status_names[] = {"not_started", "in_progress", "blocked", "completed"};
static const char *const status_labels[] = {"Not started", "In progress", "Blocked", "Completed"};

int plans_status_parse(const char *s)
{
    int i;
    for (i = 0; s && i < 4; i++)
        if (strcmp(s, status_names[i]) == 0) return i;
    return -1;
}

const char *plans_status_label(const char *s)
{
    int i = plans_status_parse(s);
    return i < 0 ? "Unknown" : status_labels[i];
}
