/* metrics: Prometheus counters, kept in process (per process, as Prometheus
 * expects: each server is scraped on its own). */
#ifndef SH_METRICS_H
#define SH_METRICS_H

#include "buf.h"

/* route: the pattern (NULL for unmatched requests). */
void metrics_observe(const char *route, int status, double seconds);
void metrics_db_error(void);
/* Appends the exposition text. */
void metrics_render(buf *b);

#endif
