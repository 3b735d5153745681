/* ofsted: import of Ofsted's area SEND inspection statistics and the
 * national comparison (see ofsted.h). */
#include "ofsted.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/buf.h"
#include "core/cli.h"
#include "core/date.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/site.h"
#include "core/utf8.h"
#include "plans/store.h"

#define NCOLS 12
static const char *const columns[NCOLS] = {
    "Local authority code",
    "Area name",
    "Ofsted region",
    "Inspection start date",
    "Inspection publication date",
    "Inspection outcome: written statement of action required?",
    "Number significant weaknesses identified in written statement of action",
    "Revisit start date",
    "Revisit publication date",
    "Revisit outcome: sufficient progress in addressing all significant weaknesses?",
    "Number significant weaknesses where sufficient progress has been made",
    "Number significant weaknesses where sufficient progress has not been made",
};

struct orow {
    char *f[NCOLS];
    int nf;
};

/* One CSV record (RFC 4180: quotes, doubled quotes, CRLF or LF) from
 * text[*pos]. Returns 1 with a record, 0 at the end, -1 on a bad quote. */
static int csv_record(const char *t, size_t len, size_t *pos, struct orow *r, int *toomany)
{
    size_t p = *pos;
    buf f = BUF_INIT;
    int rc = 1;
    memset(r, 0, sizeof *r);
    *toomany = 0;
    if (p >= len) return 0;
    for (;;) {
        buf_reset(&f);
        buf_add(&f, "");
        if (p < len && t[p] == '"') {
            p++;
            for (;;) {
                if (p >= len) { rc = -1; goto done; }
                if (t[p] == '"') {
                    if (p + 1 < len && t[p + 1] == '"') { buf_addc(&f, '"'); p += 2; continue; }
                    p++;
                    break;
                }
                buf_addc(&f, t[p++]);
            }
            if (p < len && t[p] != ',' && t[p] != '\n' && t[p] != '\r') { rc = -1; goto done; }
        } else {
            while (p < len && t[p] != ',' && t[p] != '\n' && t[p] != '\r') {
                if (t[p] == '"') { rc = -1; goto done; }
                buf_addc(&f, t[p++]);
            }
        }
        if (r->nf < NCOLS) r->f[r->nf++] = buf_detach(&f);
        else *toomany = 1;
        if (p < len && t[p] == ',') { p++; continue; }
        if (p < len && t[p] == '\r') p++;
        if (p < len && t[p] == '\n') p++;
        break;
    }
done:
    buf_free(&f);
    *pos = p;
    return rc;
}

static void row_free(struct orow *r)
{
    int i;
    for (i = 0; i < r->nf; i++) free(r->f[i]);
    r->nf = 0;
}

static const char *col(const struct orow *r, int i)
{
    return i < r->nf && r->f[i] ? r->f[i] : "";
}

/* "2017-11-13T00:00:00" or "2017-11-13" -> "2017-11-13" in out; 0 or -1. */
static int iso_day(const char *s, char out[11])
{
    int32_t d;
    size_t n = strlen(s);
    if (n != 10 && !(n == 19 && strcmp(s + 10, "T00:00:00") == 0)) return -1;
    if (date_parsen(s, 10, &d) != 0) return -1;
    return date_format(d, out);
}

static int count_of(const char *s, int *out)
{
    char *end;
    long v;
    if (!*s || !isdigit((unsigned char)s[0])) return -1;
    v = strtol(s, &end, 10);
    if (*end || v < 0 || v > 1000) return -1;
    *out = (int)v;
    return 0;
}

struct parsed {
    char code[10], name[200], region[100];
    char istart[11], ipub[11], rstart[11], rpub[11];
    int wsoa, weak, suff, notsuff, revisited;
    char outcome[8];
};

