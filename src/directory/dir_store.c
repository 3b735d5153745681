/* dir_store: ORUK 3.0 documents <-> the dir_* tables. See dir_store.h.
 *
 * Each table is described once (struct dtable: JSON key, column, type), and
 * the same description drives validation, writing and rendering. */
#include "dir_store.h"
#include "dir_watch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/ids.h"

struct dfield {
    const char *key;     /* JSON member */
    const char *col;     /* column */
    char type;           /* 's' text, 'u' uuid, 'i' integer, 'n' number */
    int required;
    const char *const *allowed;   /* enum values or NULL */
};

struct dtable {
    const char *table;
    const struct dfield *f;
    size_t n;
};

static const char *const status_values[] = {"active", "inactive", "defunct", "temporarily closed", NULL};
static const char *const location_types[] = {"physical", "postal", "virtual", NULL};
static const char *const freq_values[] = {"WEEKLY", "MONTHLY", NULL};

static const struct dfield service_f[] = {
    {"id", "id", 'u', 1, NULL}, {"organization_id", "organization_id", 'u', 0, NULL},
    {"name", "name", 's', 1, NULL}, {"description", "description", 's', 0, NULL},
    {"url", "url", 's', 0, NULL}, {"email", "email", 's', 0, NULL},
    {"status", "status", 's', 1, status_values}, {"fees", "fees", 's', 0, NULL},
    {"accreditations", "accreditations", 's', 0, NULL}, {"minimum_age", "minimum_age", 'i', 0, NULL},
    {"maximum_age", "maximum_age", 'i', 0, NULL}, {"assured_date", "assured_date", 's', 0, NULL},
    {"assurer_email", "assurer_email", 's', 0, NULL}, {"alert", "alert", 's', 0, NULL},
    {"last_modified", "last_modified", 's', 0, NULL},
};
static const struct dfield org_f[] = {
    {"id", "id", 'u', 1, NULL}, {"name", "name", 's', 1, NULL}, {"description", "description", 's', 1, NULL},
    {"email", "email", 's', 0, NULL}, {"website", "website", 's', 0, NULL}, {"logo", "logo", 's', 0, NULL},
    {"uri", "uri", 's', 0, NULL}, {"parent_organization_id", "parent_organization_id", 'u', 0, NULL},
};
static const struct dfield location_f[] = {
    {"id", "id", 'u', 1, NULL}, {"location_type", "location_type", 's', 1, location_types},
    {"name", "name", 's', 0, NULL}, {"description", "description", 's', 0, NULL},
    {"latitude", "latitude", 'n', 0, NULL}, {"longitude", "longitude", 'n', 0, NULL},
    {"external_identifier", "external_identifier", 's', 0, NULL},
    {"external_identifier_type", "external_identifier_type", 's', 0, NULL},
};
static const struct dfield address_f[] = {
    {"id", "id", 'u', 1, NULL}, {"attention", "attention", 's', 0, NULL}, {"address_1", "address_1", 's', 1, NULL},
    {"city", "city", 's', 1, NULL}, {"region", "region", 's', 0, NULL},
    {"state_province", "state_province", 's', 1, NULL}, {"postal_code", "postal_code", 's', 1, NULL},
    {"country", "country", 's', 1, NULL}, {"address_type", "address_type", 's', 1, location_types},
};
static const struct dfield access_f[] = {
    {"id", "id", 'u', 1, NULL}, {"description", "description", 's', 0, NULL},
    {"details", "details", 's', 0, NULL}, {"url", "url", 's', 0, NULL},
};
static const struct dfield contact_f[] = {
    {"id", "id", 'u', 1, NULL}, {"name", "name", 's', 0, NULL}, {"title", "title", 's', 0, NULL},
    {"department", "department", 's', 0, NULL}, {"email", "email", 's', 0, NULL},
};
static const struct dfield phone_f[] = {
    {"id", "id", 'u', 1, NULL}, {"number", "number", 's', 1, NULL}, {"description", "description", 's', 0, NULL},
};
static const struct dfield schedule_f[] = {
    {"id", "id", 'u', 1, NULL}, {"valid_from", "valid_from", 's', 0, NULL}, {"valid_to", "valid_to", 's', 0, NULL},
    {"dtstart", "dtstart", 's', 0, NULL}, {"freq", "freq", 's', 0, freq_values},
    {"interval", "freq_interval", 'i', 0, NULL}, {"byday", "byday", 's', 0, NULL},
    {"bymonthday", "bymonthday", 's', 0, NULL}, {"description", "description", 's', 0, NULL},
    {"opens_at", "opens_at", 's', 0, NULL}, {"closes_at", "closes_at", 's', 0, NULL},
    {"attending_type", "attending_type", 's', 0, NULL}, {"notes", "notes", 's', 0, NULL},
};
static const struct dfield cost_f[] = {
    {"id", "id", 'u', 1, NULL}, {"valid_from", "valid_from", 's', 0, NULL}, {"valid_to", "valid_to", 's', 0, NULL},
    {"option", "cost_option", 's', 0, NULL}, {"amount", "amount", 'n', 0, NULL},
    {"amount_description", "amount_description", 's', 0, NULL},
};
static const struct dfield area_f[] = {
    {"id", "id", 'u', 1, NULL}, {"name", "name", 's', 0, NULL}, {"extent", "extent", 's', 0, NULL},
    {"extent_type", "extent_type", 's', 0, NULL}, {"uri", "uri", 's', 0, NULL},
};
static const struct dfield language_f[] = {
    {"id", "id", 'u', 1, NULL}, {"name", "name", 's', 0, NULL}, {"code", "code", 's', 0, NULL},
    {"note", "note", 's', 0, NULL},
};
static const struct dfield term_f[] = {
    {"id", "id", 'u', 1, NULL}, {"code", "code", 's', 0, NULL}, {"name", "name", 's', 1, NULL},
    {"description", "description", 's', 1, NULL}, {"parent_id", "parent_id", 'u', 0, NULL},
    {"taxonomy_id", "taxonomy_id", 'u', 0, NULL}, {"term_uri", "term_uri", 's', 0, NULL},
};
static const struct dfield taxonomy_f[] = {
    {"id", "id", 'u', 1, NULL}, {"name", "name", 's', 1, NULL}, {"description", "description", 's', 1, NULL},
    {"uri", "uri", 's', 0, NULL}, {"version", "version", 's', 0, NULL},
};
static const struct dfield sal_f[] = {
    {"id", "id", 'u', 1, NULL}, {"service_id", "service_id", 'u', 0, NULL},
    {"location_id", "location_id", 'u', 0, NULL}, {"description", "description", 's', 0, NULL},
};
static const struct dfield attr_f[] = {
    {"id", "id", 'u', 1, NULL}, {"taxonomy_term_id", "taxonomy_term_id", 'u', 0, NULL},
    {"link_type", "link_type", 's', 0, NULL},
};

#define T(name, f) {name, f, sizeof f / sizeof f[0]}
static const struct dtable T_SERVICE = T("dir_services", service_f);
static const struct dtable T_ORG = T("dir_organizations", org_f);
static const struct dtable T_LOCATION = T("dir_locations", location_f);
static const struct dtable T_ADDRESS = T("dir_addresses", address_f);
static const struct dtable T_ACCESS = T("dir_accessibility", access_f);
static const struct dtable T_CONTACT = T("dir_contacts", contact_f);
static const struct dtable T_PHONE = T("dir_phones", phone_f);
static const struct dtable T_SCHEDULE = T("dir_schedules", schedule_f);
static const struct dtable T_COST = T("dir_cost_options", cost_f);
static const struct dtable T_AREA = T("dir_service_areas", area_f);
static const struct dtable T_LANGUAGE = T("dir_languages", language_f);
static const struct dtable T_TERM = T("dir_taxonomy_terms", term_f);
static const struct dtable T_TAXONOMY = T("dir_taxonomies", taxonomy_f);
static const struct dtable T_SAL = T("dir_service_at_locations", sal_f);
static const struct dtable T_ATTR = T("dir_attributes", attr_f);

