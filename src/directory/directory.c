/* directory: routes and navigation. See directory.h. */
#include "directory.h"

#include "core/page.h"
#include "core/router.h"
#include "dir_forms.h"
#include "dir_manage.h"
#include "dir_oruk.h"
#include "dir_pages.h"

static const struct route dir_routes[] = {
    {"GET", "/directory", dir_page_search, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/services/{id}", dir_page_service, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/services/{id}/suggest", dir_page_suggest_get, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/services/{id}/suggest", dir_page_suggest_post, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/services/{id}/suggested", dir_page_suggested, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage", dir_manage_home, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/services/{id}", dir_manage_edit_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/services/{id}", dir_manage_edit_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/services/{id}/versions", dir_manage_versions, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/services/{id}/restore", dir_manage_restore, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/services/{id}/terms", dir_forms_terms_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/services/{id}/terms", dir_forms_terms_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/services/{id}/costs", dir_forms_costs_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/services/{id}/costs", dir_forms_costs_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/services/{id}/places", dir_forms_places_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/services/{id}/places", dir_forms_places_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/services/{id}/times", dir_forms_times_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/services/{id}/times", dir_forms_times_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/services/{id}/contacts", dir_forms_contacts_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/services/{id}/contacts", dir_forms_contacts_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/services/{id}/languages", dir_forms_languages_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/services/{id}/languages", dir_forms_languages_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/services/{id}/areas", dir_forms_areas_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/services/{id}/areas", dir_forms_areas_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/services/{id}/access", dir_forms_access_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/services/{id}/access", dir_forms_access_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/new", dir_forms_new_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/new", dir_forms_new_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/directory/manage/changes/{id}", dir_manage_change_get, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/directory/manage/changes/{id}", dir_manage_change_post, ACCESS_STAFF, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/", dir_oruk_root, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk", dir_oruk_root, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/services", dir_oruk_services, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/services/{id}", dir_oruk_service, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/service_at_locations", dir_oruk_sals, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/service_at_locations/{id}", dir_oruk_sal, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/organizations", dir_oruk_orgs, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/organizations/{id}", dir_oruk_org, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/taxonomies", dir_oruk_taxonomies, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/taxonomies/{id}", dir_oruk_taxonomy, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/taxonomy_terms", dir_oruk_terms, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/oruk/taxonomy_terms/{id}", dir_oruk_term, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
};

static const struct page_nav_item dir_nav[] = {
    {"/directory", "Find support", ACCESS_ALL, 20, 0},
    {"/directory/manage", "Local Offer listings", ACCESS_STAFF, 21, 0},
};

void directory_routes(void)
{
    router_add(dir_routes, sizeof dir_routes / sizeof dir_routes[0]);
    page_nav_add(&dir_nav[0]);
    page_nav_add(&dir_nav[1]);
}

int directory_demo_load(db *d)
{
    return dir_demo_load(d);
}
