/* dir_manage: see dir_manage.h.
 *
 * Who may do what (dir_manage_access, the one access check for a listing):
 *   administrators: every listing; approve every change;
 *   partner officers: their organisation's listings; their edits go live at
 *     once, and they approve changes to those listings -- except accounts of
 *     voluntary organisations, whose edits and new listings wait in the
 *     queue for an administrator (a new listing exists only as its queued
 *     document until approved; only its organisation may add to it). */
#include "dir_manage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/form.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/site.h"
#include "dir_forms.h"
#include "dir_store.h"


int dir_manage_is_voluntary(const req *rq)
{
    return rq->user && rq->user->org_type && !strcmp(rq->user->org_type, "voluntary");
}

/* The sendhub organisation that proposed a not yet published new listing
 * (into *owner, new string), DB_ROW when id is such a proposal. */
static int proposal_owner(db *d, const char *id, char **owner)
{
    return db_query_text(d, owner, "SELECT COALESCE(owner_org_id, '') FROM dir_changes WHERE service_id = ? AND is_new = 1 "
                                   "AND status = 'pending' AND NOT EXISTS (SELECT 1 FROM dir_services s WHERE s.id = dir_changes.service_id)",
                         1, id);
}

int dir_manage_is_proposal(db *d, const char *id)
{
    int rc;
    if (!id || !ids_is_uuid(id)) return 0;
    rc = proposal_owner(d, id, NULL);
    return rc < 0 ? rc : rc == DB_ROW;
}

/* What the signed-in person may do with a listing: DIR_NONE, or DIR_EDIT
 * (| DIR_APPROVE). Negative DB error. A new listing waiting for approval is
 * edited (DIR_EDIT) only by the organisation that proposed it. */
int dir_manage_access(req *rq, const char *service_id)
{
    char *owner = NULL;
    int rc, access = DIR_NONE;
    if (!rq->user || !service_id || !ids_is_uuid(service_id)) return DIR_NONE;
    rc = db_query_text(rq->db, &owner, "SELECT COALESCE(owner_org_id, '') FROM dir_services WHERE id = ?", 1, service_id);
    if (rc < 0) return rc;
    if (rc == DB_ROW) {
        if (rq->user->role == ROLE_ADMIN) access = DIR_EDIT | DIR_APPROVE;
        else if (rq->user->role == ROLE_OFFICER && owner && rq->user->org_id && !strcmp(owner, rq->user->org_id))
            access = dir_manage_is_voluntary(rq) ? DIR_EDIT : DIR_EDIT | DIR_APPROVE;
    } else {
        free(owner);
        owner = NULL;
        rc = proposal_owner(rq->db, service_id, &owner);
        if (rc < 0) access = rc;
        else if (rc == DB_ROW && rq->user->role == ROLE_OFFICER && owner && rq->user->org_id && !strcmp(owner, rq->user->org_id))
            access = DIR_EDIT;
    }
    free(owner);
    return access;
}

int dir_manage_denied(req *rq, resp *rs, int access)
{
    if (access < 0) { resp_db_error(rq, rs, access); return 1; }
    if (!(access & DIR_EDIT)) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); return 1; }
    return 0;
}

static void stale_cutoff(char out[11])
{
    time_t t = time(NULL) - (time_t)365 * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static const struct { const char *key, *text; } notices[] = {
    {"saved", "Listing updated and published"},
    {"queued", "Change sent for approval: it will go live when it is approved"},
    {"approved", "Change approved and published"},
    {"rejected", "Change rejected"},
    {"withdrawn", "Change withdrawn: your next change starts from the published listing"},
    {"done", "Suggestion marked as dealt with"},
    {"restored", "Version restored and published"},
    {"created", "Listing created and published: add its details below"},
    {"proposed", "New listing sent for approval: it will be published when it is approved. You can add its details below"},
};

static void banner(req *rq, buf *b)
{
    const char *done = req_query(rq, "done");
    size_t i;
    for (i = 0; done && i < sizeof notices / sizeof notices[0]; i++) {
        if (strcmp(done, notices[i].key)) continue;
        json_t *o = json_pack("{s:s, s:s}", "type", "success", "text", notices[i].text);
        govuk_notification_banner(b, o);
        json_decref(o);
    }
}

static void cell(json_t *row, const char *text)
{
    json_array_append_new(row, json_pack("{s:s}", "text", text ? text : ""));
}

static void cell_html(json_t *row, const char *html)
{
    json_array_append_new(row, json_pack("{s:s}", "html", html));
}

/* This organisation's recently decided edits and new listings, with the
 * reason given (so the person who proposed a change sees why it was
 * rejected). Appends HTML; DB_OK or a DB error. */
/* A table cell linking to a queued change, named by its listing. */
static void change_link_cell(json_t *row, buf *h, const char *change_id, const char *name)
{
    buf_reset(h);
    buf_add(h, "<a class=\"govuk-link\" href=\"/directory/manage/changes/");
    html_attr(h, change_id);
    buf_add(h, "\">");
    html_txt(h, name ? name : "A new listing");
    buf_add(h, "</a>");
    cell_html(row, buf_str(h));
}

static int decided_table(req *rq, buf *b)
{
    db_stmt *st = NULL;
    json_t *rows = json_array(), *o;
    buf h = BUF_INIT;
    int rc, n = 0;
    rc = db_prepare(rq->db, "SELECT c.id, s.name, CASE WHEN s.id IS NULL THEN c.doc END, c.is_new, c.status, COALESCE(c.decision_note, ''), c.decided_at "
                            "FROM dir_changes c LEFT JOIN dir_services s ON s.id = c.service_id "
                            "WHERE c.kind = 'edit' AND c.status IN ('approved', 'rejected') "
                            "AND (c.owner_org_id = ? OR s.owner_org_id = ?) ORDER BY c.decided_at DESC, c.id LIMIT 20", &st);
    if (rc != DB_OK) goto done;
    db_bind_text(st, 1, rq->user->org_id);
    db_bind_text(st, 2, rq->user->org_id);
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *r = json_array(), *prop = db_col_text(st, 2) ? json_loads(db_col_text(st, 2), 0, NULL) : NULL;
        const char *name = db_col_text(st, 1) ? db_col_text(st, 1) : json_string_value(json_object_get(prop, "name"));
        change_link_cell(r, &h, db_col_text(st, 0), name);
        cell(r, db_col_int64(st, 3) ? "New listing" : "Edit");
        cell(r, !strcmp(db_col_text(st, 4), "approved") ? "Approved and published" : "Rejected");
        cell(r, db_col_text(st, 5));
        cell(r, db_col_text(st, 6));
        json_array_append_new(rows, r);
        json_decref(prop);
        n++;
    }
    if (rc < 0) goto done;
    rc = DB_OK;
    if (n) {
        buf_add(b, "<h2 class=\"govuk-heading-m\">Decided recently</h2>");
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s},{s:s}], s:O}", "caption", "Your changes that have been decided", "captionClasses",
                      "govuk-visually-hidden", "head", "text", "Listing", "text", "Kind", "text", "Decision", "text", "Reason", "text",
                      "Decided", "rows", rows);
        govuk_table(b, o);
        json_decref(o);
    }
