/* dir_pages: see dir_pages.h. */
#include "dir_pages.h"
#include "dir_watch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/form.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/site.h"
#include "dir_cache.h"
#include "dir_geo.h"
#include "dir_search.h"
#include "dir_store.h"
#include "dir_taxonomy.h"

#define PER_PAGE 10

static const struct { const char *code, *name; } days[] = {
    {"MO", "Monday"}, {"TU", "Tuesday"}, {"WE", "Wednesday"}, {"TH", "Thursday"},
    {"FR", "Friday"}, {"SA", "Saturday"}, {"SU", "Sunday"},
};

const char *dir_day_name(const char *code)
{
    size_t i;
    for (i = 0; code && i < 7; i++)
        if (!strncmp(days[i].code, code, 2)) return days[i].name;
    return NULL;
}

void dir_schedule_words(buf *b, const json_t *s)
{
    const char *freq = json_string_value(json_object_get(s, "freq"));
    const char *byday = json_string_value(json_object_get(s, "byday"));
    const char *opens = json_string_value(json_object_get(s, "opens_at"));
    const char *closes = json_string_value(json_object_get(s, "closes_at"));
    const char *desc = json_string_value(json_object_get(s, "description"));
    int n = 0, total = 0;
    const char *p;
    buf_add(b, freq && !strcmp(freq, "MONTHLY") ? "Once a month" : "Every week");
    for (p = byday; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) total++;
    if (total == 5 && byday && !strcmp(byday, "MO,TU,WE,TH,FR")) buf_add(b, ", Monday to Friday");
    else {
        for (p = byday; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
            const char *name = dir_day_name(p);
            if (!name) continue;
            buf_add(b, n == 0 ? " on " : n == total - 1 ? " and " : ", ");
            buf_add(b, name);
            n++;
        }
    }
    if (opens && closes) buf_printf(b, ", %s to %s", opens, closes);
    if (!freq && !byday && desc) { buf_reset(b); buf_add(b, desc); }
}

/* ---- search ---------------------------------------------------------------------------- */

struct term_opt { char id[IDS_UUID_LEN]; char code[48]; char name[128]; int child; };

/* Terms of a taxonomy in order (parents before their children). */
static int load_terms(db *d, const char *tax_code, struct term_opt *out, int max)
{
    char tid[IDS_UUID_LEN];
    db_stmt *st = NULL;
    int n = 0;
    dir_taxonomy_id(tax_code, tid);
    if (db_prepare(d, "SELECT id, code, name, parent_id FROM dir_taxonomy_terms WHERE taxonomy_id = ? AND code IS NOT NULL ORDER BY position, name", &st) != DB_OK)
        return -1;
    db_bind_text(st, 1, tid);
    while (n < max && db_step(st) == DB_ROW) {
        snprintf(out[n].id, sizeof out[n].id, "%s", db_col_text(st, 0));
        snprintf(out[n].code, sizeof out[n].code, "%s", db_col_text(st, 1));
        snprintf(out[n].name, sizeof out[n].name, "%s", db_col_text(st, 2));
        out[n].child = !db_col_is_null(st, 3);
        n++;
    }
    db_finalize(st);
    return n;
}

static const struct term_opt *find_term(const struct term_opt *t, int n, const char *code)
{
    int i;
    for (i = 0; code && i < n; i++)
        if (!strcmp(t[i].code, code)) return &t[i];
    return NULL;
}

static json_t *term_items(const struct term_opt *t, int n, const char *sel, const char *any)
{
    json_t *items = json_pack("[{s:s, s:s}]", "value", "", "text", any);
    int i;
    for (i = 0; i < n; i++) {
        char text[160];
        snprintf(text, sizeof text, "%s%s", t[i].child ? "- " : "", t[i].name);
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", t[i].code, "text", text, "selected",
                                               sel && !strcmp(sel, t[i].code)));
    }
    return items;
}

static void select_field(buf *b, const char *id, const char *label, json_t *items, const form_errors *fe)
{
    json_t *o = json_pack("{s:s, s:s, s:{s:s}, s:o, s:o*, s:s}", "id", id, "name", id, "label", "text", label, "items", items,
                          "errorMessage", form_error_message(fe, id), "classes", "dir-select");
    govuk_select(b, o);
    json_decref(o);
}

static int demo_mode(db *d)
{
    char *v = NULL;
    int on = db_query_text(d, &v, "SELECT value FROM settings WHERE name = 'demo'", 0) == DB_ROW && v && !strcmp(v, "1");
    free(v);
    return on;
}