static json_t *service_render(db *d, const char *id, enum dir_detail detail, int *rc);
static json_t *location_json(db *d, const char *id, int *rc);
static int refresh_services(db *d, const char *sql, const char *param, const char *except_id);
static int store_location_doc(db *d, const char *id, const char *except_service);
static int store_service_docs(db *d, const char *id, const json_t *full);
static json_t *one_json(db *d, const struct dtable *t, const char *id, int *rc);
static json_t *location_doc(db *d, const char *id, int *rc);

/* ---- validation ------------------------------------------------------------------ */

static int fail(char *err, size_t errlen, const char *path, const char *key, const char *msg)
{
    snprintf(err, errlen, "%s%s%s: %s", path, *path && key ? "." : "", key ? key : "", msg);
    return -1;
}

static int valid_obj(const json_t *o, const struct dtable *t, const char *path, char *err, size_t errlen)
{
    size_t i;
    if (!json_is_object(o)) return fail(err, errlen, path, NULL, "must be an object");
    for (i = 0; i < t->n; i++) {
        const struct dfield *f = &t->f[i];
        const json_t *v = json_object_get(o, f->key);
        if (!v || json_is_null(v)) {
            if (f->required) return fail(err, errlen, path, f->key, "is required");
            continue;
        }
        switch (f->type) {
        case 's':
        case 'u':
            if (!json_is_string(v)) return fail(err, errlen, path, f->key, "must be a string");
            if (f->required && !strcmp(f->key, "name") && !*json_string_value(v)) return fail(err, errlen, path, f->key, "must not be empty");
            if (f->type == 'u' && !ids_is_uuid(json_string_value(v))) return fail(err, errlen, path, f->key, "must be a UUID");
            if (json_string_length(v) > 20000) return fail(err, errlen, path, f->key, "is too long");
            if (f->allowed) {
                size_t k;
                int ok = 0;
                for (k = 0; f->allowed[k]; k++) ok |= strcmp(f->allowed[k], json_string_value(v)) == 0;
                if (!ok) return fail(err, errlen, path, f->key, "is not one of the allowed values");
            }
            break;
        case 'i':
            if (!json_is_integer(v) && !(json_is_real(v) && json_real_value(v) == floor(json_real_value(v))))
                return fail(err, errlen, path, f->key, "must be a whole number");
            if (json_number_value(v) < 0 || json_number_value(v) > 1000) return fail(err, errlen, path, f->key, "is out of range");
            break;
        case 'n':
            if (!json_is_number(v) || !isfinite(json_number_value(v))) return fail(err, errlen, path, f->key, "must be a number");
            break;
        }
    }
    return 0;
}

typedef int (*valid_fn)(const json_t *o, const char *path, char *err, size_t errlen);

static int valid_array(const json_t *parent, const char *key, const struct dtable *t, valid_fn more,
                       const char *path, char *err, size_t errlen)
{
    const json_t *a = json_object_get(parent, key), *v;
    size_t i;
    char p[256];
    if (!a || json_is_null(a)) return 0;
    if (!json_is_array(a)) return fail(err, errlen, path, key, "must be an array");
    json_array_foreach(a, i, v) {
        snprintf(p, sizeof p, "%s%s%s[%zu]", path, *path ? "." : "", key, i);
        if (valid_obj(v, t, p, err, errlen) != 0) return -1;
        if (more && more(v, p, err, errlen) != 0) return -1;
    }
    return 0;
}

static int valid_location(const json_t *o, const char *path, char *err, size_t errlen)
{
    const json_t *la = json_object_get(o, "latitude"), *lo = json_object_get(o, "longitude");
    if (la && json_is_number(la) && fabs(json_number_value(la)) > 90) return fail(err, errlen, path, "latitude", "must be from -90 to 90");
    if (lo && json_is_number(lo) && fabs(json_number_value(lo)) > 180) return fail(err, errlen, path, "longitude", "must be from -180 to 180");
    if (valid_array(o, "addresses", &T_ADDRESS, NULL, path, err, errlen)) return -1;
    return valid_array(o, "accessibility", &T_ACCESS, NULL, path, err, errlen);
}

static int valid_sal(const json_t *o, const char *path, char *err, size_t errlen)
{
    const json_t *loc = json_object_get(o, "location");
    char p[256];
    if (loc && !json_is_null(loc)) {
        snprintf(p, sizeof p, "%s.location", path);
        if (valid_obj(loc, &T_LOCATION, p, err, errlen) || valid_location(loc, p, err, errlen)) return -1;
    } else if (!json_is_string(json_object_get(o, "location_id"))) {
        return fail(err, errlen, path, "location", "is required (a location object or location_id)");
    }
    return 0;
}

static int valid_contact(const json_t *o, const char *path, char *err, size_t errlen)
{
    return valid_array(o, "phones", &T_PHONE, NULL, path, err, errlen);
}

static int valid_attr(const json_t *o, const char *path, char *err, size_t errlen)
{
    const json_t *term = json_object_get(o, "taxonomy_term");
    char p[256];
    if (term && !json_is_null(term)) {
        snprintf(p, sizeof p, "%s.taxonomy_term", path);
        return valid_obj(term, &T_TERM, p, err, errlen);
    }
    if (!json_is_string(json_object_get(o, "taxonomy_term_id"))) return fail(err, errlen, path, "taxonomy_term_id", "is required");
    return 0;
}

int dir_service_validate(const json_t *svc, char *err, size_t errlen)
{
    const json_t *org = json_object_get(svc, "organization");
    const json_t *mn, *mx;
    int rc = -1;
    if (valid_obj(svc, &T_SERVICE, "", err, errlen)) goto done;
    mn = json_object_get(svc, "minimum_age");
    mx = json_object_get(svc, "maximum_age");
    if (json_is_number(mn) && json_is_number(mx) && json_number_value(mn) > json_number_value(mx)) {
        fail(err, errlen, "", "maximum_age", "must not be less than minimum_age");
        goto done;
    }
    if (org && !json_is_null(org) && valid_obj(org, &T_ORG, "organization", err, errlen)) goto done;
    if (valid_array(svc, "service_at_locations", &T_SAL, valid_sal, "", err, errlen)) goto done;
    if (valid_array(svc, "contacts", &T_CONTACT, valid_contact, "", err, errlen)) goto done;
    if (valid_array(svc, "schedules", &T_SCHEDULE, NULL, "", err, errlen)) goto done;
    if (valid_array(svc, "cost_options", &T_COST, NULL, "", err, errlen)) goto done;
    if (valid_array(svc, "service_areas", &T_AREA, NULL, "", err, errlen)) goto done;
    if (valid_array(svc, "languages", &T_LANGUAGE, NULL, "", err, errlen)) goto done;
    if (valid_array(svc, "attributes", &T_ATTR, valid_attr, "", err, errlen)) goto done;
    rc = 0;
done:
    return rc;
}

/* ---- writing --------------------------------------------------------------------- */

static void bind_field(db_stmt *st, int idx, const struct dfield *f, const json_t *v)
{
    if (!v || json_is_null(v)) db_bind_null(st, idx);
    else if (f->type == 'i') db_bind_int64(st, idx, (int64_t)json_number_value(v));
    else if (f->type == 'n') db_bind_double(st, idx, json_number_value(v));
    else db_bind_text(st, idx, json_string_value(v));
}