done:
    db_finalize(st);
    json_decref(rows);
    buf_free(&h);
    return rc;
}

void dir_manage_home(req *rq, resp *rs)
{
    buf b = BUF_INIT, h = BUF_INIT;
    db_stmt *st = NULL;
    json_t *rows = json_array(), *o;
    char cutoff[11];
    int admin = rq->user->role == ROLE_ADMIN, rc, n = 0;
    stale_cutoff(cutoff);
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Local Offer listings</h1>");
    banner(rq, &b);
    if (dir_manage_is_voluntary(rq))
        buf_add(&b, "<p class=\"govuk-body\">You can edit your organisation's listings and propose new ones. Your changes are checked by the "
                    "partnership before they are published.</p><p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"/directory/manage/new\">Propose a new listing</a></p>");
    else
        buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/directory/manage/new\">Add a new listing</a></p>");
    /* The queue: edits, new listings (no service yet: the name is in the proposed document) and suggestions. */
    rc = db_prepare(rq->db, admin ? "SELECT c.id, c.kind, s.name, c.reason, c.created_at, c.is_new, CASE WHEN s.id IS NULL THEN c.doc END "
                                    "FROM dir_changes c LEFT JOIN dir_services s ON s.id = c.service_id "
                                    "WHERE c.status = 'pending' ORDER BY c.created_at LIMIT 200"
                                  : "SELECT c.id, c.kind, s.name, c.reason, c.created_at, c.is_new, CASE WHEN s.id IS NULL THEN c.doc END "
                                    "FROM dir_changes c LEFT JOIN dir_services s ON s.id = c.service_id "
                                    "WHERE c.status = 'pending' AND (s.owner_org_id = ? OR (s.id IS NULL AND c.owner_org_id = ?)) "
                                    "ORDER BY c.created_at LIMIT 200", &st);
    if (rc != DB_OK) goto dberr;
    if (!admin) { db_bind_text(st, 1, rq->user->org_id); db_bind_text(st, 2, rq->user->org_id); }
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *r = json_array(), *prop = db_col_text(st, 6) ? json_loads(db_col_text(st, 6), 0, NULL) : NULL;
        const char *name = db_col_text(st, 2) ? db_col_text(st, 2) : json_string_value(json_object_get(prop, "name"));
        change_link_cell(r, &h, db_col_text(st, 0), name);
        cell(r, strcmp(db_col_text(st, 1), "edit") ? "Suggestion from the public"
                : db_col_int64(st, 5) ? "New listing waiting for approval" : "Edit waiting for approval");
        cell(r, db_col_text(st, 3) ? db_col_text(st, 3) : "");
        cell(r, db_col_text(st, 4));
        json_array_append_new(rows, r);
        json_decref(prop);
        n++;
    }
    if (rc < 0) goto dberr;
    db_finalize(st);
    st = NULL;
    buf_printf(&b, "<h2 class=\"govuk-heading-m\">Queue (%d)</h2>", n);
    if (n) {
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s}], s:O}", "caption", "Changes and suggestions to check", "captionClasses",
                      "govuk-visually-hidden", "head", "text", "Listing", "text", "Kind", "text", "Reason", "text", "Received", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
    } else {
        buf_add(&b, "<p class=\"govuk-body\">Nothing is waiting.</p>");
    }
    json_decref(rows);
    rows = json_array();
    if (!admin && (rc = decided_table(rq, &b)) < 0) goto dberr;
    /* The listings. */
    rc = db_prepare(rq->db, admin ? "SELECT id, name, status, assured_date FROM dir_services ORDER BY (assured_date IS NULL OR assured_date < ?) DESC, name LIMIT 500"
                                  : "SELECT id, name, status, assured_date FROM dir_services WHERE owner_org_id = ? "
                                    "ORDER BY (assured_date IS NULL OR assured_date < ?) DESC, name LIMIT 500", &st);
    if (rc != DB_OK) goto dberr;
    if (admin) db_bind_text(st, 1, cutoff);
    else { db_bind_text(st, 1, rq->user->org_id); db_bind_text(st, 2, cutoff); }
    n = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *r = json_array();
        const char *assured = db_col_text(st, 3);
        buf_reset(&h);
        buf_add(&h, "<a class=\"govuk-link\" href=\"/directory/manage/services/");
        html_attr(&h, db_col_text(st, 0));
        buf_add(&h, "\">");
        html_txt(&h, db_col_text(st, 1));
        buf_add(&h, "</a>");
        cell_html(r, buf_str(&h));
        cell(r, db_col_text(st, 2));
        buf_reset(&h);
        html_txt(&h, assured ? assured : "Never");
        if (!assured || strcmp(assured, cutoff) < 0)
            buf_add(&h, " <strong class=\"govuk-tag govuk-tag--red\">Stale: not checked for 12 months</strong>");
        cell_html(r, buf_str(&h));
        json_array_append_new(rows, r);
        n++;
    }
    if (rc < 0) goto dberr;
    buf_printf(&b, "<h2 class=\"govuk-heading-m\">Listings (%d)</h2>", n);
    o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s}], s:O}", "caption", "Listings you manage", "captionClasses", "govuk-visually-hidden",
                  "head", "text", "Service", "text", "Status", "text", "Last checked", "rows", rows);
    govuk_table(&b, o);
    json_decref(o);
    page_render(rq, rs, 200, "Local Offer listings", buf_str(&b));
    goto done;
dberr:
    resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
done:
    json_decref(rows);
    db_finalize(st);
    buf_free(&b);
    buf_free(&h);
}

