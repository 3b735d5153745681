/* pages: the journeys pages — worklist, children, child record, request with
 * its statutory timeline, the forms that record each step, the measures
 * page and the family view. Every view of a child is audited. */
#include "journeys/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/date.h"
#include "core/form.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/router.h"
#include "core/site.h"
#include "journeys/benchmarks.h"
#include "journeys/clock.h"
#include "journeys/journeys.h"
#include "journeys/kpis.h"
#include "journeys/records.h"
#include "journeys/sen2.h"
#include "journeys/settings.h"

#define SOON_DAYS 7



/* ---- small helpers ----------------------------------------------------------- */

static void long_date(buf *b, int32_t d)
{
    char s[DATE_LONG_LEN];
    if (date_valid(d) && date_format_long(d, s) == 0) buf_add(b, s);
    else buf_add(b, "Not yet");
}

static void long_date_s(buf *b, const char *iso)
{
    int32_t d;
    long_date(b, iso && date_parse(iso, &d) == 0 ? d : DATE_NONE);
}

static json_t *cell_text(const char *t)
{
    return json_pack("{s:s}", "text", t ? t : "");
}

static json_t *cell_html(buf *h)
{
    json_t *c = json_pack("{s:s}", "html", buf_str(h));
    buf_reset(h);
    return c;
}

static const char *state_tag_class(enum clock_state s)
{
    switch (s) {
    case CLOCK_OVERDUE: return "govuk-tag govuk-tag--red";
    case CLOCK_OVERDUE_EXCEPTION: return "govuk-tag govuk-tag--orange";
    case CLOCK_DUE_SOON: return "govuk-tag govuk-tag--yellow";
    case CLOCK_DONE_ON_TIME: case CLOCK_PERIOD_ENDED: return "govuk-tag govuk-tag--green";
    case CLOCK_DONE_LATE: case CLOCK_DONE_LATE_EXCEPTION: case CLOCK_TOO_EARLY: return "govuk-tag govuk-tag--pink";
    default: return "govuk-tag govuk-tag--grey";
    }
}

/* A tag whose words say the state (never colour alone). */
static void state_tag(buf *b, const struct clock_status *s)
{
    buf_printf(b, "<strong class=\"%s\">", state_tag_class(s->state));
    html_txt(b, clock_state_label(s->state));
    buf_add(b, "</strong>");
    if ((s->state == CLOCK_OVERDUE || s->state == CLOCK_OVERDUE_EXCEPTION || s->state == CLOCK_DONE_LATE ||
         s->state == CLOCK_DONE_LATE_EXCEPTION) && s->days > 0)
        buf_printf(b, " <span class=\"govuk-body-s\">%d day%s late</span>", (int)s->days, s->days == 1 ? "" : "s");
    else if ((s->state == CLOCK_PENDING || s->state == CLOCK_DUE_SOON))
        buf_printf(b, " <span class=\"govuk-body-s\">%s</span>", s->days == 0 ? "due today" : "");
}

static void heading_caption(buf *b, const char *caption, const char *title)
{
    buf_add(b, "<span class=\"govuk-caption-l\">");
    html_txt(b, caption);
    buf_add(b, "</span><h1 class=\"govuk-heading-l\">");
    html_txt(b, title);
    buf_add(b, "</h1>");
}

/* The child's display name ("Forename Surname") into out, and area name. */
static int child_names(db *d, const char *child_id, char *name, size_t n, char *area, size_t an)
{
    db_stmt *st = NULL;
    int rc = db_prepare(d, "SELECT c.forename, c.surname, a.name FROM journeys_children c JOIN areas a ON a.id = c.area_id WHERE c.id = ?", &st);
    name[0] = '\0';
    if (area) area[0] = '\0';
    if (rc == DB_OK) {
        db_bind_text(st, 1, child_id);
        rc = db_step(st);
        if (rc == DB_ROW) {
            snprintf(name, n, "%s %s", db_col_text(st, 0) ? db_col_text(st, 0) : "", db_col_text(st, 1) ? db_col_text(st, 1) : "");
            if (area) snprintf(area, an, "%s", db_col_text(st, 2) ? db_col_text(st, 2) : "");
        }
    }
    db_finalize(st);
    return rc;
}

/* ---- the timeline ------------------------------------------------------------------ */

/* The steps of one request as a table. family: plainer words, no statuses
 * beyond done / to come. */
static void timeline_table(buf *b, const struct journeys_req *r, int family)
{
    struct clock_entry *e = NULL;
    size_t n = 0, i;
    json_t *rows = json_array();
    buf h = BUF_INIT;
    if (clock_timeline(&r->creq, date_today(), SOON_DAYS, &e, &n) != 0) {
        buf_add(b, "<p class=\"govuk-body\">The date the request was received is not recorded, so the deadlines cannot be shown.</p>");
        json_decref(rows);
        return;
    }
    for (i = 0; i < n; i++) {
        json_t *row = json_array();
        html_txt(&h, e[i].label);
        if (e[i].who) {
            buf_add(&h, ": ");
            html_txt(&h, e[i].who);
        }
        if (!family) {
            buf_add(&h, " <span class=\"govuk-body-s\">(");
            html_txt(&h, e[i].reg);
            buf_add(&h, ")</span>");
        }
        json_array_append_new(row, cell_html(&h));
        if (e[i].step == CLOCK_DRAFT_COMMENTS && date_valid(e[i].deadline)) buf_add(&h, "Not before ");
        long_date(&h, e[i].deadline);
        json_array_append_new(row, cell_html(&h));
        long_date(&h, e[i].done);
        json_array_append_new(row, cell_html(&h));
        state_tag(&h, &e[i].status);
        if (e[i].has_exception) buf_add(&h, " <span class=\"govuk-body-s\">An exception applies</span>");
        json_array_append_new(row, cell_html(&h));
        json_array_append_new(rows, row);
    }
    {
        json_t *o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s}], s:o}", "caption",
                              family ? "Steps and legal deadlines" : "Statutory timeline", "captionClasses", "govuk-table__caption--m",
                              "head", "text", "Step", "text", "Legal deadline", "text", "Done", "text", "Status", "rows", rows);
        govuk_table(b, o);
        json_decref(o);
    }
    buf_free(&h);
    free(e);
}

/* ---- worklist ------------------------------------------------------------------------- */

struct work {
    char child_id[37], request_id[37], name[160], what[200];
    int32_t deadline;
    struct clock_status status;
};

static int work_cmp(const void *a, const void *b)
{
    const struct work *x = a, *y = b;
    int xo = x->status.state == CLOCK_OVERDUE || x->status.state == CLOCK_OVERDUE_EXCEPTION;
    int yo = y->status.state == CLOCK_OVERDUE || y->status.state == CLOCK_OVERDUE_EXCEPTION;
    if (xo != yo) return yo - xo;
    return x->deadline < y->deadline ? -1 : x->deadline > y->deadline;
}

/* Collects the caller's work into *out (malloc'd, caller frees). */
static int journeys_worklist(req *rq, struct work **out, size_t *n)
{
    db_stmt *st = NULL;
    struct work *w = NULL;
    size_t cap = 0, k = 0;
    int rc, council = journeys_is_council(rq);
    int32_t today = date_today();
    struct journeys_req *r = xcalloc(1, sizeof *r);
    *out = NULL;
    *n = 0;
    /* Open requests of children the caller may see (councils: their own
     * decisions and plans; others: the advice asked of them). */
    rc = db_prepare(rq->db, "SELECT q.id, c.id, c.forename, c.surname FROM journeys_requests q JOIN journeys_children c ON c.id = q.child_id "
                            "WHERE " JOURNEYS_VISIBLE_SQL " AND COALESCE(q.request_outcome, '') NOT IN ('N', 'W') "
                            "AND COALESCE(q.assessment_outcome, '') NOT IN ('Y', 'N', 'W', 'H') ORDER BY c.seq, q.seq", &st);
    if (rc != DB_OK) goto done;
    journeys_bind_visible(st, 1, rq);
    while ((rc = db_step(st)) == DB_ROW) {
        struct clock_entry *e = NULL;
        size_t ne = 0, i, ai = 0;
        if ((rc = journeys_req_load(rq->db, db_col_text(st, 0), r)) != DB_ROW) { if (rc < 0) goto done; continue; }
        if (clock_timeline(&r->creq, today, SOON_DAYS, &e, &ne) != 0) continue;
        for (i = 0; i < ne; i++) {
            int mine, open;
            const char *who_org = NULL;
            if (e[i].step == CLOCK_ADVICE) {
                while (ai < r->n_advice && r->cadv[ai].asked != e[i].start) ai++;
                if (ai < r->n_advice) who_org = r->advice[ai].org_id;
                if (ai < r->n_advice) ai++;
            }
            open = e[i].status.state == CLOCK_PENDING || e[i].status.state == CLOCK_DUE_SOON ||
                   e[i].status.state == CLOCK_OVERDUE || e[i].status.state == CLOCK_OVERDUE_EXCEPTION;
            if (!open || e[i].step == CLOCK_DRAFT_COMMENTS) continue;
            if (e[i].step == CLOCK_ADVICE) mine = who_org && strcmp(who_org, rq->user->org_id) == 0;
            else mine = council;
            if (!mine) continue;
            if (k == cap) {
                cap = cap ? cap * 2 : 32;
                w = xrealloc(w, cap * sizeof *w);
            }
            memset(&w[k], 0, sizeof w[k]);
            snprintf(w[k].child_id, sizeof w[k].child_id, "%s", db_col_text(st, 1));
            snprintf(w[k].request_id, sizeof w[k].request_id, "%s", r->id);
            snprintf(w[k].name, sizeof w[k].name, "%s %s", db_col_text(st, 2) ? db_col_text(st, 2) : "",
                     db_col_text(st, 3) ? db_col_text(st, 3) : "");
            snprintf(w[k].what, sizeof w[k].what, "%s%s%s", e[i].label, e[i].who ? ": " : "", e[i].who ? e[i].who : "");
            w[k].deadline = e[i].deadline;
            w[k].status = e[i].status;
            k++;
        }
        free(e);
    }
    rc = rc == DB_DONE ? DB_OK : rc;
    if (k) qsort(w, k, sizeof *w, work_cmp);
done:
    db_finalize(st);
    free(r);
    if (rc != DB_OK) {
        free(w);
        w = NULL;
        k = 0;
    }
    *out = w;
    *n = k;
    return rc;
}

