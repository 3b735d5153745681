#include "log.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "ids.h"

static int g_requests = 1;

void log_set_requests(int on)
{
    g_requests = on;
}

static void log_line(json_t *o)
{
    char ts[21];
    char *s;
    ids_now_iso(ts);
    json_object_set_new(o, "ts", json_string(ts));
    s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (s) {
        /* One fputs per line so lines from worker threads never interleave. */
        fprintf(stderr, "%s\n", s);
        free(s);
    }
    json_decref(o);
}

void log_request(const char *request_id, const char *method, const char *route, int status,
                 double seconds, size_t bytes)
{
    if (!g_requests) return;
    log_line(json_pack("{s:s, s:s, s:s, s:s, s:i, s:f, s:I}", "event", "request", "request_id",
                       request_id, "method", method, "route", route, "status", status, "ms",
                       seconds * 1000.0, "bytes", (json_int_t)bytes));
}

void log_event(const char *event, const char *message)
{
    log_line(json_pack("{s:s, s:s}", "event", event, "message", message ? message : ""));
}
