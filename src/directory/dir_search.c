/* dir_search: see dir_search.h. */
#include "dir_search.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "dir_geo.h"

#define METRES_PER_DEGREE 111195.0

void dir_query_init(struct dir_query *q)
{
    memset(q, 0, sizeof *q);
    q->min_age = q->max_age = q->age = -1;
    q->page = 1;
    q->per_page = 10;
}

char *dir_fts_query(const char *text, int pg)
{
    buf b = BUF_INIT;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    int words = 0;
    while (*p && words < 8) {
        char w[41];
        size_t n = 0;
        while (*p && !isalnum(*p) && *p < 0x80) p++;
        while (*p && (isalnum(*p) || *p >= 0x80)) {
            /* Letters outside ASCII are kept whole (UTF-8 sequences). */
            if (n < 40) w[n++] = (char)(*p < 0x80 ? tolower(*p) : *p);
            p++;
        }
        if (!n) continue;
        w[n] = '\0';
        {
            /* Whole words, and the last one as a prefix (people stop typing mid-word). */
            const unsigned char *rest = p;
            int last;
            while (*rest && !isalnum(*rest) && *rest < 0x80) rest++;
            last = !*rest || words == 7;
            if (pg) buf_printf(&b, "%s%s%s", words ? " & " : "", w, last ? ":*" : "");
            else buf_printf(&b, "%s\"%s\"%s", words ? " " : "", w, last ? "*" : "");
        }
        words++;
    }
    if (!words) { buf_free(&b); return NULL; }
    return buf_detach(&b);
}

void dir_bbox(double lat, double lng, double radius_m, double *min_lat, double *max_lat, double *min_lng,
              double *max_lng)
{
    double dlat = radius_m / METRES_PER_DEGREE;
    double c = cos(lat * M_PI / 180.0);
    double dlng = dlat / (c > 0.01 ? c : 0.01);
    *min_lat = lat - dlat;
    *max_lat = lat + dlat;
    *min_lng = lng - dlng;
    *max_lng = lng + dlng;
}

/* Parameters collected while the SQL is written. */
struct params {
    int kind[48];            /* 't' text, 'i' int, 'd' double */
    const char *t[48];
    long long i[48];
    double d[48];
    int n;
};
static void pt(struct params *p, const char *v) { p->kind[p->n] = 't'; p->t[p->n++] = v; }
static void pi(struct params *p, long long v) { p->kind[p->n] = 'i'; p->i[p->n++] = v; }
static void pd(struct params *p, double v) { p->kind[p->n] = 'd'; p->d[p->n++] = v; }

static void bind_all(db_stmt *st, const struct params *p)
{
    int k;
    for (k = 0; k < p->n; k++) {
        if (p->kind[k] == 't') db_bind_text(st, k + 1, p->t[k]);
        else if (p->kind[k] == 'i') db_bind_int64(st, k + 1, p->i[k]);
        else db_bind_double(st, k + 1, p->d[k]);
    }
}

/* The filters every search shares (terms, taxonomy, organisation, dates,
 * ages, cost, status, day) as " AND ..." clauses. */