static void worklist_page(req *rq, resp *rs)
{
    struct work *w = NULL;
    size_t n = 0, i, overdue = 0, week = 0;
    buf b = BUF_INIT, h = BUF_INIT;
    json_t *rows = json_array(), *o;
    int rc = journeys_worklist(rq, &w, &n);
    if (rc != DB_OK) {
        json_decref(rows);
        resp_db_error(rq, rs, rc);
        return;
    }
    for (i = 0; i < n; i++) {
        json_t *row = json_array();
        if (w[i].status.state == CLOCK_OVERDUE || w[i].status.state == CLOCK_OVERDUE_EXCEPTION) overdue++;
        else if (w[i].status.state == CLOCK_DUE_SOON) week++;
        buf_add(&h, "<a class=\"govuk-link\" href=\"/journeys/requests/");
        html_attr(&h, w[i].request_id);
        buf_add(&h, "\">");
        html_txt(&h, w[i].name);
        buf_add(&h, "</a>");
        json_array_append_new(row, cell_html(&h));
        json_array_append_new(row, cell_text(w[i].what));
        long_date(&h, w[i].deadline);
        json_array_append_new(row, cell_html(&h));
        state_tag(&h, &w[i].status);
        json_array_append_new(row, cell_html(&h));
        json_array_append_new(rows, row);
    }
    heading_caption(&b, rq->user->org_name ? rq->user->org_name : "", "Work due");
    buf_printf(&b, "<p class=\"govuk-body\">%zu overdue, %zu due in the next 7 days, %zu in all. Overdue work is listed first, then by legal deadline.</p>",
               overdue, week, n);
    if (journeys_is_council(rq))
        buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/journeys/children/new\">Record a new request for an EHC needs assessment</a></p>");
    buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/journeys/children\">All children and young people</a> · "
                "<a class=\"govuk-link\" href=\"/journeys/kpis\">Timeliness measures</a></p>");
    if (n == 0) {
        buf_add(&b, "<p class=\"govuk-body\">Nothing is due from your organisation.</p>");
        json_decref(rows);
    } else {
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s}], s:o}", "caption", "Due from your organisation", "captionClasses",
                      "govuk-table__caption--m", "head", "text", "Child or young person", "text", "Step", "text", "Legal deadline",
                      "text", "Status", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
    }
    page_render(rq, rs, 200, "Work due", buf_str(&b));
    audit_log(rq, rs, "view", "journeys-worklist", NULL, NULL);
    free(w);
    buf_free(&b);
    buf_free(&h);
}

/* ---- children ----------------------------------------------------------------------------- */

static void children_page(req *rq, resp *rs)
{
    db_stmt *st = NULL;
    buf b = BUF_INIT, h = BUF_INIT;
    json_t *rows = json_array(), *o;
    int rc = db_prepare(rq->db, "SELECT c.id, c.forename, c.surname, c.birth_date, a.name FROM journeys_children c JOIN areas a ON a.id = c.area_id "
                                "WHERE " JOURNEYS_VISIBLE_SQL " ORDER BY c.surname, c.forename, c.id", &st);
    if (rc != DB_OK) goto fail;
    journeys_bind_visible(st, 1, rq);
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *row = json_array();
        buf_add(&h, "<a class=\"govuk-link\" href=\"/journeys/children/");
        html_attr(&h, db_col_text(st, 0));
        buf_add(&h, "\">");
        html_txt(&h, db_col_text(st, 1));
        buf_add(&h, " ");
        html_txt(&h, db_col_text(st, 2));
        buf_add(&h, "</a>");
        json_array_append_new(row, cell_html(&h));
        long_date_s(&h, db_col_text(st, 3));
        json_array_append_new(row, cell_html(&h));
        json_array_append_new(row, cell_text(db_col_text(st, 4)));
        json_array_append_new(rows, row);
    }
    if (rc != DB_DONE) goto fail;
    heading_caption(&b, "EHC needs assessments and plans", "Children and young people");
    if (json_array_size(rows) == 0) {
        buf_add(&b, "<p class=\"govuk-body\">Your organisation is not involved with any child or young person yet.</p>");
        json_decref(rows);
    } else {
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s}], s:o}", "caption", "Children and young people your organisation is involved with",
                      "captionClasses", "govuk-table__caption--m", "head", "text", "Name", "text", "Date of birth", "text", "Area", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
    }
    page_render(rq, rs, 200, "Children and young people", buf_str(&b));
    audit_log(rq, rs, "view", "child-list", NULL, NULL);
    goto done;
fail:
    json_decref(rows);
    resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
done:
    db_finalize(st);
    buf_free(&b);
    buf_free(&h);
}

/* 1 when the handler may go on; otherwise the response is written. */
static int guard_child(req *rq, resp *rs, const char *child_id)
{
    int a = journeys_child_access(rq, child_id);
    if (a < 0) resp_db_error(rq, rs, DB_ERROR);
    else if (a == 0) resp_error(rq, rs, 404, "not_found", "Page not found", NULL);
    return a == 1;
}

static void summary_row(json_t *rows, const char *key, const char *value)
{
    json_array_append_new(rows, json_pack("{s:{s:s}, s:{s:s}}", "key", "text", key, "value", "text", value && *value ? value : "Not recorded"));
}

static void child_page_ex(req *rq, resp *rs, const char *child_id, const char *new_code)
{
    db_stmt *st = NULL;
    buf b = BUF_INIT, h = BUF_INIT, t = BUF_INIT;
    json_t *rows = json_array(), *o, *reqs = json_array();
    char name[200] = "";
    int rc;
    if (!guard_child(rq, rs, child_id)) { json_decref(rows); json_decref(reqs); return; }
    rc = db_prepare(rq->db, "SELECT c.forename, c.surname, c.birth_date, c.sex, c.ethnicity, c.postcode, c.upn, c.uln, c.upn_unknown, a.name, c.contact "
                            "FROM journeys_children c JOIN areas a ON a.id = c.area_id WHERE c.id = ?", &st);
    if (rc != DB_OK) goto fail;
    db_bind_text(st, 1, child_id);
    if ((rc = db_step(st)) != DB_ROW) goto fail;
    snprintf(name, sizeof name, "%s %s", db_col_text(st, 0) ? db_col_text(st, 0) : "", db_col_text(st, 1) ? db_col_text(st, 1) : "");
    long_date_s(&t, db_col_text(st, 2));
    summary_row(rows, "Date of birth", buf_str(&t));
    summary_row(rows, "Sex", db_col_text(st, 3));
    summary_row(rows, "Ethnicity", db_col_text(st, 4));
    summary_row(rows, "Postcode", db_col_text(st, 5));
    summary_row(rows, "Unique pupil number (UPN)", db_col_text(st, 6));
    summary_row(rows, "Unique learner number", db_col_text(st, 7));
    summary_row(rows, "Reason the UPN is not known", db_col_text(st, 8));
    summary_row(rows, "Council area", db_col_text(st, 9));
    summary_row(rows, "Family's contact", db_col_text(st, 10));
    db_finalize(st);
    st = NULL;
    heading_caption(&b, "Child or young person", name);
    if (new_code) {
        buf_add(&h, "<p class=\"govuk-body\">Give the family this code. It is shown only once. They open <strong>/family/");
        html_txt(&h, new_code);
        buf_add(&h, "</strong> to see where their request stands. Any earlier code no longer works.</p>");
        o = json_pack("{s:s, s:s, s:s}", "titleText", "New family link created", "html", buf_str(&h), "type", "success");
        buf_reset(&h);
        govuk_notification_banner(&b, o);
        json_decref(o);
    }
    o = json_pack("{s:o}", "rows", rows);
    govuk_summary_list(&b, o);
    json_decref(o);
    rc = db_prepare(rq->db, "SELECT id, seq, received_date, request_outcome, assessment_outcome, assessment_outcome_date FROM journeys_requests WHERE child_id = ? ORDER BY seq", &st);
    if (rc != DB_OK) goto fail2;
    db_bind_text(st, 1, child_id);
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *row = json_array();
        const char *ao = db_col_text(st, 4), *ro = db_col_text(st, 3);
        buf_add(&h, "<a class=\"govuk-link\" href=\"/journeys/requests/");
        html_attr(&h, db_col_text(st, 0));
        buf_add(&h, "\">Request received ");
        long_date_s(&h, db_col_text(st, 2));
        buf_add(&h, "</a>");
        json_array_append_new(row, cell_html(&h));
        json_array_append_new(row, cell_text(ao && *ao == 'Y' ? "Plan issued" : ao && *ao == 'N' ? "Decided not to issue a plan" :
                                             ro && *ro == 'N' ? "Decided not to assess" : ro && *ro == 'Y' ? "Being assessed" :
                                             ro && *ro == 'W' ? "Withdrawn" : "Waiting for a decision"));
        json_array_append_new(reqs, row);
    }
    if (rc != DB_DONE) goto fail2;
    if (json_array_size(reqs)) {
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s}], s:O}", "caption", "Requests for an EHC needs assessment", "captionClasses",
                      "govuk-table__caption--m", "head", "text", "Request", "text", "Where it stands", "rows", reqs);
        govuk_table(&b, o);
        json_decref(o);
    }
    if (journeys_is_council(rq)) {
        buf_add(&b, "<h2 class=\"govuk-heading-m\">Family link</h2><p class=\"govuk-body\">The family can follow the request through a private "
                    "link. Creating a new one stops the old one working.</p><form method=\"post\" action=\"/journeys/children/");
        html_attr(&b, child_id);
        buf_add(&b, "/family-link\" novalidate>");
        page_csrf_field(rq, &b);
        o = json_pack("{s:s, s:s}", "text", "Create a new family link", "classes", "govuk-button--secondary");
        govuk_button(&b, o);
        json_decref(o);
        buf_add(&b, "</form>");
    }
    page_render(rq, rs, 200, name, buf_str(&b));
    audit_log(rq, rs, "view", "child", child_id, NULL);
    goto done;
fail:
    json_decref(rows);
fail2:
    resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
done:
    json_decref(reqs);
    db_finalize(st);
    buf_free(&b);
    buf_free(&h);
    buf_free(&t);
}

static void child_page(req *rq, resp *rs)
{
    child_page_ex(rq, rs, req_param(rq, "id"), NULL);
}

