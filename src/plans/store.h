/* store: small helpers the plans module uses to read rows as JSON and to
 * keep its settings. */
#ifndef SH_PLANS_STORE_H
#define SH_PLANS_STORE_H

#include <jansson.h>

#include "core/db.h"

/* Runs sql with n text parameters (each may be NULL) and appends every row
 * to the array *out (created when NULL) as an object keyed by column name.
 * types has one letter per column: 's' text, 'i' integer, 'd' double,
 * 'b' boolean (0/1); SQL NULL becomes null. Returns DB_OK or an error. The
 * caller owns *out. */
int plans_rows(db *d, json_t **out, const char *types, const char *sql, int n, ...);
/* The first row as an object (new reference) in *out, or NULL when none.
 * Returns DB_ROW, DB_DONE or an error. */
int plans_row(db *d, json_t **out, const char *types, const char *sql, int n, ...);
/* Convenience: a string member of an object, "" when absent or not a string. */
const char *plans_js(const json_t *o, const char *key);
/* The "plans.stale_days" setting (default 30). */
int plans_stale_days(db *d);

#endif