/* ---- differences ------------------------------------------------------------------- */

static const char *const diff_keys[] = {"name", "description", "status", "minimum_age", "maximum_age", "email", "url", "alert",
                                        "fees", "assured_date", "schedules", "service_at_locations", "contacts", "cost_options",
                                        "attributes", "languages", "service_areas", NULL};

static char *value_text(const char *key, const json_t *v)
{
    if (!v || json_is_null(v)) return xstrdup("(none)");
    if (json_is_string(v)) return xstrdup(json_string_value(v));
    if (json_is_integer(v)) {
        char s[32];
        snprintf(s, sizeof s, "%lld", (long long)json_integer_value(v));
        return xstrdup(s);
    }
    if (json_is_array(v)) {
        buf b = BUF_INIT;
        dir_forms_items_text(&b, key, v);
        if (!json_array_size(v)) buf_add(&b, "(none)");
        return buf_detach(&b);
    }
    return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

/* A table of the fields that differ between a (published) and b. Returns how many. */
static int diff_table(buf *b, const json_t *a, const json_t *bb, const char *left, const char *right)
{
    json_t *rows = json_array(), *o;
    int n = 0;
    size_t i;
    for (i = 0; diff_keys[i]; i++) {
        const json_t *x = json_object_get(a, diff_keys[i]), *y = json_object_get(bb, diff_keys[i]);
        char *tx, *ty;
        json_t *r;
        if ((!x && !y) || (x && y && json_equal((json_t *)x, (json_t *)y))) continue;
        tx = value_text(diff_keys[i], x);
        ty = value_text(diff_keys[i], y);
        if (json_is_array(x) && json_is_array(y) && !strcmp(tx, ty)) {
            free(ty);
            ty = xstrdup("changed");
        }
        r = json_array();
        cell(r, diff_keys[i]);
        cell(r, tx);
        cell(r, ty);
        json_array_append_new(rows, r);
        free(tx);
        free(ty);
        n++;
    }
    if (n) {
        o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s}], s:O}", "caption", "What changed", "captionClasses", "govuk-table__caption--m",
                      "head", "text", "Field", "text", left, "text", right, "rows", rows);
        govuk_table(b, o);
        json_decref(o);
    } else {
        buf_add(b, "<p class=\"govuk-body\">No differences.</p>");
    }
    json_decref(rows);
    return n;
}

/* ---- edit ---------------------------------------------------------------------------- */

static const char *const statuses[] = {"active", "inactive", "defunct", "temporarily closed", NULL};

static void input(buf *b, const char *id, const char *label, const char *value, const form_errors *fe, const char *classes)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:o*, s:s?}", "id", id, "name", id, "value", value ? value : "", "label", "text",
                          label, "errorMessage", form_error_message(fe, id), "classes", classes);
    govuk_input(b, o);
    json_decref(o);
}

static void edit_form(req *rq, resp *rs, const char *id, const json_t *s, const form_errors *fe, int status)
{
    buf b = BUF_INIT;
    json_t *o, *items = json_array();
    char mn[16] = "", mx[16] = "";
    size_t i;
    const char *st = json_string_value(json_object_get(s, "status"));
    if (json_is_integer(json_object_get(s, "minimum_age"))) snprintf(mn, sizeof mn, "%lld", (long long)json_integer_value(json_object_get(s, "minimum_age")));
    if (json_is_integer(json_object_get(s, "maximum_age"))) snprintf(mx, sizeof mx, "%lld", (long long)json_integer_value(json_object_get(s, "maximum_age")));
    if (req_form(rq, "minimum_age")) snprintf(mn, sizeof mn, "%.15s", req_form(rq, "minimum_age"));
    if (req_form(rq, "maximum_age")) snprintf(mx, sizeof mx, "%.15s", req_form(rq, "maximum_age"));
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    banner(rq, &b);
    buf_add(&b, "<span class=\"govuk-caption-l\">Local Offer listing</span><h1 class=\"govuk-heading-l\">");
    html_txt(&b, json_string_value(json_object_get(s, "name")));
    if (dir_manage_is_proposal(rq->db, id) == 1) {
        buf_add(&b, "</h1>");
        o = json_pack("{s:s}", "text", "This is a new listing waiting for approval. It is not published: families cannot see it until "
                                       "the partnership approves it. You can still add to it.");
        govuk_inset_text(&b, o);
        json_decref(o);
    } else {
        buf_add(&b, "</h1><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/directory/services/");
        html_attr(&b, id);
        buf_add(&b, "\">See the published page</a> &middot; <a class=\"govuk-link\" href=\"/directory/manage/services/");
        html_attr(&b, id);
        buf_add(&b, "/versions\">Versions</a></p>");
        if (dir_manage_is_voluntary(rq)) {
            char *stale = NULL;
            o = json_pack("{s:s}", "text", "Your changes will be checked by the partnership before they are published.");
            govuk_inset_text(&b, o);
            json_decref(o);
            /* Their pending edit started from a version that is no longer the published one. */
            if (db_query_text(rq->db, &stale, "SELECT c.id FROM dir_changes c WHERE c.service_id = ? AND c.kind = 'edit' AND c.status = 'pending' "
                                              "AND c.is_new = 0 AND c.base_version < (SELECT MAX(v.version) FROM dir_service_versions v "
                                              "WHERE v.service_id = c.service_id)", 1, id) == DB_ROW && stale) {
                buf t = BUF_INIT;
                buf_add(&t, "The published listing has changed since you started your change. This form shows your change, not the "
                            "published listing. <a class=\"govuk-link\" href=\"/directory/manage/changes/");
                html_attr(&t, stale);
                buf_add(&t, "\">Check your change or withdraw it</a> to start again from the published listing.");
                o = json_pack("{s:s, s:s}", "html", buf_str(&t), "iconFallbackText", "Warning");
                govuk_warning_text(&b, o);
                json_decref(o);
                buf_free(&t);
            }
            free(stale);
        }
    }
    buf_add(&b, "<form method=\"post\" novalidate>");
    page_csrf_field(rq, &b);
    input(&b, "name", "Name", req_form(rq, "name") ? req_form(rq, "name") : json_string_value(json_object_get(s, "name")), fe, NULL);
    o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:o*}", "id", "description", "name", "description", "value",
                  req_form(rq, "description") ? req_form(rq, "description") : json_string_value(json_object_get(s, "description")) ? json_string_value(json_object_get(s, "description")) : "",
                  "label", "text", "Description", "errorMessage", form_error_message(fe, "description"));
    govuk_textarea(&b, o);
    json_decref(o);
    if (req_form(rq, "status")) st = req_form(rq, "status");
    for (i = 0; statuses[i]; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", statuses[i], "text", statuses[i], "selected", st && !strcmp(st, statuses[i])));
    o = json_pack("{s:s, s:s, s:{s:s}, s:o, s:o*}", "id", "status", "name", "status", "label", "text", "Status", "items", items,
                  "errorMessage", form_error_message(fe, "status"));
    govuk_select(&b, o);
    json_decref(o);
    input(&b, "minimum_age", "Youngest age", mn, fe, "govuk-input--width-3");
    input(&b, "maximum_age", "Oldest age", mx, fe, "govuk-input--width-3");
    input(&b, "email", "Email address", req_form(rq, "email") ? req_form(rq, "email") : json_string_value(json_object_get(s, "email")), fe, NULL);
    input(&b, "url", "Website", req_form(rq, "url") ? req_form(rq, "url") : json_string_value(json_object_get(s, "url")), fe, NULL);
    input(&b, "alert", "Notice shown at the top of the page (optional)", req_form(rq, "alert") ? req_form(rq, "alert") : json_string_value(json_object_get(s, "alert")), fe, NULL);
    o = json_pack("{s:s, s:s, s:[{s:s, s:s}]}", "idPrefix", "reviewed", "name", "reviewed", "items", "value", "1", "text",
                  "I have checked that everything in this listing is correct");
    govuk_checkboxes(&b, o);
    json_decref(o);
    o = json_pack("{s:s}", "text", dir_manage_is_voluntary(rq) ? "Send for approval" : "Save and publish");
    govuk_button(&b, o);
    json_decref(o);
    buf_add(&b, "</form>");
    dir_forms_summary(&b, id, s);
    buf_add(&b, "</div></div>");
    page_render_ex(rq, rs, status, "Edit listing", buf_str(&b), form_has_errors(fe));
    buf_free(&b);
}

