/* sen2_store: SEN2 records in the database (journeys_* tables).
 *
 * Import: a sen2_store opened on a connection inside the caller's
 * transaction stores one person at a time (journeys_store_person), so a
 * file of any size is written with constant memory; the caller commits or
 * rolls back. A person already held for the area (same UPN) keeps its
 * record; each of its requests in the file updates the held request
 * received the same day (which keeps its id, advice and sendhub's own
 * fields) or is added; held requests the file lacks are deleted if they
 * came from SEN2, kept (after the file's) if recorded in sendhub.
 * Export: journeys_export_each walks the persons in scope for a collection
 * year in their stored order and hands each, whole, to a callback. */
#ifndef SH_JOURNEYS_SEN2_STORE_H
#define SH_JOURNEYS_SEN2_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "journeys/sen2.h"

typedef struct sen2_store sen2_store;

/* Opens a store writing into area_id (borrowed, copied). NULL on error.
 * Each person's rows are in the database when sen2_store_person returns. */
sen2_store *sen2_store_open(db *d, const char *area_id);
/* The same for a bulk load: new rows are held back and sent many at a time
 * (multi-row INSERTs: on PostgreSQL one round trip per few hundred rows
 * instead of one per row, on SQLite less work per row), so they are only
 * certain to be in the database after sen2_store_flush, which the caller
 * must call before committing; after a failure, roll back.
 * Lookups (upsert by UPN) always see every person stored before; a
 * person that needs one may wait in a queue (with those packed after it)
 * until the queue is full or the flush, so an error may be reported at a
 * later person's call. What replaces a found child's data (updates,
 * deletes) is held back like new rows. */
sen2_store *sen2_store_open_bulk(db *d, const char *area_id);
/* Persons whose rows a bulk store holds back at most: sent together, each
 * table's in full-size statements, one table after another (measured on
 * 640,000 persons: storing took 4.0 s of cpu against 4.8 s when every
 * table was sent as soon as one had a statement's worth). A reader ahead
 * of the store needs room for twice as many (SEN2_PIPE_SLOTS) to keep
 * reading while they are sent. */
#define SEN2_STORE_HOLD 1024
/* The two halves of sen2_store_person, for two threads (sen2_pipe): pack
 * turns p into a message (its rows, ready to store) and touches nothing
 * of the database, so it may run on another thread than the rest (one
 * packing thread at a time); sen2_store_packed stores messages in the
 * order they were packed. */
void sen2_store_pack(sen2_store *s, const struct sen2_person *p, buf *out);
int sen2_store_packed(sen2_store *s, const buf *msg, char *err, size_t errlen);
/* Sends any rows held back; on error returns a DB code with err set. */
int sen2_store_flush(sen2_store *s, char *err, size_t errlen);
/* Stores p; on error returns a DB code and writes a message to err. */
int sen2_store_person(sen2_store *s, const struct sen2_person *p, char *err, size_t errlen);
/* The child id of the last person stored (valid until the next call). */
const char *sen2_store_last_id(const sen2_store *s);
/* Persons handled so far: stored as new children, and found held (by UPN)
 * and updated. Held-back ones count once handled, all after a flush. */
void sen2_store_counts(const sen2_store *s, size_t *added, size_t *updated);
void sen2_store_close(sen2_store *s);

/* The SEN2 census date of collection year y (third Thursday of January). */
int32_t journeys_census_date(int year);

/* Calls fn for each person of area_id in scope for collection year `year`
 * (someone with a request, assessment, plan or active plan in the calendar
 * year before the census or open on it; year 0 = every person), in stored
 * order. fn returns 0 to go on. Returns DB_OK or an error. */
int journeys_export_each(db *d, const char *area_id, int year,
                         int (*fn)(void *ctx, const char *child_id, const struct sen2_person *p), void *ctx);

#endif
