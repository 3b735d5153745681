/* voice ratelimit: holds back floods of public submissions. Each accepted
 * submission is a row (hash of "kind:address", Unix time) in voice_rate, so
 * the limit holds across any number of server processes. */
#ifndef SH_VOICE_RATELIMIT_H
#define SH_VOICE_RATELIMIT_H

#include <stdint.h>

#include "core/db.h"

#define VOICE_RATE_WINDOW (10 * 60)   /* seconds */
#define VOICE_RATE_DEFAULT_MAX 5      /* per window per address, unless the setting says otherwise */

/* The limit in force: settings.voice_rate_max (1..10000), else the default. */
int voice_rate_max(db *d);

/* 1 when another submission from address (borrowed) of this kind ("feedback",
 * "survey") is allowed at time now (fewer than max in the window before it),
 * 0 when it is held back, or a negative DB error. */
int voice_rate_allowed(db *d, const char *kind, const char *address, int64_t now, int max);

/* Records one accepted submission. Returns DB_OK or an error. */
int voice_rate_record(db *d, const char *kind, const char *address, int64_t now);

/* Forgets rows older than the window. Returns DB_OK or an error. */
int voice_rate_prune(db *d, int64_t now);

#endif