static void family_link_post(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    char code[49], hash[IDS_HASH_LEN];
    int rc;
    if (!guard_child(rq, rs, id)) return;
    if (!journeys_is_council(rq)) {
        resp_error(rq, rs, 403, "forbidden", "Only the council can create a family link.", NULL);
        return;
    }
    ids_random_hex(code, 24);
    ids_hash_hex(code, hash);
    rc = db_query_text(rq->db, NULL, "UPDATE journeys_children SET family_token_hash = ? WHERE id = ?", 2, hash, id);
    if (rc < 0) { resp_db_error(rq, rs, rc); return; }
    audit_log(rq, rs, "update", "child-family-link", id, NULL);
    child_page_ex(rq, rs, id, code);
}

/* ---- request page ---------------------------------------------------------------------- */

static const struct { const char *key, *label; } record_steps[] = {
    {"decision", "Record the decision whether to assess"},
    {"advice", "Record advice asked for"},
    {"advice-received", "Record advice received"},
    {"draft", "Record the draft plan sent"},
    {"final", "Record the outcome of the assessment"},
    {"exception", "Record an exception to the time limits"},
    {"review", "Record an annual review"},
    {"placement", "Record a placement"},
    {"need", "Record a special educational need"},
    {"phase-transfer", "Record a phase transfer"},
    {"amendment", "Record an amendment to the plan"},
};

static const char *const review_v[] = {"1", "2", "3", NULL};
static const char *const review_l[] = {"Keep the plan as it is", "Amend the plan", "Stop (cease) the plan", NULL};

static int32_t iso_day(const char *s)
{
    int32_t d;
    return s && *s && date_parse(s, &d) == 0 ? d : DATE_NONE;
}

/* One row of the plan's clock table: label (with "(proposals sent <date>)"
 * when sent is given), the legal deadline, when it was done and its status. */
static void clock_row(json_t *rows, buf *h, const char *label, const char *sent, int32_t due, int32_t done)
{
    struct clock_status st = clock_status_of(due, done, date_today(), 0, SOON_DAYS);
    json_t *row = json_array();
    html_txt(h, label);
    if (sent) {
        buf_add(h, " (proposals sent ");
        long_date_s(h, sent);
        buf_add(h, ")");
    }
    json_array_append_new(row, cell_html(h));
    long_date(h, due);
    json_array_append_new(row, cell_html(h));
    long_date(h, done);
    json_array_append_new(row, cell_html(h));
    state_tag(h, &st);
    json_array_append_new(row, cell_html(h));
    json_array_append_new(rows, row);
}

static const char *const setting_v[] = {"OLA", "OPA", "EHE", "EYP", "OTH", "NEET", "NIEC", "NIEO", NULL};
static const char *const setting_l[] = {"Other arrangements made by the council (OLA)", "Other arrangements made by parents (OPA)",
                                        "Elective home education (EHE)", "Early years provider without a URN (EYP)", "Other (OTH)",
                                        "Not in education, employment or training (NEET)", "Not in education (NIEC)",
                                        "Not in education, other (NIEO)", NULL};
static const char *const need_v[] = {"ASD", "SLCN", "SEMH", "MLD", "SLD", "PMLD", "SPLD", "HI", "VI", "MSI", "PD", "DS", "OTH", NULL};
static const char *const need_l[] = {"Autistic spectrum disorder", "Speech, language and communication needs",
                                     "Social, emotional and mental health", "Moderate learning difficulty", "Severe learning difficulty",
                                     "Profound and multiple learning difficulty", "Specific learning difficulty", "Hearing impairment",
                                     "Vision impairment", "Multi-sensory impairment", "Physical disability", "Down syndrome",
                                     "Other difficulty or disability", NULL};

static const char *label_of(const char *const *vals, const char *const *labels, const char *v)
{
    size_t i;
    for (i = 0; v && vals[i]; i++)
        if (strcmp(vals[i], v) == 0) return labels[i];
    return v ? v : "";
}

/* The placements and SEN needs recorded on a plan (SEN2 ActivePlans). */
static int placements_section(buf *b, db *d, const struct journeys_req *r)
{
    db_stmt *st = NULL;
    json_t *rows = json_array(), *o;
    buf h = BUF_INIT;
    int rc = db_prepare(d, "SELECT urn, ukprn, sen_setting, placement_rank, entry_date, leaving_date FROM journeys_placements "
                           "WHERE request_id = ? AND kind = 'active' ORDER BY seq", &st);
    if (rc != DB_OK) goto done;
    db_bind_text(st, 1, r->id);
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *row = json_array();
        const char *urn = db_col_text(st, 0), *ukprn = db_col_text(st, 1), *set = db_col_text(st, 2);
        if (urn && *urn) { buf_add(&h, "URN "); html_txt(&h, urn); }
        else if (ukprn && *ukprn) { buf_add(&h, "UKPRN "); html_txt(&h, ukprn); }
        else html_txt(&h, label_of(setting_v, setting_l, set));
        json_array_append_new(row, cell_html(&h));
        json_array_append_new(row, cell_text(db_col_text(st, 3) ? db_col_text(st, 3) : ""));
        long_date_s(&h, db_col_text(st, 4));
        json_array_append_new(row, cell_html(&h));
        long_date_s(&h, db_col_text(st, 5));
        json_array_append_new(row, cell_html(&h));
        json_array_append_new(rows, row);
    }
    if (rc != DB_DONE) goto done;
    db_finalize(st);
    st = NULL;
    if (json_array_size(rows)) {
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s}], s:O}", "caption", "Placements", "captionClasses", "govuk-table__caption--m",
                      "head", "text", "School or setting", "text", "Rank", "text", "Entry date", "text", "Leaving date", "rows", rows);
        govuk_table(b, o);
        json_decref(o);
    }
    json_array_clear(rows);
    rc = db_prepare(d, "SELECT sen_type, sen_type_rank FROM journeys_needs WHERE request_id = ? ORDER BY sen_type_rank, seq", &st);
    if (rc != DB_OK) goto done;
    db_bind_text(st, 1, r->id);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *rank = db_col_text(st, 1);
        json_array_append_new(rows, json_pack("[{s:s}, {s:s}]", "text", label_of(need_v, need_l, db_col_text(st, 0)), "text",
                                              rank && strcmp(rank, "1") == 0 ? "Primary need" : rank && strcmp(rank, "2") == 0 ? "Secondary need" : "Not recorded"));
    }
    if (rc != DB_DONE) goto done;
    if (json_array_size(rows)) {
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s}], s:O}", "caption", "Special educational needs", "captionClasses", "govuk-table__caption--m",
                      "head", "text", "Type of need", "text", "Rank", "rows", rows);
        govuk_table(b, o);
        json_decref(o);
    }
    rc = DB_OK;
done:
    db_finalize(st);
    json_decref(rows);
    buf_free(&h);
    return rc < 0 ? rc : DB_OK;
}

/* Annual reviews of an issued plan: the 12-month review and the 4-week decision. */
static void reviews_section(buf *b, const struct journeys_req *r)
{
    json_t *rows = json_array(), *o;
    buf h = BUF_INIT;
    int32_t today = date_today(), from, due, meet = iso_day(r->review_meeting), dec = iso_day(r->last_review);
    if (!r->has_plan && !r->has_active) { json_decref(rows); return; }
    from = date_valid(dec) ? dec : iso_day(r->plan_start);
    if (date_valid(from) && clock_deadline(CLOCK_REVIEW_DUE, from, &due) == 0 && !r->cease_date[0]) {
        struct clock_status st = clock_status_of(due, DATE_NONE, today, 0, 28);
        json_t *row = json_array();
        html_txt(&h, clock_step_label(CLOCK_REVIEW_DUE));
        json_array_append_new(row, cell_html(&h));
        long_date(&h, due);
        json_array_append_new(row, cell_html(&h));
        long_date(&h, DATE_NONE);
        json_array_append_new(row, cell_html(&h));
        state_tag(&h, &st);
        json_array_append_new(row, cell_html(&h));
        json_array_append_new(rows, row);
    }
    if (date_valid(meet) && clock_deadline(CLOCK_ANNUAL_REVIEW_DECISION, meet, &due) == 0) {
        struct clock_status st = clock_status_of(due, date_valid(dec) && dec >= meet ? dec : DATE_NONE, today, 0, SOON_DAYS);
        json_t *row = json_array();
        html_txt(&h, clock_step_label(CLOCK_ANNUAL_REVIEW_DECISION));
        buf_add(&h, " (meeting ");
        long_date(&h, meet);
        buf_add(&h, ")");
        json_array_append_new(row, cell_html(&h));
        long_date(&h, due);
        json_array_append_new(row, cell_html(&h));
        long_date(&h, date_valid(dec) && dec >= meet ? dec : DATE_NONE);
        json_array_append_new(row, cell_html(&h));
        state_tag(&h, &st);
        json_array_append_new(row, cell_html(&h));
        json_array_append_new(rows, row);
    }
    /* Phase transfer (reg 18): the due date recorded is itself the limit. */
    if (date_valid(iso_day(r->phase_due)))
        clock_row(rows, &h, clock_step_label(CLOCK_PHASE_TRANSFER), NULL, iso_day(r->phase_due), iso_day(r->phase_final));
    /* Amendment (reg 22): 8 weeks from the proposals being sent. */
    if (date_valid(iso_day(r->amend_sent)) && clock_deadline(CLOCK_AMENDMENT, iso_day(r->amend_sent), &due) == 0)
        clock_row(rows, &h, clock_step_label(CLOCK_AMENDMENT), r->amend_sent, due, iso_day(r->amend_final));
    if (json_array_size(rows) == 0) { json_decref(rows); buf_free(&h); return; }
    o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s}], s:o}", "caption", "Reviews of the plan", "captionClasses", "govuk-table__caption--m",
                  "head", "text", "Step", "text", "Legal deadline", "text", "Done", "text", "Status", "rows", rows);
    govuk_table(b, o);
    json_decref(o);
    buf_free(&h);
}

/* Steps that change an issued plan (listed only once there is one). */
static int plan_step(const char *key)
{
    return strcmp(key, "placement") == 0 || strcmp(key, "need") == 0 || strcmp(key, "phase-transfer") == 0 ||
           strcmp(key, "amendment") == 0;
}