/* Validates one data row; on error writes the column and problem. */
static int check_row(const struct orow *r, struct parsed *p, int *bad_col, const char **why)
{
    const char *s;
    int i;
    memset(p, 0, sizeof *p);
    *why = NULL;
    s = col(r, 0);
    if (strlen(s) != 9 || !isupper((unsigned char)s[0])) { *bad_col = 0; *why = "must be a 9-character code such as E10000017"; return -1; }
    for (i = 1; i < 9; i++)
        if (!isdigit((unsigned char)s[i])) { *bad_col = 0; *why = "must be a 9-character code such as E10000017"; return -1; }
    snprintf(p->code, sizeof p->code, "%s", s);
    s = col(r, 1);
    if (!*s || strlen(s) >= sizeof p->name || !utf8_valid(s, strlen(s))) { *bad_col = 1; *why = "must not be empty"; return -1; }
    snprintf(p->name, sizeof p->name, "%s", s);
    s = col(r, 2);
    if (!*s || strlen(s) >= sizeof p->region || !utf8_valid(s, strlen(s))) { *bad_col = 2; *why = "must not be empty"; return -1; }
    snprintf(p->region, sizeof p->region, "%s", s);
    if (iso_day(col(r, 3), p->istart) != 0) { *bad_col = 3; *why = "must be a date such as 2017-11-13T00:00:00"; return -1; }
    if (*col(r, 4) && iso_day(col(r, 4), p->ipub) != 0) { *bad_col = 4; *why = "must be a date such as 2018-01-16T00:00:00"; return -1; }
    s = col(r, 5);
    if (strcmp(s, "Yes") == 0) p->wsoa = 1;
    else if (strcmp(s, "No") == 0) p->wsoa = 0;
    else { *bad_col = 5; *why = "must be Yes or No"; return -1; }
    if (!p->wsoa) {
        for (i = 6; i < NCOLS; i++)
            if (*col(r, i)) { *bad_col = i; *why = "must be empty when no written statement of action was required"; return -1; }
        return 0;
    }
    if (count_of(col(r, 6), &p->weak) != 0) { *bad_col = 6; *why = "must be a whole number"; return -1; }
    s = col(r, 7);
    if (!*s || strcmp(s, "Not revisited yet") == 0) {
        for (i = 8; i < NCOLS; i++)
            if (*col(r, i)) { *bad_col = i; *why = "must be empty when the area has not been revisited"; return -1; }
        return 0;
    }
    p->revisited = 1;
    if (iso_day(s, p->rstart) != 0) { *bad_col = 7; *why = "must be a date or \"Not revisited yet\""; return -1; }
    if (*col(r, 8) && iso_day(col(r, 8), p->rpub) != 0) { *bad_col = 8; *why = "must be a date"; return -1; }
    s = col(r, 9);
    if (strcmp(s, "Yes") && strcmp(s, "Some") && strcmp(s, "No")) { *bad_col = 9; *why = "must be Yes, Some or No"; return -1; }
    snprintf(p->outcome, sizeof p->outcome, "%s", s);
    if (count_of(col(r, 10), &p->suff) != 0) { *bad_col = 10; *why = "must be a whole number"; return -1; }
    if (count_of(col(r, 11), &p->notsuff) != 0) { *bad_col = 11; *why = "must be a whole number"; return -1; }
    if (p->suff + p->notsuff != p->weak) { *bad_col = 11; *why = "the two revisit numbers must add up to the number of significant weaknesses"; return -1; }
    return 0;
}