/* INSERT (with extra text columns) or upsert by id. */
static int put_row(db *d, const struct dtable *t, const json_t *o, int upsert, const char *const *extra_cols,
                   const char *const *extra_vals, size_t nextra)
{
    buf sql = BUF_INIT;
    db_stmt *st = NULL;
    size_t i;
    int rc, idx = 1;
    buf_printf(&sql, "INSERT INTO %s (", t->table);
    for (i = 0; i < t->n; i++) buf_printf(&sql, "%s%s", i ? ", " : "", t->f[i].col);
    for (i = 0; i < nextra; i++) buf_printf(&sql, ", %s", extra_cols[i]);
    buf_add(&sql, ") VALUES (");
    for (i = 0; i < t->n + nextra; i++) buf_add(&sql, i ? ", ?" : "?");
    buf_add(&sql, ")");
    if (upsert) {
        buf_add(&sql, " ON CONFLICT (id) DO UPDATE SET ");
        for (i = 1; i < t->n; i++) buf_printf(&sql, "%s%s = excluded.%s", i > 1 ? ", " : "", t->f[i].col, t->f[i].col);
        for (i = 0; i < nextra; i++) buf_printf(&sql, ", %s = excluded.%s", extra_cols[i], extra_cols[i]);
    }
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    for (i = 0; i < t->n; i++) bind_field(st, idx++, &t->f[i], json_object_get(o, t->f[i].key));
    for (i = 0; i < nextra; i++) db_bind_text(st, idx++, extra_vals[i]);
    rc = db_step(st);
    if (rc == DB_DONE) rc = DB_OK;
done:
    db_finalize(st);
    buf_free(&sql);
    return rc;
}

static int dberr(db *d, int rc, char *err, size_t errlen, const char *what)
{
    if (rc < 0) snprintf(err, errlen, "%s: %s", what, db_errmsg(d));
    return rc;
}

/* After a shared record (organisation, term, taxonomy) was written: when its
 * rendering changed (before is NULL for a new record), the services that
 * embed it are re-rendered and the generation bumped. */
static int shared_changed(db *d, json_t *before, json_t *after, const char *sql, const char *id)
{
    int rc = DB_OK;
    if (before && after && json_equal(before, after)) goto done;
    if (before) rc = refresh_services(d, sql, id, NULL);
    if (rc >= 0) rc = dir_store_touch(d);
done:
    json_decref(before);
    json_decref(after);
    return rc;
}

/* 1 when every field of t in the document in is what before (a stored
 * record's rendering) already says: writing it would change nothing. */
static int fields_same(const struct dtable *t, const json_t *in, const json_t *before)
{
    size_t i;
    for (i = 0; i < t->n; i++) {
        const json_t *a = json_object_get(in, t->f[i].key), *b = json_object_get(before, t->f[i].key);
        int na = !a || json_is_null(a), nb = !b || json_is_null(b);
        if (na || nb) {
            if (na != nb) return 0;
            continue;
        }
        if (json_is_number(a) && json_is_number(b)) {
            if (json_number_value(a) != json_number_value(b)) return 0;
        } else if (!json_equal((json_t *)a, (json_t *)b)) {
            return 0;
        }
    }
    return 1;
}

int dir_org_put(db *d, const json_t *org, const char *owner_org_id, char *err, size_t errlen)
{
    char now[21];
    int rc, r2;
    const char *cols[] = {"last_modified", "owner_org_id"};
    const char *vals[2];
    const char *id;
    json_t *before;
    if (valid_obj(org, &T_ORG, "organization", err, errlen) != 0) return DB_EARG;
    id = json_string_value(json_object_get(org, "id"));
    before = dir_org_json(d, id, 0, &r2);
    if (before && !owner_org_id && fields_same(&T_ORG, org, before)) {
        json_decref(before);   /* as it is already: nothing to write */
        return DB_OK;
    }
    ids_now_iso(now);
    vals[0] = now;
    vals[1] = owner_org_id;
    /* Keep the owner when none is given. */
    if (!owner_org_id) {
        char *cur = NULL;
        db_query_text(d, &cur, "SELECT owner_org_id FROM dir_organizations WHERE id = ?", 1, id);
        rc = put_row(d, &T_ORG, org, 1, cols, (const char *const[]){now, cur}, 2);
        free(cur);
    } else {
        rc = put_row(d, &T_ORG, org, 1, cols, vals, 2);
    }
    if (rc >= 0) rc = shared_changed(d, before, dir_org_json(d, id, 0, &r2), "SELECT id FROM dir_services WHERE organization_id = ?", id);
    else json_decref(before);
    return dberr(d, rc, err, errlen, "organization");
}

int dir_taxonomy_put(db *d, const json_t *tax, char *err, size_t errlen)
{
    const char *id;
    json_t *before;
    int rc, r2;
    if (valid_obj(tax, &T_TAXONOMY, "taxonomy", err, errlen) != 0) return DB_EARG;
    id = json_string_value(json_object_get(tax, "id"));
    before = one_json(d, &T_TAXONOMY, id, &r2);
    rc = put_row(d, &T_TAXONOMY, tax, 1, NULL, NULL, 0);
    if (rc >= 0)
        rc = shared_changed(d, before, one_json(d, &T_TAXONOMY, id, &r2),
                            "SELECT DISTINCT a.link_id FROM dir_attributes a JOIN dir_taxonomy_terms t ON t.id = a.taxonomy_term_id "
                            "WHERE t.taxonomy_id = ?", id);
    else json_decref(before);
    return dberr(d, rc, err, errlen, "taxonomy");
}

int dir_term_put(db *d, const json_t *term, char *err, size_t errlen)
{
    const char *tax = json_string_value(json_object_get(term, "taxonomy_id"));
    const char *id;
    json_t *before;
    int rc, r2;
    if (valid_obj(term, &T_TERM, "taxonomy_term", err, errlen) != 0) return DB_EARG;
    id = json_string_value(json_object_get(term, "id"));
    before = dir_term_json(d, id, &r2);
    if (before && fields_same(&T_TERM, term, before)) {
        json_decref(before);   /* as it is already (its taxonomy exists): nothing to write */
        return DB_OK;
    }
    if (tax) {
        /* A term may name a taxonomy this directory does not have yet. */
        const char *tname = json_string_value(json_object_get(term, "taxonomy"));
        rc = db_query_text(d, NULL, "INSERT INTO dir_taxonomies (id, name, description) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
                           3, tax, tname && *tname ? tname : "Imported taxonomy", "Taxonomy named by imported terms");
        if (rc < 0) {
            json_decref(before);
            return dberr(d, rc, err, errlen, "taxonomy_term.taxonomy_id");
        }
    }
    rc = put_row(d, &T_TERM, term, 1, NULL, NULL, 0);
    if (rc >= 0)
        rc = shared_changed(d, before, dir_term_json(d, id, &r2), "SELECT DISTINCT link_id FROM dir_attributes WHERE taxonomy_term_id = ?", id);
    else json_decref(before);
    return dberr(d, rc, err, errlen, "taxonomy_term");
}

/* ---- stored documents ------------------------------------------------------------ */

/* The same flags as resp_json, so stored text can be sent as it is. */
#define DOC_FLAGS (JSON_COMPACT | JSON_ENSURE_ASCII)

int dir_store_touch(db *d)
{
    int rc;
    dir_watch_write_begins(d);
    rc = db_query_text(d, NULL, "UPDATE dir_meta SET value = value + 1 WHERE name = 'generation'", 0);
    /* Every server process's dir_watch hears of it at commit. */
    if (rc >= 0 && db_kind(d) == DB_PG) rc = db_exec(d, "SELECT pg_notify('" DIR_WATCH_CHANNEL "', '')");
    dir_watch_write_ends(d, rc);
    return rc < 0 ? rc : DB_OK;
}