void dir_manage_edit_get(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    form_errors fe = {0};
    int rc, access = dir_manage_access(rq, id);
    json_t *s;
    if (dir_manage_denied(rq, rs, access)) return;
    if (!(s = dir_manage_working_doc(rq, id, access, &rc))) { resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR); return; }
    edit_form(rq, rs, id, s, &fe, 200);
    json_decref(s);
}

static int age_field(req *rq, const char *field, const char *label, form_errors *fe, json_t *s)
{
    const char *v = req_form(rq, field);
    char *end, msg[96];
    long a;
    if (!v || !*v) { json_object_del(s, field); return 0; }
    a = strtol(v, &end, 10);
    if (*end || a < 0 || a > 120) {
        snprintf(msg, sizeof msg, "%s must be a whole number from 0 to 120", label);
        form_error(fe, field, msg);
        return -1;
    }
    json_object_set_new(s, field, json_integer(a));
    return 0;
}

static void set_text(json_t *s, const char *key, const char *v)
{
    if (v && *v) json_object_set_new(s, key, json_string(v));
    else json_object_del(s, key);
}

void dir_manage_edit_post(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    form_errors fe = {0};
    int rc, access = dir_manage_access(rq, id);
    json_t *s = NULL, *cur = NULL;
    char *name = NULL, *desc = NULL, *email = NULL, *url = NULL, *alert = NULL, now[21];
    const char *status;
    if (dir_manage_denied(rq, rs, access)) return;
    if (!(cur = dir_manage_working_doc(rq, id, access, &rc))) { resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR); goto done; }
    s = json_deep_copy(cur);
    name = form_text(rq, "name", "the name", 1, 200, &fe);
    desc = form_text(rq, "description", "a description", 1, 5000, &fe);
    status = form_choice(rq, "status", "the status", 1, statuses, &fe);
    age_field(rq, "minimum_age", "Youngest age", &fe, s);
    age_field(rq, "maximum_age", "Oldest age", &fe, s);
    email = form_text(rq, "email", "the email address", 0, 254, &fe);
    url = form_text(rq, "url", "the website", 0, 500, &fe);
    alert = form_text(rq, "alert", "the notice", 0, 500, &fe);
    if (*email && !strchr(email, '@')) form_error(&fe, "email", "Enter an email address in the correct format, like name@example.com");
    if (*url && strncmp(url, "https://", 8) && strncmp(url, "http://", 7)) form_error(&fe, "url", "Enter a website address starting with https://");
    if (!form_has_errors(&fe) && json_is_integer(json_object_get(s, "minimum_age")) && json_is_integer(json_object_get(s, "maximum_age")) &&
        json_integer_value(json_object_get(s, "minimum_age")) > json_integer_value(json_object_get(s, "maximum_age")))
        form_error(&fe, "maximum_age", "Oldest age must be the same as or more than the youngest age");
    if (form_has_errors(&fe)) { edit_form(rq, rs, id, cur, &fe, 400); goto done; }
    set_text(s, "name", name);
    set_text(s, "description", desc);
    set_text(s, "status", status);
    set_text(s, "email", email);
    set_text(s, "url", url);
    set_text(s, "alert", alert);
    ids_now_iso(now);
    json_object_set_new(s, "last_modified", json_string(now));
    if (req_form(rq, "reviewed") && !strcmp(req_form(rq, "reviewed"), "1")) {
        char day[11];
        snprintf(day, sizeof day, "%.10s", now);
        json_object_set_new(s, "assured_date", json_string(day));
    }
    dir_manage_save(rq, rs, id, s, access, "edited", "/directory/manage");
done:
    json_decref(s);
    json_decref(cur);
    free(name); free(desc); free(email); free(url); free(alert);
    form_errors_free(&fe);
}

/* ---- the single write path --------------------------------------------------------- */

/* The id of the pending edit of a listing (into out), 1 when there is one. */
static int pending_edit(db *d, const char *id, char out[IDS_UUID_LEN], char **doc)
{
    db_stmt *st = NULL;
    int found = 0;
    if (db_prepare(d, "SELECT id, doc FROM dir_changes WHERE service_id = ? AND kind = 'edit' AND status = 'pending' "
                      "ORDER BY created_at DESC, id LIMIT 1", &st) != DB_OK) return -1;
    db_bind_text(st, 1, id);
    if (db_step(st) == DB_ROW) {
        snprintf(out, IDS_UUID_LEN, "%s", db_col_text(st, 0));
        if (doc) *doc = xstrdup(db_col_text(st, 1));
        found = 1;
    }
    db_finalize(st);
    return found;
}