static void add_filters(buf *from, struct params *p, const struct dir_query *q, char daylike[8])
{
    int k;
    for (k = 0; k < q->nterms; k++) {
        buf_add(from, " AND EXISTS (SELECT 1 FROM dir_attributes a JOIN dir_taxonomy_terms t ON t.id = a.taxonomy_term_id "
                       "WHERE a.link_id = s.id AND (t.id = ? OR t.parent_id = ?))");
        pt(p, q->term_ids[k]);
        pt(p, q->term_ids[k]);
    }
    if (q->taxonomy_id) {
        buf_add(from, " AND EXISTS (SELECT 1 FROM dir_attributes a JOIN dir_taxonomy_terms t ON t.id = a.taxonomy_term_id "
                       "WHERE a.link_id = s.id AND t.taxonomy_id = ?)");
        pt(p, q->taxonomy_id);
    }
    if (q->organization_id) { buf_add(from, " AND s.organization_id = ?"); pt(p, q->organization_id); }
    if (q->modified_after) { buf_add(from, " AND s.last_modified >= ?"); pt(p, q->modified_after); }
    if (q->min_age >= 0) { buf_add(from, " AND (s.maximum_age IS NULL OR s.maximum_age >= ?)"); pi(p, q->min_age); }
    if (q->max_age >= 0) { buf_add(from, " AND (s.minimum_age IS NULL OR s.minimum_age <= ?)"); pi(p, q->max_age); }
    if (q->age >= 0) {
        buf_add(from, " AND (s.minimum_age IS NULL OR s.minimum_age <= ?) AND (s.maximum_age IS NULL OR s.maximum_age >= ?)");
        pi(p, q->age);
        pi(p, q->age);
    }
    if (q->free_only) buf_add(from, " AND s.is_free = 1");
    if (q->active_only) buf_add(from, " AND s.status = 'active'");
    if (q->day) {
        snprintf(daylike, 8, "%%%.2s%%", q->day);
        buf_add(from, " AND EXISTS (SELECT 1 FROM dir_schedules sc WHERE sc.service_id = s.id AND sc.byday LIKE ?)");
        pt(p, daylike);
    }
}

/* A candidate of the place-and-words search (SQLite). */
struct cand {
    struct dir_hit h;
    int64_t seq;
    double d2, score;
    char *name;
};

/* qsort_r order: arg points to an int, nearest first when set. */
static int cand_cmp(const void *a, const void *b, void *arg)
{
    const struct cand *x = a, *y = b;
    int c;
    if (*(const int *)arg) {
        if (x->d2 != y->d2) return x->d2 < y->d2 ? -1 : 1;
    } else if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    c = strcmp(x->name ? x->name : "", y->name ? y->name : "");
    return c ? c : strcmp(x->h.id, y->h.id);
}

#define GEO_TEXT_MAX 4000   /* more places than this: rank all word matches instead */

/* Words and a place on SQLite: the spatial index gives the few places in
 * the circle (nothing else is joined), the full-text index ranks the word
 * matches in one pass, and the two meet in memory. The same rows and order
 * as the one-query form. Returns 1 when there are too many places (the
 * caller then ranks all word matches), else DB_OK or a DB error. */
