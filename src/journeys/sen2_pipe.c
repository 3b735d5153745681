/* sen2_pipe: a reader thread and a bounded ring of message buffers. */
#include "journeys/sen2_pipe.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

struct pipe {
    pthread_mutex_t mu;
    pthread_cond_t to_reader, to_caller;
    /* messages packed, waiting for the caller (a FIFO), and free buffers */
    buf *full[SEN2_PIPE_SLOTS];
    size_t full_pos[SEN2_PIPE_SLOTS];
    size_t head, n_full;
    buf *spare[SEN2_PIPE_SLOTS];
    size_t n_spare;
    int reader_waits, caller_waits;   /* who sleeps on its condition */
    int done, stop;
    struct sen2_header h0;           /* the header as it was at the first person */
    /* the reader's side */
    buf *cur;                        /* the message being packed */
    sen2_pack_fn pack;
    void *pack_ctx;
    const char *path;
    void (*progress)(size_t);
    struct sen2_header *h;
    size_t n;
    int rc;
    char err[512];
};

/* On the reader thread: pack the person, queue the message, take a spare
 * buffer for the next. */
static int on_person(void *ctx, const struct sen2_header *h, const struct sen2_person *p, size_t position, char *err,
                     size_t errlen)
{
    struct pipe *q = ctx;
    int rc = -1;
    buf_reset(q->cur);
    if (q->pack(q->pack_ctx, h, p, position, q->cur, err, errlen) != 0) return -1;
    pthread_mutex_lock(&q->mu);
    if (position == 1) q->h0 = *h;
    while (q->n_spare == 0 && !q->stop) {
        q->reader_waits = 1;
        pthread_cond_wait(&q->to_reader, &q->mu);
        q->reader_waits = 0;
    }
    if (!q->stop) {
        size_t tail = (q->head + q->n_full) % SEN2_PIPE_SLOTS;
        q->full[tail] = q->cur;
        q->full_pos[tail] = position;
        q->n_full++;
        q->cur = q->spare[--q->n_spare];
        /* wake the caller once a batch is waiting, not for every person */
        if (q->caller_waits && q->n_full >= SEN2_PIPE_BATCH) pthread_cond_signal(&q->to_caller);
        rc = 0;
    }
    pthread_mutex_unlock(&q->mu);
    return rc;
}

static void *reader(void *arg)
{
    struct pipe *q = arg;
    int rc = sen2_read_file(q->path, on_person, q, q->progress, q->h, &q->n, q->err, sizeof q->err);
    pthread_mutex_lock(&q->mu);
    q->rc = rc;
    q->done = 1;
    pthread_cond_signal(&q->to_caller);
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* Asks for the next message's bytes while this one is handled: they were
 * written on the reading thread's core, and a whole message is a few
 * dozen cache lines read from start to end. */
static void prefetch(const buf *b)
{
    size_t off;
    for (off = 0; off < b->len; off += 64) __builtin_prefetch(b->s + off);
}

static void buf_delete(buf *b)
{
    if (b) buf_free(b);
    free(b);
}

int sen2_read_file_pipelined(const char *path, sen2_pack_fn pack, void *pack_ctx, sen2_msg_fn fn, void *ctx,
                             void (*progress)(size_t n), struct sen2_header *h, size_t *npersons, char *err,
                             size_t errlen)
{
    struct pipe *q = xcalloc(1, sizeof *q);
    pthread_t th;
    int failed = 0, rc = -1;
    size_t i, handled = 0;
    err[0] = '\0';
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->to_reader, NULL);
    pthread_cond_init(&q->to_caller, NULL);
    q->pack = pack;
    q->pack_ctx = pack_ctx;
    q->path = path;
    q->progress = progress;
    q->h = h;
    /* One buffer stays with the reader at all times (its working one). */
    q->cur = xcalloc(1, sizeof *q->cur);
    for (i = 0; i < SEN2_PIPE_SLOTS - 1; i++) q->spare[q->n_spare++] = xcalloc(1, sizeof(buf));
    xmlInitParser();
    if (pthread_create(&th, NULL, reader, q) != 0) {
        snprintf(err, errlen, "cannot start the reader");
        goto done;
    }
    for (;;) {
        /* Take a batch of the messages waiting (one lock per batch), handle
         * them, then give their buffers back at once; the rest of the ring
         * keeps the reader busy meanwhile. */
        buf *batch[SEN2_PIPE_BATCH];
        size_t pos[SEN2_PIPE_BATCH], nb = 0, k;
        pthread_mutex_lock(&q->mu);
        while (q->n_full < SEN2_PIPE_BATCH && !q->done) {
            q->caller_waits = 1;
            pthread_cond_wait(&q->to_caller, &q->mu);
            q->caller_waits = 0;
        }
        while (q->n_full > 0 && nb < SEN2_PIPE_BATCH) {
            batch[nb] = q->full[q->head];
            pos[nb++] = q->full_pos[q->head];
            q->head = (q->head + 1) % SEN2_PIPE_SLOTS;
            q->n_full--;
        }
        pthread_mutex_unlock(&q->mu);
        if (nb == 0) break;
        for (k = 0; k < nb && !failed; k++) {
            if (k + 1 < nb) prefetch(batch[k + 1]);
            if (fn(ctx, &q->h0, batch[k], pos[k], err, errlen) != 0) {
                failed = 1;
                if (!err[0]) snprintf(err, errlen, "person %zu could not be stored", pos[k]);
            } else {
                handled++;
            }
        }
        pthread_mutex_lock(&q->mu);
        for (k = 0; k < nb; k++) q->spare[q->n_spare++] = batch[k];
        if (failed) q->stop = 1;
        /* wake the reader when a batch of buffers is free again (or to
         * stop): one wake-up per batch, not per person */
        if (q->reader_waits && (failed || q->n_spare >= SEN2_PIPE_BATCH)) pthread_cond_signal(&q->to_reader);
        pthread_mutex_unlock(&q->mu);
    }
    pthread_join(th, NULL);
    if (failed) goto done;
    if (q->rc != 0) {
        snprintf(err, errlen, "%s", q->err);
        goto done;
    }
    rc = 0;
done:
    if (npersons) *npersons = failed ? handled : q->n;
    buf_delete(q->cur);
    for (i = 0; i < q->n_spare; i++) buf_delete(q->spare[i]);
    for (i = 0; i < q->n_full; i++) buf_delete(q->full[(q->head + i) % SEN2_PIPE_SLOTS]);
    pthread_cond_destroy(&q->to_reader);
    pthread_cond_destroy(&q->to_caller);
    pthread_mutex_destroy(&q->mu);
    free(q);
    return rc;
}
