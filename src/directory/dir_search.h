/* dir_search: finding services (or services at locations) by words, place,
 * taxonomy terms, age, cost and day, ranked by relevance or distance.
 *
 * Words use the full-text index (FTS5 bm25 on SQLite, ts_rank on
 * PostgreSQL) with prefix matching, through each word's postings held in
 * memory (dir_postings); places use the spatial index (R*Tree on
 * SQLite, the latitude/longitude b-tree on PostgreSQL) to cut a bounding box
 * first, then the exact radius. No query reads every row. */
#ifndef SH_DIR_SEARCH_H
#define SH_DIR_SEARCH_H

#include <stddef.h>

#include "core/db.h"
#include "core/ids.h"

#define DIR_MAX_TERMS 8

struct dir_query {
    const char *text;                      /* keywords, or NULL */
    const char *term_ids[DIR_MAX_TERMS];   /* each must match (the term or one of its children) */
    int nterms;
    const char *taxonomy_id;               /* any term of this taxonomy */
    const char *organization_id;
    const char *modified_after;            /* ISO date or date-time */
    int min_age, max_age;                  /* ORUK: age range overlaps [min_age, max_age]; -1 none */
    int age;                               /* pages: the service takes this age; -1 none */
    int free_only;
    const char *day;                       /* "MO" ... "SU": has a schedule on that day */
    int active_only;
    int has_geo;                           /* lat, lng, radius_m are set */
    double lat, lng, radius_m;
    int sort_distance;                     /* nearest first (needs has_geo) */
    int by_location;                       /* rows are service_at_locations, not services */
    int page, per_page;                    /* page from 1 */
};

struct dir_hit {
    char id[IDS_UUID_LEN];                 /* service id, or service_at_location id */
    char service_id[IDS_UUID_LEN];
    double distance_m;                     /* when has_geo */
};

/* Inits q with no filters, page 1 of 10. */
void dir_query_init(struct dir_query *q);

/* Runs q: *hits (caller frees) gets up to per_page rows of page, *n how many,
 * *total the number of rows over all pages. DB_OK or a DB error. */
int dir_search(db *d, const struct dir_query *q, struct dir_hit **hits, size_t *n, long *total);

/* 1 when text has a word to search for (letters or digits). */
int dir_search_has_words(const char *text);

/* The bounding box around a point that holds every point within radius_m. */
void dir_bbox(double lat, double lng, double radius_m, double *min_lat, double *max_lat, double *min_lng,
              double *max_lng);

#endif
