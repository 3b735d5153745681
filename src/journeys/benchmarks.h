/* benchmarks: the DfE's published EHC plan statistics (England, regions,
 * councils) loaded from the release CSVs, to show beside an area's own
 * figures. */
#ifndef SH_JOURNEYS_BENCHMARKS_H
#define SH_JOURNEYS_BENCHMARKS_H

#include <stddef.h>

#include "core/db.h"

/* Loads DIR/timeliness_20_week.csv (the "All EHC plans issued" rows) and
 * DIR/requests.csv when present, in one transaction. *rows gets how many
 * values were stored. Returns DB_OK, or an error with a message in err. */
int journeys_benchmarks_import(db *d, const char *dir, size_t *rows, char *err, size_t errlen);

/* The value of measure for code (E92000001 England, a region or LA code)
 * in year, as text into out ("" when not held). DB_ROW / DB_DONE / error. */
int journeys_benchmark_get(db *d, const char *year, const char *code, const char *measure, char *out, size_t outlen);

#endif
