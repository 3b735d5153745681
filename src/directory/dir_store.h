/* dir_store: the directory's records as Open Referral UK 3.0 JSON.
 *
 * One write path: dir_service_put validates a service document (ORUK 3.0
 * shape, nested organization, locations, contacts...), writes every table,
 * keeps the search indexes in step (FTS5 + R*Tree on SQLite, tsvector on
 * PostgreSQL) and keeps a version. Imports, the CSV loader, the demo, edits
 * and restores all go through it. Reading renders the same shape back. */
#ifndef SH_DIR_STORE_H
#define SH_DIR_STORE_H

#include <jansson.h>

#include <stdint.h>

#include "core/buf.h"
#include "core/db.h"

enum dir_detail {
    DIR_MINIMAL = 0,   /* id, name, description, status ... one-to-one fields only */
    DIR_LIST = 1,      /* one-to-one fields and the organization */
    DIR_FULL = 2       /* everything nested */
};

/* Renderers: a new JSON object (services and locations come from the
 * documents stored by the last write, rendered from the tables when none is
 * stored yet), or NULL with *rc = DB_DONE when there is no
 * such record, or a negative DB error in *rc. */
json_t *dir_service_json(db *d, const char *id, enum dir_detail detail, int *rc);
json_t *dir_org_json(db *d, const char *id, int with_services, int *rc);
json_t *dir_sal_json(db *d, const char *id, enum dir_detail detail, int *rc);
json_t *dir_taxonomy_json(db *d, const char *id, int with_terms, int *rc);
json_t *dir_term_json(db *d, const char *id, int *rc);

/* Checks a service document without touching the database. Returns 0, or -1
 * with "field: message" in err (field as a path, e.g. contacts[0].phones[1].number). */
int dir_service_validate(const json_t *svc, char *err, size_t errlen);

/* Validates and writes one service document (borrowed). owner_org_id: the
 * sendhub organisation that manages it (NULL keeps the current one). actor
 * (may be NULL) and note go into the version record. *changed is 0 when the
 * document is exactly what was last written (nothing done). Returns DB_OK,
 * DB_EARG with err filled for a bad document, or a DB error (err filled).
 * The caller owns the transaction. */
int dir_service_put(db *d, const json_t *svc, const char *owner_org_id, const char *actor,
                    const char *note, int *changed, char *err, size_t errlen);

/* Writes an organisation / taxonomy / term document on its own (upsert by id). */
int dir_org_put(db *d, const json_t *org, const char *owner_org_id, char *err, size_t errlen);
int dir_taxonomy_put(db *d, const json_t *tax, char *err, size_t errlen);
int dir_term_put(db *d, const json_t *term, char *err, size_t errlen);

/* Rebuilds the search index entry of one service (name, description, terms,
 * organisation, places). */
int dir_index_service(db *d, const char *id);

/* 1 when a cost options array means "free": at least one option costs
 * nothing and none costs money (no cost options: not known, so 0). */
int dir_is_free(const json_t *cost_options);

/* Lists from the stored documents, without a query per item: appends to out
 * the JSON of the n services (or services at locations) ids names, in that
 * order, separated by sep, each with a last member "distance" (metres,
 * rounded) when distance_m is not NULL. Ids no longer there are left out.
 * Exactly the JSON dir_service_json / dir_sal_json render. DB_OK or a DB error. */
int dir_services_dump(db *d, const char *const *ids, const double *distance_m, size_t n, enum dir_detail detail,
                      const char *sep, buf *out);
int dir_sals_dump(db *d, const char *const *ids, const double *distance_m, size_t n, enum dir_detail detail,
                  const char *sep, buf *out);

/* The directory's generation: a counter every write bumps (dir_store_touch),
 * so anything cached from the directory is valid while it is unchanged. */
int dir_store_touch(db *d);
int dir_store_generation(db *d, int64_t *out);

#endif
