/* site: the pages every sendhub has (see site.c). */
#ifndef SH_SITE_H
#define SH_SITE_H

#include "http.h"

void site_routes_register(void);
/* Where /assets/ files are read from (default "static"). */
void site_set_static_dir(const char *dir);
/* The right error for a db_* failure: 503 when the database is unreachable,
 * 409 for a constraint, 500 otherwise. */
void resp_db_error(req *rq, resp *rs, int rc);

#endif
