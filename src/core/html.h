/* html: escaping helpers. Every byte of untrusted text that reaches a page
 * goes through one of these (cgit's html_txt/html_attr habit). */
#ifndef SH_HTML_H
#define SH_HTML_H

#include "buf.h"

void html_txt(buf *b, const char *s);   /* text content: & < > " ' escaped */
void html_attr(buf *b, const char *s);  /* attribute value (quoted with "): same set */
void html_url(buf *b, const char *s);   /* percent-encodes for a query value or path segment */
/* Appends "name=value" pairs as a query string, each value percent-encoded.
 * pairs is a NULL-terminated list name, value, name, value...; NULL or empty
 * values are skipped. Adds the leading '?' only when a pair was written. */
void html_query(buf *b, const char *const *pairs);

#endif