static void request_page(req *rq, resp *rs)
{
    struct journeys_req *r = xcalloc(1, sizeof *r);
    buf b = BUF_INIT;
    char name[200], area[160];
    int rc = journeys_req_load(rq->db, req_param(rq, "id"), r);
    size_t i;
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    if (rc != DB_ROW) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); goto done; }
    if (!guard_child(rq, rs, r->child_id)) goto done;
    child_names(rq->db, r->child_id, name, sizeof name, area, sizeof area);
    {
        json_t *o = json_pack("{s:s, s:s}", "text", "Back to the child's record", "href", "/journeys/children");
        buf h = BUF_INIT;
        buf_add(&h, "/journeys/children/");
        buf_add(&h, r->child_id);
        json_object_set_new(o, "href", json_string(buf_str(&h)));
        govuk_back_link(&b, o);
        json_decref(o);
        buf_free(&h);
    }
    heading_caption(&b, name, "Request for an EHC needs assessment");
    buf_add(&b, "<p class=\"govuk-body\">Received ");
    long_date_s(&b, r->received);
    buf_add(&b, ". Deadlines count in calendar days from the dates recorded (SEND Regulations 2014).</p>");
    if (r->exc_kind[0] && clock_exception_from_key(r->exc_kind) >= 0) {
        buf h = BUF_INIT;
        json_t *o;
        buf_add(&h, "An exception applies: ");
        html_txt(&h, clock_exception_label((enum clock_exception_kind)clock_exception_from_key(r->exc_kind)));
        buf_add(&h, ", from ");
        long_date_s(&h, r->exc_from);
        if (r->exc_to[0]) {
            buf_add(&h, " to ");
            long_date_s(&h, r->exc_to);
        }
        buf_add(&h, ".");
        if (r->exc_note[0]) {
            buf_add(&h, " Note: ");
            html_txt(&h, r->exc_note);
        }
        o = json_pack("{s:s}", "html", buf_str(&h));
        govuk_inset_text(&b, o);
        json_decref(o);
        buf_free(&h);
    }
    timeline_table(&b, r, 0);
    reviews_section(&b, r);
    if ((rc = placements_section(&b, rq->db, r)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    buf_add(&b, "<h2 class=\"govuk-heading-m\">Record a step</h2><ul class=\"govuk-list\">");
    for (i = 0; i < sizeof record_steps / sizeof record_steps[0]; i++) {
        if (!journeys_is_council(rq) && strcmp(record_steps[i].key, "advice-received") != 0) continue;
        if (!r->has_plan && !r->has_active && plan_step(record_steps[i].key)) continue;
        buf_add(&b, "<li><a class=\"govuk-link\" href=\"/journeys/requests/");
        html_attr(&b, r->id);
        buf_printf(&b, "/record/%s\">", record_steps[i].key);
        html_txt(&b, record_steps[i].label);
        buf_add(&b, "</a></li>");
    }
    buf_add(&b, "</ul>");
    page_render(rq, rs, 200, "Request for an EHC needs assessment", buf_str(&b));
    audit_log(rq, rs, "view", "child-request", r->id, NULL);
done:
    buf_free(&b);
    free(r);
}

/* ---- record forms ------------------------------------------------------------------------ */

static void date_field(buf *b, req *rq, const char *id, const char *legend, const char *hint, const form_errors *fe)
{
    char n[64];
    json_t *items = json_array(), *o;
    static const char *const parts[] = {"day", "month", "year"};
    size_t i;
    for (i = 0; i < 3; i++) {
        const char *v;
        snprintf(n, sizeof n, "%s-%s", id, parts[i]);
        v = req_form(rq, n);
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s}", "name", parts[i], "classes",
                                               i == 2 ? "govuk-input--width-4" : "govuk-input--width-2", "value", v ? v : "",
                                               "label", i == 0 ? "Day" : i == 1 ? "Month" : "Year"));
    }
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:{s:s}, s:o, s:o*}", "id", id, "namePrefix", id, "fieldset", "legend", "text", legend,
                  "classes", "govuk-fieldset__legend--s", "hint", "text", hint ? hint : "For example, 27 3 2026", "items", items,
                  "errorMessage", form_error_message(fe, id));
    govuk_date_input(b, o);
    json_decref(o);
}

static void radios(buf *b, req *rq, const char *name, const char *legend, const char *const *vals, const char *const *labels,
                   const form_errors *fe)
{
    json_t *items = json_array(), *o;
    const char *cur = req_form(rq, name);
    size_t i;
    for (i = 0; vals[i]; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", vals[i], "text", labels[i], "checked", cur && strcmp(cur, vals[i]) == 0));
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", name, "idPrefix", name, "fieldset", "legend", "text", legend, "classes",
                  "govuk-fieldset__legend--s", "items", items, "errorMessage", form_error_message(fe, name));
    govuk_radios(b, o);
    json_decref(o);
}

static void text_field(buf *b, req *rq, const char *id, const char *label, const char *hint, const char *width, const form_errors *fe)
{
    const char *v = req_form(rq, id);
    json_t *o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:o*}", "id", id, "name", id, "label", "text", label, "classes",
                          "govuk-label--s", "value", v ? v : "", "classes", width, "inputmode", "numeric", "errorMessage",
                          form_error_message(fe, id));
    if (hint) json_object_set_new(o, "hint", json_pack("{s:s}", "text", hint));
    govuk_input(b, o);
    json_decref(o);
}

static void choice_select(buf *b, req *rq, const char *id, const char *label, const char *first, const char *const *vals,
                          const char *const *labels, const form_errors *fe)
{
    json_t *items = json_array(), *o;
    const char *cur = req_form(rq, id);
    size_t i;
    json_array_append_new(items, json_pack("{s:s, s:s}", "value", "", "text", first));
    for (i = 0; vals[i]; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", vals[i], "text", labels[i], "selected", cur && strcmp(cur, vals[i]) == 0));
    o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:o, s:o*}", "id", id, "name", id, "label", "text", label, "classes", "govuk-label--s", "items",
                  items, "errorMessage", form_error_message(fe, id));
    govuk_select(b, o);
    json_decref(o);
}

static const char *const advice_kinds[] = {"education", "health", "social_care", "psychology", NULL};
static const char *const advice_labels[] = {"School or setting", "Health", "Social care", "Educational psychology", NULL};

static void org_select(buf *b, req *rq, const form_errors *fe)
{
    db_stmt *st = NULL;
    json_t *items = json_array(), *o;
    const char *cur = req_form(rq, "organisation");
    json_array_append_new(items, json_pack("{s:s, s:s}", "value", "", "text", "Choose an organisation"));
    if (db_prepare(rq->db, "SELECT id, name FROM organisations WHERE type IN ('local_authority', 'icb', 'health_provider', 'school', 'voluntary') ORDER BY name", &st) == DB_OK)
        while (db_step(st) == DB_ROW)
            json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", db_col_text(st, 0), "text", db_col_text(st, 1), "selected",
                                                   cur && strcmp(cur, db_col_text(st, 0)) == 0));
    db_finalize(st);
    o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:o, s:o*}", "id", "organisation", "name", "organisation", "label", "text",
                  "Organisation asked for the advice", "classes", "govuk-label--s", "items", items, "errorMessage", form_error_message(fe, "organisation"));
    govuk_select(b, o);
    json_decref(o);
}

static int step_index(const char *key)
{
    size_t i;
    for (i = 0; key && i < sizeof record_steps / sizeof record_steps[0]; i++)
        if (strcmp(record_steps[i].key, key) == 0) return (int)i;
    return -1;
}