static int geo_text_search(db *d, const struct dir_query *q, const char *fts, struct dir_hit **hits, size_t *n, long *total)
{
    buf sql = BUF_INIT;
    struct params p;
    struct cand *c = NULL;
    size_t nc = 0, cap = 0, i, m = 0, from_i;
    db_stmt *st = NULL;
    char daylike[8];
    double coslat = cos(q->lat * M_PI / 180.0), r2 = (q->radius_m / METRES_PER_DEGREE) * (q->radius_m / METRES_PER_DEGREE);
    double a, b, e, f;
    int grouped = !q->by_location, rc, sortd = q->sort_distance;
    memset(&p, 0, sizeof p);
    buf_printf(&sql, "SELECT %s, s.id, %s((l.latitude - ?) * (l.latitude - ?) + (l.longitude - ?) * (l.longitude - ?) * ?), s.seq, s.name"
                     " FROM dir_location_rtree r CROSS JOIN dir_locations l ON l.seq = r.id"
                     " JOIN dir_service_at_locations sl ON sl.location_id = l.id JOIN dir_services s ON s.id = sl.service_id"
                     " WHERE r.max_lat >= ? AND r.min_lat <= ? AND r.max_lng >= ? AND r.min_lng <= ?"
                     " AND (l.latitude - ?) * (l.latitude - ?) + (l.longitude - ?) * (l.longitude - ?) * ? <= ?",
               q->by_location ? "sl.id" : "s.id", grouped ? "min" : "");
    pd(&p, q->lat); pd(&p, q->lat); pd(&p, q->lng); pd(&p, q->lng); pd(&p, coslat * coslat);
    dir_bbox(q->lat, q->lng, q->radius_m, &a, &b, &e, &f);
    pd(&p, a); pd(&p, b); pd(&p, e); pd(&p, f);
    pd(&p, q->lat); pd(&p, q->lat); pd(&p, q->lng); pd(&p, q->lng); pd(&p, coslat * coslat); pd(&p, r2);
    add_filters(&sql, &p, q, daylike);
    if (grouped) buf_add(&sql, " GROUP BY s.id, s.name");
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    bind_all(st, &p);
    while ((rc = db_step(st)) == DB_ROW) {
        struct cand *x;
        if (nc == GEO_TEXT_MAX) { rc = 1; goto done; }
        if (nc == cap) {
            cap = cap ? cap * 2 : 64;
            c = xrealloc(c, cap * sizeof *c);
        }
        x = &c[nc++];
        memset(x, 0, sizeof *x);
        snprintf(x->h.id, sizeof x->h.id, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
        snprintf(x->h.service_id, sizeof x->h.service_id, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
        x->d2 = db_col_double(st, 2);
        x->h.distance_m = sqrt(x->d2) * METRES_PER_DEGREE;
        x->seq = db_col_int64(st, 3);
        x->name = xstrdup(db_col_text(st, 4) ? db_col_text(st, 4) : "");
    }
    if (rc < 0) goto done;
    db_finalize(st);
    st = NULL;
    /* The words: every match with its rank in one pass over the full-text
     * table (bm25 needs it alone; looking places up one by one costs more
     * for prefixes), rowids ascending; then each place looks its service up. */
    if (nc) {
        int64_t *rid = NULL;
        double *sc = NULL;
        size_t nm = 0, mcap = 0;
        if ((rc = db_prepare(d, "SELECT rowid, -bm25(dir_service_fts, 10.0, 2.0, 4.0) FROM dir_service_fts WHERE dir_service_fts MATCH ? "
                                "ORDER BY rowid", &st)) != DB_OK)
            goto done;
        db_bind_text_static(st, 1, fts);
        while ((rc = db_step(st)) == DB_ROW) {
            if (nm == mcap) {
                mcap = mcap ? mcap * 2 : 1024;
                rid = xrealloc(rid, mcap * sizeof *rid);
                sc = xrealloc(sc, mcap * sizeof *sc);
            }
            rid[nm] = db_col_int64(st, 0);
            sc[nm++] = db_col_double(st, 1);
        }
        for (i = 0; rc == DB_DONE && i < nc; i++) {
            size_t lo = 0, hi = nm;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (rid[mid] < c[i].seq) lo = mid + 1;
                else hi = mid;
            }
            if (lo < nm && rid[lo] == c[i].seq) {
                c[i].score = sc[lo];
                if (m != i) {
                    struct cand t = c[m];
                    c[m] = c[i];
                    c[i] = t;
                }
                m++;
            }
        }
        free(rid);
        free(sc);
        if (rc < 0) goto done;
    }
    qsort_r(c, m, sizeof *c, cand_cmp, &sortd);
    *total = (long)m;
    from_i = (size_t)(q->page - 1) * (size_t)q->per_page;
    if (from_i < m) {
        size_t k = m - from_i < (size_t)q->per_page ? m - from_i : (size_t)q->per_page;
        *hits = xmalloc(k * sizeof **hits);
        for (i = 0; i < k; i++) (*hits)[i] = c[from_i + i].h;
        *n = k;
    }
    rc = DB_OK;
done:
    db_finalize(st);
    for (i = 0; i < nc; i++) free(c[i].name);
    free(c);
    buf_free(&sql);
    return rc;
}

struct scored {
    double score;
    int64_t rowid;
};

static int scored_cmp(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

/* Words alone (no other filter) on SQLite: one pass over the full-text
 * index ranks every match (and counts them); only the best ones, and any
 * tied with the last of them, are looked up to order ties by name as the
 * one-query form does. DB_OK or a DB error. */
static int text_search(db *d, const struct dir_query *q, const char *fts, struct dir_hit **hits, size_t *n, long *total)
{
    db_stmt *st = NULL;
    struct scored *m = NULL;
    struct cand *c = NULL;
    size_t nm = 0, cap = 0, need, k, nc = 0, i, at, from_i;
    int rc, sortd = 0;
    if ((rc = db_prepare(d, "SELECT rowid, -bm25(dir_service_fts, 10.0, 2.0, 4.0) FROM dir_service_fts WHERE dir_service_fts MATCH ?", &st)) != DB_OK)
        goto done;
    db_bind_text_static(st, 1, fts);
    while ((rc = db_step(st)) == DB_ROW) {
        if (nm == cap) {
            cap = cap ? cap * 2 : 1024;
            m = xrealloc(m, cap * sizeof *m);
        }
        m[nm].rowid = db_col_int64(st, 0);
        m[nm++].score = db_col_double(st, 1);
    }
    if (rc < 0) goto done;
    db_finalize(st);
    st = NULL;
    *total = (long)nm;
    from_i = (size_t)(q->page - 1) * (size_t)q->per_page;
    rc = DB_OK;
    if (from_i >= nm) goto done;
    qsort(m, nm, sizeof *m, scored_cmp);
    need = from_i + (size_t)q->per_page < nm ? from_i + (size_t)q->per_page : nm;
    for (k = need; k < nm && m[k].score == m[need - 1].score; k++) {}
    c = xcalloc(k, sizeof *c);
    for (at = 0; at < k; at += 500) {
        size_t chunk = k - at < 500 ? k - at : 500;
        buf sql = BUF_INIT;
        buf_add(&sql, "SELECT seq, id, name FROM dir_services WHERE seq IN (");
        for (i = 0; i < chunk; i++) buf_add(&sql, i ? ", ?" : "?");
        buf_add(&sql, ")");
        rc = db_prepare(d, buf_str(&sql), &st);
        buf_free(&sql);
        if (rc != DB_OK) goto done;
        for (i = 0; i < chunk; i++) db_bind_int64(st, (int)i + 1, m[at + i].rowid);
        while ((rc = db_step(st)) == DB_ROW) {
            int64_t seq = db_col_int64(st, 0);
            for (i = at; i < at + chunk; i++) {
                if (m[i].rowid != seq) continue;
                c[nc].seq = seq;
                c[nc].score = m[i].score;
                snprintf(c[nc].h.id, sizeof c[nc].h.id, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
                snprintf(c[nc].h.service_id, sizeof c[nc].h.service_id, "%s", c[nc].h.id);
                c[nc].name = xstrdup(db_col_text(st, 2) ? db_col_text(st, 2) : "");
                nc++;
                break;
            }
        }
        if (rc < 0) goto done;
        db_finalize(st);
        st = NULL;
    }
    qsort_r(c, nc, sizeof *c, cand_cmp, &sortd);
    rc = DB_OK;
    if (from_i < nc) {
        size_t kk = nc - from_i < (size_t)q->per_page ? nc - from_i : (size_t)q->per_page;
        *hits = xmalloc(kk * sizeof **hits);
        for (i = 0; i < kk; i++) (*hits)[i] = c[from_i + i].h;
        *n = kk;
    }
done:
    db_finalize(st);
    for (i = 0; i < nc; i++) free(c[i].name);
    free(c);
    free(m);
    return rc;
}

/* SQLite reads the national-scale indexes through a memory map and keeps
 * more pages per connection than its 2 MB default: searches then cost
 * lookups, not read() calls. Once per connection (worker threads keep
 * theirs). */
static void tune_connection(db *d)
{
    static _Thread_local const db *tuned;
    if (tuned == d || db_kind(d) != DB_SQLITE) return;
    db_exec(d, "PRAGMA mmap_size = 2147483648; PRAGMA cache_size = -32768");
    tuned = d;
}

int dir_search(db *d, const struct dir_query *q, struct dir_hit **hits, size_t *n, long *total)
{
    buf from = BUF_INIT, sql = BUF_INIT, pre = BUF_INIT;
    int nfirst = 0;
    struct params p;
    char *fts = NULL, daylike[8];
    int pg = db_kind(d) == DB_PG, rc, grouped;
    double coslat = 1, r2 = 0;
    db_stmt *st = NULL;
    size_t cap = 0;
    *hits = NULL;
    *n = 0;
    *total = 0;
    memset(&p, 0, sizeof p);
    tune_connection(d);
    fts = dir_fts_query(q->text, pg);
    if (fts && q->has_geo && !pg) {
        rc = geo_text_search(d, q, fts, hits, n, total);
        if (rc != 1) goto done;
        rc = DB_OK;
    }
    if (fts && !pg && !q->has_geo && !q->by_location && !q->nterms && !q->taxonomy_id && !q->organization_id &&
        !q->modified_after && q->min_age < 0 && q->max_age < 0 && q->age < 0 && !q->free_only && !q->active_only && !q->day) {
        rc = text_search(d, q, fts, hits, n, total);
        goto done;
    }
    grouped = q->has_geo && !q->by_location;
    if (q->has_geo) {
        coslat = cos(q->lat * M_PI / 180.0);
        r2 = (q->radius_m / METRES_PER_DEGREE) * (q->radius_m / METRES_PER_DEGREE);
    }
    /* SQLite: the ranked matches first, materialised, so bm25() runs on the
     * full-text table itself whatever the outer query does (GROUP BY). */
    if (fts && !pg) {
        buf_add(&pre, "WITH f AS MATERIALIZED (SELECT rowid AS fid, -bm25(dir_service_fts, 10.0, 2.0, 4.0) AS score "
                      "FROM dir_service_fts WHERE dir_service_fts MATCH ?) ");
        pt(&p, fts);
        nfirst = 1;
    }
    buf_add(&sql, buf_str(&pre));
    /* SELECT list: id, service id, squared distance in degrees, score. */
    if (q->by_location) buf_add(&sql, "SELECT sl.id, s.id, ");
    else buf_add(&sql, "SELECT s.id, s.id, ");
    if (q->has_geo) {
        buf_printf(&sql, "%s((l.latitude - ?) * (l.latitude - ?) + (l.longitude - ?) * (l.longitude - ?) * ?)%s, ",
                   grouped ? "min" : "", grouped ? "" : "");
        pd(&p, q->lat); pd(&p, q->lat); pd(&p, q->lng); pd(&p, q->lng); pd(&p, coslat * coslat);
    } else {
        buf_add(&sql, "0.0, ");
    }
    if (fts) buf_add(&sql, pg ? (grouped ? "max(ts_rank(s.search_tsv, fq))" : "ts_rank(s.search_tsv, fq)") : (grouped ? "max(f.score)" : "f.score"));
    else buf_add(&sql, "0.0");
    buf_add(&sql, ", s.name");
    /* FROM. SQLite with a place: the spatial index drives (CROSS JOIN keeps
     * that order), so only the few places in the box are joined. */
    if (q->has_geo && !pg) {
        buf_add(&from, " FROM dir_location_rtree r CROSS JOIN dir_locations l ON l.seq = r.id"
                       " JOIN dir_service_at_locations sl ON sl.location_id = l.id JOIN dir_services s ON s.id = sl.service_id");
        if (fts) buf_add(&from, " JOIN f ON f.fid = s.seq");
    } else {
        if (q->by_location) buf_add(&from, " FROM dir_service_at_locations sl JOIN dir_services s ON s.id = sl.service_id");
        else buf_add(&from, " FROM dir_services s");
        if (fts && !pg) buf_add(&from, " JOIN f ON f.fid = s.seq");
        if (fts && pg) {
            buf_add(&from, " CROSS JOIN to_tsquery('english', ?) fq");
            pt(&p, fts);
        }
        if (q->has_geo) {
            if (!q->by_location) buf_add(&from, " JOIN dir_service_at_locations sl ON sl.service_id = s.id");
            buf_add(&from, " JOIN dir_locations l ON l.id = sl.location_id");
        }
    }
    buf_add(&from, " WHERE 1 = 1");
    if (fts && pg) buf_add(&from, " AND s.search_tsv @@ fq");
    if (q->has_geo) {
        double a, b, c, e;
        dir_bbox(q->lat, q->lng, q->radius_m, &a, &b, &c, &e);
        if (pg) buf_add(&from, " AND l.latitude BETWEEN ? AND ? AND l.longitude BETWEEN ? AND ?");
        else buf_add(&from, " AND r.max_lat >= ? AND r.min_lat <= ? AND r.max_lng >= ? AND r.min_lng <= ?");
        pd(&p, a); pd(&p, b); pd(&p, c); pd(&p, e);
        buf_add(&from, " AND (l.latitude - ?) * (l.latitude - ?) + (l.longitude - ?) * (l.longitude - ?) * ? <= ?");
        pd(&p, q->lat); pd(&p, q->lat); pd(&p, q->lng); pd(&p, q->lng); pd(&p, coslat * coslat); pd(&p, r2);
    }
    add_filters(&from, &p, q, daylike);
    buf_add(&sql, buf_str(&from));
    if (grouped) buf_add(&sql, " GROUP BY s.id, s.name");
    /* The count: the same rows. */
    {
        buf cnt = BUF_INIT;
        struct params cp = p;
        int skip = q->has_geo ? 5 : 0;   /* the SELECT-list distance parameters, after the CTE's */
        int j;
        for (j = nfirst + skip; j < cp.n; j++) {
            cp.kind[j - skip] = cp.kind[j]; cp.t[j - skip] = cp.t[j]; cp.i[j - skip] = cp.i[j]; cp.d[j - skip] = cp.d[j];
        }
        cp.n -= skip;
        /* Counting needs the matches, not their rank. */
        const char *cpre = fts && !pg ? "WITH f AS MATERIALIZED (SELECT rowid AS fid FROM dir_service_fts WHERE dir_service_fts MATCH ?) " : "";
        if (grouped) buf_printf(&cnt, "%sSELECT count(DISTINCT s.id)%s", cpre, buf_str(&from));
        else buf_printf(&cnt, "%sSELECT count(*)%s", cpre, buf_str(&from));
        rc = db_prepare(d, buf_str(&cnt), &st);
        buf_free(&cnt);
        if (rc != DB_OK) goto done;
        bind_all(st, &cp);
        if ((rc = db_step(st)) < 0) goto done;
        *total = (long)db_col_int64(st, 0);
        db_finalize(st);
        st = NULL;
    }
    if (q->sort_distance && q->has_geo) buf_add(&sql, " ORDER BY 3, s.name, 1");
    else if (fts) buf_add(&sql, " ORDER BY 4 DESC, s.name, 1");
    else buf_add(&sql, " ORDER BY s.name, 1");
    buf_add(&sql, " LIMIT ? OFFSET ?");
    pi(&p, q->per_page);
    pi(&p, (long long)(q->page - 1) * q->per_page);
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    bind_all(st, &p);
    while ((rc = db_step(st)) == DB_ROW) {
        struct dir_hit *h;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *hits = xrealloc(*hits, cap * sizeof **hits);
        }
        h = &(*hits)[(*n)++];
        snprintf(h->id, sizeof h->id, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
        snprintf(h->service_id, sizeof h->service_id, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
        h->distance_m = 0;
        if (q->has_geo) h->distance_m = sqrt(db_col_double(st, 2)) * METRES_PER_DEGREE;
    }
    if (rc == DB_DONE) rc = DB_OK;
done:
    if (rc < 0) {
        free(*hits);
        *hits = NULL;
        *n = 0;
    }
    db_finalize(st);
    buf_free(&sql);
    buf_free(&from);
    buf_free(&pre);
    free(fts);
    return rc;
}
