#include "html.h"

#include <string.h>

void html_txt(buf *b, const char *s)
{
    const char *run = s;
    if (!s) return;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (rep) {
            buf_addn(b, run, (size_t)(s - run));
            buf_add(b, rep);
            run = s + 1;
        }
    }
    buf_addn(b, run, (size_t)(s - run));
}

void html_attr(buf *b, const char *s)
{
    html_txt(b, s);
}

void html_url(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s) return;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            buf_addc(b, (char)c);
        } else {
            buf_addc(b, '%');
            buf_addc(b, hex[c >> 4]);
            buf_addc(b, hex[c & 15]);
        }
    }
}

void html_query(buf *b, const char *const *pairs)
{
    int first = 1;
    for (; pairs && pairs[0]; pairs += 2) {
        if (!pairs[1] || !pairs[1][0]) continue;
        buf_addc(b, first ? '?' : '&');
        first = 0;
        html_url(b, pairs[0]);
        buf_addc(b, '=');
        html_url(b, pairs[1]);
    }
}
