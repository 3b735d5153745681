#include "voice/measures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/site.h"
#include "voice/stats.h"
#include "voice/voice.h"

static const char *s(const char *v) { return v ? v : ""; }

/* One area's figures. */
static int area_measures(db *d, const char *area, const char *from_ts, const char *to_ts, json_t *o)
{
    int64_t fb = 0, good = 0, responses = 0, listened = 0, yes = 0, replied = 0;
    int64_t *days = NULL;
    size_t n = 0, cap = 0;
    db_stmt *st = NULL;
    int rc;
    if ((rc = db_query_int64(d, &fb, "SELECT COUNT(*) FROM voice_feedback WHERE area_id = ? AND created_at >= ? AND created_at < ?", 3, area, from_ts, to_ts)) < 0) goto done;
    if ((rc = db_query_int64(d, &good, "SELECT COUNT(*) FROM voice_feedback WHERE area_id = ? AND created_at >= ? AND created_at < ? AND rating >= 4", 3, area, from_ts, to_ts)) < 0) goto done;
    if ((rc = db_query_int64(d, &responses, "SELECT COUNT(*) FROM voice_responses WHERE area_id = ? AND created_at >= ? AND created_at < ?", 3, area, from_ts, to_ts)) < 0) goto done;
    if ((rc = db_query_int64(d, &listened, "SELECT COUNT(*) FROM voice_answers a JOIN voice_responses r ON r.id = a.response_id JOIN voice_questions q ON q.id = a.question_id "
                                           "WHERE q.measure = 'listened' AND r.area_id = ? AND r.created_at >= ? AND r.created_at < ?", 3, area, from_ts, to_ts)) < 0) goto done;
    if ((rc = db_query_int64(d, &yes, "SELECT COUNT(*) FROM voice_answers a JOIN voice_responses r ON r.id = a.response_id JOIN voice_questions q ON q.id = a.question_id "
                                      "WHERE q.measure = 'listened' AND a.value = 'Yes' AND r.area_id = ? AND r.created_at >= ? AND r.created_at < ?", 3, area, from_ts, to_ts)) < 0) goto done;
    if ((rc = db_prepare(d, "SELECT created_at, replied_at FROM voice_feedback WHERE area_id = ? AND created_at >= ? AND created_at < ? AND replied_at IS NOT NULL", &st)) != DB_OK) goto done;
    db_bind_text(st, 1, area);
    db_bind_text(st, 2, from_ts);
    db_bind_text(st, 3, to_ts);
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t a, b;
        if (date_ts_parse(db_col_text(st, 0), &a) != 0 || date_ts_parse(db_col_text(st, 1), &b) != 0) continue;
        if (n == cap) days = xrealloc(days, (cap = cap ? cap * 2 : 16) * sizeof *days);
        days[n++] = date_diff(date_of_ts(a), date_of_ts(b));
        replied++;
    }
    if (rc != DB_DONE) goto done;
    rc = DB_OK;
    json_object_set_new(o, "feedback_count", json_integer(fb));
    json_object_set_new(o, "feedback_good_or_better_percent", fb ? json_real(voice_stats_percent(good, fb)) : json_null());
    json_object_set_new(o, "survey_responses", json_integer(responses));
    json_object_set_new(o, "listened_answers", json_integer(listened));
    json_object_set_new(o, "listened_yes_percent", listened ? json_real(voice_stats_percent(yes, listened)) : json_null());
    json_object_set_new(o, "replies", json_integer(replied));
    json_object_set_new(o, "median_days_to_reply", n ? json_real(voice_stats_median(days, n)) : json_null());
done:
    free(days);
    db_finalize(st);
    return rc;
}

json_t *voice_measures(db *d, const char *area_id, const char *from, const char *to)
{
    json_t *out = json_array();
    db_stmt *st = NULL;
    char from_ts[32], to_ts[32];
    int32_t t;
    int rc;
    snprintf(from_ts, sizeof from_ts, "%sT00:00:00Z", from);
    date_parse(to, &t);
    date_format(date_add_days(t, 1), to_ts);
    strcat(to_ts, "T00:00:00Z");
    if ((rc = db_prepare(d, area_id ? "SELECT id, name FROM areas WHERE id = ?" : "SELECT id, name FROM areas ORDER BY name", &st)) != DB_OK) goto fail;
    if (area_id) db_bind_text(st, 1, area_id);
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "area_id", s(db_col_text(st, 0)), "area", s(db_col_text(st, 1)), "from", from, "to", to);
        if (area_measures(d, db_col_text(st, 0), from_ts, to_ts, o) != DB_OK) {
            json_decref(o);
            goto fail;
        }
        json_array_append_new(out, o);
    }
    if (rc != DB_DONE) goto fail;
    db_finalize(st);
    return out;
fail:
    db_finalize(st);
    json_decref(out);
    return NULL;
}