json_t *dir_manage_working_doc(req *rq, const char *id, int access, int *rc)
{
    json_t *s = NULL;
    char cid[IDS_UUID_LEN], *doc = NULL;
    if (!(access & DIR_APPROVE) && pending_edit(rq->db, id, cid, &doc) == 1 && doc) s = json_loads(doc, 0, NULL);
    free(doc);
    if (s) { *rc = DB_OK; return s; }
    return dir_service_json(rq->db, id, DIR_FULL, rc);
}

void dir_manage_save(req *rq, resp *rs, const char *id, json_t *s, int access, const char *note, const char *back)
{
    char now[21], err[300] = "", loc[512];
    int rc, changed = 0;
    ids_now_iso(now);
    json_object_set_new(s, "last_modified", json_string(now));
    if (dir_service_validate(s, err, sizeof err) != 0) { resp_error(rq, rs, 400, "invalid", err, NULL); return; }
    if (!(access & DIR_APPROVE)) {
        char cid[IDS_UUID_LEN], *doc = json_dumps(s, JSON_COMPACT | JSON_SORT_KEYS);
        if (pending_edit(rq->db, id, cid, NULL) == 1) {
            rc = db_query_text(rq->db, NULL, "UPDATE dir_changes SET doc = ?, created_by = ? WHERE id = ? AND status = 'pending'", 3, doc,
                               rq->user->id, cid);
        } else {
            /* base_version: the published version this edit starts from, so
             * approving it can tell when an officer has published since. */
            ids_uuid(cid);
            rc = db_query_text(rq->db, NULL, "INSERT INTO dir_changes (id, service_id, kind, status, doc, created_at, created_by, owner_org_id, base_version) "
                                             "VALUES (?, ?, 'edit', 'pending', ?, ?, ?, ?, (SELECT MAX(version) FROM dir_service_versions WHERE service_id = ?))",
                               7, cid, id, doc, now, rq->user->id, rq->user->org_id, id);
        }
        free(doc);
        if (rc < 0) { resp_db_error(rq, rs, rc); return; }
        audit_log(rq, rs, "create", "directory-change", cid, note);
        snprintf(loc, sizeof loc, "%s%sdone=queued", back, strchr(back, '?') ? "&" : "?");
        resp_redirect(rs, loc);
        return;
    }
    if ((rc = db_begin(rq->db)) != DB_OK) { resp_db_error(rq, rs, rc); return; }
    rc = dir_service_put(rq->db, s, NULL, rq->user->id, note, &changed, err, sizeof err);
    if (rc == DB_OK) rc = db_commit(rq->db);
    else db_rollback(rq->db);
    if (rc == DB_EARG) { resp_error(rq, rs, 400, "invalid", err, NULL); return; }
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); return; }
    audit_log(rq, rs, "update", "directory-service", id, note);
    snprintf(loc, sizeof loc, "%s%sdone=saved", back, strchr(back, '?') ? "&" : "?");
    resp_redirect(rs, loc);
}

void dir_manage_propose(req *rq, resp *rs, json_t *s)
{
    char now[21], err[300] = "", cid[IDS_UUID_LEN], loc[128], *doc = NULL;
    const char *sid = json_string_value(json_object_get(s, "id"));
    int rc;
    ids_now_iso(now);
    json_object_set_new(s, "last_modified", json_string(now));
    if (!sid || dir_service_validate(s, err, sizeof err) != 0) { resp_error(rq, rs, 400, "invalid", err, NULL); goto done; }
    doc = json_dumps(s, JSON_COMPACT | JSON_SORT_KEYS);
    ids_uuid(cid);
    rc = db_query_text(rq->db, NULL, "INSERT INTO dir_changes (id, service_id, kind, status, doc, created_at, created_by, owner_org_id, is_new) "
                                     "VALUES (?, ?, 'edit', 'pending', ?, ?, ?, ?, 1)", 6, cid, sid, doc, now, rq->user->id, rq->user->org_id);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    audit_log(rq, rs, "create", "directory-change", cid, "proposed new listing");
    snprintf(loc, sizeof loc, "/directory/manage/services/%s?done=proposed", sid);
    resp_redirect(rs, loc);
done:
    free(doc);
}

/* ---- versions ----------------------------------------------------------------------- */

static json_t *version_doc(db *d, const char *id, const char *version, int *rc)
{
    char *doc = NULL;
    json_t *j = NULL;
    *rc = db_query_text(d, &doc, "SELECT doc FROM dir_service_versions WHERE service_id = ? AND version = ?", 2, id, version);
    if (doc) j = json_loads(doc, 0, NULL);
    free(doc);
    return j;
}

