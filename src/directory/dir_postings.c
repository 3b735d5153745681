/* dir_postings: see dir_postings.h. */
#include "dir_postings.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

#define BUCKETS 1024

/* One word's postings, immutable once made; shared by the searches using
 * it (refs), freed by the last one once the cache has dropped it. */
struct plist {
    char *word;
    int64_t gen;
    int ignored;                 /* PostgreSQL: a stop word (no lexeme): no condition */
    size_t n;
    struct dir_posting *p;
    int refs;                    /* the cache's own reference counts while listed */
    uint64_t used;               /* least recently used goes first */
    struct plist *next;          /* hash chain */
};

static struct plist *table[BUCKETS];
static size_t total_bytes, entries;
static uint64_t ticks;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

size_t dir_postings_words(const char *text, int pg, char *out[DIR_POSTINGS_MAX_WORDS])
{
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    size_t words = 0;
    while (*p && words < DIR_POSTINGS_MAX_WORDS) {
        char w[41];
        size_t n = 0;
        const unsigned char *rest;
        int last;
        buf b = BUF_INIT;
        while (*p && !isalnum(*p) && *p < 0x80) p++;
        while (*p && (isalnum(*p) || *p >= 0x80)) {
            /* Letters outside ASCII are kept whole (UTF-8 sequences). */
            if (n < 40) w[n++] = (char)(*p < 0x80 ? tolower(*p) : *p);
            p++;
        }
        if (!n) continue;
        w[n] = '\0';
        rest = p;
        while (*rest && !isalnum(*rest) && *rest < 0x80) rest++;
        last = !*rest || words == DIR_POSTINGS_MAX_WORDS - 1;
        if (pg) buf_printf(&b, "%s%s", w, last ? ":*" : "");
        else buf_printf(&b, "\"%s\"%s", w, last ? "*" : "");
        out[words++] = buf_detach(&b);
    }
    return words;
}

long dir_postings_find(const struct dir_posting *p, size_t n, int64_t seq)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[mid].seq < seq) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && p[lo].seq == seq ? (long)lo : -1;
}

/* The first index from at whose seq is not below seq (both ascend):
 * galloping, so a short list against a long one costs a few probes each. */
static size_t advance(const struct dir_posting *p, size_t n, size_t at, int64_t seq)
{
    size_t lo = at, step = 1, hi;
    if (at >= n || p[at].seq >= seq) return at;
    while (lo + step < n && p[lo + step].seq < seq) {
        lo += step;
        step *= 2;
    }
    hi = lo + step < n ? lo + step : n;
    lo++;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[mid].seq < seq) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static size_t hash(const char *s)
{
    size_t h = 5381;
    while (*s) h = h * 33 + (unsigned char)*s++;
    return h % BUCKETS;
}

static void plist_free(struct plist *l)
{
    free(l->word);
    free(l->p);
    free(l);
}

/* Under the lock: drops l from the table (freed now, or by its last user). */
static void unlist(struct plist **at)
{
    struct plist *l = *at;
    *at = l->next;
    total_bytes -= l->n * sizeof *l->p + sizeof *l;
    entries--;
    if (--l->refs == 0) plist_free(l);
}

static void release(struct plist *l)
{
    int last;
    pthread_mutex_lock(&lock);
    last = --l->refs == 0;
    pthread_mutex_unlock(&lock);
    if (last) plist_free(l);
}

/* Under the lock: the cached list for word at gen (a reference taken), or
 * NULL. Lists of other generations in its chain go. */
static struct plist *lookup(const char *word, int64_t gen)
{
    struct plist **at = &table[hash(word)], *found = NULL;
    while (*at) {
        if ((*at)->gen != gen) { unlist(at); continue; }
        if (!found && !strcmp((*at)->word, word)) found = *at;
        at = &(*at)->next;
    }
    if (found) {
        found->refs++;
        found->used = ++ticks;
    }
    return found;
}

/* Under the lock: lists l (which the caller keeps a reference to), making
 * room by dropping the least recently used. */
static void insert(struct plist *l)
{
    size_t size = l->n * sizeof *l->p + sizeof *l, i;
    struct plist **at;
    if (size > DIR_POSTINGS_MAX_BYTES / 4) return;
    for (at = &table[hash(l->word)]; *at; at = &(*at)->next)
        if ((*at)->gen == l->gen && !strcmp((*at)->word, l->word)) return;   /* another search made it first */
    while (total_bytes + size > DIR_POSTINGS_MAX_BYTES || entries >= BUCKETS * 4) {
        struct plist **old = NULL;
        for (i = 0; i < BUCKETS; i++)
            for (at = &table[i]; *at; at = &(*at)->next)
                if (!old || (*at)->used < (*old)->used) old = at;
        if (!old) break;
        unlist(old);
    }
    l->refs++;
    l->used = ++ticks;
    l->next = table[hash(l->word)];
    table[hash(l->word)] = l;
    total_bytes += size;
    entries++;
}