int plans_ofsted_import(db *d, const char *text, size_t len, int *count, char *err, size_t errlen)
{
    size_t pos = 0, np = 0, cap = 0, i;
    struct orow r;
    struct parsed *ps = NULL;
    int rc = DB_OK, line = 0, got, toomany, began = 0;
    char now[21];
    *count = 0;
    err[0] = '\0';
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) pos = 3;
    while ((got = csv_record(text, len, &pos, &r, &toomany)) != 0) {
        line++;
        if (got < 0) {
            snprintf(err, errlen, "row %d: a quoted value is not closed properly", line);
            rc = DB_EARG;
            row_free(&r);
            goto done;
        }
        if (line == 1) {
            int c;
            for (c = 0; c < NCOLS; c++)
                if (strcmp(col(&r, c), columns[c]) != 0) {
                    snprintf(err, errlen, "row 1, column %d: expected the heading \"%s\"", c + 1, columns[c]);
                    rc = DB_EARG;
                    break;
                }
            row_free(&r);
            if (rc != DB_OK) goto done;
            continue;
        }
        if (r.nf == 1 && !*col(&r, 0)) { row_free(&r); continue; }   /* blank line */
        {
            int bad = 0;
            const char *why = NULL;
            if (np == cap) {
                cap = cap ? cap * 2 : 64;
                ps = xrealloc(ps, cap * sizeof *ps);
            }
            if (toomany) { bad = NCOLS; why = "the row has more than 12 columns"; }
            else if (check_row(&r, &ps[np], &bad, &why) == 0) np++;
            if (why) {
                snprintf(err, errlen, "row %d, column %d (%s): %s", line, bad + 1,
                         bad < NCOLS ? columns[bad] : "extra", why);
                rc = DB_EARG;
            }
        }
        row_free(&r);
        if (rc != DB_OK) goto done;
    }
    if (line == 0) {
        snprintf(err, errlen, "row 1: the file is empty");
        rc = DB_EARG;
        goto done;
    }
    ids_now_iso(now);
    if ((rc = db_begin(d)) != DB_OK) goto done;
    began = 1;
    for (i = 0; i < np; i++) {
        const struct parsed *p = &ps[i];
        char w[16], s1[16], s2[16];
        snprintf(w, sizeof w, "%d", p->weak);
        snprintf(s1, sizeof s1, "%d", p->suff);
        snprintf(s2, sizeof s2, "%d", p->notsuff);
        rc = db_query_text(d, NULL,
            "INSERT INTO plans_ofsted (la_code, area_name, region, inspection_start, inspection_published, "
            "wsoa_required, weaknesses, revisit_start, revisit_published, revisit_outcome, sufficient, "
            "not_sufficient, imported_at) VALUES (?, ?, ?, ?, ?, CAST(? AS INTEGER), CAST(? AS INTEGER), ?, ?, ?, "
            "CAST(? AS INTEGER), CAST(? AS INTEGER), ?) "
            "ON CONFLICT (la_code) DO UPDATE SET area_name = excluded.area_name, region = excluded.region, "
            "inspection_start = excluded.inspection_start, inspection_published = excluded.inspection_published, "
            "wsoa_required = excluded.wsoa_required, weaknesses = excluded.weaknesses, "
            "revisit_start = excluded.revisit_start, revisit_published = excluded.revisit_published, "
            "revisit_outcome = excluded.revisit_outcome, sufficient = excluded.sufficient, "
            "not_sufficient = excluded.not_sufficient, imported_at = excluded.imported_at",
            13, p->code, p->name, p->region, p->istart, *p->ipub ? p->ipub : NULL, p->wsoa ? "1" : "0",
            p->wsoa ? w : NULL, p->revisited ? p->rstart : NULL, *p->rpub ? p->rpub : NULL,
            p->revisited ? p->outcome : NULL, p->revisited ? s1 : NULL, p->revisited ? s2 : NULL, now);
        if (rc < 0) goto done;
    }
    {
        char detail[64];
        snprintf(detail, sizeof detail, "%zu rows", np);
        if ((rc = audit_log_db(d, NULL, NULL, "import", "ofsted_statistics", NULL, detail)) < 0) goto done;
    }
    rc = db_commit(d);
    began = 0;
    if (rc == DB_OK) *count = (int)np;
done:
    if (began) db_rollback(d);
    if (rc < 0 && rc != DB_EARG && !err[0]) snprintf(err, errlen, "database: %s", db_errmsg(d));
    if (rc > 0) rc = DB_OK;
    free(ps);
    return rc;
}