int dir_store_generation(db *d, int64_t *out)
{
    int rc;
    *out = 0;
    rc = db_query_int64(d, out, "SELECT value FROM dir_meta WHERE name = 'generation'", 0);
    return rc < 0 ? rc : DB_OK;
}

/* Members of the full form that the list and minimal forms leave out. */
static const char *const full_only_keys[] = {"schedules", "service_areas", "languages", "cost_options", "contacts",
                                             "funding", "service_at_locations", "attributes", NULL};

/* Writes the three forms of a service from its full rendering (borrowed). */
static int store_service_docs(db *d, const char *id, const json_t *full)
{
    json_t *x = json_copy((json_t *)full);
    char *sf = json_dumps(full, DOC_FLAGS), *sl, *sm;
    size_t k;
    int rc;
    for (k = 0; full_only_keys[k]; k++) json_object_del(x, full_only_keys[k]);
    sl = json_dumps(x, DOC_FLAGS);
    json_object_del(x, "organization");
    sm = json_dumps(x, DOC_FLAGS);
    rc = db_query_text(d, NULL, "INSERT INTO dir_service_docs (service_id, doc_min, doc_list, doc_full) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (service_id) DO UPDATE SET doc_min = excluded.doc_min, doc_list = excluded.doc_list, "
                             "doc_full = excluded.doc_full", 4, id, sm, sl, sf);
    if (rc >= 0) rc = DB_OK;
    json_decref(x);
    free(sf);
    free(sl);
    free(sm);
    return rc;
}

/* Re-renders the stored documents of the services sql (one text parameter)
 * selects, except except_id (may be NULL): after a shared record changed. */
static int refresh_services(db *d, const char *sql, const char *param, const char *except_id)
{
    db_stmt *st = NULL;
    char **ids = NULL;
    size_t n = 0, cap = 0, i;
    int rc;
    if ((rc = db_prepare(d, sql, &st)) != DB_OK) goto done;
    db_bind_text(st, 1, param);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *v = db_col_text(st, 0);
        if (!v || (except_id && !strcmp(v, except_id))) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        ids[n++] = xstrdup(v);
    }
    if (rc < 0) goto done;
    db_finalize(st);
    st = NULL;
    rc = DB_OK;
    for (i = 0; i < n && rc >= 0; i++) {
        json_t *full = service_render(d, ids[i], DIR_FULL, &rc);
        if (!full) {
            if (rc == DB_DONE) rc = DB_OK;
            continue;
        }
        rc = store_service_docs(d, ids[i], full);
        json_decref(full);
    }
done:
    db_finalize(st);
    for (i = 0; i < n; i++) free(ids[i]);
    free(ids);
    return rc;
}

/* Stores a location's rendering; when it changed, the services at it (other
 * than except_service, which its caller re-renders) are refreshed. */
static int store_location_doc(db *d, const char *id, const char *except_service)
{
    char *old = NULL, *nw = NULL;
    json_t *o;
    int rc;
    if ((rc = db_query_text(d, &old, "SELECT doc FROM dir_location_docs WHERE location_id = ?", 1, id)) < 0) goto done;
    if (!(o = location_json(d, id, &rc))) goto done;
    nw = json_dumps(o, DOC_FLAGS);
    json_decref(o);
    if (old && nw && !strcmp(old, nw)) { rc = DB_OK; goto done; }
    if ((rc = db_query_text(d, NULL, "INSERT INTO dir_location_docs (location_id, doc) VALUES (?, ?) "
                                     "ON CONFLICT (location_id) DO UPDATE SET doc = excluded.doc", 2, id, nw)) < 0) goto done;
    rc = refresh_services(d, "SELECT DISTINCT service_id FROM dir_service_at_locations WHERE location_id = ?", id, except_service);
done:
    free(old);
    free(nw);
    return rc;
}

static int put_location(db *d, const json_t *loc, const char *service_id, char *err, size_t errlen)
{
    const char *id = json_string_value(json_object_get(loc, "id"));
    const json_t *v;
    size_t i;
    int64_t seq = 0;
    int rc;
    buf sql = BUF_INIT;
    db_stmt *st = NULL;
    /* Upsert keeping seq, the spatial index key. */
    buf_add(&sql, "INSERT INTO dir_locations (seq");
    for (i = 0; i < T_LOCATION.n; i++) buf_printf(&sql, ", %s", T_LOCATION.f[i].col);
    buf_add(&sql, ") VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM dir_locations)");
    for (i = 0; i < T_LOCATION.n; i++) buf_add(&sql, ", ?");
    buf_add(&sql, ") ON CONFLICT (id) DO UPDATE SET ");
    for (i = 1; i < T_LOCATION.n; i++) buf_printf(&sql, "%s%s = excluded.%s", i > 1 ? ", " : "", T_LOCATION.f[i].col, T_LOCATION.f[i].col);
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    for (i = 0; i < T_LOCATION.n; i++) bind_field(st, (int)i + 1, &T_LOCATION.f[i], json_object_get(loc, T_LOCATION.f[i].key));
    rc = db_step(st);
    if (rc < 0) goto done;
    if ((rc = db_query_int64(d, &seq, "SELECT seq FROM dir_locations WHERE id = ?", 1, id)) < 0) goto done;
    if (db_kind(d) == DB_SQLITE) {
        char s[32];
        snprintf(s, sizeof s, "%lld", (long long)seq);
        if ((rc = db_query_text(d, NULL, "DELETE FROM dir_location_rtree WHERE id = ?", 1, s)) < 0) goto done;
        if (json_is_number(json_object_get(loc, "latitude")) && json_is_number(json_object_get(loc, "longitude"))) {
            double la = json_number_value(json_object_get(loc, "latitude"));
            double lo = json_number_value(json_object_get(loc, "longitude"));
            db_finalize(st);
            st = NULL;
            if ((rc = db_prepare(d, "INSERT INTO dir_location_rtree (id, min_lat, max_lat, min_lng, max_lng) VALUES (?, ?, ?, ?, ?)", &st)) != DB_OK) goto done;
            db_bind_int64(st, 1, seq);
            db_bind_double(st, 2, la);
            db_bind_double(st, 3, la);
            db_bind_double(st, 4, lo);
            db_bind_double(st, 5, lo);
            if ((rc = db_step(st)) < 0) goto done;
        }
    }
    if ((rc = db_query_text(d, NULL, "DELETE FROM dir_addresses WHERE location_id = ?", 1, id)) < 0) goto done;
    if ((rc = db_query_text(d, NULL, "DELETE FROM dir_accessibility WHERE location_id = ?", 1, id)) < 0) goto done;
    json_array_foreach(json_object_get(loc, "addresses"), i, v) {
        if ((rc = put_row(d, &T_ADDRESS, v, 0, (const char *const[]){"location_id"}, (const char *const[]){id}, 1)) < 0) goto done;
    }
    json_array_foreach(json_object_get(loc, "accessibility"), i, v) {
        if ((rc = put_row(d, &T_ACCESS, v, 0, (const char *const[]){"location_id"}, (const char *const[]){id}, 1)) < 0) goto done;
    }
    rc = store_location_doc(d, id, service_id);
done:
    db_finalize(st);
    buf_free(&sql);
    return dberr(d, rc, err, errlen, "location");
}

int dir_is_free(const json_t *cost_options)
{
    const json_t *v;
    size_t i;
    int zero = 0, paid = 0;
    json_array_foreach(cost_options, i, v) {
        const json_t *a = json_object_get(v, "amount");
        if (json_is_number(a)) {
            if (json_number_value(a) > 0) paid = 1;
            else zero = 1;
        }
    }
    return zero && !paid;
}

