#include "ids.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int ids_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

static void ids_format_uuid(unsigned char b[16], char out[IDS_UUID_LEN])
{
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);   /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
    snprintf(out, IDS_UUID_LEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
}

void ids_uuid(char out[IDS_UUID_LEN])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    ids_format_uuid(b, out);
}

void ids_uuid_from(const char *ns, const char *name, char out[IDS_UUID_LEN])
{
    unsigned char b[16];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof b);
    crypto_generichash_update(&st, (const unsigned char *)ns, strlen(ns));
    crypto_generichash_update(&st, (const unsigned char *)"\n", 1);
    crypto_generichash_update(&st, (const unsigned char *)name, strlen(name));
    crypto_generichash_final(&st, b, sizeof b);
    ids_format_uuid(b, out);
}

int ids_is_uuid(const char *s)
{
    int i;
    if (!s || strlen(s) != 36) return 0;
    for (i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return 0;
        } else if (!isxdigit((unsigned char)s[i])) {
            return 0;
        }
    }
    return 1;
}

void ids_random_hex(char *out, size_t nbytes)
{
    unsigned char b[64];
    if (nbytes > sizeof b) nbytes = sizeof b;
    randombytes_buf(b, nbytes);
    sodium_bin2hex(out, nbytes * 2 + 1, b, nbytes);
    sodium_memzero(b, sizeof b);
}

void ids_hash_hex(const char *s, char out[IDS_HASH_LEN])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), NULL, 0);
    sodium_bin2hex(out, IDS_HASH_LEN, h, sizeof h);
}

void ids_now_iso(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
