/* ofsted: the Ofsted official statistics of area SEND inspections and
 * revisits (2016-2022 framework), imported from Ofsted's CSV, and the
 * national comparison built on them. */
#ifndef SH_PLANS_OFSTED_H
#define SH_PLANS_OFSTED_H

#include <stddef.h>

#include "core/db.h"
#include "core/http.h"

/* Parses the whole CSV text (len bytes) and, only when every row is valid,
 * upserts every row by local authority code in one transaction. On a bad
 * row nothing is applied, and err (errlen bytes) says which row (1 = the
 * header line) and which column, and what is wrong. *count gets the rows
 * applied. Returns DB_OK, DB_EARG for bad input, or a DB error. */
int plans_ofsted_import(db *d, const char *text, size_t len, int *count, char *err, size_t errlen);

/* `sendhub inspections import-ofsted FILE [--db URL]`. */
int plans_cli_import_ofsted(int argc, char **argv);

/* Routes: GET /inspections/national and GET /api/v1/inspections/national. */
void plans_national_page(req *rq, resp *rs);
void plans_national_api(req *rq, resp *rs);

#endif