static void record_form(req *rq, resp *rs, const struct journeys_req *r, int si, const form_errors *fe)
{
    buf b = BUF_INIT;
    const char *key = record_steps[si].key;
    char name[200];
    json_t *o;
    form_errors none = {{0}};
    if (!fe) fe = &none;
    child_names(rq->db, r->child_id, name, sizeof name, NULL, 0);
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    heading_caption(&b, name, record_steps[si].label);
    buf_add(&b, "<form method=\"post\" action=\"/journeys/requests/");
    html_attr(&b, r->id);
    buf_printf(&b, "/record/%s\" novalidate>", key);
    page_csrf_field(rq, &b);
    if (strcmp(key, "decision") == 0) {
        static const char *const v[] = {"Y", "N", "W", NULL};
        static const char *const l[] = {"Yes, the council will assess", "No, the council will not assess", "The request was withdrawn", NULL};
        radios(&b, rq, "outcome", "Decision", v, l, fe);
        date_field(&b, rq, "date", "Date the family was told", NULL, fe);
    } else if (strcmp(key, "advice") == 0) {
        radios(&b, rq, "kind", "Advice asked for", advice_kinds, advice_labels, fe);
        org_select(&b, rq, fe);
        date_field(&b, rq, "date", "Date the advice was asked for", NULL, fe);
    } else if (strcmp(key, "advice-received") == 0) {
        json_t *items = json_array();
        size_t i;
        const char *cur = req_form(rq, "advice");
        for (i = 0; i < r->n_advice; i++) {
            char label[300];
            if (r->advice[i].received[0]) continue;
            if (!journeys_is_council(rq) && strcmp(r->advice[i].org_id, rq->user->org_id) != 0) continue;
            snprintf(label, sizeof label, "%s from %s (asked %s)", journeys_advice_label(r->advice[i].kind), r->advice[i].org_name, r->advice[i].asked);
            json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", r->advice[i].id, "text", label, "checked", cur && strcmp(cur, r->advice[i].id) == 0));
        }
        if (json_array_size(items) == 0) buf_add(&b, "<p class=\"govuk-body\">No advice is waiting from your organisation.</p>");
        o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "name", "advice", "idPrefix", "advice", "fieldset", "legend", "text",
                      "Which advice came back", "classes", "govuk-fieldset__legend--s", "items", items, "errorMessage", form_error_message(fe, "advice"));
        govuk_radios(&b, o);
        json_decref(o);
        date_field(&b, rq, "date", "Date it was received", NULL, fe);
    } else if (strcmp(key, "draft") == 0) {
        date_field(&b, rq, "date", "Date the draft plan was sent to the family", NULL, fe);
    } else if (strcmp(key, "final") == 0) {
        static const char *const v[] = {"Y", "N", "W", NULL};
        static const char *const l[] = {"A final EHC plan was issued", "The council decided not to issue a plan",
                                        "The request was withdrawn or closed", NULL};
        radios(&b, rq, "outcome", "Outcome", v, l, fe);
        date_field(&b, rq, "date", "Date of the outcome", "The date the plan was issued or the family was told. For example, 27 3 2026", fe);
    } else if (strcmp(key, "placement") == 0) {
        text_field(&b, rq, "urn", "School or college URN", "The unique reference number, 6 or 7 digits. Leave empty for a setting without one.",
                   "govuk-input--width-10", fe);
        text_field(&b, rq, "ukprn", "UKPRN (colleges and training providers)", "8 digits. Leave empty if it has none.", "govuk-input--width-10", fe);
        choice_select(&b, rq, "setting", "Other kind of setting (when there is no URN or UKPRN)", "None", setting_v, setting_l, fe);
        text_field(&b, rq, "rank", "Placement rank", "1 for the main placement, 2 for the next and so on", "govuk-input--width-2", fe);
        date_field(&b, rq, "entry", "Date the child or young person started there", NULL, fe);
        date_field(&b, rq, "leaving", "Date they left (leave empty if they are still there)", NULL, fe);
    } else if (strcmp(key, "need") == 0) {
        static const char *const rank_v[] = {"1", "2", NULL};
        static const char *const rank_l[] = {"Primary need", "Secondary need", NULL};
        choice_select(&b, rq, "type", "Type of special educational need", "Choose a type of need", need_v, need_l, fe);
        radios(&b, rq, "rank", "Is this the primary or the secondary need?", rank_v, rank_l, fe);
    } else if (strcmp(key, "phase-transfer") == 0) {
        static const char *const p16_v[] = {"no", "yes", NULL};
        static const char *const p16_l[] = {"Between school phases (the plan is due by 15 February)",
                                            "From secondary school to a post-16 institution (due by 31 March)", NULL};
        text_field(&b, rq, "year", "Year of the transfer", "The calendar year the child or young person moves, for example 2027",
                   "govuk-input--width-4", fe);
        radios(&b, rq, "post16", "Kind of transfer", p16_v, p16_l, fe);
        date_field(&b, rq, "final", "Date the amended plan was issued (leave empty if not yet)", NULL, fe);
    } else if (strcmp(key, "amendment") == 0) {
        date_field(&b, rq, "sent", "Date the proposed amendments were sent to the family", NULL, fe);
        date_field(&b, rq, "final", "Date the amended plan was issued (leave empty if not yet)", NULL, fe);
    } else if (strcmp(key, "review") == 0) {
        date_field(&b, rq, "meeting", "Date of the review meeting", NULL, fe);
        radios(&b, rq, "outcome", "The council's decision after the review", review_v, review_l, fe);
        date_field(&b, rq, "decided", "Date the family was told the decision (leave empty if not yet)", NULL, fe);
    } else {
        static const char *const v[] = {"school-closed", "early-years-closed", "personal", "absent", NULL};
        const char *l[5];
        int i;
        for (i = 0; i < 4; i++) l[i] = clock_exception_label((enum clock_exception_kind)clock_exception_from_key(v[i]));
        l[4] = NULL;
        radios(&b, rq, "kind", "Which exception applies (regulation 10(4))", v, l, fe);
        date_field(&b, rq, "from", "First day it applied", NULL, fe);
        date_field(&b, rq, "to", "Last day it applied (leave empty if it still applies)", NULL, fe);
        {
            const char *note = req_form(rq, "note");
            o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:o*}", "id", "note", "name", "note", "label", "text", "Note for the record",
                          "classes", "govuk-label--s", "value", note ? note : "", "errorMessage", form_error_message(fe, "note"));
            govuk_textarea(&b, o);
            json_decref(o);
        }
    }
    o = json_pack("{s:s}", "text", "Save");
    govuk_button(&b, o);
    json_decref(o);
    buf_add(&b, "</form></div></div>");
    page_render_ex(rq, rs, fe && form_has_errors(fe) ? 400 : 200, record_steps[si].label, buf_str(&b), fe && form_has_errors(fe));
    buf_free(&b);
}

/* Loads the request in the path and checks access. NULL when the response is written. */
static struct journeys_req *open_request(req *rq, resp *rs, int *si)
{
    struct journeys_req *r = xcalloc(1, sizeof *r);
    int rc = journeys_req_load(rq->db, req_param(rq, "id"), r);
    *si = step_index(req_param(rq, "step"));
    if (rc < 0) { resp_db_error(rq, rs, rc); goto fail; }
    if (rc != DB_ROW || *si < 0) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); goto fail; }
    if (!guard_child(rq, rs, r->child_id)) goto fail;
    if (!journeys_is_council(rq) && strcmp(record_steps[*si].key, "advice-received") != 0) {
        resp_error(rq, rs, 403, "forbidden", "Only the council records this step.", NULL);
        goto fail;
    }
    return r;
fail:
    free(r);
    return NULL;
}

static void record_get(req *rq, resp *rs)
{
    int si;
    struct journeys_req *r = open_request(rq, rs, &si);
    if (!r) return;
    record_form(rq, rs, r, si, NULL);
    free(r);
}

/* Adds a placement (SEN2 PlacementDetail) to the plan. Errors go to fe;
 * returns a DB code. Values are checked with the SEN2 field rules. */
static int record_placement(req *rq, const struct journeys_req *r, form_errors *fe)
{
    size_t nf;
    const struct sen2_field *f = sen2_fields(SEN2_PLACEMENT_DETAIL, &nf);
    char *urn = form_text(rq, "urn", "the URN", 0, 7, fe), *ukprn = form_text(rq, "ukprn", "the UKPRN", 0, 8, fe);
    char *rank = form_text(rq, "rank", "the placement rank", 1, 2, fe);
    const char *setting = form_choice(rq, "setting", "a kind of setting", 0, setting_v, fe);
    char entry[11] = "", leaving[11] = "";
    int64_t n = 0;
    int rc = DB_OK;
    if (urn[0] && sen2_check(&f[sen2_field_index(SEN2_PLACEMENT_DETAIL, "URN")], urn))
        form_error(fe, "urn", "Enter the URN as 6 or 7 digits");
    if (ukprn[0] && sen2_check(&f[sen2_field_index(SEN2_PLACEMENT_DETAIL, "UKPRN")], ukprn))
        form_error(fe, "ukprn", "Enter the UKPRN as 8 digits");
    if (!urn[0] && !ukprn[0] && !setting && !form_error_for(fe, "setting"))
        form_error(fe, "urn", "Enter the school's URN or UKPRN, or choose the kind of setting");
    if (rank[0] && (sen2_check(&f[sen2_field_index(SEN2_PLACEMENT_DETAIL, "PlacementRank")], rank) || strcmp(rank, "0") == 0))
        form_error(fe, "rank", "Enter the placement rank as a number from 1 to 99");
    form_date(rq, "entry", "the date they started there", 1, entry, fe);
    form_date(rq, "leaving", "the date they left", 0, leaving, fe);
    if (!form_has_errors(fe) && leaving[0] && strcmp(leaving, entry) < 0) form_error(fe, "leaving", "The leaving date must be on or after the entry date");
    if (!r->has_plan && !r->has_active) form_error(fe, "urn", "This request has no issued plan to place the child or young person in");
    if (!form_has_errors(fe)) {
        rc = db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM journeys_placements WHERE request_id = ? AND kind = 'active'", 1, r->id);
        if (rc >= 0 && n >= SEN2_MAX_PLACEMENTS) form_error(fe, "urn", "This plan already has 16 placements, the most SEN2 holds");
    }
    if (rc >= 0 && !form_has_errors(fe) && (rc = db_begin(rq->db)) == DB_OK) {
        if ((rc = db_query_text(rq->db, NULL, "UPDATE journeys_requests SET has_active = 1 WHERE id = ?", 1, r->id)) >= 0 &&
            (rc = db_query_text(rq->db, NULL, "INSERT INTO journeys_placements (request_id, kind, seq, urn, ukprn, sen_setting, placement_rank, entry_date, leaving_date) "
                                              "VALUES (?, 'active', (SELECT COALESCE(MAX(seq), 0) + 1 FROM journeys_placements WHERE request_id = ? AND kind = 'active'), "
                                              "?, ?, ?, ?, ?, ?)", 8, r->id, r->id, urn[0] ? urn : NULL, ukprn[0] ? ukprn : NULL,
                                setting, rank, entry, leaving[0] ? leaving : NULL)) >= 0)
            rc = db_commit(rq->db);
        else
            db_rollback(rq->db);
    }
    free(urn);
    free(ukprn);
    free(rank);
    return rc < 0 ? rc : DB_OK;
}

/* Records the primary or secondary SEN need (SEN2 SENneed), replacing the
 * need held at that rank. */
static int record_need(req *rq, const struct journeys_req *r, form_errors *fe)
{
    const char *type = form_choice(rq, "type", "the type of need", 1, need_v, fe);
    const char *rank = form_choice(rq, "rank", "whether this is the primary or secondary need", 1, (const char *const[]){"1", "2", NULL}, fe);
    int rc = DB_OK;
    if (!r->has_plan && !r->has_active) form_error(fe, "type", "This request has no issued plan to record needs on");
    if (!form_has_errors(fe) && (rc = db_begin(rq->db)) == DB_OK) {
        if ((rc = db_query_text(rq->db, NULL, "DELETE FROM journeys_needs WHERE request_id = ? AND (sen_type_rank = ? OR sen_type_rank IS NULL)", 2, r->id, rank)) >= 0 &&
            (rc = db_query_text(rq->db, NULL, "UPDATE journeys_requests SET has_active = 1 WHERE id = ?", 1, r->id)) >= 0 &&
            (rc = db_query_text(rq->db, NULL, "INSERT INTO journeys_needs (request_id, seq, sen_type, sen_type_rank) VALUES (?, "
                                              "(SELECT COALESCE(MAX(seq), 0) + 1 FROM journeys_needs WHERE request_id = ?), ?, ?)",
                                4, r->id, r->id, type, rank)) >= 0)
            rc = db_commit(rq->db);
        else
            db_rollback(rq->db);
    }
    return rc < 0 ? rc : DB_OK;
}