int plans_cli_import_ofsted(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, count = 0, rc = cli_parse("sendhub inspections import-ofsted FILE [--db URL]", argc, argv, flags, pos, 1, &npos);
    db *d = NULL;
    FILE *f = NULL;
    buf b = BUF_INIT;
    char chunk[65536], err[512];
    size_t n;
    if (rc) return rc < 0 ? 2 : 0;
    rc = 1;
    if (npos != 1) {
        fprintf(stderr, "sendhub inspections import-ofsted: name the CSV file\n");
        rc = 2;
        goto done;
    }
    if (!(f = fopen(pos[0], "rb"))) {
        fprintf(stderr, "sendhub inspections import-ofsted: cannot open %s\n", pos[0]);
        goto done;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf_addn(&b, chunk, n);
        if (b.len > 20 * 1024 * 1024) {
            fprintf(stderr, "sendhub inspections import-ofsted: the file is too big\n");
            goto done;
        }
    }
    if (!(d = cli_open_db(cli_flag(flags, "--db"), 1))) goto done;
    if (plans_ofsted_import(d, buf_str(&b), b.len, &count, err, sizeof err) != DB_OK) {
        fprintf(stderr, "sendhub inspections import-ofsted: nothing imported: %s\n", err);
        goto done;
    }
    printf("imported %d areas\n", count);
    rc = 0;
done:
    if (f) fclose(f);
    if (d) db_close(d);
    buf_free(&b);
    return rc;
}

/* ---- the national comparison ------------------------------------------------ */

#define NATIONAL_COLS "la_code, area_name, region, inspection_start, inspection_published, wsoa_required, " \
    "weaknesses, revisit_start, revisit_published, revisit_outcome, sufficient, not_sufficient"
#define NATIONAL_TYPES "sssssbisssii"

static int national_rows(db *d, const char *area, json_t **rows)
{
    if (area && *area)
        return plans_rows(d, rows, NATIONAL_TYPES, "SELECT " NATIONAL_COLS " FROM plans_ofsted "
                          "WHERE lower(area_name) = lower(?) OR la_code = ? ORDER BY area_name", 2, area, area);
    return plans_rows(d, rows, NATIONAL_TYPES, "SELECT " NATIONAL_COLS " FROM plans_ofsted ORDER BY area_name", 0);
}

/* Counts for a set of rows: inspected, needed a WSoA, revisited, and revisit
 * outcomes all / some / no sufficient progress. */
static json_t *summary(const json_t *rows)
{
    size_t i;
    json_t *r;
    int n = 0, wsoa = 0, rev = 0, yes = 0, some = 0, no = 0;
    json_array_foreach(rows, i, r) {
        const char *o = plans_js(r, "revisit_outcome");
        n++;
        if (json_is_true(json_object_get(r, "wsoa_required"))) wsoa++;
        if (*o) rev++;
        if (strcmp(o, "Yes") == 0) yes++;
        else if (strcmp(o, "Some") == 0) some++;
        else if (strcmp(o, "No") == 0) no++;
    }
    return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}", "inspected", n, "wsoa_required", wsoa, "revisited", rev,
                     "revisit_all_sufficient", yes, "revisit_some_sufficient", some, "revisit_none_sufficient", no);
}

/* The partnership's areas: their rows in the Ofsted statistics, and for
 * areas the statistics do not cover, the 2016-framework inspections
 * recorded here (latest revisit's judgements). */