/* Reads word's postings from the full-text index. */
static int fetch(db *d, const char *word, struct plist *l)
{
    db_stmt *st = NULL;
    size_t cap = 0;
    int rc, pg = db_kind(d) == DB_PG;
    if (pg) {
        int64_t nodes = 0;
        if ((rc = db_query_int64(d, &nodes, "SELECT numnode(to_tsquery('english', ?))", 1, word)) < 0) goto done;
        if (nodes == 0) {
            l->ignored = 1;
            rc = DB_OK;
            goto done;
        }
        rc = db_prepare(d, "SELECT s.seq, ts_rank(s.search_tsv, q) FROM dir_services s, to_tsquery('english', ?) q "
                           "WHERE s.search_tsv @@ q ORDER BY s.seq", &st);
    } else {
        rc = db_prepare(d, "SELECT rowid, -bm25(dir_service_fts, 10.0, 2.0, 4.0) FROM dir_service_fts "
                           "WHERE dir_service_fts MATCH ? ORDER BY rowid", &st);
    }
    if (rc != DB_OK) goto done;
    db_bind_text_static(st, 1, word);
    while ((rc = db_step(st)) == DB_ROW) {
        if (l->n == cap) {
            cap = cap ? cap * 2 : 256;
            l->p = xrealloc(l->p, cap * sizeof *l->p);
        }
        l->p[l->n].seq = db_col_int64(st, 0);
        l->p[l->n++].score = db_col_double(st, 1);
    }
    if (rc == DB_DONE) rc = DB_OK;
done:
    db_finalize(st);
    return rc;
}

/* word's postings at gen, from the cache or the index (a reference the
 * caller releases). */
static int get(db *d, int64_t gen, const char *word, struct plist **out)
{
    struct plist *l;
    int rc = DB_OK;
    pthread_mutex_lock(&lock);
    l = lookup(word, gen);
    pthread_mutex_unlock(&lock);
    if (!l) {
        l = xcalloc(1, sizeof *l);
        l->word = xstrdup(word);
        l->gen = gen;
        l->refs = 1;
        if ((rc = fetch(d, word, l)) != DB_OK) {
            plist_free(l);
            l = NULL;
            goto done;
        }
        pthread_mutex_lock(&lock);
        insert(l);
        pthread_mutex_unlock(&lock);
    }
done:
    *out = l;
    return rc;
}

int dir_postings_match(db *d, int64_t gen, const char *text, struct dir_posting **out, size_t *n)
{
    char *words[DIR_POSTINGS_MAX_WORDS];
    struct plist *lists[DIR_POSTINGS_MAX_WORDS] = {0};
    size_t nw = dir_postings_words(text, db_kind(d) == DB_PG, words), i, k, m = 0, small = 0;
    struct dir_posting *r = NULL;
    int rc = DB_OK, any = 0;
    *out = NULL;
    *n = 0;
    for (i = 0; i < nw; i++) {
        if ((rc = get(d, gen, words[i], &lists[i])) != DB_OK) goto done;
        if (lists[i]->ignored) continue;
        if (!any || lists[i]->n < lists[small]->n) small = i;
        any = 1;
    }
    if (!any) goto done;
    /* The smallest list bounds the matches; every word then keeps those it
     * has and adds its score, in word order (the order bm25 adds them). */
    m = lists[small]->n;
    r = xmalloc((m ? m : 1) * sizeof *r);
    for (k = 0; k < m; k++) {
        r[k].seq = lists[small]->p[k].seq;
        r[k].score = 0;
    }
    for (i = 0; i < nw && m; i++) {
        const struct plist *l = lists[i];
        size_t at = 0, kept = 0;
        if (l->ignored) continue;
        for (k = 0; k < m; k++) {
            at = advance(l->p, l->n, at, r[k].seq);
            if (at < l->n && l->p[at].seq == r[k].seq) {
                r[kept].seq = r[k].seq;
                r[kept++].score = r[k].score + l->p[at].score;
            }
        }
        m = kept;
    }
    if (m) {
        *out = r;
        *n = m;
        r = NULL;
    }
done:
    for (i = 0; i < nw; i++) {
        if (lists[i]) release(lists[i]);
        free(words[i]);
    }
    free(r);
    return rc;
}
