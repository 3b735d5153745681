#include "voice/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

void voice_stats_tally(const char *const *options, size_t nopt, const char *const *values,
                       const int64_t *counts, size_t nvalues, int64_t answered, struct voice_stat *out)
{
    size_t i, k;
    for (i = 0; i < nopt; i++) {
        out[i].label = options[i];
        out[i].count = 0;
        for (k = 0; k < nvalues; k++)
            if (values[k] && strcmp(values[k], options[i]) == 0) out[i].count += counts[k];
        out[i].percent = voice_stats_percent(out[i].count, answered);
    }
}

double voice_stats_percent(int64_t part, int64_t whole)
{
    if (whole <= 0) return 0.0;
    return round((double)part * 1000.0 / (double)whole) / 10.0;
}

static int cmp64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

double voice_stats_median(int64_t *values, size_t n)
{
    if (n == 0) return -1.0;
    qsort(values, n, sizeof *values, cmp64);
    if (n % 2) return (double)values[n / 2];
    return ((double)values[n / 2 - 1] + (double)values[n / 2]) / 2.0;
}

size_t voice_stats_split_options(const char *text, char **storage, const char **out, size_t max)
{
    char *s, *line, *save = NULL;
    size_t n = 0;
    *storage = s = xstrdup(text ? text : "");
    for (line = strtok_r(s, "\r\n", &save); line && n < max; line = strtok_r(NULL, "\r\n", &save)) {
        char *e;
        while (*line == ' ' || *line == '\t') line++;
        e = line + strlen(line);
        while (e > line && (e[-1] == ' ' || e[-1] == '\t')) *--e = '\0';
        if (*line) out[n++] = line;
    }
    return n;
}

const char *voice_scale_label(int rating)
{
    static const char *const labels[] = {"Very poor", "Poor", "Neither good nor poor", "Good", "Very good"};
    return rating >= 1 && rating <= 5 ? labels[rating - 1] : "";
}