void dir_manage_versions(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id"), *cmp = req_query(rq, "compare");
    int rc, access = dir_manage_access(rq, id);
    buf b = BUF_INIT, h = BUF_INIT;
    db_stmt *st = NULL;
    json_t *rows = json_array(), *o, *cur = NULL, *old = NULL;
    if (dir_manage_denied(rq, rs, access)) goto done;
    if (!(cur = dir_service_json(rq->db, id, DIR_FULL, &rc))) {
        if (rc == DB_DONE) resp_error(rq, rs, 404, "not_found", "Page not found", NULL);
        else resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
        goto done;
    }
    buf_add(&b, "<span class=\"govuk-caption-l\">");
    html_txt(&b, json_string_value(json_object_get(cur, "name")));
    buf_add(&b, "</span><h1 class=\"govuk-heading-l\">Versions</h1>");
    if (cmp && (old = version_doc(rq->db, id, cmp, &rc))) {
        buf_printf(&b, "<h2 class=\"govuk-heading-m\">Version %d compared with the published version</h2>", atoi(cmp));
        diff_table(&b, cur, old, "Published", "This version");
        buf_add(&b, "<form method=\"post\" action=\"/directory/manage/services/");
        html_attr(&b, id);
        buf_add(&b, "/restore\" novalidate>");
        page_csrf_field(rq, &b);
        buf_add(&b, "<input type=\"hidden\" name=\"version\" value=\"");
        html_attr(&b, cmp);
        buf_add(&b, "\">");
        o = json_pack("{s:s, s:s}", "text", "Restore this version", "classes", "govuk-button--secondary");
        govuk_button(&b, o);
        json_decref(o);
        buf_add(&b, "</form>");
    }
    if ((rc = db_prepare(rq->db, "SELECT v.version, v.created_at, COALESCE(p.name, 'System'), COALESCE(v.note, '') FROM dir_service_versions v "
                                 "LEFT JOIN people p ON p.id = v.created_by WHERE v.service_id = ? ORDER BY v.version DESC LIMIT 200", &st)) != DB_OK) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    db_bind_text(st, 1, id);
    while (db_step(st) == DB_ROW) {
        json_t *r = json_array();
        char v[24];
        snprintf(v, sizeof v, "%lld", (long long)db_col_int64(st, 0));
        cell(r, v);
        cell(r, db_col_text(st, 1));
        cell(r, db_col_text(st, 2));
        cell(r, db_col_text(st, 3));
        buf_reset(&h);
        buf_add(&h, "<a class=\"govuk-link\" href=\"/directory/manage/services/");
        html_attr(&h, id);
        buf_printf(&h, "/versions?compare=%s\">Compare<span class=\"govuk-visually-hidden\"> version %s</span></a>", v, v);
        cell_html(r, buf_str(&h));
        json_array_append_new(rows, r);
    }
    o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s},{s:s}], s:O}", "caption", "Every version", "captionClasses", "govuk-table__caption--m",
                  "head", "text", "Version", "text", "Saved", "text", "By", "text", "Note", "text", "Action", "rows", rows);
    govuk_table(&b, o);
    json_decref(o);
    page_render(rq, rs, 200, "Versions", buf_str(&b));
done:
    db_finalize(st);
    json_decref(rows);
    json_decref(cur);
    json_decref(old);
    buf_free(&b);
    buf_free(&h);
}

