/* voice safeguard: does a piece of feedback suggest a child or adult may be
 * at risk? Matches the maintained list of words and phrases
 * (voice_safeguarding_terms) against free text, case-insensitively and on
 * whole words only ("abuse" matches "Abuse." but not "disabused"). */
#ifndef SH_VOICE_SAFEGUARD_H
#define SH_VOICE_SAFEGUARD_H

#include <stddef.h>

#include "core/db.h"

/* Lower-cases ASCII letters and turns every run of characters that are not
 * letters or digits into one space, with one space at each end, so phrases
 * compare on word boundaries. Bytes >= 0x80 (other UTF-8 letters) are kept.
 * Returns a new string; caller frees. */
char *voice_safeguard_normalise(const char *text);

/* 1 when any of the n phrases (borrowed) occurs in text as whole words,
 * else 0. Empty phrases never match. */
int voice_safeguard_match(const char *text, const char *const *phrases, size_t n);

/* The same against the phrases in the database. Returns 1, 0, or a
 * negative DB error. */
int voice_safeguard_check(db *d, const char *text);

#endif
