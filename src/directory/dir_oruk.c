/* dir_oruk: the ORUK 3.0 API. See dir_oruk.h. */
#include "dir_oruk.h"
#include "dir_watch.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ids.h"
#include "core/site.h"
#include "dir_cache.h"
#include "dir_geo.h"
#include "dir_search.h"
#include "dir_store.h"

#define ORUK_DEFAULT_PER_PAGE 50
#define ORUK_MAX_PER_PAGE 500
#define ORUK_NDJSON_MAX 100000

struct oparams {
    int page, per_page, minimal, full, full_service, ndjson, top_only;
    struct dir_query q;
    char modified[32];
    char postcode[DIR_POSTCODE_LEN];
};

static void cors(resp *rs)
{
    resp_header(rs, "Access-Control-Allow-Origin", "*");
}

static int bad(req *rq, resp *rs, const char *field, const char *message)
{
    resp_error(rq, rs, 400, "invalid_parameter", message, field);
    return -1;
}

static int int_param(req *rq, resp *rs, const char *name, long min, long max, long *out)
{
    const char *v = req_query(rq, name);
    char *end, msg[160];
    long x;
    if (!v) return 0;
    x = strtol(v, &end, 10);
    if (!*v || *end || x < min || x > max) {
        snprintf(msg, sizeof msg, "%s must be a whole number from %ld to %ld", name, min, max);
        return bad(rq, rs, name, msg);
    }
    *out = x;
    return 1;
}

static int bool_param(req *rq, resp *rs, const char *name, int *out)
{
    const char *v = req_query(rq, name);
    char msg[96];
    if (!v) return 0;
    if (!strcmp(v, "true") || !strcmp(v, "1") || !*v) { *out = 1; return 0; }
    if (!strcmp(v, "false") || !strcmp(v, "0")) { *out = 0; return 0; }
    snprintf(msg, sizeof msg, "%s must be true or false", name);
    return bad(rq, rs, name, msg);
}

static int uuid_param(req *rq, resp *rs, const char *name, const char **out)
{
    const char *v = req_query(rq, name);
    char msg[96];
    if (!v) return 0;
    if (!ids_is_uuid(v)) {
        snprintf(msg, sizeof msg, "%s must be a UUID", name);
        return bad(rq, rs, name, msg);
    }
    *out = v;
    return 0;
}

/* YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+00:00] -> comparable ISO text. */
static int datetime_param(req *rq, resp *rs, const char *name, char out[32])
{
    const char *v = req_query(rq, name);
    size_t i, n;
    if (!v) return 0;
    n = strlen(v);
    if (n < 10 || n > 30) return bad(rq, rs, name, "modified_after must be a date (2025-01-31) or date and time (2025-01-31T09:00:00Z)");
    for (i = 0; i < 10; i++)
        if ((i == 4 || i == 7) ? v[i] != '-' : !isdigit((unsigned char)v[i]))
            return bad(rq, rs, name, "modified_after must be a date (2025-01-31) or date and time (2025-01-31T09:00:00Z)");
    if (n > 10 && v[10] != 'T' && v[10] != ' ')
        return bad(rq, rs, name, "modified_after must be a date (2025-01-31) or date and time (2025-01-31T09:00:00Z)");
    snprintf(out, 32, "%.19s", v);
    if (n > 10) out[10] = 'T';
    return 0;
}

/* Reads the parameters every list shares; on a bad one writes a 400. */
static int list_params(req *rq, resp *rs, struct oparams *o)
{
    long x;
    const char *fmt = req_query(rq, "format"), *search = req_query(rq, "search");
    memset(o, 0, sizeof *o);
    dir_query_init(&o->q);
    o->page = 1;
    o->per_page = ORUK_DEFAULT_PER_PAGE;
    if (int_param(rq, rs, "page", 1, 1000000, &x) < 0) return -1;
    if (req_query(rq, "page")) o->page = (int)x;
    if (int_param(rq, rs, "per_page", 1, ORUK_MAX_PER_PAGE, &x) < 0) return -1;
    if (req_query(rq, "per_page")) o->per_page = (int)x;
    if (fmt && strcmp(fmt, "json") && strcmp(fmt, "ndjson")) return bad(rq, rs, "format", "format must be json or ndjson");
    o->ndjson = fmt && !strcmp(fmt, "ndjson");
    if (search && strlen(search) > 200) return bad(rq, rs, "search", "search must be 200 characters or fewer");
    o->q.text = search;
    if (bool_param(rq, rs, "minimal", &o->minimal) < 0 || bool_param(rq, rs, "full", &o->full) < 0 ||
        bool_param(rq, rs, "full_service", &o->full_service) < 0 || bool_param(rq, rs, "top_only", &o->top_only) < 0)
        return -1;
    if (uuid_param(rq, rs, "taxonomy_term_id", &o->q.term_ids[0]) < 0) return -1;
    if (o->q.term_ids[0]) o->q.nterms = 1;
    if (uuid_param(rq, rs, "taxonomy_id", &o->q.taxonomy_id) < 0) return -1;
    if (uuid_param(rq, rs, "organization_id", &o->q.organization_id) < 0) return -1;
    if (datetime_param(rq, rs, "modified_after", o->modified) < 0) return -1;
    if (o->modified[0]) o->q.modified_after = o->modified;
    if (o->ndjson) { o->page = 1; o->per_page = ORUK_NDJSON_MAX; }
    o->q.page = o->page;
    o->q.per_page = o->per_page;
    return 0;
}