static void record_post(req *rq, resp *rs)
{
    int si, rc = DB_OK;
    struct journeys_req *r = open_request(rq, rs, &si);
    form_errors fe = {{0}};
    char date[11] = "", to[11] = "";
    const char *key;
    char *note = NULL;
    if (!r) return;
    key = record_steps[si].key;
    if (strcmp(key, "decision") == 0 || strcmp(key, "final") == 0) {
        static const char *const v[] = {"Y", "N", "W", NULL};
        const char *out = form_choice(rq, "outcome", strcmp(key, "decision") == 0 ? "the decision" : "the outcome", 1, v, &fe);
        form_date(rq, "date", "the date", 1, date, &fe);
        if (!form_has_errors(&fe) && strcmp(date, r->received) < 0) form_error(&fe, "date", "The date must be on or after the day the request was received");
        if (!form_has_errors(&fe)) {
            if (strcmp(key, "decision") == 0)
                rc = db_query_text(rq->db, NULL, "UPDATE journeys_requests SET request_outcome = ?, request_outcome_date = ?, "
                                                 "has_assessment = CASE WHEN ? = 'Y' THEN 1 ELSE has_assessment END, "
                                                 "assessment_outcome = CASE WHEN ? = 'Y' AND assessment_outcome IS NULL THEN 'A' ELSE assessment_outcome END WHERE id = ?",
                                   5, out, date, out, out, r->id);
            else
                rc = db_query_text(rq->db, NULL, "UPDATE journeys_requests SET has_assessment = 1, assessment_outcome = ?, assessment_outcome_date = ?, "
                                                 "week20 = ?, has_plan = CASE WHEN ? = 'Y' THEN 1 ELSE has_plan END, "
                                                 "plan_start_date = CASE WHEN ? = 'Y' THEN ? ELSE plan_start_date END WHERE id = ?",
                                   7, out, date, clock_week20(&r->creq) ? "1" : "0", out, out, date, r->id);
        }
    } else if (strcmp(key, "advice") == 0) {
        const char *kind = form_choice(rq, "kind", "the advice asked for", 1, advice_kinds, &fe);
        const char *org = req_form(rq, "organisation");
        int64_t ok = 0;
        if (!org || !*org || db_query_int64(rq->db, &ok, "SELECT COUNT(*) FROM organisations WHERE id = ?", 1, org) < 0 || !ok)
            form_error(&fe, "organisation", "Select the organisation asked for the advice");
        form_date(rq, "date", "the date the advice was asked for", 1, date, &fe);
        if (!form_has_errors(&fe)) {
            char id[IDS_UUID_LEN], now[21];
            ids_uuid(id);
            ids_now_iso(now);
            if ((rc = db_begin(rq->db)) == DB_OK) {
                if ((rc = db_query_text(rq->db, NULL, "INSERT INTO journeys_advice (id, request_id, kind, organisation_id, asked_date, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                        6, id, r->id, kind, org, date, now)) >= 0 &&
                    (rc = db_query_text(rq->db, NULL, "INSERT INTO journeys_involvement (child_id, organisation_id, reason) VALUES (?, ?, 'advice') "
                                                      "ON CONFLICT (child_id, organisation_id) DO NOTHING", 2, r->child_id, org)) >= 0)
                    rc = db_commit(rq->db);
                else
                    db_rollback(rq->db);
            }
        }
    } else if (strcmp(key, "advice-received") == 0) {
        const char *adv = req_form(rq, "advice");
        size_t i;
        int found = 0;
        for (i = 0; adv && i < r->n_advice; i++)
            if (strcmp(r->advice[i].id, adv) == 0 && !r->advice[i].received[0] &&
                (journeys_is_council(rq) || strcmp(r->advice[i].org_id, rq->user->org_id) == 0)) found = 1;
        if (!found) form_error(&fe, "advice", "Select the advice that came back");
        form_date(rq, "date", "the date it was received", 1, date, &fe);
        if (!form_has_errors(&fe))
            rc = db_query_text(rq->db, NULL, "UPDATE journeys_advice SET received_date = ? WHERE id = ? AND request_id = ?", 3, date, adv, r->id);
    } else if (strcmp(key, "draft") == 0) {
        form_date(rq, "date", "the date the draft was sent", 1, date, &fe);
        if (!form_has_errors(&fe))
            rc = db_query_text(rq->db, NULL, "UPDATE journeys_requests SET draft_sent_date = ? WHERE id = ?", 2, date, r->id);
    } else if (strcmp(key, "placement") == 0) {
        rc = record_placement(rq, r, &fe);
    } else if (strcmp(key, "need") == 0) {
        rc = record_need(rq, r, &fe);
    } else if (strcmp(key, "phase-transfer") == 0 || strcmp(key, "amendment") == 0) {
        int pt = strcmp(key, "phase-transfer") == 0;
        char due[11] = "";
        if (pt) {
            char *ys = form_text(rq, "year", "the year of the transfer", 1, 4, &fe);
            const char *p16 = form_choice(rq, "post16", "the kind of transfer", 1, (const char *const[]){"no", "yes", NULL}, &fe);
            char *end = NULL;
            long y = ys[0] ? strtol(ys, &end, 10) : 0;
            int32_t dl;
            if (ys[0] && (*end || y < 2000 || y > 2100)) form_error(&fe, "year", "Enter the year of the transfer as 4 digits, for example 2027");
            else if (ys[0] && p16 && clock_phase_transfer_deadline((int)y, strcmp(p16, "yes") == 0, &dl) == 0) date_format(dl, due);
            free(ys);
        } else {
            form_date(rq, "sent", "the date the proposed amendments were sent", 1, date, &fe);
        }
        form_date(rq, "final", "the date the amended plan was issued", 0, to, &fe);
        if (!r->has_plan && !r->has_active) form_error(&fe, pt ? "year" : "sent", "This request has no issued plan to amend");
        if (!form_has_errors(&fe) && !pt && to[0] && strcmp(to, date) < 0)
            form_error(&fe, "final", "The amended plan must be issued on or after the day the proposals were sent");
        if (!form_has_errors(&fe))
            rc = db_query_text(rq->db, NULL, pt ? "UPDATE journeys_requests SET has_active = 1, phase_transfer_due_date = ?, phase_transfer_final_date = ? WHERE id = ?"
                                                : "UPDATE journeys_requests SET has_active = 1, amendment_sent_date = ?, amendment_final_date = ? WHERE id = ?",
                               3, pt ? due : date, to[0] ? to : NULL, r->id);
    } else if (strcmp(key, "review") == 0) {
        const char *out;
        form_date(rq, "meeting", "the date of the review meeting", 1, date, &fe);
        out = form_choice(rq, "outcome", "the decision", 0, review_v, &fe);
        form_date(rq, "decided", "the date of the decision", 0, to, &fe);
        if (!r->has_plan) form_error(&fe, "meeting", "This request has no issued plan to review");
        if (!form_has_errors(&fe) && to[0] && strcmp(to, date) < 0) form_error(&fe, "decided", "The decision must be on or after the meeting");
        if (!form_has_errors(&fe) && to[0] && !out) form_error(&fe, "outcome", "Select the decision");
        if (!form_has_errors(&fe))
            rc = db_query_text(rq->db, NULL, "UPDATE journeys_requests SET has_active = 1, review_meeting = ?, last_review = ?, review_outcome = ? WHERE id = ?",
                               4, date, to[0] ? to : NULL, out, r->id);
    } else {
        static const char *const v[] = {"school-closed", "early-years-closed", "personal", "absent", NULL};
        const char *kind = form_choice(rq, "kind", "the exception", 1, v, &fe);
        form_date(rq, "from", "the first day it applied", 1, date, &fe);
        form_date(rq, "to", "the last day it applied", 0, to, &fe);
        note = form_text(rq, "note", "a note", 0, 500, &fe);
        if (!form_has_errors(&fe) && to[0] && strcmp(to, date) < 0) form_error(&fe, "to", "The last day must be on or after the first day");
        if (!form_has_errors(&fe))
            rc = db_query_text(rq->db, NULL, "UPDATE journeys_requests SET exception_kind = ?, exception_from = ?, exception_to = ?, exception_note = ?, "
                                             "week20 = CASE WHEN has_assessment = 1 THEN '1' ELSE week20 END WHERE id = ?",
                               5, kind, date, to[0] ? to : NULL, note, r->id);
    }
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else record_form(rq, rs, r, si, &fe);
    } else if (rc < 0) {
        resp_db_error(rq, rs, rc);
    } else {
        char loc[128];
        audit_log(rq, rs, "update", "child-request", r->id, key);
        snprintf(loc, sizeof loc, "/journeys/requests/%s", r->id);
        resp_redirect(rs, loc);
    }
    free(note);
    form_errors_free(&fe);
    free(r);
}

/* ---- new child + request ------------------------------------------------------------------- */

static void new_form(req *rq, resp *rs, const form_errors *fe)
{
    buf b = BUF_INIT;
    json_t *o;
    static const char *const src_v[] = {"1", "2", "3", "4", "5", NULL};
    static const char *const src_l[] = {"Parent or young person", "School or setting", "Health", "Social care", "Someone else", NULL};
    const char *fields[][3] = {{"forename", "First name", "given-name"}, {"surname", "Last name", "family-name"},
                               {"upn", "Unique pupil number (UPN), if known", "off"}};
    size_t i;
    form_errors none = {{0}};
    if (!fe) fe = &none;
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    heading_caption(&b, "EHC needs assessment", "Record a new request");
    buf_add(&b, "<form method=\"post\" action=\"/journeys/children/new\" novalidate>");
    page_csrf_field(rq, &b);
    for (i = 0; i < 3; i++) {
        const char *v = req_form(rq, fields[i][0]);
        o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:s, s:b, s:o*}", "id", fields[i][0], "name", fields[i][0], "label", "text", fields[i][1],
                      "value", v ? v : "", "autocomplete", fields[i][2], "spellcheck", 0, "errorMessage", form_error_message(fe, fields[i][0]));
        govuk_input(&b, o);
        json_decref(o);
    }
    date_field(&b, rq, "dob", "Date of birth", "For example, 27 3 2015", fe);
    date_field(&b, rq, "received", "Date the council received the request", NULL, fe);
    radios(&b, rq, "source", "Who made the request", src_v, src_l, fe);
    o = json_pack("{s:s}", "text", "Save the request");
    govuk_button(&b, o);
    json_decref(o);
    buf_add(&b, "</form></div></div>");
    page_render_ex(rq, rs, fe && form_has_errors(fe) ? 400 : 200, "Record a new request", buf_str(&b), fe && form_has_errors(fe));
    buf_free(&b);
}

