/* dir_search: see dir_search.h. */
#include "dir_search.h"
#include "dir_watch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "dir_geo.h"
#include "dir_postings.h"
#include "dir_store.h"

#define METRES_PER_DEGREE 111195.0

void dir_query_init(struct dir_query *q)
{
    memset(q, 0, sizeof *q);
    q->min_age = q->max_age = q->age = -1;
    q->page = 1;
    q->per_page = 10;
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

int dir_search_has_words(const char *text)
{
    char *w[DIR_POSTINGS_MAX_WORDS];
    size_t n = dir_postings_words(text, 0, w), i;
    for (i = 0; i < n; i++) free(w[i]);
    return n > 0;
}

static void params_cat(struct params *to, const struct params *from)
{
    int k;
    for (k = 0; k < from->n; k++) {
        to->kind[to->n] = from->kind[k];
        to->t[to->n] = from->t[k];
        to->i[to->n] = from->i[k];
        to->d[to->n++] = from->d[k];
    }
}

static int has_filters(const struct dir_query *q)
{
    return q->nterms || q->taxonomy_id || q->organization_id || q->modified_after || q->min_age >= 0 || q->max_age >= 0 ||
           q->age >= 0 || q->free_only || q->active_only || q->day;
}

/* The SELECT list of a search (id, service id, squared distance in degrees,
 * service seq, service name) with its parameters. */
static void add_select(buf *sql, struct params *p, const struct dir_query *q)
{
    int grouped = q->has_geo && !q->by_location;
    buf_add(sql, q->by_location ? "SELECT sl.id, s.id, " : "SELECT s.id, s.id, ");
    if (q->has_geo) {
        double c = cos(q->lat * M_PI / 180.0);
        buf_printf(sql, "%s((l.latitude - ?) * (l.latitude - ?) + (l.longitude - ?) * (l.longitude - ?) * ?)", grouped ? "min" : "");
        pd(p, q->lat); pd(p, q->lat); pd(p, q->lng); pd(p, q->lng); pd(p, c * c);
    } else {
        buf_add(sql, "0.0");
    }
    buf_add(sql, ", s.seq, s.name");
}

/* FROM and WHERE of a search: the rows (services, or services at
 * locations), the place and every filter but the words. by_place (SQLite):
 * the spatial index drives (CROSS JOIN keeps that order), so only the places
 * in the box are joined; otherwise the services drive and the box is a
 * condition (on PostgreSQL the latitude/longitude index serves it). */
static void add_from(buf *from, struct params *p, const struct dir_query *q, int by_place, char daylike[8])
{
    if (q->has_geo) {
        double a, b, c, e, cl = cos(q->lat * M_PI / 180.0), r = q->radius_m / METRES_PER_DEGREE;
        dir_bbox(q->lat, q->lng, q->radius_m, &a, &b, &c, &e);
        if (by_place)
            buf_add(from, " FROM dir_location_rtree r CROSS JOIN dir_locations l ON l.seq = r.id"
                          " JOIN dir_service_at_locations sl ON sl.location_id = l.id JOIN dir_services s ON s.id = sl.service_id"
                          " WHERE r.max_lat >= ? AND r.min_lat <= ? AND r.max_lng >= ? AND r.min_lng <= ?");
        else
            buf_add(from, " FROM dir_services s JOIN dir_service_at_locations sl ON sl.service_id = s.id"
                          " JOIN dir_locations l ON l.id = sl.location_id"
                          " WHERE l.latitude >= ? AND l.latitude <= ? AND l.longitude >= ? AND l.longitude <= ?");
        pd(p, a); pd(p, b); pd(p, c); pd(p, e);
        buf_add(from, " AND (l.latitude - ?) * (l.latitude - ?) + (l.longitude - ?) * (l.longitude - ?) * ? <= ?");
        pd(p, q->lat); pd(p, q->lat); pd(p, q->lng); pd(p, q->lng); pd(p, cl * cl); pd(p, r * r);
    } else if (q->by_location) {
        /* services drive, in name order (CROSS JOIN keeps it on SQLite) */
        buf_printf(from, " FROM dir_services s %s dir_service_at_locations sl ON sl.service_id = s.id WHERE 1 = 1",
                   by_place ? "CROSS JOIN" : "JOIN");
    } else {
        buf_add(from, " FROM dir_services s WHERE 1 = 1");
    }
    add_filters(from, p, q, daylike);
}

static const char *group_by(const struct dir_query *q)
{
    return q->has_geo && !q->by_location ? " GROUP BY s.id, s.seq, s.name" : "";
}

/* A row of a word search. */
struct cand {
    struct dir_hit h;
    double d2, score;
    char *name;
};

/* qsort_r order: arg points to an int, nearest first when set, else best
 * score first; then by name and id. */
static int cand_cmp(const void *a, const void *b, void *arg)
{
    const struct cand *x = a, *y = b;
    int c;
    if (*(const int *)arg) {
        if (x->d2 != y->d2) return x->d2 < y->d2 ? -1 : 1;
    } else if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->h.id, y->h.id);
}