static void page_link(buf *b, req *rq, int page)
{
    static const char *const names[] = {"q", "postcode", "distance", "need", "category", "age", "free", "day", "sort", NULL};
    const char *pairs[2 * 11 + 1];
    char pg[16];
    int k = 0, i;
    for (i = 0; names[i]; i++) {
        pairs[k++] = names[i];
        pairs[k++] = req_query(rq, names[i]);
    }
    snprintf(pg, sizeof pg, "%d", page);
    pairs[k++] = "page";
    pairs[k++] = page > 1 ? pg : NULL;
    pairs[k] = NULL;
    buf_add(b, "/directory");
    html_query(b, pairs);
}

/* The results, in the order of hits: one query for all of them. */
static int result_items(buf *b, db *d, const struct dir_hit *hits, size_t n, int has_geo)
{
    enum { NAME, DESC, MIN_AGE, MAX_AGE, FREE, STATUS, ORG, NCOLS };
    char *(*v)[NCOLS] = xcalloc(n ? n : 1, sizeof *v);
    db_stmt *st = NULL;
    buf sql = BUF_INIT;
    size_t i, k;
    int rc = DB_OK;
    if (!n) goto done;
    buf_add(&sql, "SELECT s.id, s.name, s.description, s.minimum_age, s.maximum_age, s.is_free, s.status, o.name "
                  "FROM dir_services s LEFT JOIN dir_organizations o ON o.id = s.organization_id WHERE s.id IN (");
    for (i = 0; i < n; i++) buf_add(&sql, i ? ", ?" : "?");
    buf_add(&sql, ")");
    if ((rc = db_prepare(d, buf_str(&sql), &st)) != DB_OK) goto done;
    for (i = 0; i < n; i++) db_bind_text(st, (int)i + 1, hits[i].service_id);
    while ((rc = db_step(st)) == DB_ROW)
        for (i = 0; i < n; i++)
            if (!v[i][NAME] && !strcmp(hits[i].service_id, db_col_text(st, 0)))
                for (k = 0; k < NCOLS; k++) v[i][k] = db_col_is_null(st, (int)k + 1) ? NULL : xstrdup(db_col_text(st, (int)k + 1));
    if (rc != DB_DONE) goto done;
    rc = DB_OK;
    for (i = 0; i < n; i++) {
        const char *desc = v[i][DESC], *status = v[i][STATUS];
        if (!v[i][NAME]) continue;
        buf_add(b, "<li class=\"dir-result\"><h3 class=\"govuk-heading-m govuk-!-margin-bottom-1\"><a class=\"govuk-link\" href=\"/directory/services/");
        html_attr(b, hits[i].service_id);
        buf_add(b, "\">");
        html_txt(b, v[i][NAME]);
        buf_add(b, "</a></h3>");
        if (v[i][ORG]) {
            buf_add(b, "<p class=\"govuk-body-s dir-result__org\">");
            html_txt(b, v[i][ORG]);
            buf_add(b, "</p>");
        }
        if (status && strcmp(status, "active")) {
            buf_add(b, "<p class=\"govuk-body-s\"><strong class=\"govuk-tag govuk-tag--yellow\">");
            html_txt(b, !strcmp(status, "temporarily closed") ? "Temporarily closed" : !strcmp(status, "defunct") ? "Closed" : "Not running");
            buf_add(b, "</strong></p>");
        }
        if (desc) {
            size_t len = strlen(desc);
            char *cut = xstrndup(desc, len > 220 ? 220 : len);
            if (len > 220) {
                /* Do not cut a word or a UTF-8 character in half. */
                char *sp = strrchr(cut, ' ');
                if (sp) *sp = '\0';
            }
            buf_add(b, "<p class=\"govuk-body\">");
            html_txt(b, cut);
            if (len > 220) buf_add(b, "&hellip;");
            buf_add(b, "</p>");
            free(cut);
        }
        buf_add(b, "<ul class=\"govuk-list govuk-body-s dir-result__facts\">");
        if (v[i][MIN_AGE] || v[i][MAX_AGE])
            buf_printf(b, "<li>Ages %lld to %lld</li>", v[i][MIN_AGE] ? atoll(v[i][MIN_AGE]) : 0LL,
                       v[i][MAX_AGE] ? atoll(v[i][MAX_AGE]) : 25LL);
        if (v[i][FREE] && atoll(v[i][FREE])) buf_add(b, "<li>Free</li>");
        if (has_geo) {
            char words[32];
            dir_distance_words(hits[i].distance_m, words);
            buf_printf(b, "<li>Distance: %s</li>", words);
        }
        buf_add(b, "</ul></li>");
    }
done:
    db_finalize(st);
    buf_free(&sql);
    for (i = 0; i < n; i++)
        for (k = 0; k < NCOLS; k++) free(v[i][k]);
    free(v);
    return rc;
}