static void new_get(req *rq, resp *rs)
{
    if (!journeys_is_council(rq)) { resp_error(rq, rs, 403, "forbidden", "Only the council records requests.", NULL); return; }
    new_form(rq, rs, NULL);
}

/* Creates a child and its first request from the validated form; used by the page and the API. */
static int create_child(req *rq, form_errors *fe, char child[IDS_UUID_LEN], char reqid[IDS_UUID_LEN])
{
    static const char *const src_v[] = {"1", "2", "3", "4", "5", NULL};
    char *fore = form_text(rq, "forename", "the first name", 1, 100, fe), *sur = form_text(rq, "surname", "the last name", 1, 100, fe);
    char *upn = form_text(rq, "upn", "the UPN", 0, 13, fe), *area = NULL, dob[11], recv[11], now[21];
    const char *src = form_choice(rq, "source", "who made the request", 1, src_v, fe);
    int rc = DB_OK;
    int64_t seq = 0;
    form_date(rq, "dob", "the date of birth", 1, dob, fe);
    form_date(rq, "received", "the date the request was received", 1, recv, fe);
    if (*upn) {
        size_t i, ok = strlen(upn) == 13 && upn[0] >= 'A' && upn[0] <= 'Z';
        for (i = 1; ok && i < 12; i++) ok = upn[i] >= '0' && upn[i] <= '9';
        if (!ok) form_error(fe, "upn", "Enter a UPN of 13 characters: a capital letter, then 11 digits, then a digit or letter");
    }
    if (!form_has_errors(fe) && strcmp(recv, dob) < 0) form_error(fe, "received", "The request date must be after the date of birth");
    if (form_has_errors(fe)) goto done;
    rc = db_query_text(rq->db, &area, "SELECT MIN(area_id) FROM organisation_areas WHERE organisation_id = ?", 1, rq->user->org_id);
    if (rc < 0) goto done;
    if (!area) { form_error(fe, "forename", "Your organisation has no council area"); rc = DB_OK; goto done; }
    ids_uuid(child);
    ids_uuid(reqid);
    ids_now_iso(now);
    if ((rc = db_begin(rq->db)) != DB_OK) goto done;
    if ((rc = db_query_int64(rq->db, &seq, "SELECT COALESCE(MAX(seq), 0) + 1 FROM journeys_children", 0)) < 0) goto rollback;
    {
        char s[24];
        snprintf(s, sizeof s, "%lld", (long long)seq);
        if ((rc = db_query_text(rq->db, NULL, "INSERT INTO journeys_children (id, area_id, seq, forename, surname, birth_date, upn, upn_unknown, created_at) "
                                              "VALUES (?, ?, CAST(? AS INTEGER), ?, ?, ?, ?, ?, ?)",
                                9, child, area, s, fore, sur, dob, *upn ? upn : NULL, *upn ? NULL : "UN2", now)) < 0) goto rollback;
    }
    if ((rc = db_query_text(rq->db, NULL, "INSERT INTO journeys_requests (id, child_id, seq, received_date, request_source, request_outcome, origin) "
                                          "VALUES (?, ?, 1, ?, ?, 'A', 'sendhub')",
                            4, reqid, child, recv, src)) < 0) goto rollback;
    rc = db_commit(rq->db);
    goto done;
rollback:
    db_rollback(rq->db);
done:
    free(fore);
    free(sur);
    free(upn);
    free(area);
    return rc < 0 ? rc : DB_OK;
}

static void new_post(req *rq, resp *rs)
{
    form_errors fe = {{0}};
    char child[IDS_UUID_LEN], reqid[IDS_UUID_LEN];
    int rc;
    if (!journeys_is_council(rq)) { resp_error(rq, rs, 403, "forbidden", "Only the council records requests.", NULL); return; }
    rc = create_child(rq, &fe, child, reqid);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (form_has_errors(&fe)) new_form(rq, rs, &fe);
    else {
        char loc[128];
        audit_log(rq, rs, "create", "child", child, NULL);
        snprintf(loc, sizeof loc, "/journeys/requests/%s", reqid);
        resp_redirect(rs, loc);
    }
    form_errors_free(&fe);
}

void journeys_api_create_child(req *rq, resp *rs)
{
    form_errors fe = {{0}};
    char child[IDS_UUID_LEN], reqid[IDS_UUID_LEN];
    int rc;
    if (!journeys_is_council(rq)) { resp_error(rq, rs, 403, "forbidden", "Only the council records requests.", NULL); return; }
    rc = create_child(rq, &fe, child, reqid);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (form_has_errors(&fe)) resp_json(rs, 400, form_errors_json(&fe));
    else {
        audit_log(rq, rs, "create", "child", child, NULL);
        resp_json(rs, 201, json_pack("{s:s, s:s}", "id", child, "request_id", reqid));
    }
    form_errors_free(&fe);
}

/* ---- measures ------------------------------------------------------------------------------ */

static void kpi_row(json_t *rows, const char *label, const char *mine, const char *region, const char *england)
{
    json_array_append_new(rows, json_pack("[{s:s},{s:s, s:s},{s:s, s:s},{s:s, s:s}]", "text", label, "text", mine, "format", "numeric",
                                          "text", region && *region ? region : "Not published", "format", "numeric", "text",
                                          england && *england ? england : "Not published", "format", "numeric"));
}

static void fmt_pc(char *out, size_t n, long num, long den)
{
    double v = journeys_pc(num, den);
    if (v < 0) snprintf(out, n, "No cases");
    else snprintf(out, n, "%.1f%%", v);
}

/* A published figure ("" when not held); percentages get a % sign. */
static void bench_value(db *d, const char *year, const char *code, const char *measure, char *out, size_t n)
{
    out[0] = '\0';
    if (!code[0] || !year[0] || journeys_benchmark_get(d, year, code, measure, out, n) != DB_ROW) return;
    if ((strstr(measure, "pc") || strstr(measure, "PC")) && out[0] >= '0' && out[0] <= '9' && strlen(out) + 2 <= n)
        strcat(out, "%");
}

