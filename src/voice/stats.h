/* voice stats: the arithmetic behind survey results and experience
 * measures, kept apart from storage so it can be tested on its own. */
#ifndef SH_VOICE_STATS_H
#define SH_VOICE_STATS_H

#include <stddef.h>
#include <stdint.h>

/* One option's result. */
struct voice_stat {
    const char *label;   /* borrowed from the options */
    int64_t count;
    double percent;      /* of the people who answered the question, 1 decimal */
};

/* Fills out[0..nopt) with each option's count from the (value, count) pairs
 * (values that are not an option are ignored) and its percentage of
 * answered (the number of people who answered; 0 gives 0%). */
void voice_stats_tally(const char *const *options, size_t nopt, const char *const *values,
                       const int64_t *counts, size_t nvalues, int64_t answered, struct voice_stat *out);

/* part / whole as a percentage rounded to one decimal place; 0 when whole <= 0. */
double voice_stats_percent(int64_t part, int64_t whole);

/* Median of n values (sorted in place); -1 when n is 0. For an even n the
 * mean of the two middle values. */
double voice_stats_median(int64_t *values, size_t n);

/* Splits an options text (one per line, blank lines and surrounding spaces
 * dropped) into at most max borrowed-from-*storage strings; *storage is a
 * copy the caller frees. Returns how many. */
size_t voice_stats_split_options(const char *text, char **storage, const char **out, size_t max);

/* The labels of the five-point scale, 1 (very poor) .. 5 (very good). */
const char *voice_scale_label(int rating);

#endif