void dir_page_search(req *rq, resp *rs)
{
    form_errors fe = {0};
    buf b = BUF_INIT;
    struct term_opt needs[40], cats[40];
    int nneeds, ncats, rc, page = 1, i;
    struct dir_query q;
    struct dir_hit *hits = NULL;
    size_t n = 0;
    long total = 0;
    char norm[DIR_POSTCODE_LEN] = "";
    const char *text = req_query(rq, "q"), *pc = req_query(rq, "postcode"), *dist = req_query(rq, "distance");
    const char *need = req_query(rq, "need"), *cat = req_query(rq, "category"), *age = req_query(rq, "age");
    const char *free_only = req_query(rq, "free"), *day = req_query(rq, "day"), *sort = req_query(rq, "sort");
    const char *pagep = req_query(rq, "page");
    const struct term_opt *tn = NULL, *tc = NULL;
    static const char *const distances[] = {"1", "3", "5", "10", "25", NULL};
    int searched = text || pc || need || cat || age || free_only || day;
    json_t *o;
    int64_t gen = 0;
    buf key = BUF_INIT;

    /* The same public search since the last change: the same content (the
     * page shell around it is still made for this request). */
    dir_cache_key(rq, "page", &key);
    if (dir_cache_enabled() && dir_watch_generation(rq->db, &gen) == DB_OK && dir_cache_get(buf_str(&key), gen, &b)) {
        const char *title = buf_str(&b);
        page_render_ex(rq, rs, 200, title, title + strlen(title) + 1, 0);
        goto done;
    }
    dir_query_init(&q);
    q.active_only = 0;
    q.per_page = PER_PAGE;
    nneeds = load_terms(rq->db, DIR_TAX_NEEDS, needs, 40);
    ncats = load_terms(rq->db, DIR_TAX_CATEGORIES, cats, 40);
    if (nneeds < 0 || ncats < 0) { resp_db_error(rq, rs, DB_ERROR); goto done; }
    if (text && *text) {
        if (strlen(text) > 100) form_error(&fe, "q", "Search words must be 100 characters or fewer");
        else q.text = text;
    }
    if (pc && *pc) {
        double lat = 0, lng = 0;
        rc = dir_postcode_lookup(rq->db, pc, norm, &lat, &lng);
        if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
        if (rc == DIR_PC_BAD_FORMAT) form_error(&fe, "postcode", "Enter a real postcode, like NB1 1AA");
        else if (rc == DIR_PC_UNKNOWN) form_error(&fe, "postcode", "We could not find that postcode: check it, or try a nearby postcode");
        else {
            double miles = 5;
            q.has_geo = 1;
            q.lat = lat;
            q.lng = lng;
            if (dist && *dist) {
                int ok = 0;
                for (i = 0; distances[i]; i++) ok |= !strcmp(distances[i], dist);
                if (!ok) form_error(&fe, "distance", "Select a distance from the list");
                else miles = atof(dist);
            }
            q.radius_m = miles * 1609.344;
        }
    }
    if (need && *need) {
        if (!(tn = find_term(needs, nneeds, need))) form_error(&fe, "need", "Select a need from the list");
        else q.term_ids[q.nterms++] = tn->id;
    }
    if (cat && *cat) {
        if (!(tc = find_term(cats, ncats, cat))) form_error(&fe, "category", "Select a kind of support from the list");
        else q.term_ids[q.nterms++] = tc->id;
    }
    if (age && *age) {
        char *end;
        long a = strtol(age, &end, 10);
        if (*end || a < 0 || a > 25) form_error(&fe, "age", "Age must be a whole number from 0 to 25");
        else q.age = (int)a;
    }
    if (free_only && !strcmp(free_only, "1")) q.free_only = 1;
    if (day && *day) {
        if (!dir_day_name(day) || strlen(day) != 2) form_error(&fe, "day", "Select a day from the list");
        else q.day = day;
    }
    if (sort && !strcmp(sort, "distance")) {
        if (!q.has_geo && !form_error_for(&fe, "postcode")) form_error(&fe, "postcode", "Enter a postcode to sort by distance");
        q.sort_distance = 1;
    } else if (sort && *sort && strcmp(sort, "relevance")) {
        form_error(&fe, "sort", "Select how to sort the results");
    } else if (q.has_geo && !q.text) {
        q.sort_distance = 1;   /* nothing to rank by words: nearest first */
    }
    if (pagep) {
        char *end;
        long p = strtol(pagep, &end, 10);
        if (*end || p < 1 || p > 100000) form_error(&fe, "page", "Page must be a whole number");
        else page = (int)p;
    }
    q.page = page;
    if (!form_has_errors(&fe) && searched) {
        if ((rc = dir_search(rq->db, &q, &hits, &n, &total)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    }

    buf_add(&b, "<h1 class=\"govuk-heading-xl\">Find support</h1>"
                "<p class=\"govuk-body-l\">Services, activities and support groups for children and young people with "
                "special educational needs and disabilities (SEND), aged 0 to 25, and their families.</p>");
    form_error_summary(&b, &fe);
    if (demo_mode(rq->db)) {
        buf_add(&b, "<div class=\"govuk-inset-text\">This is a demonstration with invented places. Postcodes to try: ");
        for (i = 0; dir_demo_postcodes[i]; i++) {
            if (i) buf_add(&b, ", ");
            html_txt(&b, dir_demo_postcodes[i]);
        }
        buf_add(&b, " (Northbridge NB1 to NB4, Eastmere EM1 to EM3, Wolds Vale WQ1 to WQ3).</div>");
    }
    buf_add(&b, "<form method=\"get\" action=\"/directory\" novalidate><div class=\"govuk-grid-row\">"
                "<div class=\"govuk-grid-column-one-third\"><h2 class=\"govuk-heading-m\">Search</h2>");
    o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:{s:s}, s:o*}", "id", "q", "name", "q", "value", text ? text : "",
                  "label", "text", "Search words", "hint", "text", "For example, autism or speech", "errorMessage",
                  form_error_message(&fe, "q"));
    govuk_input(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s}, s:o*}", "id", "postcode", "name", "postcode", "value", pc ? pc : "",
                  "autocomplete", "postal-code", "classes", "govuk-input--width-10", "label", "text", "Postcode",
                  "errorMessage", form_error_message(&fe, "postcode"));
    govuk_input(&b, o);
    json_decref(o);
    {
        json_t *items = json_array();
        for (i = 0; distances[i]; i++) {
            char t[32];
            snprintf(t, sizeof t, "Within %s mile%s", distances[i], strcmp(distances[i], "1") ? "s" : "");
            json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", distances[i], "text", t, "selected",
                                                   dist ? !strcmp(dist, distances[i]) : !strcmp(distances[i], "5")));
        }
        select_field(&b, "distance", "Distance from postcode", items, &fe);
    }
    select_field(&b, "need", "Need", term_items(needs, nneeds, need, "Any need"), &fe);
    select_field(&b, "category", "Kind of support", term_items(cats, ncats, cat, "Any kind of support"), &fe);
    o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s}, s:{s:s}, s:o*}", "id", "age", "name", "age", "value", age ? age : "",
                  "inputmode", "numeric", "classes", "govuk-input--width-3", "label", "text", "Age of child or young person",
                  "hint", "text", "In years, from 0 to 25", "errorMessage", form_error_message(&fe, "age"));
    govuk_input(&b, o);
    json_decref(o);
    {
        json_t *items = json_pack("[{s:s, s:s}]", "value", "", "text", "Any day");
        for (i = 0; i < 7; i++)
            json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", days[i].code, "text", days[i].name, "selected",
                                                   day && !strcmp(day, days[i].code)));
        select_field(&b, "day", "Open on", items, &fe);
    }
    o = json_pack("{s:s, s:s, s:[{s:s, s:s, s:b}], s:o*}", "idPrefix", "free", "name", "free", "items", "value", "1",
                  "text", "Free services only", "checked", q.free_only, "errorMessage", form_error_message(&fe, "free"));
    govuk_checkboxes(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:[{s:s, s:s, s:b}, {s:s, s:s, s:b}], s:s, s:o*}", "idPrefix", "sort", "name", "sort",
                  "fieldset", "legend", "text", "Sort results by", "classes", "govuk-fieldset__legend--s", "items",
                  "value", "relevance", "text", "Best match", "checked", !q.sort_distance, "value", "distance", "text",
                  "Distance (nearest first)", "checked", q.sort_distance, "classes", "govuk-radios--small",
                  "errorMessage", form_error_message(&fe, "sort"));
    govuk_radios(&b, o);
    json_decref(o);
    o = json_pack("{s:s}", "text", "Search");
    govuk_button(&b, o);
    json_decref(o);
    buf_add(&b, "</div><div class=\"govuk-grid-column-two-thirds\">");
    if (form_has_errors(&fe)) {
        buf_add(&b, "<h2 class=\"govuk-heading-m\">Results</h2><p class=\"govuk-body\">Correct the problem above to see results.</p>");
    } else if (!searched) {
        char sg[IDS_UUID_LEN];
        (void)sg;
        buf_add(&b, "<h2 class=\"govuk-heading-m\">Start a search</h2><p class=\"govuk-body\">Enter search words or a postcode, or choose a need or "
                    "kind of support.</p><ul class=\"govuk-list\">"
                    "<li><a class=\"govuk-link\" href=\"/directory?category=support-groups\">Support groups</a></li>"
                    "<li><a class=\"govuk-link\" href=\"/directory?category=short-breaks\">Short breaks</a></li>"
                    "<li><a class=\"govuk-link\" href=\"/directory?category=advice\">Information, advice and support</a></li>"
                    "<li><a class=\"govuk-link\" href=\"/directory?category=health-therapy\">Health and therapy</a></li>"
                    "<li><a class=\"govuk-link\" href=\"/directory?category=leisure\">Leisure and activities</a></li></ul>");
    } else {
        buf_add(&b, "<h2 class=\"govuk-heading-m\" id=\"results\">");
        if (total == 0) buf_add(&b, "No services found");
        else buf_printf(&b, "%ld service%s found", total, total == 1 ? "" : "s");
        if (tc) { buf_add(&b, ": "); html_txt(&b, tc->name); }
        if (q.has_geo) { buf_add(&b, " near "); html_txt(&b, norm); }
        buf_add(&b, "</h2>");
        if (total == 0)
            buf_add(&b, "<p class=\"govuk-body\">Try fewer words, a larger distance, or fewer filters.</p>");
        else if (total > PER_PAGE)
            buf_printf(&b, "<p class=\"govuk-body-s\">Showing %ld to %ld</p>", (long)(page - 1) * PER_PAGE + 1,
                       (long)(page - 1) * PER_PAGE + (long)n);
        buf_add(&b, "<ul class=\"govuk-list dir-results\">");
        if ((rc = result_items(&b, rq->db, hits, n, q.has_geo)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
        buf_add(&b, "</ul>");
        if (total > PER_PAGE) {
            long pages = (total + PER_PAGE - 1) / PER_PAGE, p;
            json_t *items = json_array(), *opts;
            buf l = BUF_INIT;
            for (p = 1; p <= pages; p++) {
                if (p != 1 && p != pages && (p < page - 2 || p > page + 2)) {
                    if (p == page - 3 || p == page + 3) json_array_append_new(items, json_pack("{s:b}", "ellipsis", 1));
                    continue;
                }
                buf_reset(&l);
                page_link(&l, rq, (int)p);
                {
                    char num[24];
                    snprintf(num, sizeof num, "%ld", p);
                    json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "number", num, "href", buf_str(&l), "current", p == page));
                }
            }
            opts = json_pack("{s:o, s:s}", "items", items, "landmarkLabel", "Results pages");
            if (page > 1) {
                buf_reset(&l);
                page_link(&l, rq, page - 1);
                json_object_set_new(opts, "previous", json_pack("{s:s}", "href", buf_str(&l)));
            }
            if (page < pages) {
                buf_reset(&l);
                page_link(&l, rq, page + 1);
                json_object_set_new(opts, "next", json_pack("{s:s}", "href", buf_str(&l)));
            }
            govuk_pagination(&b, opts);
            json_decref(opts);
            buf_free(&l);
        }
    }
    buf_add(&b, "</div></div></form>");
    page_render_ex(rq, rs, form_has_errors(&fe) ? 400 : 200, tc ? tc->name : "Find support", buf_str(&b), form_has_errors(&fe));
    if (gen && !form_has_errors(&fe)) {
        /* Cached as "title\0content". */
        buf c = BUF_INIT;
        buf_add(&c, tc ? tc->name : "Find support");
        buf_addn(&c, "", 1);
        buf_addn(&c, b.s ? b.s : "", b.len);
        dir_cache_put(buf_str(&key), gen, c.s, c.len);
        buf_free(&c);
    }
