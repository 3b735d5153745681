/* dir_forms: the management forms for the parts of a listing that are lists
 * (categories and SEND needs, costs, places, opening times, contacts,
 * languages, accessibility, service areas) and "add a new listing".
 *
 * No JavaScript needed: each list has its own page showing what is there
 * with a "Remove" button per item and an "Add" form below it ("add another"
 * by adding again). Every change builds the whole ORUK document and goes
 * through dir_manage_save (dir_service_put for those who may publish, the
 * approval queue for voluntary organisations), so versions, the queue's
 * diff, the search index and audit all see it. Bad input: GOV.UK error
 * summary, status 400, nothing changed. */
#ifndef SH_DIR_FORMS_H
#define SH_DIR_FORMS_H

#include <jansson.h>

#include "core/buf.h"
#include "core/http.h"

/* Routes (registered in directory.c). */
void dir_forms_terms_get(req *rq, resp *rs);
void dir_forms_terms_post(req *rq, resp *rs);
void dir_forms_costs_get(req *rq, resp *rs);
void dir_forms_costs_post(req *rq, resp *rs);
void dir_forms_places_get(req *rq, resp *rs);
void dir_forms_places_post(req *rq, resp *rs);
void dir_forms_times_get(req *rq, resp *rs);
void dir_forms_times_post(req *rq, resp *rs);
void dir_forms_contacts_get(req *rq, resp *rs);
void dir_forms_contacts_post(req *rq, resp *rs);
void dir_forms_languages_get(req *rq, resp *rs);
void dir_forms_languages_post(req *rq, resp *rs);
void dir_forms_areas_get(req *rq, resp *rs);
void dir_forms_areas_post(req *rq, resp *rs);
void dir_forms_access_get(req *rq, resp *rs);
void dir_forms_access_post(req *rq, resp *rs);
void dir_forms_new_get(req *rq, resp *rs);
void dir_forms_new_post(req *rq, resp *rs);

/* Plain text (not escaped) for the items of one of a service document's
 * arrays (key: "cost_options", "schedules", "service_at_locations",
 * "contacts", "attributes", "languages", "service_areas"), joined by "; ".
 * Used by the queue's and versions' differences. */
void dir_forms_items_text(buf *b, const char *key, const json_t *items);

/* The "everything else in this listing" summary list of the edit page, with
 * a Change link to each form. Appends HTML. */
void dir_forms_summary(buf *b, const char *id, const json_t *svc);

#endif
