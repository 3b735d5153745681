/* dir_postings: the full-text index's answer for one search word, held in
 * memory.
 *
 * A word's postings are every service it matches (dir_services.seq, the
 * full-text rowid) with that word's share of the relevance score: on SQLite
 * -bm25() of the one-word FTS5 query with the column weights dir_search
 * uses, on PostgreSQL ts_rank() of the one-word tsquery. FTS5's bm25 of
 * several words is the sum of each word's share, so intersecting the words'
 * postings and adding their scores gives exactly the ranking of the whole
 * query, without asking the index to rank every match again on every
 * search. (PostgreSQL ranks a search by the sum of its words' ts_rank.)
 *
 * Postings are cached per directory generation (dir_store_generation): any
 * write anywhere bumps it, so no search ever sees postings older than the
 * data it reads next. The cache is bounded (DIR_POSTINGS_MAX_BYTES, least
 * recently used out first) and thread-safe. */
#ifndef SH_DIR_POSTINGS_H
#define SH_DIR_POSTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "core/db.h"

#define DIR_POSTINGS_MAX_BYTES (96 * 1024 * 1024)
#define DIR_POSTINGS_MAX_WORDS 8

struct dir_posting {
    int64_t seq;
    double score;
};

/* The one-word full-text queries for the words of text (letters and digits;
 * at most DIR_POSTINGS_MAX_WORDS words of 40 bytes; the last word is a
 * prefix, as people stop typing mid-word): SQLite FTS5 ("word" or "word"*)
 * or PostgreSQL to_tsquery (word or word:*). Each out[i] is a new string the
 * caller frees; returns how many. */
size_t dir_postings_words(const char *text, int pg, char *out[DIR_POSTINGS_MAX_WORDS]);

/* The services matching every word of text: *out (caller frees) ascending by
 * seq with the summed score, *n of them (0 and NULL when none, or when text
 * has no words). gen is the directory generation the caller read. DB_OK or
 * a DB error. */
int dir_postings_match(db *d, int64_t gen, const char *text, struct dir_posting **out, size_t *n);

/* The index of seq in p[0..n) (ascending), or -1. */
long dir_postings_find(const struct dir_posting *p, size_t n, int64_t seq);

#endif