done:
    buf_free(&key);
    free(hits);
    buf_free(&b);
    form_errors_free(&fe);
}

/* ---- one service --------------------------------------------------------------------- */

static void row(json_t *rows, const char *key, const char *html)
{
    json_array_append_new(rows, json_pack("{s:{s:s}, s:{s:s}}", "key", "text", key, "value", "html", html));
}

static const char *status_words(const char *s)
{
    if (!s || !strcmp(s, "active")) return NULL;
    if (!strcmp(s, "temporarily closed")) return "Temporarily closed";
    if (!strcmp(s, "defunct")) return "This service has closed";
    return "This service is not running at the moment";
}

static void address_html(buf *h, const json_t *loc)
{
    const json_t *a = json_array_get(json_object_get(loc, "addresses"), 0);
    const char *name = json_string_value(json_object_get(loc, "name"));
    if (name) { html_txt(h, name); buf_add(h, "<br>"); }
    if (a) {
        const char *keys[] = {"address_1", "city", "postal_code"};
        size_t k;
        for (k = 0; k < 3; k++) {
            const char *v = json_string_value(json_object_get(a, keys[k]));
            if (v && *v) { html_txt(h, v); buf_add(h, k < 2 ? "<br>" : ""); }
        }
    } else if (json_string_value(json_object_get(loc, "description"))) {
        html_txt(h, json_string_value(json_object_get(loc, "description")));
    }
}

