/* audit_view: the audit log reader for administrators, as a page and as the
 * API. Read-only: nothing here (or anywhere) changes or deletes a row. */
#include "partnership.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/date.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/page.h"
#include "core/router.h"

#define AUDIT_NFILTERS 6

static const char *const g_filters[AUDIT_NFILTERS] = {"actor", "action", "entity", "entity_id", "from", "to"};
static const char *const g_labels[AUDIT_NFILTERS] = {"Actor email", "Action", "Entity", "Entity id", "From date",
                                                     "To date"};

struct audit_query {
    const char *v[AUDIT_NFILTERS];   /* borrowed filter values, NULL when empty */
    char from[32], to[32];           /* ISO bounds */
    buf where;
    const char *params[AUDIT_NFILTERS];
    int nparams;
};

/* Reads the filters; records errors for bad dates. */
static void audit_query_read(req *rq, struct audit_query *q, form_errors *fe)
{
    int i;
    int32_t day;
    memset(q, 0, sizeof *q);
    buf_add(&q->where, " WHERE 1 = 1");
    for (i = 0; i < AUDIT_NFILTERS; i++) {
        const char *v = req_query(rq, g_filters[i]);
        q->v[i] = v && *v ? v : NULL;
        if (q->v[i] && strlen(q->v[i]) > 254) {
            form_error(fe, g_filters[i], "Filters must be 254 characters or fewer");
            q->v[i] = NULL;
        }
    }
    if (q->v[0]) { buf_add(&q->where, " AND lower(p.email) = lower(?)"); q->params[q->nparams++] = q->v[0]; }
    if (q->v[1]) { buf_add(&q->where, " AND a.action = ?"); q->params[q->nparams++] = q->v[1]; }
    if (q->v[2]) { buf_add(&q->where, " AND a.entity = ?"); q->params[q->nparams++] = q->v[2]; }
    if (q->v[3]) { buf_add(&q->where, " AND a.entity_id = ?"); q->params[q->nparams++] = q->v[3]; }
    if (q->v[4]) {
        if (date_parse(q->v[4], &day) != 0) {
            form_error(fe, "from", "From date must be a real date, like 2026-11-23");
        } else {
            snprintf(q->from, sizeof q->from, "%.10sT00:00:00Z", q->v[4]);
            buf_add(&q->where, " AND a.at >= ?");
            q->params[q->nparams++] = q->from;
        }
    }
    if (q->v[5]) {
        if (date_parse(q->v[5], &day) != 0) {
            form_error(fe, "to", "To date must be a real date, like 2026-11-23");
        } else {
            snprintf(q->to, sizeof q->to, "%.10sT23:59:59Z", q->v[5]);
            buf_add(&q->where, " AND a.at <= ?");
            q->params[q->nparams++] = q->to;
        }
    }
}

/* Runs the count and the page; fills items (JSON rows). */
static int audit_query_run(db *d, struct audit_query *q, int page, int per_page, int64_t *total, json_t *items)
{
    buf sql = BUF_INIT;
    db_stmt *st = NULL;
    int rc, i;
    buf_printf(&sql, "SELECT COUNT(*) FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id%s", buf_str(&q->where));
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    for (i = 0; i < q->nparams; i++) db_bind_text(st, i + 1, q->params[i]);
    if ((rc = db_step(st)) != DB_ROW) goto done;
    *total = db_col_int64(st, 0);
    db_finalize(st);
    st = NULL;
    buf_reset(&sql);
    buf_printf(&sql, "SELECT a.id, a.at, a.actor_id, p.email, a.remote, a.action, a.entity, a.entity_id, a.detail, a.request_id "
                     "FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id%s ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?",
               buf_str(&q->where));
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    for (i = 0; i < q->nparams; i++) db_bind_text(st, i + 1, q->params[i]);
    db_bind_int64(st, q->nparams + 1, per_page);
    db_bind_int64(st, q->nparams + 2, (int64_t)(page - 1) * per_page);
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s?, s:s?, s:s?, s:s, s:s, s:s?, s:s?, s:s?}", "id",
                                               (json_int_t)db_col_int64(st, 0), "at", db_col_text(st, 1), "actor_id",
                                               db_col_text(st, 2), "actor_email", db_col_text(st, 3), "remote",
                                               db_col_text(st, 4), "action", db_col_text(st, 5), "entity",
                                               db_col_text(st, 6), "entity_id", db_col_text(st, 7), "detail",
                                               db_col_text(st, 8), "request_id", db_col_text(st, 9)));
    rc = rc == DB_DONE ? DB_OK : rc;
done:
    if (rc == DB_DONE) rc = DB_ERROR;
    db_finalize(st);
    buf_free(&sql);
    return rc;
}

