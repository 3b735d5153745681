/* dir_cache: a small in-process cache of public directory search results
 * (ORUK list bodies, the search page's content), keyed by the request's path
 * and query and valid only for the directory generation they were built
 * from (dir_store_generation): any write anywhere bumps the generation, so
 * a cached answer is never stale, whichever process made the change.
 * Nothing about users is cached: only public, anonymous content.
 *
 * Bounded: DIR_CACHE_SLOTS entries, each at most DIR_CACHE_MAX_ENTRY bytes,
 * DIR_CACHE_MAX_BYTES in all. Thread-safe. SENDHUB_DIR_CACHE=0 in the
 * environment turns it off (for measuring the uncached path). */
#ifndef SH_DIR_CACHE_H
#define SH_DIR_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/http.h"

#define DIR_CACHE_SLOTS 4096
#define DIR_CACHE_MAX_ENTRY (1024 * 1024)
#define DIR_CACHE_MAX_BYTES (64 * 1024 * 1024)

/* The key for this request: a prefix, the path and every query parameter in
 * order (into key, which the caller frees with buf_free). */
void dir_cache_key(const req *rq, const char *prefix, buf *key);

/* 1 and the cached bytes appended to out when key is cached for gen; else 0. */
int dir_cache_get(const char *key, int64_t gen, buf *out);

/* Stores a copy of data (len bytes) for key and gen (too big: not stored). */
void dir_cache_put(const char *key, int64_t gen, const char *data, size_t len);

/* 0 when SENDHUB_DIR_CACHE=0. */
int dir_cache_enabled(void);

#endif