void dir_page_service(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    int rc = DB_DONE;
    json_t *s = NULL, *rows = NULL, *o, *x, *y;
    buf b = BUF_INIT, h = BUF_INIT;
    size_t i, k;
    const char *v;
    if (id && ids_is_uuid(id)) s = dir_service_json(rq->db, id, DIR_FULL, &rc);
    if (!s) {
        if (rc < 0) resp_db_error(rq, rs, rc);
        else resp_error(rq, rs, 404, "not_found", "Page not found", NULL);
        goto done;
    }
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    o = json_pack("{s:s, s:s}", "text", "Back to search", "href", "/directory");
    govuk_back_link(&b, o);
    json_decref(o);
    if ((x = json_object_get(s, "organization"))) {
        buf_add(&b, "<span class=\"govuk-caption-l\">");
        html_txt(&b, json_string_value(json_object_get(x, "name")));
        buf_add(&b, "</span>");
    }
    buf_add(&b, "<h1 class=\"govuk-heading-l\">");
    html_txt(&b, json_string_value(json_object_get(s, "name")));
    buf_add(&b, "</h1>");
    if ((v = status_words(json_string_value(json_object_get(s, "status"))))) {
        o = json_pack("{s:s, s:s}", "text", v, "iconFallbackText", "Warning");
        govuk_warning_text(&b, o);
        json_decref(o);
    }
    if ((v = json_string_value(json_object_get(s, "alert")))) {
        o = json_pack("{s:s}", "text", v);
        govuk_inset_text(&b, o);
        json_decref(o);
    }
    if ((v = json_string_value(json_object_get(s, "description")))) {
        buf_add(&b, "<p class=\"govuk-body\">");
        html_txt(&b, v);
        buf_add(&b, "</p>");
    }
    rows = json_array();
    /* Who it is for */
    buf_reset(&h);
    if (json_is_integer(json_object_get(s, "minimum_age")) || json_is_integer(json_object_get(s, "maximum_age")))
        buf_printf(&h, "Ages %lld to %lld", (long long)json_integer_value(json_object_get(s, "minimum_age")),
                   json_is_integer(json_object_get(s, "maximum_age")) ? (long long)json_integer_value(json_object_get(s, "maximum_age")) : 25LL);
    else buf_add(&h, "All ages");
    {
        int first = 1;
        json_array_foreach(json_object_get(s, "attributes"), i, x) {
            const json_t *t = json_object_get(x, "taxonomy_term");
            const char *tax = json_string_value(json_object_get(t, "taxonomy"));
            if (!tax || strcmp(tax, "SEND needs")) continue;
            buf_add(&h, first ? "<br>Especially for: " : ", ");
            html_txt(&h, json_string_value(json_object_get(t, "name")));
            first = 0;
        }
    }
    row(rows, "Who it is for", buf_str(&h));
    /* Cost */
    buf_reset(&h);
    if (json_array_size(json_object_get(s, "cost_options")) == 0) buf_add(&h, "Ask the service");
    json_array_foreach(json_object_get(s, "cost_options"), i, x) {
        double amount = json_number_value(json_object_get(x, "amount"));
        if (i) buf_add(&h, "<br>");
        if (json_is_number(json_object_get(x, "amount")) && amount <= 0) buf_add(&h, "Free");
        else if (json_is_number(json_object_get(x, "amount"))) buf_printf(&h, "&pound;%.2f", amount);
        if ((v = json_string_value(json_object_get(x, "option"))) && strcmp(v, "Free")) { buf_add(&h, " ("); html_txt(&h, v); buf_add(&h, ")"); }
    }
    row(rows, "Cost", buf_str(&h));
    /* When */
    buf_reset(&h);
    json_array_foreach(json_object_get(s, "schedules"), i, x) {
        buf w = BUF_INIT;
        dir_schedule_words(&w, x);
        if (i) buf_add(&h, "<br>");
        html_txt(&h, buf_str(&w));
        buf_free(&w);
    }
    if (!h.len) buf_add(&h, "Ask the service");
    row(rows, "When", buf_str(&h));
    /* Where */
    buf_reset(&h);
    json_array_foreach(json_object_get(s, "service_at_locations"), i, x) {
        if (i) buf_add(&h, "<br><br>");
        address_html(&h, json_object_get(x, "location"));
    }
    if (!h.len) buf_add(&h, "Ask the service");
    row(rows, "Where", buf_str(&h));
    /* Accessibility */
    buf_reset(&h);
    json_array_foreach(json_object_get(s, "service_at_locations"), i, x) {
        json_array_foreach(json_object_get(json_object_get(x, "location"), "accessibility"), k, y) {
            if ((v = json_string_value(json_object_get(y, "description")))) {
                if (h.len) buf_add(&h, "<br>");
                html_txt(&h, json_string_value(json_object_get(json_object_get(x, "location"), "name")));
                buf_add(&h, ": ");
                html_txt(&h, v);
            }
        }
    }
    if (!h.len) buf_add(&h, "Ask the service about access");
    row(rows, "Accessibility", buf_str(&h));
    /* Languages */
    buf_reset(&h);
    json_array_foreach(json_object_get(s, "languages"), i, x) {
        if (i) buf_add(&h, ", ");
        html_txt(&h, json_string_value(json_object_get(x, "name")));
    }
    if (h.len) row(rows, "Languages", buf_str(&h));
    /* Contact */
    buf_reset(&h);
    json_array_foreach(json_object_get(s, "contacts"), i, x) {
        json_array_foreach(json_object_get(x, "phones"), k, y) {
            buf_add(&h, "Phone: ");
            html_txt(&h, json_string_value(json_object_get(y, "number")));
            buf_add(&h, "<br>");
        }
    }
    if ((v = json_string_value(json_object_get(s, "email")))) {
        buf_add(&h, "Email: <a class=\"govuk-link\" href=\"mailto:");
        html_attr(&h, v);
        buf_add(&h, "\">");
        html_txt(&h, v);
        buf_add(&h, "</a><br>");
    }
    if ((v = json_string_value(json_object_get(s, "url"))) && (!strncmp(v, "https://", 8) || !strncmp(v, "http://", 7))) {
        buf_add(&h, "<a class=\"govuk-link\" rel=\"noopener\" href=\"");
        html_attr(&h, v);
        buf_add(&h, "\">Website<span class=\"govuk-visually-hidden\"> of ");
        html_txt(&h, json_string_value(json_object_get(s, "name")));
        buf_add(&h, "</span></a>");
    }
    if (!h.len) buf_add(&h, "No contact details given");
    row(rows, "Contact", buf_str(&h));
    /* Area */
    buf_reset(&h);
    json_array_foreach(json_object_get(s, "service_areas"), i, x) {
        if (i) buf_add(&h, ", ");
        html_txt(&h, json_string_value(json_object_get(x, "name")));
    }
    if (h.len) row(rows, "Area covered", buf_str(&h));
    buf_reset(&h);
    {
        int first = 1;
        json_array_foreach(json_object_get(s, "attributes"), i, x) {
            const json_t *t = json_object_get(x, "taxonomy_term");
            const char *tax = json_string_value(json_object_get(t, "taxonomy"));
            if (tax && !strcmp(tax, "SEND needs")) continue;
            if (!first) buf_add(&h, ", ");
            if (json_string_value(json_object_get(t, "code"))) {
                buf_add(&h, "<a class=\"govuk-link\" href=\"/directory?category=");
                html_url(&h, json_string_value(json_object_get(t, "code")));
                buf_add(&h, "\">");
                html_txt(&h, json_string_value(json_object_get(t, "name")));
                buf_add(&h, "</a>");
            } else html_txt(&h, json_string_value(json_object_get(t, "name")));
            first = 0;
        }
    }
    if (h.len) row(rows, "Kind of support", buf_str(&h));
    buf_reset(&h);
    if ((v = json_string_value(json_object_get(s, "assured_date")))) { buf_add(&h, "Checked by the service on "); html_txt(&h, v); }
    if ((v = json_string_value(json_object_get(s, "last_modified")))) {
        if (h.len) buf_add(&h, "<br>");
        buf_add(&h, "Updated ");
        html_txt(&h, v);
    }
    if (h.len) row(rows, "Last checked", buf_str(&h));
    o = json_pack("{s:o}", "rows", rows);
    rows = NULL;
    buf_add(&b, "<h2 class=\"govuk-heading-m\">Details</h2>");
    govuk_summary_list(&b, o);
    json_decref(o);
    buf_add(&b, "<h2 class=\"govuk-heading-m\">Is something wrong?</h2><p class=\"govuk-body\">"
                "<a class=\"govuk-link\" href=\"/directory/services/");
    html_attr(&b, id);
    buf_add(&b, "/suggest\">Suggest an edit to this service</a></p></div></div>");
    page_render(rq, rs, 200, json_string_value(json_object_get(s, "name")), buf_str(&b));
done:
    json_decref(rows);
    json_decref(s);
    buf_free(&b);
    buf_free(&h);
}

