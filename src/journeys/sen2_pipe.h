/* sen2_pipe: reading a SEN2 file on a second thread while the caller's
 * thread handles each person (for the import, the database work), so the
 * parse and the storing overlap on a machine with two or more cores.
 *
 * Memory stays constant: persons travel through a fixed ring of
 * SEN2_PIPE_SLOTS buffers. The callback runs on the calling thread, in file
 * order, exactly as with sen2_read_file. Persons change hands in batches
 * (the caller takes every waiting person under one lock, and each side is
 * woken only once a batch is ready), so the threads do not ping-pong on
 * every person. */
#ifndef SH_JOURNEYS_SEN2_PIPE_H
#define SH_JOURNEYS_SEN2_PIPE_H

#include "journeys/sen2.h"

#define SEN2_PIPE_SLOTS 256
#define SEN2_PIPE_BATCH 64    /* persons handed over per wake-up */

/* Same contract as sen2_read_file: returns 0 on success, -1 with err set
 * (by the reader, or by fn) on the first problem; after fn fails no more
 * persons are handed to it. progress runs on the reading thread. */
int sen2_read_file_pipelined(const char *path, sen2_person_fn fn, void *ctx, void (*progress)(size_t n),
                             struct sen2_header *h, size_t *npersons, char *err, size_t errlen);

#endif