static int partnership_rows(db *d, json_t **rows)
{
    json_t *r;
    size_t i;
    int rc = plans_rows(d, rows, NATIONAL_TYPES, "SELECT " NATIONAL_COLS " FROM plans_ofsted o "
                        "WHERE EXISTS (SELECT 1 FROM areas a WHERE a.ons_code = o.la_code OR lower(a.name) = lower(o.area_name)) "
                        "ORDER BY area_name", 0);
    if (rc != DB_OK) return rc;
    rc = plans_rows(d, rows, NATIONAL_TYPES,
                    "SELECT ar.ons_code AS la_code, ar.name AS area_name, '' AS region, i.start_date AS inspection_start, "
                    "i.publication_date AS inspection_published, CASE WHEN i.outcome = 'wsoa' THEN 1 ELSE 0 END AS wsoa_required, "
                    "(SELECT COUNT(*) FROM plans_findings f WHERE f.inspection_id = i.id AND f.kind = 'significant_weakness') AS weaknesses, "
                    "v.start_date AS revisit_start, v.publication_date AS revisit_published, '' AS revisit_outcome, "
                    "(SELECT COUNT(*) FROM plans_judgements j WHERE j.visit_id = v.id AND j.sufficient = 1) AS sufficient, "
                    "(SELECT COUNT(*) FROM plans_judgements j WHERE j.visit_id = v.id AND j.sufficient = 0) AS not_sufficient "
                    "FROM plans_inspections i JOIN areas ar ON ar.id = i.area_id "
                    "LEFT JOIN plans_visits v ON v.id = (SELECT v2.id FROM plans_visits v2 WHERE v2.inspection_id = i.id "
                    "ORDER BY v2.start_date DESC LIMIT 1) "
                    "WHERE i.framework = '2016' AND NOT EXISTS (SELECT 1 FROM plans_ofsted o WHERE o.la_code = ar.ons_code "
                    "OR lower(o.area_name) = lower(ar.name)) ORDER BY ar.name, i.start_date", 0);
    if (rc != DB_OK) return rc;
    json_array_foreach(*rows, i, r) {
        if (*plans_js(r, "revisit_outcome") || !*plans_js(r, "revisit_start")) continue;
        {
            json_int_t y = json_integer_value(json_object_get(r, "sufficient")), n = json_integer_value(json_object_get(r, "not_sufficient"));
            json_object_set_new(r, "revisit_outcome", json_string(n == 0 ? "Yes" : y == 0 ? "No" : "Some"));
        }
    }
    return DB_OK;
}