/* ---- suggest an edit -------------------------------------------------------------------- */

static const char *const reasons[] = {"out-of-date", "closed", "add-information", "something-else", NULL};
static const char *const reason_text[] = {"Some information is out of date", "The service has closed",
                                          "I want to add information", "Something else"};

static char *service_name(req *rq, resp *rs, const char *id)
{
    char *name = NULL;
    int rc = DB_DONE;
    if (id && ids_is_uuid(id)) rc = db_query_text(rq->db, &name, "SELECT name FROM dir_services WHERE id = ?", 1, id);
    if (rc < 0) resp_db_error(rq, rs, rc);
    else if (!name) resp_error(rq, rs, 404, "not_found", "Page not found", NULL);
    return name;
}

static void suggest_form(req *rq, resp *rs, const char *id, const char *name, const form_errors *fe, const char *reason,
                         const char *details)
{
    buf b = BUF_INIT;
    json_t *o, *items = json_array();
    size_t i;
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    buf_add(&b, "<span class=\"govuk-caption-l\">");
    html_txt(&b, name);
    buf_add(&b, "</span><h1 class=\"govuk-heading-l\">Suggest an edit</h1>"
                "<p class=\"govuk-body\">Tell us what is wrong or missing. The people who manage this listing will check it. "
                "Do not include personal information about you or your child.</p><form method=\"post\" action=\"/directory/services/");
    html_attr(&b, id);
    buf_add(&b, "/suggest\" novalidate>");
    page_csrf_field(rq, &b);
    for (i = 0; reasons[i]; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", reasons[i], "text", reason_text[i], "checked",
                                               reason && !strcmp(reason, reasons[i])));
    o = json_pack("{s:s, s:s, s:{s:{s:s, s:b, s:s}}, s:o, s:o*}", "idPrefix", "reason", "name", "reason", "fieldset", "legend",
                  "text", "What is the problem?", "isPageHeading", 0, "classes", "govuk-fieldset__legend--m", "items", items,
                  "errorMessage", form_error_message(fe, "reason"));
    govuk_radios(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:{s:s}, s:o*}", "id", "details", "name", "details", "value", details ? details : "",
                  "label", "text", "What should change?", "classes", "govuk-label--m", "hint", "text",
                  "For example, the new opening times or the new phone number", "errorMessage", form_error_message(fe, "details"));
    govuk_textarea(&b, o);
    json_decref(o);
    o = json_pack("{s:s}", "text", "Send suggestion");
    govuk_button(&b, o);
    json_decref(o);
    buf_add(&b, "</form></div></div>");
    page_render_ex(rq, rs, form_has_errors(fe) ? 400 : 200, "Suggest an edit", buf_str(&b), form_has_errors(fe));
    buf_free(&b);
}