void dir_manage_restore(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id"), *ver = req_form(rq, "version");
    int rc, access = dir_manage_access(rq, id), changed = 0;
    json_t *old = NULL;
    char err[300] = "", note[64];
    if (dir_manage_denied(rq, rs, access)) return;
    if (!(access & DIR_APPROVE)) { resp_error(rq, rs, 403, "forbidden", "Only the partnership can restore a version.", NULL); return; }
    if (!ver || !(old = version_doc(rq->db, id, ver, &rc))) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); return; }
    snprintf(note, sizeof note, "restored version %d", atoi(ver));
    if ((rc = db_begin(rq->db)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    rc = dir_service_put(rq->db, old, NULL, rq->user->id, note, &changed, err, sizeof err);
    if (rc == DB_OK) rc = db_commit(rq->db);
    else db_rollback(rq->db);
    if (rc != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    audit_log(rq, rs, "update", "directory-service", id, note);
    resp_redirect(rs, "/directory/manage?done=restored");
done:
    json_decref(old);
}

/* ---- the queue ------------------------------------------------------------------------- */

struct change {
    char id[IDS_UUID_LEN], service_id[IDS_UUID_LEN], kind[16], status[16];
    char *reason, *details, *doc, *owner_org_id, *decision_note;
    int is_new;
    long long base_version; /* -1: not known */
};

static int load_change(req *rq, const char *id, struct change *c)
{
    db_stmt *st = NULL;
    int rc;
    memset(c, 0, sizeof *c);
    if (!id || !ids_is_uuid(id)) return DB_DONE;
    if ((rc = db_prepare(rq->db, "SELECT id, service_id, kind, status, reason, details, doc, COALESCE(owner_org_id, ''), is_new, "
                                 "COALESCE(base_version, -1), decision_note FROM dir_changes WHERE id = ?", &st)) != DB_OK) return rc;
    db_bind_text(st, 1, id);
    if ((rc = db_step(st)) == DB_ROW) {
        snprintf(c->id, sizeof c->id, "%s", db_col_text(st, 0));
        snprintf(c->service_id, sizeof c->service_id, "%s", db_col_text(st, 1));
        snprintf(c->kind, sizeof c->kind, "%s", db_col_text(st, 2));
        snprintf(c->status, sizeof c->status, "%s", db_col_text(st, 3));
        c->reason = xstrdup(db_col_text(st, 4));
        c->details = xstrdup(db_col_text(st, 5));
        c->doc = xstrdup(db_col_text(st, 6));
        c->owner_org_id = xstrdup(db_col_text(st, 7));
        c->is_new = (int)db_col_int64(st, 8);
        c->base_version = (long long)db_col_int64(st, 9);
        c->decision_note = xstrdup(db_col_text(st, 10));
    }
    db_finalize(st);
    return rc;
}

static void free_change(struct change *c)
{
    free(c->reason);
    free(c->details);
    free(c->doc);
    free(c->owner_org_id);
    free(c->decision_note);
}

/* Access to a change: a new listing belongs to the organisation that
 * proposed it (its accounts see it; administrators decide); anything else
 * follows the listing's access. */
static int change_access(req *rq, const struct change *c)
{
    int access = DIR_NONE;
    if (!c->is_new) access = dir_manage_access(rq, c->service_id);
    else if (rq->user && rq->user->role == ROLE_ADMIN) access = DIR_EDIT | DIR_APPROVE;
    else if (rq->user && rq->user->role == ROLE_OFFICER && rq->user->org_id && c->owner_org_id && !strcmp(c->owner_org_id, rq->user->org_id))
        access = dir_manage_is_voluntary(rq) ? DIR_EDIT : DIR_EDIT | DIR_APPROVE;
    return access;
}

/* The newest published version of a listing (0 when none). */
static int current_version(db *d, const char *service_id, long long *out)
{
    int64_t v = 0;
    int rc = db_query_int64(d, &v, "SELECT COALESCE(MAX(version), 0) FROM dir_service_versions WHERE service_id = ?", 1, service_id);
    *out = (long long)v;
    return rc < 0 ? rc : DB_OK;
}

/* The queue's page for one change; fe: errors of a refused decision. */
static void change_page(req *rq, resp *rs, const struct change *c, int access, const form_errors *fe, int status)
{
    buf b = BUF_INIT;
    json_t *cur = NULL, *prop = NULL, *base = NULL, *o;
    long long now_v = 0;
    int rc, edit = !strcmp(c->kind, "edit"), pending = !strcmp(c->status, "pending"), conflict = 0;
    prop = edit && c->doc ? json_loads(c->doc, 0, NULL) : NULL;
    cur = dir_service_json(rq->db, c->service_id, DIR_FULL, &rc);
    if (!cur && (rc != DB_DONE || !c->is_new)) { resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR); goto done; }
    if (!cur) cur = json_object(); /* a new listing: compared with nothing */
    if (edit && !c->is_new && c->base_version >= 0) {
        if ((rc = current_version(rq->db, c->service_id, &now_v)) < 0) { resp_db_error(rq, rs, rc); goto done; }
        conflict = now_v > c->base_version;
    }
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    buf_add(&b, "<span class=\"govuk-caption-l\">");
    html_txt(&b, json_string_value(json_object_get(json_object_size(cur) ? cur : prop, "name")));
    buf_add(&b, "</span>");
    if (edit && c->is_new) {
        buf_add(&b, "<h1 class=\"govuk-heading-l\">New listing waiting for approval</h1>");
        if (pending) {
            o = json_pack("{s:s}", "text", "This listing is not published yet. Approving it publishes everything below; rejecting it discards it.");
            govuk_inset_text(&b, o);
            json_decref(o);
        }
        if (prop) diff_table(&b, cur, prop, "Published", "Proposed");
    } else if (edit) {
        buf_add(&b, "<h1 class=\"govuk-heading-l\">Edit waiting for approval</h1>");
        if (conflict && pending) {
            buf t = BUF_INIT;
            char label[64];
            if (access & DIR_APPROVE)
                buf_printf(&t, "The published listing has changed since this edit was started (it was version %lld, it is now version %lld). "
                               "Approving this edit would replace those changes. Check the differences against the current version below.",
                           c->base_version, now_v);
            else
                buf_printf(&t, "The published listing has changed since this edit was started (it was version %lld, it is now version %lld). "
                               "You can withdraw your change and make it again from the published listing, or leave it for the partnership to check.",
                           c->base_version, now_v);
            o = json_pack("{s:s, s:s}", "text", buf_str(&t), "iconFallbackText", "Warning");
            govuk_warning_text(&b, o);
            json_decref(o);
            buf_free(&t);
            snprintf(label, sizeof label, "Version %lld", c->base_version);
            if (c->base_version > 0) {
                char v[24];
                snprintf(v, sizeof v, "%lld", c->base_version);
                base = version_doc(rq->db, c->service_id, v, &rc);
            }
            if (base) {
                buf_add(&b, "<h2 class=\"govuk-heading-m\">Published since this edit was started</h2>");
                diff_table(&b, base, cur, label, "Published now");
                buf_add(&b, "<h2 class=\"govuk-heading-m\">This edit against the current version</h2>");
            }
        }
        if (prop) diff_table(&b, cur, prop, conflict && pending ? "Published now" : "Published", "Proposed");
    } else {
        buf_add(&b, "<h1 class=\"govuk-heading-l\">Suggestion from the public</h1>");
        o = json_pack("{s:[{s:{s:s}, s:{s:s}}, {s:{s:s}, s:{s:s}}]}", "rows", "key", "text", "Problem", "value", "text", c->reason ? c->reason : "",
                      "key", "text", "What should change", "value", "text", c->details ? c->details : "");
        govuk_summary_list(&b, o);
        json_decref(o);
    }
    buf_add(&b, "<p class=\"govuk-body\">Status: ");
    html_txt(&b, c->status);
    buf_add(&b, "</p>");
    if (!pending && c->decision_note && *c->decision_note) {
        o = json_pack("{s:[{s:{s:s}, s:{s:s}}]}", "rows", "key", "text", "Reason given", "value", "text", c->decision_note);
        govuk_summary_list(&b, o);
        json_decref(o);
    }
    if (pending && edit && !(access & DIR_APPROVE)) {
        if (c->is_new) {
            buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/directory/manage/services/");
            html_attr(&b, c->service_id);
            buf_add(&b, "\">Add to this listing</a></p>");
        }
        buf_add(&b, "<form method=\"post\" novalidate>");
        page_csrf_field(rq, &b);
        buf_add(&b, "<input type=\"hidden\" name=\"decision\" value=\"withdraw\">");
        o = json_pack("{s:s, s:s}", "text", c->is_new ? "Withdraw this new listing" : "Withdraw this change", "classes", "govuk-button--secondary");
        govuk_button(&b, o);
        json_decref(o);
        buf_add(&b, "</form>");
    }
    if (pending && (access & DIR_APPROVE || !edit)) {
        json_t *items;
        const char *dec = req_form(rq, "decision");
        buf_add(&b, "<form method=\"post\" novalidate>");
        page_csrf_field(rq, &b);
        if (edit)
            items = json_pack("[{s:s, s:s, s:b}, {s:s, s:s, s:b}]", "value", "approve", "text", "Approve and publish", "checked",
                              dec && !strcmp(dec, "approve"), "value", "reject", "text", "Reject", "checked", dec && !strcmp(dec, "reject"));
        else
            items = json_pack("[{s:s, s:s, s:b}, {s:s, s:s, s:b}]", "value", "done", "text", "Dealt with", "checked", dec && !strcmp(dec, "done"),
                              "value", "reject", "text", "Not needed", "checked", dec && !strcmp(dec, "reject"));
        o = json_pack("{s:s, s:s, s:{s:{s:s, s:s}}, s:o, s:o*}", "idPrefix", "decision", "name", "decision", "fieldset", "legend", "text",
                      "Decision", "classes", "govuk-fieldset__legend--m", "items", items, "errorMessage", form_error_message(fe, "decision"));
        govuk_radios(&b, o);
        json_decref(o);
        if (conflict) {
            o = json_pack("{s:s, s:s, s:[{s:s, s:s}], s:o*}", "idPrefix", "confirm_current", "name", "confirm_current", "items", "value", "1",
                          "text", "I have checked this change against the current version", "errorMessage",
                          form_error_message(fe, "confirm_current"));
            govuk_checkboxes(&b, o);
            json_decref(o);
        }
        o = json_pack("{s:s, s:s, s:s, s:{s:s}, s:{s:s}, s:o*}", "id", "note", "name", "note", "value", req_form(rq, "note") ? req_form(rq, "note") : "",
                      "label", "text", edit ? "Reason (needed when you reject it)" : "Note (optional)", "hint", "text",
                      edit ? "The person who proposed the change will see this" : "Kept with the suggestion",
                      "errorMessage", form_error_message(fe, "note"));
        govuk_textarea(&b, o);
        json_decref(o);
        o = json_pack("{s:s}", "text", "Save decision");
        govuk_button(&b, o);
        json_decref(o);
        buf_add(&b, "</form>");
    }
    buf_add(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/directory/manage\">Back to listings</a></p></div></div>");
    page_render_ex(rq, rs, status, "Check a change", buf_str(&b), form_has_errors(fe));
done:
    json_decref(cur);
    json_decref(prop);
    json_decref(base);
    buf_free(&b);
}

void dir_manage_change_get(req *rq, resp *rs)
{
    struct change c;
    form_errors fe = {0};
    int rc = load_change(rq, req_param(rq, "id"), &c), access;
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    if (rc != DB_ROW) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); goto done; }
    access = change_access(rq, &c);
    if (dir_manage_denied(rq, rs, access)) goto done;
    change_page(rq, rs, &c, access, &fe, 200);