static const char *const child_tables[] = {"dir_schedules", "dir_cost_options", "dir_service_areas", "dir_languages",
                                           "dir_contacts", "dir_service_at_locations", NULL};

int dir_service_put(db *d, const json_t *svc, const char *owner_org_id, const char *actor, const char *note,
                    int *changed, char *err, size_t errlen)
{
    char *dump = NULL, *cur_hash = NULL, *cur_owner = NULL, now[21], hash[IDS_HASH_LEN], vid[IDS_UUID_LEN];
    const char *id, *org_id;
    const json_t *v, *org;
    json_t *doc = NULL;
    int64_t version = 0;
    size_t i;
    int rc, exists;
    *changed = 0;
    if (dir_service_validate(svc, err, errlen) != 0) { rc = DB_EARG; goto done; }
    id = json_string_value(json_object_get(svc, "id"));
    dump = json_dumps(svc, JSON_SORT_KEYS | JSON_COMPACT);
    ids_hash_hex(dump, hash);
    rc = db_query_text(d, &cur_hash, "SELECT doc_hash FROM dir_services WHERE id = ?", 1, id);
    if (rc < 0) { dberr(d, rc, err, errlen, "service"); goto done; }
    exists = rc == DB_ROW;
    if (exists) {
        if ((rc = db_query_text(d, &cur_owner, "SELECT owner_org_id FROM dir_services WHERE id = ?", 1, id)) < 0) goto done;
        if (!owner_org_id || (cur_owner && !strcmp(cur_owner, owner_org_id))) {
            int same = cur_hash && !strcmp(cur_hash, hash);
            if (!same) {
                /* The same document as published (an export read back)? */
                int r2;
                json_t *cur = service_render(d, id, DIR_FULL, &r2);
                same = cur && json_equal(cur, (json_t *)svc);
                json_decref(cur);
            }
            if (same) {
                rc = DB_OK;   /* exactly what is there already */
                goto done;
            }
        }
    }
    ids_now_iso(now);
    org = json_object_get(svc, "organization");
    org_id = json_string_value(json_object_get(svc, "organization_id"));
    if (org && json_is_object(org)) {
        if ((rc = dir_org_put(d, org, NULL, err, errlen)) != DB_OK) goto done;
        if (!org_id) org_id = json_string_value(json_object_get(org, "id"));
        else if (strcmp(org_id, json_string_value(json_object_get(org, "id"))) != 0) {
            snprintf(err, errlen, "organization_id: does not match organization.id");
            rc = DB_EARG;
            goto done;
        }
    }
    if (org_id) {
        int64_t n = 0;
        if ((rc = db_query_int64(d, &n, "SELECT count(*) FROM dir_organizations WHERE id = ?", 1, org_id)) < 0) goto done;
        if (!n) { snprintf(err, errlen, "organization_id: no such organization"); rc = DB_EARG; goto done; }
    }
    {
        /* The service row itself (organization_id may come from the nested object). */
        json_t *row = json_deep_copy(svc);
        char seqs[32], frees[4];
        int64_t seq = 0;
        const char *lm = json_string_value(json_object_get(svc, "last_modified"));
        if (org_id) json_object_set_new(row, "organization_id", json_string(org_id));
        if (!lm) json_object_set_new(row, "last_modified", json_string(now));
        if (exists) {
            if ((rc = db_query_int64(d, &seq, "SELECT seq FROM dir_services WHERE id = ?", 1, id)) < 0) { json_decref(row); goto done; }
            if ((rc = db_query_int64(d, &version, "SELECT version FROM dir_services WHERE id = ?", 1, id)) < 0) { json_decref(row); goto done; }
        } else {
            if ((rc = db_query_int64(d, &seq, "SELECT COALESCE(MAX(seq), 0) + 1 FROM dir_services", 0)) < 0) { json_decref(row); goto done; }
        }
        version++;
        snprintf(seqs, sizeof seqs, "%lld", (long long)seq);
        snprintf(frees, sizeof frees, "%d", dir_is_free(json_object_get(svc, "cost_options")));
        {
            char vers[32];
            const char *cols[] = {"seq", "is_free", "owner_org_id", "version", "doc_hash"};
            const char *vals[5];
            snprintf(vers, sizeof vers, "%lld", (long long)version);
            vals[0] = seqs; vals[1] = frees; vals[2] = owner_org_id ? owner_org_id : cur_owner; vals[3] = vers; vals[4] = hash;
            /* seq, is_free and version are integers: PostgreSQL casts the text parameters. */
            rc = put_row(d, &T_SERVICE, row, 1, cols, vals, 5);
        }
        json_decref(row);
        if (rc < 0) { dberr(d, rc, err, errlen, "service"); goto done; }
    }
    for (i = 0; child_tables[i]; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE service_id = ?", child_tables[i]);
        if ((rc = db_query_text(d, NULL, sql, 1, id)) < 0) { dberr(d, rc, err, errlen, child_tables[i]); goto done; }
    }
    if ((rc = db_query_text(d, NULL, "DELETE FROM dir_attributes WHERE link_id = ?", 1, id)) < 0) goto done;
    {
        const char *const sc[] = {"service_id"};
        const char *const sv[] = {id};
        json_array_foreach(json_object_get(svc, "schedules"), i, v)
            if ((rc = put_row(d, &T_SCHEDULE, v, 0, sc, sv, 1)) < 0) { dberr(d, rc, err, errlen, "schedules"); goto done; }
        json_array_foreach(json_object_get(svc, "cost_options"), i, v)
            if ((rc = put_row(d, &T_COST, v, 0, sc, sv, 1)) < 0) { dberr(d, rc, err, errlen, "cost_options"); goto done; }
        json_array_foreach(json_object_get(svc, "service_areas"), i, v)
            if ((rc = put_row(d, &T_AREA, v, 0, sc, sv, 1)) < 0) { dberr(d, rc, err, errlen, "service_areas"); goto done; }
        json_array_foreach(json_object_get(svc, "languages"), i, v)
            if ((rc = put_row(d, &T_LANGUAGE, v, 0, sc, sv, 1)) < 0) { dberr(d, rc, err, errlen, "languages"); goto done; }
        json_array_foreach(json_object_get(svc, "contacts"), i, v) {
            const json_t *p;
            size_t k;
            const char *cid = json_string_value(json_object_get(v, "id"));
            if ((rc = put_row(d, &T_CONTACT, v, 0, sc, sv, 1)) < 0) { dberr(d, rc, err, errlen, "contacts"); goto done; }
            json_array_foreach(json_object_get(v, "phones"), k, p)
                if ((rc = put_row(d, &T_PHONE, p, 0, (const char *const[]){"contact_id"}, (const char *const[]){cid}, 1)) < 0) {
                    dberr(d, rc, err, errlen, "contacts.phones");
                    goto done;
                }
        }
        json_array_foreach(json_object_get(svc, "service_at_locations"), i, v) {
            const json_t *loc = json_object_get(v, "location");
            const char *lid = json_string_value(json_object_get(v, "location_id"));
            json_t *row;
            if (loc && json_is_object(loc)) {
                if ((rc = put_location(d, loc, id, err, errlen)) < 0) goto done;
                lid = json_string_value(json_object_get(loc, "id"));
            }
            row = json_pack("{s:O, s:s, s:s, s:O*}", "id", json_object_get(v, "id"), "service_id", id, "location_id", lid,
                            "description", json_object_get(v, "description"));
            rc = put_row(d, &T_SAL, row, 0, NULL, NULL, 0);
            json_decref(row);
            if (rc == DB_ECONSTRAINT) {
                snprintf(err, errlen, "service_at_locations[%zu]: unknown location_id or a duplicate id", i);
                rc = DB_EARG;
                goto done;
            }
            if (rc < 0) { dberr(d, rc, err, errlen, "service_at_locations"); goto done; }
        }
        json_array_foreach(json_object_get(svc, "attributes"), i, v) {
            const json_t *term = json_object_get(v, "taxonomy_term");
            const char *tid = json_string_value(json_object_get(v, "taxonomy_term_id"));
            int64_t n = 0;
            json_t *row;
            if (term && json_is_object(term)) {
                if ((rc = dir_term_put(d, term, err, errlen)) < 0) goto done;
                tid = json_string_value(json_object_get(term, "id"));
            }
            if ((rc = db_query_int64(d, &n, "SELECT count(*) FROM dir_taxonomy_terms WHERE id = ?", 1, tid)) < 0) goto done;
            if (!n) {
                snprintf(err, errlen, "attributes[%zu].taxonomy_term_id: no such taxonomy term", i);
                rc = DB_EARG;
                goto done;
            }
            row = json_pack("{s:O, s:s, s:s}", "id", json_object_get(v, "id"), "taxonomy_term_id", tid, "link_type", "service");
            rc = put_row(d, &T_ATTR, row, 0, (const char *const[]){"link_id"}, (const char *const[]){id}, 1);
            json_decref(row);
            if (rc < 0) { dberr(d, rc, err, errlen, "attributes"); goto done; }
        }
    }
    if ((rc = dir_index_service(d, id)) < 0) { dberr(d, rc, err, errlen, "search index"); goto done; }
    /* Keep this version. */
    if (!(doc = service_render(d, id, DIR_FULL, &rc))) goto done;
    if ((rc = store_service_docs(d, id, doc)) < 0) { dberr(d, rc, err, errlen, "stored documents"); goto done; }
    if ((rc = dir_store_touch(d)) < 0) { dberr(d, rc, err, errlen, "generation"); goto done; }
    free(dump);
    dump = json_dumps(doc, JSON_SORT_KEYS | JSON_COMPACT);
    ids_uuid(vid);
    {
        char vers[32];
        snprintf(vers, sizeof vers, "%lld", (long long)version);
        rc = db_query_text(d, NULL, "INSERT INTO dir_service_versions (id, service_id, version, doc, created_at, created_by, note) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)", 7, vid, id, vers, dump, now, actor, note);
    }
    if (rc < 0) { dberr(d, rc, err, errlen, "version"); goto done; }
    *changed = 1;
    rc = DB_OK;
done:
    if (rc < 0 && rc != DB_EARG && !*err) snprintf(err, errlen, "%s", db_errmsg(d));
    json_decref(doc);
    free(dump);
    free(cur_hash);
    free(cur_owner);
    return rc;
}