/* The link to a page of the log with the same filters; ctx is the query. */
static void page_link(buf *b, const void *ctx, int page)
{
    const struct audit_query *q = ctx;
    char p[16];
    const char *pairs[2 * AUDIT_NFILTERS + 3];
    int i, n = 0;
    snprintf(p, sizeof p, "%d", page);
    for (i = 0; i < AUDIT_NFILTERS; i++) {
        pairs[n++] = g_filters[i];
        pairs[n++] = q->v[i];
    }
    pairs[n++] = "page";
    pairs[n++] = p;
    pairs[n] = NULL;
    buf_add(b, "/admin/audit");
    html_query(b, pairs);
}

void partnership_audit_page(req *rq, resp *rs)
{
    form_errors fe = {0};
    struct audit_query q;
    buf b = BUF_INIT;
    json_t *items = json_array(), *rows = json_array(), *it, *o;
    int64_t total = 0;
    int page, per_page, rc, i;
    size_t k;
    audit_query_read(rq, &q, &fe);
    if (router_page_params(rq, rs, 50, 200, &page, &per_page) != 0) goto done;
    if (!form_has_errors(&fe) && (rc = audit_query_run(rq->db, &q, page, per_page, &total, items)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    form_error_summary(&b, &fe);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Audit log</h1>"
                "<p class=\"govuk-body\">Every change and every view of personal data, newest first. The log cannot be changed or deleted.</p>"
                "<form method=\"get\" action=\"/admin/audit\" novalidate><div class=\"govuk-grid-row\">");
    for (i = 0; i < AUDIT_NFILTERS; i++) {
        buf_add(&b, "<div class=\"govuk-grid-column-one-third\">");
        partnership_input(&b, g_filters[i], g_labels[i], req_query(rq, g_filters[i]), &fe,
                          i >= 4 ? "For example, 2026-11-23" : NULL, NULL, i == 0 ? "email" : NULL, "off");
        buf_add(&b, "</div>");
    }
    buf_add(&b, "</div>");
    partnership_button(&b, "Filter", NULL, "govuk-button--secondary");
    buf_add(&b, "</form>");
    buf_printf(&b, "<p class=\"govuk-body\">%lld %s.</p>", (long long)total, total == 1 ? "entry" : "entries");
    json_array_foreach(items, k, it) {
        const char *email = json_string_value(json_object_get(it, "actor_email"));
        const char *actor = json_string_value(json_object_get(it, "actor_id"));
        const char *eid = json_string_value(json_object_get(it, "entity_id"));
        const char *detail = json_string_value(json_object_get(it, "detail"));
        json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}]", "text",
                                              json_string_value(json_object_get(it, "at")), "text",
                                              email ? email : actor ? actor : "Public or system", "text",
                                              json_string_value(json_object_get(it, "action")), "text",
                                              json_string_value(json_object_get(it, "entity")), "text", eid ? eid : "",
                                              "text", detail ? detail : ""));
    }
    if (json_array_size(rows) > 0) {
        o = json_pack("{s:s, s:s, s:[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}], s:O}", "caption", "Audit log entries",
                      "captionClasses", "govuk-visually-hidden", "head", "text", "When (UTC)", "text", "Who", "text",
                      "Action", "text", "Record", "text", "Record id", "text", "Detail", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
    }
    partnership_pagination(&b, page, per_page, total, page_link, &q);
    if ((rc = audit_log(rq, rs, "view", "audit_log", NULL, NULL)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    page_render_ex(rq, rs, form_has_errors(&fe) ? 400 : 200, "Audit log", buf_str(&b), form_has_errors(&fe));
done:
    json_decref(items);
    json_decref(rows);
    buf_free(&b);
    buf_free(&q.where);
    form_errors_free(&fe);
}

void partnership_audit_api(req *rq, resp *rs)
{
    form_errors fe = {0};
    struct audit_query q;
    json_t *items = json_array();
    int64_t total = 0;
    int page, per_page, rc;
    audit_query_read(rq, &q, &fe);
    if (router_page_params(rq, rs, 50, 500, &page, &per_page) != 0) goto done;
    if (form_has_errors(&fe)) {
        partnership_fail_json(rs, &fe, 0);
        goto done;
    }
    if ((rc = audit_query_run(rq->db, &q, page, per_page, &total, items)) != DB_OK ||
        (rc = audit_log(rq, rs, "view", "audit_log", NULL, NULL)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    partnership_list_json(rs, items, page, per_page, total);
    items = NULL;
done:
    json_decref(items);
    buf_free(&q.where);
    form_errors_free(&fe);
}