void dir_page_suggest_get(req *rq, resp *rs)
{
    form_errors fe = {0};
    const char *id = req_param(rq, "id");
    char *name = service_name(rq, rs, id);
    if (name) suggest_form(rq, rs, id, name, &fe, NULL, NULL);
    free(name);
}

void dir_page_suggest_post(req *rq, resp *rs)
{
    form_errors fe = {0};
    const char *id = req_param(rq, "id"), *reason;
    char *name = service_name(rq, rs, id), *details = NULL, cid[IDS_UUID_LEN], now[21];
    int rc;
    if (!name) goto done;
    reason = form_choice(rq, "reason", "what the problem is", 1, reasons, &fe);
    details = form_text(rq, "details", "what should change", 1, 2000, &fe);
    if (form_has_errors(&fe)) {
        suggest_form(rq, rs, id, name, &fe, reason, details);
        goto done;
    }
    ids_uuid(cid);
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL, "INSERT INTO dir_changes (id, service_id, kind, status, reason, details, created_at, created_by) "
                                     "VALUES (?, ?, 'suggestion', 'pending', ?, ?, ?, ?)", 6, cid, id, reason, details, now,
                       rq->user ? rq->user->id : NULL);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    audit_log(rq, rs, "create", "directory-suggestion", cid, reason);
    {
        buf loc = BUF_INIT;
        buf_add(&loc, "/directory/services/");
        buf_add(&loc, id);
        buf_add(&loc, "/suggested");
        resp_redirect(rs, buf_str(&loc));
        buf_free(&loc);
    }
done:
    free(name);
    free(details);
    form_errors_free(&fe);
}

void dir_page_suggested(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    char *name = service_name(rq, rs, id);
    buf b = BUF_INIT;
    json_t *o;
    if (!name) goto done;
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    o = json_pack("{s:s, s:s}", "titleText", "Suggestion sent", "text", "Thank you for helping to keep the Local Offer up to date");
    govuk_panel(&b, o);
    json_decref(o);
    buf_add(&b, "<p class=\"govuk-body\">The people who manage this listing will check your suggestion.</p>"
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/directory/services/");
    html_attr(&b, id);
    buf_add(&b, "\">Back to ");
    html_txt(&b, name);
    buf_add(&b, "</a></p></div></div>");
    page_render(rq, rs, 200, "Suggestion sent", buf_str(&b));
done:
    free(name);
    buf_free(&b);
}
