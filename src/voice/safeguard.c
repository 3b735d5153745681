#include "voice/safeguard.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

char *voice_safeguard_normalise(const char *text)
{
    buf b = BUF_INIT;
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    int gap = 1;
    buf_addc(&b, ' ');
    for (; *p; p++) {
        unsigned char c = *p;
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            buf_addc(&b, (char)c);
            gap = 0;
        } else if (!gap) {
            buf_addc(&b, ' ');
            gap = 1;
        }
    }
    if (!gap) buf_addc(&b, ' ');
    return buf_detach(&b);
}

int voice_safeguard_match(const char *text, const char *const *phrases, size_t n)
{
    char *t = voice_safeguard_normalise(text);
    size_t i;
    int found = 0;
    for (i = 0; i < n && !found; i++) {
        char *ph = voice_safeguard_normalise(phrases[i]);
        if (strcmp(ph, " ") != 0 && strstr(t, ph)) found = 1;
        free(ph);
    }
    free(t);
    return found;
}

int voice_safeguard_check(db *d, const char *text)
{
    db_stmt *st = NULL;
    char *t = voice_safeguard_normalise(text);
    int rc;
    if ((rc = db_prepare(d, "SELECT phrase FROM voice_safeguarding_terms", &st)) != DB_OK) goto done;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *phrase = db_col_text(st, 0);
        if (voice_safeguard_match(t, &phrase, 1)) {
            rc = 1;
            goto done;
        }
    }
    rc = rc == DB_DONE ? 0 : rc;
done:
    db_finalize(st);
    free(t);
    return rc;
}
