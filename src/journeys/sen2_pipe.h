/* sen2_pipe: reading a SEN2 file on a second thread while the caller's
 * thread handles each person (for the import, the database work), so the
 * parse and the storing overlap on a machine with two or more cores.
 *
 * The reading thread turns each person into a message (pack: any bytes,
 * for the import the person's rows ready to store) and the caller's thread
 * handles the messages (fn), in file order. Whatever pack can do without
 * the caller's resources is then off the caller's thread, and what crosses
 * between the threads is one compact buffer per person.
 *
 * Memory stays constant: messages travel through a fixed ring of
 * SEN2_PIPE_SLOTS buffers. They change hands in batches (the caller takes
 * every waiting message under one lock, and each side is woken only once a
 * batch is ready), so the threads do not ping-pong on every person. */
#ifndef SH_JOURNEYS_SEN2_PIPE_H
#define SH_JOURNEYS_SEN2_PIPE_H

#include "core/buf.h"
#include "journeys/sen2.h"

/* 4,096 buffers of a person's message (about 1 KiB each): room for the
 * reader to go on while the import's store sends what it holds back
 * (SEN2_STORE_HOLD persons at a time, asserted in cli.c). */
#define SEN2_PIPE_SLOTS 4096
#define SEN2_PIPE_BATCH 64    /* messages handed over per wake-up */

/* On the reading thread: appends person p's message to out (empty on
 * entry). Return 0 to go on, anything else to stop the read (with err). */
typedef int (*sen2_pack_fn)(void *ctx, const struct sen2_header *h, const struct sen2_person *p, size_t position,
                            buf *out, char *err, size_t errlen);
/* On the calling thread, in file order: one message. h is the header as
 * it was read before the first person. Return 0 to go on. */
typedef int (*sen2_msg_fn)(void *ctx, const struct sen2_header *h, const buf *msg, size_t position, char *err,
                           size_t errlen);

/* Reads path on a second thread: pack(pack_ctx, ...) for each person
 * there, then fn(ctx, ...) here. Same contract as sen2_read_file: returns 0
 * on success, -1 with err set (by the reader, pack or fn) on the first
 * problem; after a failure no more messages are handed to fn. progress
 * runs on the reading thread. */
int sen2_read_file_pipelined(const char *path, sen2_pack_fn pack, void *pack_ctx, sen2_msg_fn fn, void *ctx,
                             void (*progress)(size_t n), struct sen2_header *h, size_t *npersons, char *err,
                             size_t errlen);

#endif
