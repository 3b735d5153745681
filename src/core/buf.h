/* buf: a growable byte buffer, the one way sendhub builds strings.
 *
 * A buf owns its memory. Allocation failure aborts the process (as Redis
 * does): a server that cannot allocate a few bytes cannot answer anyway, and
 * it keeps every caller free of impossible error paths. */
#ifndef SH_BUF_H
#define SH_BUF_H

#include <stddef.h>
#include <stdarg.h>

typedef struct buf {
    char *s;      /* always NUL-terminated once anything was added */
    size_t len;
    size_t cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b);                 /* len = 0, keeps the memory */
void buf_add(buf *b, const char *s);    /* NULL adds nothing */
void buf_addn(buf *b, const char *s, size_t n);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* The contents, never NULL ("" when empty). Borrowed. */
const char *buf_str(const buf *b);
/* Hands the string to the caller, who frees it; the buf is left empty. */
char *buf_detach(buf *b);

/* Allocation helpers that abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);           /* NULL -> NULL */
char *xstrndup(const char *s, size_t n);

#endif