void plans_national_api(req *rq, resp *rs)
{
    json_t *rows = NULL, *part = NULL;
    int rc = national_rows(rq->db, req_query(rq, "area"), &rows);
    if (rc == DB_OK) rc = partnership_rows(rq->db, &part);
    if (rc != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    {
        json_t *all = NULL;
        if ((rc = national_rows(rq->db, NULL, &all)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
        resp_json(rs, 200, json_pack("{s:O, s:i, s:{s:o, s:o}}", "items", rows, "total", (int)json_array_size(rows),
                                     "comparison", "all_areas", summary(all), "partnership_areas", summary(part)));
        json_decref(all);
    }
done:
    json_decref(rows);
    json_decref(part);
}

static void summary_table(buf *b, const char *caption, const json_t *s)
{
    json_t *o = json_pack("{s:s, s:s, s:b, s:[[{s:s},{s:s}]], s:[]}", "caption", caption,
                          "captionClasses", "govuk-table__caption--m", "firstCellIsHeader", 1,
                          "head", "text", "Measure", "text", "Number of areas", "rows");
    json_t *rows = json_object_get(o, "rows");
    static const char *const keys[][2] = {
        {"inspected", "Inspected"},
        {"wsoa_required", "Needed a written statement of action"},
        {"revisited", "Revisited"},
        {"revisit_all_sufficient", "Revisit: sufficient progress on all weaknesses"},
        {"revisit_some_sufficient", "Revisit: sufficient progress on some weaknesses"},
        {"revisit_none_sufficient", "Revisit: sufficient progress on none"},
    };
    size_t i;
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char n[24];
        snprintf(n, sizeof n, "%lld", (long long)json_integer_value(json_object_get(s, keys[i][0])));
        json_array_append_new(rows, json_pack("[{s:s},{s:s, s:s}]", "text", keys[i][1], "text", n, "format", "numeric"));
    }
    govuk_table(b, o);
    json_decref(o);
}

static void long_date(const char *iso, char out[DATE_LONG_LEN])
{
    int32_t d;
    out[0] = '\0';
    if (iso && date_parse(iso, &d) == 0) date_format_long(d, out);
}

void plans_national_page(req *rq, resp *rs)
{
    json_t *rows = NULL, *all = NULL, *part = NULL, *s1 = NULL, *s2 = NULL, *o, *r, *trows;
    const char *area = req_query(rq, "area");
    buf b = BUF_INIT;
    size_t i;
    int rc = national_rows(rq->db, area, &rows);
    if (rc == DB_OK) rc = national_rows(rq->db, NULL, &all);
    if (rc == DB_OK) rc = partnership_rows(rq->db, &part);
    if (rc != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    s1 = summary(all);
    s2 = summary(part);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Area SEND inspections in England, 2016 to 2022</h1>"
                "<p class=\"govuk-body\">Ofsted and the Care Quality Commission inspected every local area under the 2016 "
                "framework. Where they found significant weaknesses, the area had to write a written statement of action, "
                "and a revisit judged whether it had made sufficient progress on each weakness. Source: Ofsted official "
                "statistics, Open Government Licence v3.0.</p>");
    if (json_array_size(all) == 0)
        buf_add(&b, "<p class=\"govuk-body\">The statistics have not been imported yet. An administrator can run "
                    "<code>sendhub inspections import-ofsted FILE</code>.</p>");
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">");
    summary_table(&b, "All areas in England", s1);
    buf_add(&b, "</div><div class=\"govuk-grid-column-one-half\">");
    summary_table(&b, "This partnership's areas", s2);
    buf_add(&b, "</div></div>");
    buf_add(&b, "<form method=\"get\" action=\"/inspections/national\" novalidate>");
    o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:s}", "id", "area", "name", "area", "value", area ? area : "",
                  "label", "text", "Area name or code", "classes", "govuk-!-width-one-half");
    govuk_input(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s}", "text", "Show area", "classes", "govuk-button--secondary");
    govuk_button(&b, o);
    json_decref(o);
    buf_add(&b, "</form>");
    o = json_pack("{s:s, s:s, s:b, s:[{s:s},{s:s},{s:s},{s:s},{s:s, s:s},{s:s},{s:s},{s:s, s:s},{s:s, s:s}], s:[]}",
                  "caption", area && *area ? "Inspections of the area you asked for" : "Inspections of every area",
                  "captionClasses", "govuk-table__caption--m", "firstCellIsHeader", 1, "head",
                  "text", "Area", "text", "Code", "text", "Inspected", "text", "Written statement of action",
                  "text", "Significant weaknesses", "format", "numeric", "text", "Revisited", "text", "Revisit outcome",
                  "text", "Sufficient progress", "format", "numeric", "text", "Not sufficient progress", "format", "numeric",
                  "rows");
    trows = json_object_get(o, "rows");
    json_array_foreach(rows, i, r) {
        char d1[DATE_LONG_LEN], d2[DATE_LONG_LEN], w[16] = "", s[16] = "", ns[16] = "";
        json_t *wv = json_object_get(r, "weaknesses"), *sv = json_object_get(r, "sufficient"),
               *nv = json_object_get(r, "not_sufficient");
        long_date(plans_js(r, "inspection_start"), d1);
        long_date(plans_js(r, "revisit_start"), d2);
        if (json_is_integer(wv)) snprintf(w, sizeof w, "%lld", (long long)json_integer_value(wv));
        if (json_is_integer(sv)) snprintf(s, sizeof s, "%lld", (long long)json_integer_value(sv));
        if (json_is_integer(nv)) snprintf(ns, sizeof ns, "%lld", (long long)json_integer_value(nv));
        json_array_append_new(trows, json_pack("[{s:s},{s:s},{s:s},{s:s},{s:s, s:s},{s:s},{s:s},{s:s, s:s},{s:s, s:s}]",
            "text", plans_js(r, "area_name"), "text", plans_js(r, "la_code"), "text", d1,
            "text", json_is_true(json_object_get(r, "wsoa_required")) ? "Required" : "Not required",
            "text", w, "format", "numeric", "text", *d2 ? d2 : "Not revisited",
            "text", plans_js(r, "revisit_outcome"), "text", s, "format", "numeric", "text", ns, "format", "numeric"));
    }
    if (json_array_size(rows) == 0 && area && *area)
        buf_add(&b, "<p class=\"govuk-body\">No area matches that name or code.</p>");
    else
        govuk_table(&b, o);
    json_decref(o);
    page_render(rq, rs, 200, "Area SEND inspections in England", buf_str(&b));
done:
    buf_free(&b);
    json_decref(rows);
    json_decref(all);
    json_decref(part);
    json_decref(s1);
    json_decref(s2);
}