static void kpis_page(req *rq, resp *rs)
{
    const char *ys = req_query(rq, "year"), *acode = req_query(rq, "area");
    int year, y;
    char area[37] = "", bench_year[8] = "", region_code[16] = "", region_name[128] = "", v1[32], v2[32], v3[32];
    struct journeys_kpis k;
    buf b = BUF_INIT;
    json_t *rows = json_array(), *o, *items = json_array();
    int rc, i;
    db_stmt *st = NULL;
    date_ymd(date_today(), &y, NULL, NULL);
    year = ys ? atoi(ys) : y;
    if (year < 2000 || year > 2100) year = y;
    if (acode && *acode && journeys_area_resolve(rq->db, acode, area) != DB_ROW) area[0] = '\0';
    if ((rc = journeys_kpis_compute(rq->db, year, area[0] ? area : NULL, &k)) != DB_OK) {
        json_decref(rows);
        json_decref(items);
        resp_db_error(rq, rs, rc);
        goto done;
    }
    {
        char *v = NULL;
        db_query_text(rq->db, &v, "SELECT MAX(time_period) FROM journeys_benchmarks", 0);
        snprintf(bench_year, sizeof bench_year, "%s", v ? v : "");
        free(v);
        if (area[0] && db_prepare(rq->db, "SELECT region_code, region_name FROM journeys_area_lea WHERE area_id = ?", &st) == DB_OK) {
            db_bind_text(st, 1, area);
            if (db_step(st) == DB_ROW) {
                snprintf(region_code, sizeof region_code, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
                snprintf(region_name, sizeof region_name, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
            }
            db_finalize(st);
            st = NULL;
        }
    }
    heading_caption(&b, "EHC plans", "Timeliness measures");
    buf_add(&b, "<form method=\"get\" action=\"/journeys/kpis\" novalidate>");
    o = json_pack("{s:s, s:s, s:{s:s}, s:s, s:s, s:s}", "id", "year", "name", "year", "label", "text", "Calendar year", "classes",
                  "govuk-input--width-4", "inputmode", "numeric", "value", "");
    {
        char yv[8];
        snprintf(yv, sizeof yv, "%d", year);
        json_object_set_new(o, "value", json_string(yv));
    }
    govuk_input(&b, o);
    json_decref(o);
    json_array_append_new(items, json_pack("{s:s, s:s}", "value", "", "text", "All areas"));
    if (db_prepare(rq->db, "SELECT a.ons_code, a.name FROM areas a JOIN journeys_area_lea l ON l.area_id = a.id ORDER BY a.name", &st) == DB_OK)
        while (db_step(st) == DB_ROW)
            json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", db_col_text(st, 0), "text", db_col_text(st, 1), "selected",
                                                   acode && strcmp(acode, db_col_text(st, 0)) == 0));
    db_finalize(st);
    st = NULL;
    o = json_pack("{s:s, s:s, s:{s:s}, s:o}", "id", "area", "name", "area", "label", "text", "Area", "items", items);
    govuk_select(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s}", "text", "Show measures", "classes", "govuk-button--secondary");
    govuk_button(&b, o);
    json_decref(o);
    buf_add(&b, "</form>");
    buf_printf(&b, "<p class=\"govuk-body\">Plans count in %d when they were issued in %d. Within 20 weeks means issued no later than 140 days after the "
                   "request was received. The figures excluding exceptions leave out plans where an exception to the 20-week limit applied. "
                   "England and regional figures are the DfE's published statistics", year, year);
    if (bench_year[0]) buf_printf(&b, " for %s (the latest held)", bench_year);
    else buf_add(&b, " (not loaded yet: run <code>sendhub benchmarks import</code>)");
    buf_add(&b, ".</p>");
#define BM(code, measure, out) bench_value(rq->db, bench_year, code, measure, out, sizeof out)
    snprintf(v1, sizeof v1, "%ld", k.plans_issued_den);
    BM(region_code, "plans_issued_den", v2); BM("E92000001", "plans_issued_den", v3);
    kpi_row(rows, "New EHC plans issued (plans_issued_den)", v1, v2, v3);
    fmt_pc(v1, sizeof v1, k.plans_issued_within_20_weeks, k.plans_issued_den);
    BM(region_code, "pc_plans_issued_within_20_weeks", v2); BM("E92000001", "pc_plans_issued_within_20_weeks", v3);
    kpi_row(rows, "Issued within 20 weeks, including exceptions (pc_plans_issued_within_20_weeks)", v1, v2, v3);
    snprintf(v1, sizeof v1, "%ld of %ld", k.plans_issued_20_weeks_ex, k.plans_issued_den_ex);
    BM(region_code, "plans_issued_20_weeks_ex", v2); BM("E92000001", "plans_issued_20_weeks_ex", v3);
    kpi_row(rows, "Issued within 20 weeks, excluding exceptions (plans_issued_20_weeks_ex of plans_issued_den_ex)", v1, v2, v3);
    fmt_pc(v1, sizeof v1, k.plans_issued_20_weeks_ex, k.plans_issued_den_ex);
    BM(region_code, "PC_plans_issued_20_weeks_ex", v2); BM("E92000001", "PC_plans_issued_20_weeks_ex", v3);
    kpi_row(rows, "Issued within 20 weeks, excluding exceptions (PC_plans_issued_20_weeks_ex)", v1, v2, v3);
    snprintf(v1, sizeof v1, "%ld", k.requests_received);
    BM(region_code, "requests_received_in_year", v2); BM("E92000001", "requests_received_in_year", v3);
    kpi_row(rows, "Requests for assessment received", v1, v2, v3);
    snprintf(v1, sizeof v1, "%ld", k.decided_to_assess);
    BM(region_code, "requests_decided_to_assess", v2); BM("E92000001", "requests_decided_to_assess", v3);
    kpi_row(rows, "Decided to assess", v1, v2, v3);
    snprintf(v1, sizeof v1, "%ld", k.decided_not_to_assess);
    BM(region_code, "requests_decided_not_to_assess", v2); BM("E92000001", "requests_decided_not_to_assess", v3);
    kpi_row(rows, "Decided not to assess", v1, v2, v3);
    fmt_pc(v1, sizeof v1, k.decided_within_6_weeks, k.decided_to_assess + k.decided_not_to_assess);
    BM(region_code, "request_outcome_six_weeks_pc", v2); BM("E92000001", "request_outcome_six_weeks_pc", v3);
    kpi_row(rows, "Decisions made within 6 weeks", v1, v2, v3);
    fmt_pc(v1, sizeof v1, k.not_to_issue_within_16_weeks, k.not_to_issue);
    kpi_row(rows, "Decisions not to issue a plan made within 16 weeks", v1, "", "");
    snprintf(v1, sizeof v1, "%ld", k.annual_reviews);
    kpi_row(rows, "Annual review meetings held", v1, "", "");
    fmt_pc(v1, sizeof v1, k.reviews_within_4_weeks, k.reviews_within_4_weeks + k.reviews_after_4_weeks);
    kpi_row(rows, "Annual review decisions made within 4 weeks (active plans, latest review)", v1, "", "");
#undef BM
    {
        char cap[200];
        snprintf(cap, sizeof cap, "Measures for %d", year);
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s, s:s},{s:s, s:s},{s:s, s:s}], s:o}", "caption", cap, "captionClasses", "govuk-table__caption--m",
                      "head", "text", "Measure", "text", area[0] ? "This area" : "All areas", "format", "numeric", "text",
                      region_name[0] ? region_name : "Region", "format", "numeric", "text", "England", "format", "numeric", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
    }
    {
        json_t *nr = json_array(), *ar = json_array();
        char n[24], cap[120];
        for (i = 0; i < KPI_NEEDS; i++) {
            snprintf(n, sizeof n, "%ld", k.by_need[i]);
            json_array_append_new(nr, json_pack("[{s:s},{s:s, s:s}]", "text", journeys_kpi_need_label(i), "text", n, "format", "numeric"));
        }
        for (i = 0; i < KPI_AGES; i++) {
            snprintf(n, sizeof n, "%ld", k.by_age[i]);
            json_array_append_new(ar, json_pack("[{s:s},{s:s, s:s}]", "text", journeys_kpi_age_label(i), "text", n, "format", "numeric"));
        }
        {
            char cd[DATE_LONG_LEN];
            date_format_long(k.census, cd);
            snprintf(cap, sizeof cap, "Active plans on %s by primary need (%ld in all)", cd, k.active_plans);
        }
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s, s:s}], s:o}", "caption", cap, "captionClasses", "govuk-table__caption--s", "head", "text",
                      "Primary need", "text", "Plans", "format", "numeric", "rows", nr);
        govuk_table(&b, o);
        json_decref(o);
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s, s:s}], s:o}", "caption", "Active plans by age on the census date", "captionClasses",
                      "govuk-table__caption--s", "head", "text", "Age", "text", "Plans", "format", "numeric", "rows", ar);
        govuk_table(&b, o);
        json_decref(o);
    }
    page_render(rq, rs, 200, "Timeliness measures", buf_str(&b));
done:
    buf_free(&b);
}

/* ---- family view --------------------------------------------------------------------------- */

static void family_page(req *rq, resp *rs)
{
    const char *token = req_param(rq, "token");
    char hash[IDS_HASH_LEN], *child = NULL, *req_id = NULL;
    db_stmt *st = NULL;
    buf b = BUF_INIT;
    struct journeys_req *r = NULL;
    int rc;
    if (!token || strlen(token) < 16 || strlen(token) > 128) {
        resp_error(rq, rs, 404, "not_found", "Page not found", NULL);
        goto done;
    }
    ids_hash_hex(token, hash);
    rc = db_query_text(rq->db, &child, "SELECT id FROM journeys_children WHERE family_token_hash = ?", 1, hash);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    if (!child) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); goto done; }
    rc = db_query_text(rq->db, &req_id, "SELECT id FROM journeys_requests WHERE child_id = ? ORDER BY seq DESC LIMIT 1", 1, child);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    rc = db_prepare(rq->db, "SELECT forename, contact FROM journeys_children WHERE id = ?", &st);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    db_bind_text(st, 1, child);
    if (db_step(st) != DB_ROW) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); goto done; }
    buf_add(&b, "<span class=\"govuk-caption-l\">For the family of ");
    html_txt(&b, db_col_text(st, 0));
    buf_add(&b, "</span><h1 class=\"govuk-heading-l\">Where your request for an EHC needs assessment stands</h1>"
                "<p class=\"govuk-body\">The law sets a deadline for each step. The council must usually issue a final EHC plan within 20 weeks of "
                "receiving the request. Steps still to come show the latest date allowed.</p>");
    if (req_id) {
        r = xcalloc(1, sizeof *r);
        if (journeys_req_load(rq->db, req_id, r) == DB_ROW) {
            buf_add(&b, "<p class=\"govuk-body\">The council received the request on ");
            long_date_s(&b, r->received);
            buf_add(&b, ".</p>");
            if (r->exc_kind[0] && clock_exception_from_key(r->exc_kind) >= 0) {
                buf_add(&b, "<p class=\"govuk-body\">The council has recorded that an exception to the time limits applies: ");
                html_txt(&b, clock_exception_label((enum clock_exception_kind)clock_exception_from_key(r->exc_kind)));
                buf_add(&b, ".</p>");
            }
            timeline_table(&b, r, 1);
        }
    }
    buf_add(&b, "<h2 class=\"govuk-heading-m\">Who to contact</h2><p class=\"govuk-body\">");
    html_txt(&b, db_col_text(st, 1) && *db_col_text(st, 1) ? db_col_text(st, 1) : "Your council's SEND team");
    buf_add(&b, ". If you disagree with a decision, you can ask for mediation and appeal to the SEND Tribunal.</p>"
                "<p class=\"govuk-body\">Keep this link private: anyone with it can see this page.</p>");
    page_render(rq, rs, 200, "Your EHC needs assessment", buf_str(&b));
    audit_log(rq, rs, "view", "child-family", child, NULL);
done:
    db_finalize(st);
    free(child);
    free(req_id);
    free(r);
    buf_free(&b);
}

/* ---- routes ---------------------------------------------------------------------------------- */

static const struct route journeys_page_routes[] = {
    {"GET", "/journeys", worklist_page, ACCESS_STAFF, "Work due from my organisation", "Journeys", NULL, NULL, NULL},
    {"GET", "/journeys/children", children_page, ACCESS_STAFF, "Children and young people", "Journeys", NULL, NULL, NULL},
    {"GET", "/journeys/children/new", new_get, ACCESS_STAFF, "Record a new request", "Journeys", NULL, NULL, NULL},
    {"POST", "/journeys/children/new", new_post, ACCESS_STAFF, "Record a new request", "Journeys", NULL, NULL, NULL},
    {"GET", "/journeys/children/{id}", child_page, ACCESS_STAFF, "A child's record", "Journeys", NULL, NULL, NULL},
    {"POST", "/journeys/children/{id}/family-link", family_link_post, ACCESS_STAFF, "New family link", "Journeys", NULL, NULL, NULL},
    {"GET", "/journeys/requests/{id}", request_page, ACCESS_STAFF, "A request and its timeline", "Journeys", NULL, NULL, NULL},
    {"GET", "/journeys/requests/{id}/record/{step}", record_get, ACCESS_STAFF, "Record a step", "Journeys", NULL, NULL, NULL},
    {"POST", "/journeys/requests/{id}/record/{step}", record_post, ACCESS_STAFF, "Record a step", "Journeys", NULL, NULL, NULL},
    {"GET", "/journeys/kpis", kpis_page, ACCESS_ANY_USER, "Timeliness measures", "Journeys", NULL, NULL, NULL},
    {"GET", "/family/{token}", family_page, ACCESS_ALL, "A family's view of their request", "Journeys", NULL, NULL, NULL},
};

static const struct page_nav_item journeys_nav[] = {
    {"/journeys", "EHC work", ACCESS_STAFF, 30, 0},
    {"/journeys/kpis", "EHC measures", ROLE_FORUM | ROLE_MONITOR, 31, 0},
};

void journeys_routes(void)
{
    size_t i;
    router_add(journeys_page_routes, sizeof journeys_page_routes / sizeof journeys_page_routes[0]);
    journeys_api_routes();
    journeys_settings_routes();
    for (i = 0; i < sizeof journeys_nav / sizeof journeys_nav[0]; i++) page_nav_add(&journeys_nav[i]);
}