/* Reads area/from/to; writes a 400 and returns -1 when they are wrong. */
static int params(req *rq, resp *rs, const char **area, char from[11], char to[11])
{
    const char *f = req_query(rq, "from"), *t = req_query(rq, "to");
    int32_t df, dt;
    int64_t n = 0;
    *area = req_query(rq, "area");
    if (*area && !**area) *area = NULL;
    if (*area && (!ids_is_uuid(*area) || db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM areas WHERE id = ?", 1, *area) < 0 || n == 0)) {
        resp_error(rq, rs, 400, "invalid", "area must be the id of an area", "area");
        return -1;
    }
    dt = date_today();
    if (t && *t && date_parse(t, &dt) != 0) {
        resp_error(rq, rs, 400, "invalid", "to must be a date YYYY-MM-DD", "to");
        return -1;
    }
    df = date_add_days(dt, -364);
    if (f && *f && date_parse(f, &df) != 0) {
        resp_error(rq, rs, 400, "invalid", "from must be a date YYYY-MM-DD", "from");
        return -1;
    }
    if (df > dt) {
        resp_error(rq, rs, 400, "invalid", "from must be on or before to", "from");
        return -1;
    }
    date_format(df, from);
    date_format(dt, to);
    return 0;
}

void voice_measures_api(req *rq, resp *rs)
{
    const char *area;
    char from[11], to[11];
    json_t *m;
    if (params(rq, rs, &area, from, to) != 0) return;
    if (!(m = voice_measures(rq->db, area, from, to))) {
        resp_db_error(rq, rs, DB_ERROR);
        return;
    }
    resp_json(rs, 200, json_pack("{s:s, s:s, s:o}", "from", from, "to", to, "items", m));
}

static void cell_pct(json_t *row, json_t *v)
{
    char t[32];
    if (json_is_number(v)) snprintf(t, sizeof t, "%.1f%%", json_number_value(v));
    else snprintf(t, sizeof t, "No data");
    json_array_append_new(row, json_pack("{s:s, s:s}", "text", t, "format", "numeric"));
}

void voice_measures_page(req *rq, resp *rs)
{
    const char *area;
    char from[11], to[11], fl[DATE_LONG_LEN], tl[DATE_LONG_LEN];
    json_t *m, *rows = json_array(), *o, *it;
    buf b = BUF_INIT;
    size_t i;
    int32_t d;
    if (params(rq, rs, &area, from, to) != 0) {
        json_decref(rows);
        return;
    }
    if (!(m = voice_measures(rq->db, area, from, to))) {
        json_decref(rows);
        resp_db_error(rq, rs, DB_ERROR);
        return;
    }
    json_array_foreach(m, i, it) {
        json_t *row = json_array();
        char t[32];
        json_array_append_new(row, json_pack("{s:s}", "text", json_string_value(json_object_get(it, "area"))));
        snprintf(t, sizeof t, "%lld", (long long)json_integer_value(json_object_get(it, "feedback_count")));
        json_array_append_new(row, json_pack("{s:s, s:s}", "text", t, "format", "numeric"));
        cell_pct(row, json_object_get(it, "feedback_good_or_better_percent"));
        snprintf(t, sizeof t, "%lld", (long long)json_integer_value(json_object_get(it, "survey_responses")));
        json_array_append_new(row, json_pack("{s:s, s:s}", "text", t, "format", "numeric"));
        cell_pct(row, json_object_get(it, "listened_yes_percent"));
        if (json_is_number(json_object_get(it, "median_days_to_reply")))
            snprintf(t, sizeof t, "%.1f", json_number_value(json_object_get(it, "median_days_to_reply")));
        else
            snprintf(t, sizeof t, "No replies");
        json_array_append_new(row, json_pack("{s:s, s:s}", "text", t, "format", "numeric"));
        json_array_append_new(rows, row);
    }
    date_parse(from, &d);
    date_format_long(d, fl);
    date_parse(to, &d);
    date_format_long(d, tl);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Experience measures</h1><p class=\"govuk-body\">From ");
    html_txt(&b, fl);
    buf_add(&b, " to ");
    html_txt(&b, tl);
    buf_add(&b, ". The same figures are in the API at <code>/api/v1/voice/measures?area=&amp;from=&amp;to=</code>.</p>");
    o = json_pack("{s:s, s:s, s:[{s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}], s:o}", "caption",
                  "Experience measures by area", "captionClasses", "govuk-table__caption--m", "head", "text", "Area", "text",
                  "Feedback received", "format", "numeric", "text", "Rated good or better", "format", "numeric", "text",
                  "Survey responses", "format", "numeric", "text", "Feel listened to (yes)", "format", "numeric", "text",
                  "Median days to reply", "format", "numeric", "rows", rows);
    govuk_table(&b, o);
    json_decref(o);
    json_decref(m);
    page_render(rq, rs, 200, "Experience measures", buf_str(&b));
    buf_free(&b);
}