done:
    free_change(&c);
    form_errors_free(&fe);
}

void dir_manage_change_post(req *rq, resp *rs)
{
    struct change c;
    form_errors fe = {0};
    int rc = load_change(rq, req_param(rq, "id"), &c), access, changed = 0, edit, in_tx = 0, withdraw;
    const char *decision = req_form(rq, "decision"), *status, *confirm = req_form(rq, "confirm_current");
    char now[21], err[300] = "", *note = NULL;
    long long now_v = 0;
    json_t *prop = NULL;
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    if (rc != DB_ROW) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); goto done; }
    access = change_access(rq, &c);
    if (dir_manage_denied(rq, rs, access)) goto done;
    edit = !strcmp(c.kind, "edit");
    withdraw = edit && decision && !strcmp(decision, "withdraw");
    if (!(access & DIR_APPROVE) && edit && !withdraw) {
        resp_error(rq, rs, 403, "forbidden", "Only the partnership can approve changes.", NULL);
        goto done;
    }
    if (strcmp(c.status, "pending")) { resp_error(rq, rs, 409, "conflict", "This change has already been decided.", NULL); goto done; }
    if (withdraw) { /* the proposing organisation (or an administrator) takes it back: nothing published */
        ids_now_iso(now);
        rc = db_query_text(rq->db, NULL, "UPDATE dir_changes SET status = 'rejected', decided_at = ?, decided_by = ?, decision_note = ? "
                                         "WHERE id = ? AND status = 'pending'", 4, now, rq->user->id, "Withdrawn by the organisation", c.id);
        if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
        audit_log(rq, rs, "update", "directory-change", c.id, "withdrawn");
        resp_redirect(rs, "/directory/manage?done=withdrawn");
        goto done;
    }
    if (!decision || (strcmp(decision, "approve") && strcmp(decision, "reject") && strcmp(decision, "done")) ||
        (!strcmp(decision, "approve") && !edit) || (!strcmp(decision, "done") && edit))
        form_error(&fe, "decision", "Select a decision");
    note = form_text(rq, "note", "the reason", 0, 2000, &fe);
    if (edit && decision && !strcmp(decision, "reject") && !*note) form_error(&fe, "note", "Enter the reason for rejecting the change");
    if (form_has_errors(&fe)) { change_page(rq, rs, &c, access, &fe, 400); goto done; }
    status = !strcmp(decision, "approve") ? "approved" : !strcmp(decision, "done") ? "done" : "rejected";
    ids_now_iso(now);
    if ((rc = db_begin(rq->db)) != DB_OK) { resp_db_error(rq, rs, rc); goto done; }
    in_tx = 1;
    if (!strcmp(decision, "approve")) {
        /* Inside the transaction, with the listing's row locked (SQLite's
         * write lock is already held): an officer's edit published since the
         * page was shown, or committing at this moment, is caught too. */
        if (!c.is_new && c.base_version >= 0) {
            if ((rc = db_query_text(rq->db, NULL, "UPDATE dir_services SET owner_org_id = owner_org_id WHERE id = ?", 1, c.service_id)) < 0) goto dberr;
            if ((rc = current_version(rq->db, c.service_id, &now_v)) < 0) goto dberr;
        }
        if (!c.is_new && c.base_version >= 0 && now_v > c.base_version && !(confirm && !strcmp(confirm, "1"))) {
            db_rollback(rq->db);
            in_tx = 0;
            form_error(&fe, "confirm_current", "The published listing has changed since this edit was started: confirm that you have "
                                               "checked this change against the current version, or reject it");
            change_page(rq, rs, &c, access, &fe, 400);
            goto done;
        }
        prop = c.doc ? json_loads(c.doc, 0, NULL) : NULL;
        rc = prop ? dir_service_put(rq->db, prop, c.is_new && *c.owner_org_id ? c.owner_org_id : NULL, rq->user->id,
                                    c.is_new ? "approved new listing" : "approved change", &changed, err, sizeof err) : DB_ERROR;
        if (rc == DB_EARG) {
            db_rollback(rq->db);
            in_tx = 0;
            resp_error(rq, rs, 400, "invalid", err, NULL);
            goto done;
        }
        if (rc < 0) goto dberr;
    }
    rc = db_query_text(rq->db, NULL, "UPDATE dir_changes SET status = ?, decided_at = ?, decided_by = ?, decision_note = ? WHERE id = ?", 5,
                       status, now, rq->user->id, *note ? note : NULL, c.id);
    if (rc < 0) goto dberr;
    rc = db_commit(rq->db);
    in_tx = 0;
    if (rc < 0) goto dberr;
    if (c.is_new && !strcmp(status, "approved")) audit_log(rq, rs, "create", "directory-service", c.service_id, "approved new listing");
    audit_log(rq, rs, "update", "directory-change", c.id, status);
    resp_redirect(rs, !strcmp(status, "approved") ? "/directory/manage?done=approved" : !strcmp(status, "done") ? "/directory/manage?done=done" : "/directory/manage?done=rejected");
    goto done;
dberr:
    if (in_tx) db_rollback(rq->db);
    resp_db_error(rq, rs, rc);
done:
    json_decref(prop);
    free(note);
    free_change(&c);
    form_errors_free(&fe);
}