/* ---- search index ---------------------------------------------------------------- */

static void add_rows(db *d, buf *b, const char *sql, const char *id)
{
    db_stmt *st = NULL;
    if (db_prepare(d, sql, &st) != DB_OK) return;
    db_bind_text(st, 1, id);
    while (db_step(st) == DB_ROW) {
        int c;
        for (c = 0; c < db_column_count(st); c++) {
            const char *t = db_col_text(st, c);
            if (t) { buf_add(b, t); buf_addc(b, ' '); }
        }
    }
    db_finalize(st);
}

int dir_index_service(db *d, const char *id)
{
    buf terms = BUF_INIT;
    db_stmt *st = NULL;
    char *name = NULL, *desc = NULL;
    int64_t seq = 0;
    int rc;
    if ((rc = db_prepare(d, "SELECT name, description, seq FROM dir_services WHERE id = ?", &st)) != DB_OK) goto done;
    db_bind_text(st, 1, id);
    if ((rc = db_step(st)) < 0) goto done;
    if (rc == DB_ROW) {
        name = db_col_text(st, 0) ? xstrdup(db_col_text(st, 0)) : NULL;
        desc = db_col_text(st, 1) ? xstrdup(db_col_text(st, 1)) : NULL;
        seq = db_col_int64(st, 2);
    }
    db_finalize(st);
    st = NULL;
    add_rows(d, &terms, "SELECT t.name FROM dir_attributes a JOIN dir_taxonomy_terms t ON t.id = a.taxonomy_term_id WHERE a.link_id = ?", id);
    add_rows(d, &terms, "SELECT o.name FROM dir_services s JOIN dir_organizations o ON o.id = s.organization_id WHERE s.id = ?", id);
    add_rows(d, &terms, "SELECT l.name, ad.city, ad.postal_code FROM dir_service_at_locations sl JOIN dir_locations l ON l.id = sl.location_id "
                        "LEFT JOIN dir_addresses ad ON ad.location_id = l.id WHERE sl.service_id = ?", id);
    add_rows(d, &terms, "SELECT name FROM dir_languages WHERE service_id = ?", id);
    if (db_kind(d) == DB_SQLITE) {
        if ((rc = db_prepare(d, "DELETE FROM dir_service_fts WHERE rowid = ?", &st)) != DB_OK) goto done;
        db_bind_int64(st, 1, seq);
        if ((rc = db_step(st)) < 0) goto done;
        db_finalize(st);
        st = NULL;
        if ((rc = db_prepare(d, "INSERT INTO dir_service_fts (rowid, name, description, terms) VALUES (?, ?, ?, ?)", &st)) != DB_OK) goto done;
        db_bind_int64(st, 1, seq);
        db_bind_text(st, 2, name);
        db_bind_text(st, 3, desc);
        db_bind_text(st, 4, buf_str(&terms));
    } else {
        if ((rc = db_prepare(d, "UPDATE dir_services SET search_tsv = setweight(to_tsvector('english', COALESCE(?, '')), 'A') || "
                                "setweight(to_tsvector('english', COALESCE(?, '')), 'B') || "
                                "setweight(to_tsvector('english', COALESCE(?, '')), 'C') WHERE id = ?", &st)) != DB_OK) goto done;
        db_bind_text(st, 1, name);
        db_bind_text(st, 2, desc);
        db_bind_text(st, 3, buf_str(&terms));
        db_bind_text(st, 4, id);
    }
    rc = db_step(st);
    if (rc == DB_DONE) rc = DB_OK;
done:
    db_finalize(st);
    buf_free(&terms);
    free(name);
    free(desc);
    return rc;
}

/* ---- rendering ------------------------------------------------------------------- */

/* Rows of t where where_col = val, as JSON objects (NULL columns left out).
 * extra: more columns selected after the table's own, as "col AS key" pairs
 * rendered as strings. Returns an array (new) or NULL on error. */
