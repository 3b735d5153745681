/* dir_watch: the directory generation (dir_store_generation) as this server
 * process knows it, so that a cached search answer (dir_cache, dir_postings)
 * is checked without a database round trip.
 *
 * PostgreSQL, in the server: a thread holds its own connection LISTENing on
 * the channel "sendhub_directory"; every directory write notifies it in its
 * transaction (dir_store_touch), so every server process hears of every
 * commit, and the thread then reads the generation. This process's own
 * writes are tracked exactly: from the moment one starts until the thread
 * has read the generation after its commit, every check reads the database
 * as before. So a process never answers older than its own writes; another
 * process's write shows once PostgreSQL has delivered its notification
 * (milliseconds). While the listening connection is down, every check reads
 * the database.
 *
 * SQLite, and outside the server: every check reads the database (on
 * SQLite that is an in-process query). */
#ifndef SH_DIR_WATCH_H
#define SH_DIR_WATCH_H

#include <stdint.h>

#include "core/db.h"

#define DIR_WATCH_CHANNEL "sendhub_directory"

/* The current generation into *gen: DB_OK or a DB error. */
int dir_watch_generation(db *d, int64_t *gen);

/* Around a write that bumps the generation (dir_store_touch): begins before
 * it, ends after it with its result. Inside a transaction the write counts
 * as in flight until the transaction ends. */
void dir_watch_write_begins(db *d);
void dir_watch_write_ends(db *d, int rc);

#endif