static int age_params(req *rq, resp *rs, struct oparams *o)
{
    long x;
    if (int_param(rq, rs, "minimum_age", 0, 150, &x) < 0) return -1;
    if (req_query(rq, "minimum_age")) o->q.min_age = (int)x;
    if (int_param(rq, rs, "maximum_age", 0, 150, &x) < 0) return -1;
    if (req_query(rq, "maximum_age")) o->q.max_age = (int)x;
    return 0;
}

/* Writes the envelope (or ndjson) for items (stolen). */
static void send_list(req *rq, resp *rs, const struct oparams *o, json_t *items, long total)
{
    if (o->ndjson) {
        size_t i;
        json_t *it;
        buf_reset(&rs->body);
        json_array_foreach(items, i, it) {
            char *line = json_dumps(it, JSON_COMPACT);
            buf_add(&rs->body, line);
            buf_addc(&rs->body, '\n');
            free(line);
        }
        if (!rs->body.s) buf_add(&rs->body, "");
        rs->status = 200;
        rs->content_type = "application/x-ndjson";
        json_decref(items);
        return;
    }
    {
        long pages = (total + o->per_page - 1) / o->per_page;
        resp_json(rs, 200, json_pack("{s:I, s:I, s:I, s:I, s:b, s:b, s:b, s:o}", "total_items", (json_int_t)total,
                                     "total_pages", (json_int_t)pages, "page_number", (json_int_t)o->page,
                                     "size", (json_int_t)o->per_page, "first_page", o->page == 1,
                                     "last_page", o->page >= pages, "empty", json_array_size(items) == 0,
                                     "contents", items));
    }
}

static void not_found(req *rq, resp *rs, const char *what)
{
    char msg[96];
    snprintf(msg, sizeof msg, "There is no %s with this id", what);
    resp_error(rq, rs, 404, "not_found", msg, "id");
}

void dir_oruk_root(req *rq, resp *rs)
{
    cors(rs);
    resp_json(rs, 200, json_pack("{s:s, s:s, s:s}", "version", "HSDS-UK-3.0", "profile",
                                 "https://openreferraluk.org/specifications/3.0",
                                 "openapi_url", "https://openreferraluk.org/specifications/3.0/openapi.json"));
}