static json_t *rows_json(db *d, const struct dtable *t, const char *where_col, const char *val, const char *order,
                         int *rc)
{
    buf sql = BUF_INIT;
    db_stmt *st = NULL;
    json_t *arr = json_array();
    size_t i;
    buf_add(&sql, "SELECT ");
    for (i = 0; i < t->n; i++) buf_printf(&sql, "%s%s", i ? ", " : "", t->f[i].col);
    buf_printf(&sql, " FROM %s WHERE %s = ? ORDER BY %s", t->table, where_col, order ? order : "id");
    if ((*rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto fail;
    db_bind_text(st, 1, val);
    while ((*rc = db_step(st)) == DB_ROW) {
        json_t *o = json_object();
        for (i = 0; i < t->n; i++) {
            if (db_col_is_null(st, (int)i)) continue;
            switch (t->f[i].type) {
            case 'i': json_object_set_new(o, t->f[i].key, json_integer(db_col_int64(st, (int)i))); break;
            case 'n': json_object_set_new(o, t->f[i].key, json_real(db_col_double(st, (int)i))); break;
            default: json_object_set_new(o, t->f[i].key, json_string(db_col_text(st, (int)i))); break;
            }
        }
        json_array_append_new(arr, o);
    }
    if (*rc < 0) goto fail;
    *rc = DB_OK;
    db_finalize(st);
    buf_free(&sql);
    return arr;
fail:
    db_finalize(st);
    buf_free(&sql);
    json_decref(arr);
    return NULL;
}

static json_t *one_json(db *d, const struct dtable *t, const char *id, int *rc)
{
    json_t *a = rows_json(d, t, "id", id, NULL, rc), *o = NULL;
    if (!a) return NULL;
    if (json_array_size(a) == 0) *rc = DB_DONE;
    else o = json_incref(json_array_get(a, 0));
    json_decref(a);
    return o;
}

json_t *dir_term_json(db *d, const char *id, int *rc)
{
    json_t *o = one_json(d, &T_TERM, id, rc);
    char *tname = NULL;
    if (!o) return NULL;
    if (json_is_string(json_object_get(o, "taxonomy_id")) &&
        db_query_text(d, &tname, "SELECT name FROM dir_taxonomies WHERE id = ?", 1,
                      json_string_value(json_object_get(o, "taxonomy_id"))) == DB_ROW && tname)
        json_object_set_new(o, "taxonomy", json_string(tname));
    free(tname);
    return o;
}

json_t *dir_taxonomy_json(db *d, const char *id, int with_terms, int *rc)
{
    json_t *o = one_json(d, &T_TAXONOMY, id, rc), *terms;
    if (!o || !with_terms) return o;
    if (!(terms = rows_json(d, &T_TERM, "taxonomy_id", id, "position, name", rc))) { json_decref(o); return NULL; }
    {
        size_t i;
        json_t *t;
        json_array_foreach(terms, i, t) json_object_set(t, "taxonomy", json_object_get(o, "name"));
    }
    json_object_set_new(o, "taxonomy_terms", terms);
    return o;
}

json_t *dir_org_json(db *d, const char *id, int with_services, int *rc)
{
    json_t *o = one_json(d, &T_ORG, id, rc);
    if (!o || !with_services) return o;
    {
        db_stmt *st = NULL;
        json_t *svcs = json_array();
        if ((*rc = db_prepare(d, "SELECT id FROM dir_services WHERE organization_id = ? ORDER BY name, id", &st)) == DB_OK) {
            db_bind_text(st, 1, id);
            while ((*rc = db_step(st)) == DB_ROW) {
                json_t *s = dir_service_json(d, db_col_text(st, 0), DIR_MINIMAL, rc);
                if (s) json_array_append_new(svcs, s);
            }
        }
        db_finalize(st);
        json_object_set_new(o, "services", svcs);
        if (*rc < 0) { json_decref(o); return NULL; }
        *rc = DB_OK;
    }
    return o;
}

static json_t *location_json(db *d, const char *id, int *rc)
{
    json_t *o = one_json(d, &T_LOCATION, id, rc), *a;
    if (!o) return NULL;
    if (!(a = rows_json(d, &T_ADDRESS, "location_id", id, NULL, rc))) goto fail;
    {
        size_t i;
        json_t *x;
        json_array_foreach(a, i, x) json_object_set_new(x, "location_id", json_string(id));
    }
    json_object_set_new(o, "addresses", a);
    if (!(a = rows_json(d, &T_ACCESS, "location_id", id, NULL, rc))) goto fail;
    {
        size_t i;
        json_t *x;
        json_array_foreach(a, i, x) json_object_set_new(x, "location_id", json_string(id));
    }
    json_object_set_new(o, "accessibility", a);
    return o;
fail:
    json_decref(o);
    return NULL;
}

json_t *dir_sal_json(db *d, const char *id, enum dir_detail detail, int *rc)
{
    json_t *o = one_json(d, &T_SAL, id, rc), *x;
    if (!o) return NULL;
    if (!(x = location_doc(d, json_string_value(json_object_get(o, "location_id")), rc))) goto fail;
    json_object_set_new(o, "location", x);
    if (detail >= DIR_LIST) {
        if (!(x = dir_service_json(d, json_string_value(json_object_get(o, "service_id")), detail == DIR_FULL ? DIR_LIST : DIR_MINIMAL, rc))) goto fail;
        json_object_set_new(o, "service", x);
    }
    return o;
fail:
    json_decref(o);
    return NULL;
}

static void set_service_id(json_t *arr, const char *id)
{
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) json_object_set_new(x, "service_id", json_string(id));
}

static json_t *service_render(db *d, const char *id, enum dir_detail detail, int *rc)
{
    json_t *o = one_json(d, &T_SERVICE, id, rc), *a, *x;
    size_t i;
    if (!o) return NULL;
    if (detail >= DIR_LIST && json_is_string(json_object_get(o, "organization_id"))) {
        if (!(x = dir_org_json(d, json_string_value(json_object_get(o, "organization_id")), 0, rc))) goto fail;
        json_object_set_new(o, "organization", x);
    }
    if (detail < DIR_FULL) return o;
#define CHILD(key, table, order) \
    if (!(a = rows_json(d, table, "service_id", id, order, rc))) goto fail; \
    set_service_id(a, id); \
    json_object_set_new(o, key, a);
    CHILD("schedules", &T_SCHEDULE, "byday, opens_at, id");
    CHILD("service_areas", &T_AREA, NULL);
    CHILD("languages", &T_LANGUAGE, "name, id");
    CHILD("cost_options", &T_COST, NULL);
    CHILD("contacts", &T_CONTACT, NULL);
#undef CHILD
    json_array_foreach(a, i, x) {
        json_t *p = rows_json(d, &T_PHONE, "contact_id", json_string_value(json_object_get(x, "id")), NULL, rc);
        size_t k;
        json_t *y;
        if (!p) goto fail;
        json_array_foreach(p, k, y) json_object_set(y, "contact_id", json_object_get(x, "id"));
        json_object_set_new(x, "phones", p);
    }
    json_object_set_new(o, "funding", json_array());
    if (!(a = rows_json(d, &T_SAL, "service_id", id, NULL, rc))) goto fail;
    json_array_foreach(a, i, x) {
        json_t *loc = location_json(d, json_string_value(json_object_get(x, "location_id")), rc);
        if (!loc) { json_decref(a); goto fail; }
        json_object_set_new(x, "location", loc);
    }
    json_object_set_new(o, "service_at_locations", a);
    if (!(a = rows_json(d, &T_ATTR, "link_id", id, NULL, rc))) goto fail;
    json_array_foreach(a, i, x) {
        json_t *t = dir_term_json(d, json_string_value(json_object_get(x, "taxonomy_term_id")), rc);
        if (!t) { json_decref(a); goto fail; }
        json_object_set_new(x, "link_id", json_string(id));
        json_object_set_new(x, "taxonomy_term", t);
    }
    json_object_set_new(o, "attributes", a);
    *rc = DB_OK;
    return o;
fail:
    json_decref(o);
    return NULL;
}

/* ---- reading stored documents ---------------------------------------------------- */

json_t *dir_service_json(db *d, const char *id, enum dir_detail detail, int *rc)
{
    static const char *const sql[] = {
        "SELECT sd.doc_min FROM dir_services s LEFT JOIN dir_service_docs sd ON sd.service_id = s.id WHERE s.id = ?",
        "SELECT sd.doc_list FROM dir_services s LEFT JOIN dir_service_docs sd ON sd.service_id = s.id WHERE s.id = ?",
        "SELECT sd.doc_full FROM dir_services s LEFT JOIN dir_service_docs sd ON sd.service_id = s.id WHERE s.id = ?"};
    char *doc = NULL;
    json_t *o = NULL;
    *rc = db_query_text(d, &doc, sql[detail], 1, id);
    if (*rc == DB_ROW && doc) o = json_loads(doc, 0, NULL);
    free(doc);
    if (o) { *rc = DB_OK; return o; }
    if (*rc < 0 || *rc == DB_DONE) return NULL;
    return service_render(d, id, detail, rc);   /* not stored yet */
}

static json_t *location_doc(db *d, const char *id, int *rc)
{
    char *doc = NULL;
    json_t *o = NULL;
    *rc = db_query_text(d, &doc, "SELECT doc FROM dir_location_docs WHERE location_id = ?", 1, id);
    if (*rc == DB_ROW && doc) o = json_loads(doc, 0, NULL);
    free(doc);
    if (o) { *rc = DB_OK; return o; }
    if (*rc < 0) return NULL;
    return location_json(d, id, rc);
}

#define DUMP_CHUNK 100

/* Appends one stored object, with "distance" as its last member when dist >= 0. */
static void add_doc(buf *out, const char *doc, size_t len, double dist)
{
    if (dist < 0 || len < 2) {
        buf_addn(out, doc, len);
        return;
    }
    buf_addn(out, doc, len - 1);
    buf_printf(out, ",\"distance\":%lld}", (long long)(dist + 0.5));
}

/* Fetches a chunk: ids[0..n) -> docs[0..n) (new strings, NULL when the row or
 * its document is missing). sql_head ends with "IN (": the placeholders and
 * ")" are added. Columns: 0 the id, then ncols columns copied into cols. */
static int fetch_chunk(db *d, const char *sql_head, const char *const *ids, size_t n, int ncols, char ***cols)
{
    buf sql = BUF_INIT;
    db_stmt *st = NULL;
    size_t i;
    int rc, c;
    buf_add(&sql, sql_head);
    for (i = 0; i < n; i++) buf_add(&sql, i ? ", ?" : "?");
    buf_add(&sql, ")");
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    for (i = 0; i < n; i++) db_bind_text_static(st, (int)i + 1, ids[i]);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *id = db_col_text(st, 0);
        for (i = 0; id && i < n; i++) {
            if (strcmp(ids[i], id) != 0 || cols[0][i]) continue;
            for (c = 0; c < ncols; c++) cols[c][i] = db_col_text(st, c + 1) ? xstrdup(db_col_text(st, c + 1)) : NULL;
            if (!cols[0][i]) cols[0][i] = xstrdup("");   /* found, with NULL first column */
            break;
        }
    }
    if (rc == DB_DONE) rc = DB_OK;
done:
    db_finalize(st);
    buf_free(&sql);
    return rc;
}

