/* utf8: validation of untrusted text. */
#ifndef SH_UTF8_H
#define SH_UTF8_H

#include <stddef.h>

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates) with no
 * NUL and no C0 control character other than tab, CR and LF. */
int utf8_valid(const char *s, size_t n);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s);

#endif
