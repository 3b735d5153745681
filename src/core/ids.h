/* ids: identifiers and secrets from libsodium's CSPRNG. */
#ifndef SH_IDS_H
#define SH_IDS_H

#include <stddef.h>

#define IDS_UUID_LEN 37      /* 36 chars + NUL */
#define IDS_HASH_LEN 65      /* 64 hex chars + NUL */

/* Must be called once before anything else (sodium_init). 0 on success. */
int ids_init(void);
/* A random (version 4) UUID, lower-case. */
void ids_uuid(char out[IDS_UUID_LEN]);
/* 1 when s is a canonical lower- or upper-case UUID. */
int ids_is_uuid(const char *s);
/* nbytes random bytes as hex into out (2*nbytes+1 bytes). */
void ids_random_hex(char *out, size_t nbytes);
/* BLAKE2b-256 of s as hex: how session cookies and API tokens are stored. */
void ids_hash_hex(const char *s, char out[IDS_HASH_LEN]);
/* UTC now as "YYYY-MM-DDTHH:MM:SSZ" into out (21 bytes). */
void ids_now_iso(char out[21]);
/* A deterministic UUID derived from a name (for demo data and imports that
 * need stable ids): BLAKE2b of namespace+name shaped as a version-4 UUID. */
void ids_uuid_from(const char *ns, const char *name, char out[IDS_UUID_LEN]);

#endif