static void services_list(req *rq, resp *rs, int by_location)
{
    struct oparams o;
    struct dir_hit *hits = NULL;
    size_t n = 0, i;
    long total = 0;
    int rc;
    int64_t gen = 0;
    buf key = BUF_INIT;
    cors(rs);
    /* The same public question since the last change: the same answer. */
    dir_cache_key(rq, "oruk", &key);
    if (dir_cache_enabled() && dir_watch_generation(rq->db, &gen) == DB_OK) {
        buf_reset(&rs->body);
        if (dir_cache_get(buf_str(&key), gen, &rs->body)) {
            const char *fmt = req_query(rq, "format");
            rs->status = 200;
            rs->content_type = fmt && !strcmp(fmt, "ndjson") ? "application/x-ndjson" : "application/json";
            goto done;
        }
    }
    if (list_params(rq, rs, &o) < 0 || age_params(rq, rs, &o) < 0) goto done;
    o.q.by_location = by_location;
    if (by_location) {
        const char *pc = req_query(rq, "postcode");
        long prox = 0;
        if (int_param(rq, rs, "proximity", 1, 1000000, &prox) < 0) goto done;
        if (req_query(rq, "proximity") && !pc) { bad(rq, rs, "postcode", "proximity needs a postcode"); goto done; }
        if (pc) {
            rc = dir_postcode_lookup(rq->db, pc, o.postcode, &o.q.lat, &o.q.lng);
            if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
            if (rc == DIR_PC_BAD_FORMAT) { bad(rq, rs, "postcode", "postcode must be a UK postcode, like NB1 1AA"); goto done; }
            if (rc == DIR_PC_UNKNOWN) { bad(rq, rs, "postcode", "postcode is not known to this directory"); goto done; }
            o.q.has_geo = 1;
            o.q.radius_m = req_query(rq, "proximity") ? (double)prox : 1000000.0;
            o.q.sort_distance = 1;
        }
    }
    if ((rc = dir_search(rq->db, &o.q, &hits, &n, &total)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    {
        /* Items from the stored documents: no query per item. */
        const char **ids = xmalloc((n ? n : 1) * sizeof *ids);
        double *dist = xmalloc((n ? n : 1) * sizeof *dist);
        enum dir_detail detail = o.full ? DIR_FULL : o.minimal ? DIR_MINIMAL : DIR_LIST;
        buf b = BUF_INIT;
        for (i = 0; i < n; i++) {
            ids[i] = hits[i].id;
            dist[i] = hits[i].distance_m;
        }
        if (!o.ndjson) {
            long pages = (total + o.per_page - 1) / o.per_page;
            buf_printf(&b, "{\"total_items\":%ld,\"total_pages\":%ld,\"page_number\":%d,\"size\":%d,\"first_page\":%s,"
                           "\"last_page\":%s,\"empty\":%s,\"contents\":[", total, pages, o.page, o.per_page,
                       o.page == 1 ? "true" : "false", o.page >= pages ? "true" : "false", n == 0 ? "true" : "false");
        }
        if (by_location) rc = dir_sals_dump(rq->db, ids, o.q.has_geo ? dist : NULL, n, detail, o.ndjson ? "\n" : ",", &b);
        else rc = dir_services_dump(rq->db, ids, o.q.has_geo ? dist : NULL, n, detail, o.ndjson ? "\n" : ",", &b);
        free(ids);
        free(dist);
        if (rc < 0) {
            buf_free(&b);
            resp_db_error(rq, rs, rc);
            goto done;
        }
        if (o.ndjson && b.len) {
            /* ndjson lines keep UTF-8 as it is (stored documents escape it). */
            buf lines = BUF_INIT;
            char *line = b.s, *nl;
            buf_addc(&b, '\n');
            while ((nl = strchr(line, '\n'))) {
                json_t *it;
                *nl = '\0';
                if ((it = json_loads(line, 0, NULL))) {
                    char *u = json_dumps(it, JSON_COMPACT);
                    buf_add(&lines, u);
                    buf_addc(&lines, '\n');
                    free(u);
                    json_decref(it);
                }
                line = nl + 1;
            }
            buf_free(&b);
            b = lines;
        }
        if (!o.ndjson) buf_add(&b, "]}");
        buf_reset(&rs->body);
        buf_addn(&rs->body, b.s ? b.s : "", b.len);
        if (!rs->body.s) buf_add(&rs->body, "");
        buf_free(&b);
        rs->status = 200;
        rs->content_type = o.ndjson ? "application/x-ndjson" : "application/json";
        if (gen) dir_cache_put(buf_str(&key), gen, rs->body.s, rs->body.len);
    }
done:
    buf_free(&key);
    free(hits);
}

void dir_oruk_services(req *rq, resp *rs) { services_list(rq, rs, 0); }
void dir_oruk_sals(req *rq, resp *rs) { services_list(rq, rs, 1); }

typedef json_t *(*one_fn)(db *d, const char *id, int *rc);

static json_t *svc_full(db *d, const char *id, int *rc) { return dir_service_json(d, id, DIR_FULL, rc); }
static json_t *sal_full(db *d, const char *id, int *rc) { return dir_sal_json(d, id, DIR_LIST, rc); }
static json_t *org_full(db *d, const char *id, int *rc) { return dir_org_json(d, id, 1, rc); }
static json_t *tax_full(db *d, const char *id, int *rc) { return dir_taxonomy_json(d, id, 1, rc); }

static void one(req *rq, resp *rs, one_fn fn, const char *what)
{
    const char *id = req_param(rq, "id");
    int rc = DB_DONE;
    json_t *o = NULL;
    cors(rs);
    if (id && ids_is_uuid(id)) o = fn(rq->db, id, &rc);
    if (o) resp_json(rs, 200, o);
    else if (rc < 0) resp_db_error(rq, rs, rc);
    else not_found(rq, rs, what);
}

void dir_oruk_service(req *rq, resp *rs) { one(rq, rs, svc_full, "service"); }
void dir_oruk_sal(req *rq, resp *rs) { one(rq, rs, sal_full, "service at location"); }
void dir_oruk_org(req *rq, resp *rs) { one(rq, rs, org_full, "organization"); }
void dir_oruk_taxonomy(req *rq, resp *rs) { one(rq, rs, tax_full, "taxonomy"); }
void dir_oruk_term(req *rq, resp *rs) { one(rq, rs, dir_term_json, "taxonomy term"); }

/* Lists of a simple table: ids by name, filtered by a name search. */
static void simple_list(req *rq, resp *rs, const char *table, const char *extra_where, const char *const *extra_vals,
                        int nextra, json_t *(*render)(db *, const char *, const struct oparams *, int *))
{
    struct oparams o;
    buf w = BUF_INIT, sql = BUF_INIT;
    db_stmt *st = NULL;
    json_t *items = NULL;
    char like[256];
    int rc, k, idx;
    long total = 0;
    cors(rs);
    if (list_params(rq, rs, &o) < 0) goto done;
    buf_add(&w, " WHERE 1 = 1");
    if (o.q.text) {
        snprintf(like, sizeof like, "%%%s%%", o.q.text);
        buf_add(&w, " AND lower(name) LIKE lower(?)");
    }
    if (extra_where) buf_add(&w, extra_where);
    buf_printf(&sql, "SELECT count(*) FROM %s%s", table, buf_str(&w));
    if ((rc = db_prepare(rq->db, buf_str(&sql), &st)) != DB_OK) goto dberr;
    idx = 1;
    if (o.q.text) db_bind_text(st, idx++, like);
    for (k = 0; k < nextra; k++) db_bind_text(st, idx++, extra_vals[k]);
    if ((rc = db_step(st)) < 0) goto dberr;
    total = (long)db_col_int64(st, 0);
    db_finalize(st);
    st = NULL;
    buf_reset(&sql);
    buf_printf(&sql, "SELECT id FROM %s%s ORDER BY name, id LIMIT ? OFFSET ?", table, buf_str(&w));
    if ((rc = db_prepare(rq->db, buf_str(&sql), &st)) != DB_OK) goto dberr;
    idx = 1;
    if (o.q.text) db_bind_text(st, idx++, like);
    for (k = 0; k < nextra; k++) db_bind_text(st, idx++, extra_vals[k]);
    db_bind_int64(st, idx++, o.per_page);
    db_bind_int64(st, idx++, (int64_t)(o.page - 1) * o.per_page);
    items = json_array();
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *it = render(rq->db, db_col_text(st, 0), &o, &rc);
        if (!it) goto dberr;
        json_array_append_new(items, it);
    }
    if (rc < 0) goto dberr;
    send_list(rq, rs, &o, items, total);
    items = NULL;
    goto done;
dberr:
    resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
done:
    json_decref(items);
    db_finalize(st);
    buf_free(&w);
    buf_free(&sql);
}

static json_t *org_render(db *d, const char *id, const struct oparams *o, int *rc)
{
    json_t *x = dir_org_json(d, id, o->full || o->full_service, rc);
    return x;
}
static json_t *tax_render(db *d, const char *id, const struct oparams *o, int *rc) { return dir_taxonomy_json(d, id, o->full, rc); }
static json_t *term_render(db *d, const char *id, const struct oparams *o, int *rc) { return dir_term_json(d, id, rc); }

void dir_oruk_orgs(req *rq, resp *rs) { simple_list(rq, rs, "dir_organizations", NULL, NULL, 0, org_render); }
void dir_oruk_taxonomies(req *rq, resp *rs) { simple_list(rq, rs, "dir_taxonomies", NULL, NULL, 0, tax_render); }

void dir_oruk_terms(req *rq, resp *rs)
{
    buf w = BUF_INIT;
    const char *vals[2];
    const char *tax = req_query(rq, "taxonomy_id"), *parent = req_query(rq, "parent_id");
    int n = 0, top = 0;
    if ((tax && !ids_is_uuid(tax)) || (parent && !ids_is_uuid(parent))) {
        cors(rs);
        bad(rq, rs, tax && !ids_is_uuid(tax) ? "taxonomy_id" : "parent_id", "must be a UUID");
        goto done;
    }
    if (bool_param(rq, rs, "top_only", &top) < 0) { cors(rs); goto done; }
    if (tax) { buf_add(&w, " AND taxonomy_id = ?"); vals[n++] = tax; }
    if (parent) { buf_add(&w, " AND parent_id = ?"); vals[n++] = parent; }
    if (top) buf_add(&w, " AND parent_id IS NULL");
    simple_list(rq, rs, "dir_taxonomy_terms", w.len ? buf_str(&w) : NULL, vals, n, term_render);
done:
    buf_free(&w);
}