int dir_services_dump(db *d, const char *const *ids, const double *distance_m, size_t n, enum dir_detail detail,
                      const char *sep, buf *out)
{
    static const char *const heads[] = {
        "SELECT s.id, s.id, sd.doc_min FROM dir_services s LEFT JOIN dir_service_docs sd ON sd.service_id = s.id WHERE s.id IN (",
        "SELECT s.id, s.id, sd.doc_list FROM dir_services s LEFT JOIN dir_service_docs sd ON sd.service_id = s.id WHERE s.id IN (",
        "SELECT s.id, s.id, sd.doc_full FROM dir_services s LEFT JOIN dir_service_docs sd ON sd.service_id = s.id WHERE s.id IN ("};
    char *found[DUMP_CHUNK], *docs[DUMP_CHUNK];
    char **cols[2] = {found, docs};
    size_t at = 0, i, k = 0;
    int rc = DB_OK;
    while (at < n && rc >= 0) {
        size_t m = n - at < DUMP_CHUNK ? n - at : DUMP_CHUNK;
        memset(found, 0, sizeof found);
        memset(docs, 0, sizeof docs);
        rc = fetch_chunk(d, heads[detail], ids + at, m, 2, cols);
        for (i = 0; i < m && rc >= 0; i++) {
            double dist = distance_m ? distance_m[at + i] : -1;
            if (!found[i]) continue;   /* gone since the search */
            if (k++) buf_add(out, sep);
            if (docs[i]) {
                add_doc(out, docs[i], strlen(docs[i]), dist);
            } else {
                json_t *o = service_render(d, ids[at + i], detail, &rc);
                char *s = o ? json_dumps(o, DOC_FLAGS) : NULL;
                if (s) add_doc(out, s, strlen(s), dist);
                free(s);
                json_decref(o);
                if (rc == DB_DONE) rc = DB_OK;
            }
        }
        for (i = 0; i < m; i++) { free(found[i]); free(docs[i]); }
        at += m;
    }
    return rc < 0 ? rc : DB_OK;
}

int dir_sals_dump(db *d, const char *const *ids, const double *distance_m, size_t n, enum dir_detail detail,
                  const char *sep, buf *out)
{
#define SAL_HEAD(col) "SELECT sl.id, sl.id, sl.service_id, sl.location_id, sl.description, ld.doc, sd." col \
    " FROM dir_service_at_locations sl LEFT JOIN dir_location_docs ld ON ld.location_id = sl.location_id" \
    " LEFT JOIN dir_service_docs sd ON sd.service_id = sl.service_id WHERE sl.id IN ("
    static const char *const heads[] = {SAL_HEAD("doc_min"), SAL_HEAD("doc_min"), SAL_HEAD("doc_list")};
#undef SAL_HEAD
    char *c0[DUMP_CHUNK], *c1[DUMP_CHUNK], *c2[DUMP_CHUNK], *c3[DUMP_CHUNK], *c4[DUMP_CHUNK], *c5[DUMP_CHUNK];
    char **cols[6] = {c0, c1, c2, c3, c4, c5};
    size_t at = 0, i, k = 0;
    int rc = DB_OK, c;
    while (at < n && rc >= 0) {
        size_t m = n - at < DUMP_CHUNK ? n - at : DUMP_CHUNK;
        for (c = 0; c < 6; c++) memset(cols[c], 0, sizeof c0);
        rc = fetch_chunk(d, heads[detail], ids + at, m, 6, cols);
        for (i = 0; i < m && rc >= 0; i++) {
            double dist = distance_m ? distance_m[at + i] : -1;
            json_t *base;
            char *s;
            if (!c0[i]) continue;
            if (!c4[i] || (detail >= DIR_LIST && !c5[i])) {
                /* Not stored yet: the live rendering. */
                json_t *o = dir_sal_json(d, ids[at + i], detail, &rc);
                s = o ? json_dumps(o, DOC_FLAGS) : NULL;
                if (s) {
                    if (k++) buf_add(out, sep);
                    add_doc(out, s, strlen(s), dist);
                }
                free(s);
                json_decref(o);
                if (rc == DB_DONE) rc = DB_OK;
                continue;
            }
            /* The row's own members, as one_json renders them. */
            base = json_object();
            json_object_set_new(base, "id", json_string(c0[i]));
            if (c1[i]) json_object_set_new(base, "service_id", json_string(c1[i]));
            if (c2[i]) json_object_set_new(base, "location_id", json_string(c2[i]));
            if (c3[i]) json_object_set_new(base, "description", json_string(c3[i]));
            s = json_dumps(base, DOC_FLAGS);
            json_decref(base);
            if (k++) buf_add(out, sep);
            buf_addn(out, s, strlen(s) - 1);
            free(s);
            buf_add(out, ",\"location\":");
            buf_add(out, c4[i]);
            if (detail >= DIR_LIST) {
                buf_add(out, ",\"service\":");
                buf_add(out, c5[i]);
            }
            if (dist >= 0) buf_printf(out, ",\"distance\":%lld", (long long)(dist + 0.5));
            buf_addc(out, '}');
        }
        for (c = 0; c < 6; c++)
            for (i = 0; i < m; i++) free(cols[c][i]);
        at += m;
    }
    return rc < 0 ? rc : DB_OK;
}
