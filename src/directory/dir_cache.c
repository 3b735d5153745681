/* dir_cache: see dir_cache.h. */
#include "dir_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct slot {
    char *key;
    int64_t gen;
    char *data;
    size_t len;
};

static struct slot slots[DIR_CACHE_SLOTS];
static size_t total_bytes;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int dir_cache_enabled(void)
{
    static int on = -1;
    if (on < 0) {
        const char *v = getenv("SENDHUB_DIR_CACHE");
        on = !(v && !strcmp(v, "0"));
    }
    return on;
}

static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return (size_t)(h % DIR_CACHE_SLOTS);
}

void dir_cache_key(const req *rq, const char *prefix, buf *key)
{
    size_t i;
    buf_add(key, prefix);
    buf_add(key, rq->path ? rq->path : "");
    for (i = 0; i < rq->query.n; i++) {
        /* Lengths first, so no two different queries make the same key. */
        const char *n = rq->query.items[i].name ? rq->query.items[i].name : "";
        const char *v = rq->query.items[i].value ? rq->query.items[i].value : "";
        buf_printf(key, "\n%zu:%zu:", strlen(n), strlen(v));
        buf_add(key, n);
        buf_add(key, v);
    }
}

int dir_cache_get(const char *key, int64_t gen, buf *out)
{
    struct slot *s;
    int hit = 0;
    if (!dir_cache_enabled()) return 0;
    s = &slots[hash(key)];
    pthread_mutex_lock(&lock);
    if (s->key && s->gen == gen && !strcmp(s->key, key)) {
        buf_addn(out, s->data, s->len);
        hit = 1;
    }
    pthread_mutex_unlock(&lock);
    return hit;
}

void dir_cache_put(const char *key, int64_t gen, const char *data, size_t len)
{
    struct slot *s;
    char *k, *copy;
    if (!dir_cache_enabled() || len > DIR_CACHE_MAX_ENTRY) return;
    k = xstrdup(key);
    copy = xmalloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    s = &slots[hash(key)];
    pthread_mutex_lock(&lock);
    if (s->key) {
        total_bytes -= s->len;
        free(s->key);
        free(s->data);
        s->key = s->data = NULL;
        s->len = 0;
    }
    if (total_bytes + len <= DIR_CACHE_MAX_BYTES) {
        s->key = k;
        s->data = copy;
        s->len = len;
        s->gen = gen;
        total_bytes += len;
        k = copy = NULL;
    }
    pthread_mutex_unlock(&lock);
    free(k);
    free(copy);
}
