/* quality: SEN2 data-quality checks on one person. */
#include "quality.h"

#include <string.h>

#include "core/date.h"

struct qc {
    buf *out;
    size_t pos, n;
    const char *upn;
};

static void problem(struct qc *q, const char *what, const char *detail)
{
    buf_printf(q->out, "person %zu", q->pos);
    if (q->upn && *q->upn) buf_printf(q->out, " (UPN %s)", q->upn);
    buf_printf(q->out, ": %s%s%s\n", what, detail ? " " : "", detail ? detail : "");
    q->n++;
}

static void codes(struct qc *q, const struct sen2_rec *r, enum sen2_kind k)
{
    size_t n, i;
    const struct sen2_field *f = sen2_fields(k, &n);
    for (i = 0; i < n; i++) {
        const char *why, *v = sen2_val(r, i);
        if (!v) continue;
        if ((why = sen2_check(&f[i], v))) {
            char m[160];
            snprintf(m, sizeof m, "%s/%s", sen2_kind_tag(k), f[i].tag);
            problem(q, m, why);
        }
    }
}

static int32_t dt(const struct sen2_rec *r, enum sen2_kind k, const char *tag)
{
    int32_t d;
    const char *v = sen2_get(r, k, tag);
    return v && date_parse(v, &d) == 0 ? d : DATE_NONE;
}

static void order(struct qc *q, int32_t a, int32_t b, const char *msg)
{
    if (date_valid(a) && date_valid(b) && b < a) problem(q, "dates out of order:", msg);
}

size_t journeys_quality_check(const struct sen2_person *p, size_t position, int32_t census, buf *out)
{
    struct qc q = {out, position, 0, sen2_get(&p->person, SEN2_PERSON, "UPN")};
    const char *unk = sen2_get(&p->person, SEN2_PERSON, "UPNunknown");
    const char *uln = sen2_get(&p->person, SEN2_PERSON, "UniqueLearnerNumber");
    int32_t birth = dt(&p->person, SEN2_PERSON, "PersonBirthDate");
    size_t i, j;
    if ((!q.upn || !*q.upn) && (!unk || !*unk) && (!uln || !*uln))
        problem(&q, "UPN missing without a reason", "(give UPNunknown)");
    codes(&q, &p->person, SEN2_PERSON);
    for (i = 0; i < p->n_requests; i++) {
        const struct sen2_request *r = &p->requests[i];
        int32_t recv = dt(&r->req, SEN2_REQUEST, "ReceivedDate");
        codes(&q, &r->req, SEN2_REQUEST);
        order(&q, birth, recv, "request received before the date of birth");
        order(&q, recv, dt(&r->req, SEN2_REQUEST, "RequestOutcomeDate"), "request decided before it was received");
        if (r->has_assessment) {
            codes(&q, &r->assessment, SEN2_ASSESSMENT);
            order(&q, recv, dt(&r->assessment, SEN2_ASSESSMENT, "AssessmentOutcomeDate"), "assessment outcome before the request was received");
        }
        if (r->has_plan) {
            codes(&q, &r->plan, SEN2_NAMED_PLAN);
            order(&q, dt(&r->plan, SEN2_NAMED_PLAN, "StartDate"), dt(&r->plan, SEN2_NAMED_PLAN, "CeaseDate"), "plan ceased before it started");
            for (j = 0; j < r->n_plan_details; j++) codes(&q, &r->plan_details[j], SEN2_PLAN_DETAIL);
        }
        if (r->has_active) {
            int placed = 0;
            codes(&q, &r->active, SEN2_ACTIVE_PLANS);
            order(&q, dt(&r->active, SEN2_ACTIVE_PLANS, "ReviewMeeting"), dt(&r->active, SEN2_ACTIVE_PLANS, "LastReview"), "review decision before the review meeting");
            for (j = 0; j < r->n_placements; j++) {
                const struct sen2_rec *pl = &r->placements[j];
                int32_t in = dt(pl, SEN2_PLACEMENT_DETAIL, "EntryDate"), out_d = dt(pl, SEN2_PLACEMENT_DETAIL, "LeavingDate");
                codes(&q, pl, SEN2_PLACEMENT_DETAIL);
                order(&q, in, out_d, "placement left before it was entered");
                if ((!date_valid(in) || in <= census) && (!date_valid(out_d) || out_d > census)) placed = 1;
            }
            for (j = 0; j < r->n_needs; j++) codes(&q, &r->needs[j], SEN2_SEN_NEED);
            if (!placed) problem(&q, "active plan without a placement on the census date", NULL);
            if (r->n_needs == 0) problem(&q, "active plan without a recorded SEN need", NULL);
        }
    }
    return q.n;
}
