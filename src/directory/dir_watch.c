/* dir_watch: see dir_watch.h. */
#include "dir_watch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "core/http.h"
#include "core/log.h"
#include "dir_store.h"

static atomic_int inflight;          /* this process's writes not yet ended */
static atomic_llong commits;         /* this process's writes committed */
static atomic_llong seen = -1;       /* commits when the thread last read the generation */
static atomic_llong known;           /* the generation it read */
static atomic_int valid;             /* known is current (the connection is listening) */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static db *listener;                 /* the thread's connection (reachable: not a leak) */
static _Thread_local const db *hooked;  /* this thread's transaction has our end hook */

/* Reads the generation on the thread's connection; the commits counted
 * before the read are all in it. */
static void sync_generation(void)
{
    long long c = atomic_load(&commits);
    int64_t g = 0;
    if (dir_store_generation(listener, &g) != DB_OK) {
        atomic_store(&valid, 0);
        return;
    }
    atomic_store(&known, (long long)g);
    atomic_store(&seen, c);
    atomic_store(&valid, 1);
}

static void pause_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static void *watch(void *arg)
{
    const char *url = arg;
    for (;;) {
        int rc;
        if (!listener) {
            char err[256];
            if (db_open(url, &listener, err, sizeof err) != DB_OK || db_listen(listener, DIR_WATCH_CHANNEL) != DB_OK) {
                db_close(listener);
                listener = NULL;
                pause_ms(1000);
                continue;
            }
            sync_generation();
        }
        rc = db_wait_notify(listener, 1000);
        if (rc < 0) {
            atomic_store(&valid, 0);
            log_event("warn", "directory: the change listener lost its connection; searches check the database");
            db_close(listener);
            listener = NULL;
            pause_ms(200);
        } else if (rc == 1) {
            sync_generation();
        }
    }
    return NULL;
}

static void start(void)
{
    const struct http_config *cfg = http_config_get();
    pthread_t th;
    if (!cfg || !cfg->db_url) return;
    if (pthread_create(&th, NULL, watch, (void *)cfg->db_url) == 0) pthread_detach(th);
}

int dir_watch_generation(db *d, int64_t *gen)
{
    if (db_kind(d) == DB_PG) {
        pthread_once(&once, start);
        /* seen before known: sync_generation stores them the other way */
        if (atomic_load(&valid) && atomic_load(&inflight) == 0 && atomic_load(&commits) == atomic_load(&seen)) {
            *gen = (int64_t)atomic_load(&known);
            return DB_OK;
        }
    }
    return dir_store_generation(d, gen);
}

static void txn_ended(void *ctx, int committed)
{
    (void)ctx;
    hooked = NULL;
    if (committed) atomic_fetch_add(&commits, 1);
    atomic_fetch_sub(&inflight, 1);
}

void dir_watch_write_begins(db *d)
{
    if (db_kind(d) != DB_PG || hooked == d) return;
    atomic_fetch_add(&inflight, 1);
    if (db_in_txn(d) && db_after_txn(d, txn_ended, NULL) == DB_OK) hooked = d;
}

void dir_watch_write_ends(db *d, int rc)
{
    if (db_kind(d) != DB_PG || hooked == d) return;
    /* not in a transaction (or no room for the hook): it has ended */
    if (rc >= 0) atomic_fetch_add(&commits, 1);
    atomic_fetch_sub(&inflight, 1);
}