struct cands {
    struct cand *c;
    size_t n, cap;
};

/* Runs st and keeps each row whose service the words matched, with its
 * score (m NULL: no words, every row with score 0). */
static int collect(db_stmt *st, const struct dir_posting *m, size_t nm, struct cands *cs)
{
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        long at = m ? dir_postings_find(m, nm, db_col_int64(st, 3)) : -1;
        struct cand *x;
        if (m && at < 0) continue;
        if (cs->n == cs->cap) {
            cs->cap = cs->cap ? cs->cap * 2 : 64;
            cs->c = xrealloc(cs->c, cs->cap * sizeof *cs->c);
        }
        x = &cs->c[cs->n++];
        memset(x, 0, sizeof *x);
        snprintf(x->h.id, sizeof x->h.id, "%s", db_col_text(st, 0) ? db_col_text(st, 0) : "");
        snprintf(x->h.service_id, sizeof x->h.service_id, "%s", db_col_text(st, 1) ? db_col_text(st, 1) : "");
        x->d2 = db_col_double(st, 2);
        x->h.distance_m = sqrt(x->d2) * METRES_PER_DEGREE;
        x->score = m ? m[at].score : 0;
        x->name = xstrdup(db_col_text(st, 4) ? db_col_text(st, 4) : "");
    }
    return rc == DB_DONE ? DB_OK : rc;
}

/* The scores' need-th best (need >= 1, need <= n): a min-heap of the best
 * need seen so far. */
static double nth_best(const struct dir_posting *m, size_t n, size_t need)
{
    double *h = xmalloc(need * sizeof *h), t;
    size_t k = 0, i;
    for (i = 0; i < n; i++) {
        size_t at;
        double v = m[i].score;
        if (k < need) {
            at = k++;
            while (at && h[(at - 1) / 2] > v) { h[at] = h[(at - 1) / 2]; at = (at - 1) / 2; }
            h[at] = v;
        } else if (v > h[0]) {
            at = 0;
            for (;;) {
                size_t c = 2 * at + 1;
                if (c >= k) break;
                if (c + 1 < k && h[c + 1] < h[c]) c++;
                if (h[c] >= v) break;
                h[at] = h[c];
                at = c;
            }
            h[at] = v;
        }
    }
    t = h[0];
    free(h);
    return t;
}

#define IN_CHUNK 500
#define PLACE_FIRST 4000    /* more word matches than this: the place drives */
#define LOCAL_M 50000.0     /* a place this size (a town, a county) holds at most a few thousand rows */

/* Words, or a place, or both (with any filters): the words' postings
 * (dir_postings) give every match and its score; SQL gives the rows, places
 * and filters, either for the matches (IN lists, when they are few) or for
 * the place (the spatial index drives: when there are no words or they
 * match many); the rows are then counted and ordered here, in one pass.
 * Without a place or filters only the best matches, and any tied with the
 * last of them, are looked up. Same rows and order as ordering in SQL. */
