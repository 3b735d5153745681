/* Counters live in a small open-addressed table keyed by (route, status),
 * guarded by one mutex: a request takes it once, for a few nanoseconds. */
#include "metrics.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#define METRICS_SLOTS 1024
static const double g_bounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
#define NB (sizeof g_bounds / sizeof g_bounds[0])

struct slot {
    const char *route;   /* static pattern string from the route table */
    int status;
    unsigned long long count;
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot g_slots[METRICS_SLOTS];
static unsigned long long g_buckets[NB + 1];
static double g_sum;
static unsigned long long g_total, g_db_errors;

void metrics_observe(const char *route, int status, double seconds)
{
    size_t h = ((size_t)(route ? (uintptr_t)route : 1) * 31u + (size_t)status) % METRICS_SLOTS, i, b;
    pthread_mutex_lock(&g_lock);
    for (i = 0; i < METRICS_SLOTS; i++) {
        struct slot *s = &g_slots[(h + i) % METRICS_SLOTS];
        if (s->count == 0) {
            s->route = route;
            s->status = status;
        }
        if (s->route == route && s->status == status) {
            s->count++;
            break;
        }
    }
    for (b = 0; b < NB && seconds > g_bounds[b]; b++) {}
    g_buckets[b]++;
    g_sum += seconds;
    g_total++;
    pthread_mutex_unlock(&g_lock);
}

void metrics_db_error(void)
{
    pthread_mutex_lock(&g_lock);
    g_db_errors++;
    pthread_mutex_unlock(&g_lock);
}

void metrics_render(buf *out)
{
    size_t i;
    unsigned long long cum = 0;
    pthread_mutex_lock(&g_lock);
    buf_add(out, "# HELP sendhub_http_requests_total HTTP requests by route pattern and status.\n"
                 "# TYPE sendhub_http_requests_total counter\n");
    for (i = 0; i < METRICS_SLOTS; i++) {
        if (!g_slots[i].count) continue;
        buf_printf(out, "sendhub_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                   g_slots[i].route ? g_slots[i].route : "unmatched", g_slots[i].status,
                   g_slots[i].count);
    }
    buf_add(out, "# HELP sendhub_http_request_duration_seconds Time to answer a request.\n"
                 "# TYPE sendhub_http_request_duration_seconds histogram\n");
    for (i = 0; i < NB; i++) {
        cum += g_buckets[i];
        buf_printf(out, "sendhub_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", g_bounds[i], cum);
    }
    cum += g_buckets[NB];
    buf_printf(out, "sendhub_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", cum);
    buf_printf(out, "sendhub_http_request_duration_seconds_sum %.6f\n", g_sum);
    buf_printf(out, "sendhub_http_request_duration_seconds_count %llu\n", g_total);
    buf_add(out, "# HELP sendhub_db_errors_total Database errors seen while answering requests.\n"
                 "# TYPE sendhub_db_errors_total counter\n");
    buf_printf(out, "sendhub_db_errors_total %llu\n", g_db_errors);
    pthread_mutex_unlock(&g_lock);
}
