/* log: one JSON line per request or event on standard error. Never personal
 * data: requests are logged by route pattern (not path or query), status,
 * time and size; no addresses, no names, no ids from the URL. */
#ifndef SH_LOG_H
#define SH_LOG_H

#include <stddef.h>

void log_request(const char *request_id, const char *method, const char *route, int status,
                 double seconds, size_t bytes);
void log_event(const char *event, const char *message);
/* 0 to silence request lines (benchmarks); events are always written. */
void log_set_requests(int on);

#endif