static int scan_search(db *d, const struct dir_query *q, int words, struct dir_hit **hits, size_t *n, long *total)
{
    struct dir_posting *m = NULL, *set = NULL;
    size_t nm = 0, nset, i, from_i = (size_t)(q->page - 1) * (size_t)q->per_page;
    struct cands cs = {0};
    struct params sel = {0}, fromp = {0}, all;
    buf head = BUF_INIT, from = BUF_INIT, sql = BUF_INIT;
    db_stmt *st = NULL;
    char daylike[8];
    int64_t gen = 0;
    int rc, plain = !q->has_geo && !q->by_location && !has_filters(q), sortd = q->sort_distance && q->has_geo;
    int by_place = 0, stream;
    if (words) {
        if ((rc = dir_watch_generation(d, &gen)) < 0) goto done;
        if ((rc = dir_postings_match(d, gen, q->text, &m, &nm)) != DB_OK) goto done;
    }
    rc = DB_OK;
    if (words && (!nm || (plain && from_i >= nm))) {
        *total = (long)nm;
        goto done;
    }
    set = m;
    nset = nm;
    if (plain) {
        /* Only the page's rows and those tied with its last one matter. */
        size_t need = from_i + (size_t)q->per_page < nm ? from_i + (size_t)q->per_page : nm;
        double t = nth_best(m, nm, need);
        set = xmalloc(nm * sizeof *set);
        for (i = nset = 0; i < nm; i++)
            if (m[i].score >= t) set[nset++] = m[i];
    }
    /* The place drives when it is cheaper: when the words match more than
     * one IN list and the place is local, or match very many. */
    stream = !words || (q->has_geo && (nm > PLACE_FIRST || (nm > IN_CHUNK && q->radius_m <= LOCAL_M)));
    by_place = stream && q->has_geo && db_kind(d) == DB_SQLITE;
    add_select(&head, &sel, q);
    add_from(&from, &fromp, q, by_place, daylike);
    if (stream) {
        buf_printf(&sql, "%s%s%s", buf_str(&head), buf_str(&from), group_by(q));
        all = sel;
        params_cat(&all, &fromp);
        if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
        bind_all(st, &all);
        if ((rc = collect(st, m, nm, &cs)) != DB_OK) goto done;
    } else {
        size_t at;
        for (at = 0; at < nset; at += IN_CHUNK) {
            size_t chunk = nset - at < IN_CHUNK ? nset - at : IN_CHUNK;
            int k;
            buf_reset(&sql);
            buf_printf(&sql, "%s%s AND s.seq IN (", buf_str(&head), buf_str(&from));
            for (i = 0; i < chunk; i++) buf_add(&sql, i ? ", ?" : "?");
            buf_printf(&sql, ")%s", group_by(q));
            if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
            all = sel;
            params_cat(&all, &fromp);
            bind_all(st, &all);
            for (i = 0, k = all.n; i < chunk; i++) db_bind_int64(st, ++k, set[at + i].seq);
            if ((rc = collect(st, m, nm, &cs)) != DB_OK) goto done;
            db_finalize(st);
            st = NULL;
        }
    }
    if (cs.n) qsort_r(cs.c, cs.n, sizeof *cs.c, cand_cmp, &sortd);
    *total = plain ? (long)nm : (long)cs.n;
    if (from_i < cs.n) {
        size_t k = cs.n - from_i < (size_t)q->per_page ? cs.n - from_i : (size_t)q->per_page;
        *hits = xmalloc(k * sizeof **hits);
        for (i = 0; i < k; i++) (*hits)[i] = cs.c[from_i + i].h;
        *n = k;
    }
done:
    db_finalize(st);
    for (i = 0; i < cs.n; i++) free(cs.c[i].name);
    free(cs.c);
    if (set != m) free(set);
    free(m);
    buf_free(&head);
    buf_free(&from);
    buf_free(&sql);
    return rc;
}

/* Neither words nor a place: SQL finds, counts and orders the rows (by
 * name). */
static int sql_search(db *d, const struct dir_query *q, struct dir_hit **hits, size_t *n, long *total)
{
    struct params sel = {0}, fromp = {0}, all;
    buf head = BUF_INIT, from = BUF_INIT, sql = BUF_INIT;
    db_stmt *st = NULL;
    char daylike[8];
    size_t cap = 0;
    int rc;
    add_select(&head, &sel, q);
    add_from(&from, &fromp, q, db_kind(d) == DB_SQLITE, daylike);
    /* The count: the same rows (every row, without filters: each service at
     * a location has its service). */
    if (has_filters(q)) buf_printf(&sql, "SELECT count(*)%s", buf_str(&from));
    else buf_add(&sql, q->by_location ? "SELECT count(*) FROM dir_service_at_locations" : "SELECT count(*) FROM dir_services");
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    bind_all(st, &fromp);
    if ((rc = db_step(st)) < 0) goto done;
    *total = (long)db_col_int64(st, 0);
    db_finalize(st);
    st = NULL;
    buf_reset(&sql);
    buf_printf(&sql, "%s%s ORDER BY s.name, s.id, 1 LIMIT ? OFFSET ?", buf_str(&head), buf_str(&from));
    all = sel;
    params_cat(&all, &fromp);
    pi(&all, q->per_page);
    pi(&all, (long long)(q->page - 1) * q->per_page);
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    bind_all(st, &all);
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
    }
    if (rc == DB_DONE) rc = DB_OK;
done:
    db_finalize(st);
    buf_free(&head);
    buf_free(&from);
    buf_free(&sql);
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
    int rc, words;
    *hits = NULL;
    *n = 0;
    *total = 0;
    tune_connection(d);
    words = q->text && dir_search_has_words(q->text);
    if (q->has_geo || words) rc = scan_search(d, q, words, hits, n, total);
    else rc = sql_search(d, q, hits, n, total);
    if (rc < 0) {
        free(*hits);
        *hits = NULL;
        *n = 0;
        *total = 0;
    }
    return rc;
}
