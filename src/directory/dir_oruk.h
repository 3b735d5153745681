/* dir_oruk: the Open Referral UK 3.0 API at /oruk/ (public, CORS *).
 * Every path of the ORUK 3.0 OpenAPI document; lists use the paginated
 * envelope and take page, per_page, search, taxonomy_term_id, taxonomy_id,
 * organization_id, modified_after, minimal, full, format=ndjson; services
 * and service_at_locations also take minimum_age and maximum_age (age range
 * overlap); service_at_locations takes postcode and proximity (metres,
 * nearest first). Unknown ids answer 404, bad parameters 400 naming them. */
#ifndef SH_DIR_ORUK_H
#define SH_DIR_ORUK_H

#include "core/http.h"

void dir_oruk_root(req *rq, resp *rs);
void dir_oruk_services(req *rq, resp *rs);
void dir_oruk_service(req *rq, resp *rs);
void dir_oruk_sals(req *rq, resp *rs);
void dir_oruk_sal(req *rq, resp *rs);
void dir_oruk_orgs(req *rq, resp *rs);
void dir_oruk_org(req *rq, resp *rs);
void dir_oruk_taxonomies(req *rq, resp *rs);
void dir_oruk_taxonomy(req *rq, resp *rs);
void dir_oruk_terms(req *rq, resp *rs);
void dir_oruk_term(req *rq, resp *rs);

#endif
