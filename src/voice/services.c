/* voice services: feedback about directory services (see services.h). */
#include "voice/services.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/router.h"
#include "core/site.h"
#include "voice/voice.h"

static const char *s(const char *v) { return v ? v : ""; }

void voice_services_select(db *d, buf *b, const form_errors *fe, const char *selected)
{
    db_stmt *st = NULL;
    const char *err = fe ? form_error_for(fe, "service_id") : NULL;
    char *group = NULL;
    if (!voice_table_exists(d, "dir_services")) return;
    if (db_prepare(d, "SELECT s.id, s.name, COALESCE(o.name, 'Other services') FROM dir_services s "
                      "LEFT JOIN dir_organizations o ON o.id = s.organization_id WHERE s.status <> 'defunct' "
                      "ORDER BY COALESCE(o.name, 'Other services'), s.name, s.id LIMIT 2000", &st) != DB_OK)
        goto done;
    buf_add(b, err ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">");
    buf_add(b, "<label class=\"govuk-label\" for=\"service_id\">Which service? (if it is about a named service)</label>"
               "<div id=\"service_id-hint\" class=\"govuk-hint\">Services in our directory, by organisation. "
               "If yours is not listed, leave this and type its name below.</div>");
    if (err) {
        buf_add(b, "<p id=\"service_id-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ");
        html_txt(b, err);
        buf_add(b, "</p>");
    }
    buf_add(b, err ? "<select class=\"govuk-select govuk-select--error\" id=\"service_id\" name=\"service_id\" aria-describedby=\"service_id-hint service_id-error\">"
                   : "<select class=\"govuk-select\" id=\"service_id\" name=\"service_id\" aria-describedby=\"service_id-hint\">");
    buf_add(b, "<option value=\"\">Not listed, or not about a named service</option>");
    while (db_step(st) == DB_ROW) {
        const char *id = s(db_col_text(st, 0)), *g = s(db_col_text(st, 2));
        if (!group || strcmp(group, g) != 0) {
            if (group) buf_add(b, "</optgroup>");
            free(group);
            group = xstrdup(g);
            buf_add(b, "<optgroup label=\"");
            html_attr(b, g);
            buf_add(b, "\">");
        }
        buf_add(b, "<option value=\"");
        html_attr(b, id);
        buf_add(b, selected && strcmp(selected, id) == 0 ? "\" selected>" : "\">");
        html_txt(b, s(db_col_text(st, 1)));
        buf_add(b, "</option>");
    }
    if (group) buf_add(b, "</optgroup>");
    buf_add(b, "</select></div>");
done:
    free(group);
    db_finalize(st);
}

int voice_service_exists(db *d, const char *id, char **name)
{
    char *n = NULL;
    int rc;
    if (name) *name = NULL;
    if (!id || !ids_is_uuid(id) || !voice_table_exists(d, "dir_services")) return 0;
    rc = db_query_text(d, &n, "SELECT name FROM dir_services WHERE id = ?", 1, id);
    if (rc < 0) return rc;
    if (rc != DB_ROW) {
        free(n);
        return 0;
    }
    if (name) *name = n;
    else free(n);
    return 1;
}

/* The low-rated feedback on the caller's services: page (page, per_page),
 * *total gets the count. Each item says whether contact details were shown
 * (the caller triages the area); every record with contact details shown is
 * audited. Returns a new array, or NULL after a DB error (*rcp). */
static json_t *low_rated(req *rq, resp *rs, int page, int per_page, int64_t *total, int *rcp)
{
    const char *org = rq->user->role == ROLE_ADMIN ? "" : s(rq->user->org_id);
    db_stmt *st = NULL;
    json_t *items = json_array();
    int rc;
    char low[4];
    snprintf(low, sizeof low, "%d", VOICE_LOW_RATING);
    *total = 0;
    if (!voice_table_exists(rq->db, "dir_services")) { rc = DB_OK; goto done; }
    if ((rc = db_query_int64(rq->db, total, "SELECT COUNT(*) FROM voice_feedback f JOIN dir_services sv ON sv.id = f.service_id "
                                            "WHERE f.rating <= CAST(? AS INTEGER) AND (? = '' OR sv.owner_org_id = ?)", 3, low, org, org)) < 0)
        goto done;
    if ((rc = db_prepare(rq->db, "SELECT f.id, f.reference, sv.id, sv.name, f.area_id, a.name, f.rating, f.what_happened, f.status, f.created_at, "
                                 "f.contact_name, f.contact_email, f.contact_phone, f.urgent FROM voice_feedback f "
                                 "JOIN dir_services sv ON sv.id = f.service_id JOIN areas a ON a.id = f.area_id "
                                 "WHERE f.rating <= CAST(? AS INTEGER) AND (? = '' OR sv.owner_org_id = ?) "
                                 "ORDER BY f.created_at DESC, f.id LIMIT ? OFFSET ?", &st)) != DB_OK)
        goto done;
    db_bind_text(st, 1, low);
    db_bind_text(st, 2, org);
    db_bind_text(st, 3, org);
    db_bind_int64(st, 4, per_page);
    db_bind_int64(st, 5, (int64_t)(page - 1) * per_page);
    while ((rc = db_step(st)) == DB_ROW) {
        int triager = voice_user_has_area(rq, db_col_text(st, 4));
        int has_contact = db_col_text(st, 10) || db_col_text(st, 11) || db_col_text(st, 12);
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:b, s:b}", "id", s(db_col_text(st, 0)), "reference",
                              s(db_col_text(st, 1)), "service_id", s(db_col_text(st, 2)), "service", s(db_col_text(st, 3)), "area_id",
                              s(db_col_text(st, 4)), "area", s(db_col_text(st, 5)), "rating", (json_int_t)db_col_int64(st, 6),
                              "what_happened", s(db_col_text(st, 7)), "status", s(db_col_text(st, 8)), "created_at", s(db_col_text(st, 9)),
                              "urgent", (int)db_col_int64(st, 13), "triager", triager);
        if (triager && has_contact) {
            json_object_set_new(o, "contact", json_pack("{s:s?, s:s?, s:s?}", "name", db_col_text(st, 10), "email", db_col_text(st, 11),
                                                        "phone", db_col_text(st, 12)));
            audit_log(rq, rs, "view", "feedback", s(db_col_text(st, 0)), "with contact details");
        }
        json_array_append_new(items, o);
    }
    if (rc == DB_DONE) rc = DB_OK;
done:
    db_finalize(st);
    *rcp = rc;
    if (rc < 0) {
        json_decref(items);
        return NULL;
    }
    return items;
}

void voice_my_services_page(req *rq, resp *rs)
{
    buf b = BUF_INIT;
    json_t *items = NULL, *it, *o, *rows;
    int64_t total = 0;
    int rc, page = 1, per_page = 50;
    size_t i;
    if (router_page_params(rq, rs, 50, 200, &page, &per_page) != 0) goto done;
    if (!(items = low_rated(rq, rs, page, per_page, &total, &rc))) {
        resp_db_error(rq, rs, rc);
        goto done;
    }
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Low ratings of your services</h1>"
                "<p class=\"govuk-body\">Feedback from families that rated a service your organisation runs in the directory as ");
    buf_printf(&b, "%d or below (out of 5), newest first. Contact details are shown only to people who triage feedback for that area.</p>",
               VOICE_LOW_RATING);
    if (!json_array_size(items)) {
        buf_add(&b, "<p class=\"govuk-body\">No low-rated feedback about your services.</p>");
    } else {
        rows = json_array();
        json_array_foreach(items, i, it) {
            buf what = BUF_INIT, contact = BUF_INIT, ref = BUF_INIT;
            char rating[24];
            json_t *c = json_object_get(it, "contact");
            snprintf(rating, sizeof rating, "%lld out of 5", (long long)json_integer_value(json_object_get(it, "rating")));
            if (json_is_true(json_object_get(it, "triager"))) {
                buf_add(&ref, "<a class=\"govuk-link\" href=\"/voice/feedback/");
                html_attr(&ref, json_string_value(json_object_get(it, "id")));
                buf_add(&ref, "\">");
                html_txt(&ref, json_string_value(json_object_get(it, "reference")));
                buf_add(&ref, "</a>");
            } else html_txt(&ref, json_string_value(json_object_get(it, "reference")));
            voice_paragraphs(&what, json_string_value(json_object_get(it, "what_happened")));
            if (c) {
                const char *keys[] = {"name", "email", "phone"};
                size_t k;
                for (k = 0; k < 3; k++)
                    if (json_string_value(json_object_get(c, keys[k]))) {
                        if (contact.len) buf_add(&contact, "<br>");
                        html_txt(&contact, json_string_value(json_object_get(c, keys[k])));
                    }
            } else buf_add(&contact, "Not shown");
            json_array_append_new(rows, json_pack("[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}]", "html", buf_str(&ref), "text",
                                                  json_string_value(json_object_get(it, "service")), "text",
                                                  json_string_value(json_object_get(it, "area")), "text", rating, "text",
                                                  voice_status_label(json_string_value(json_object_get(it, "status"))), "text",
                                                  json_string_value(json_object_get(it, "created_at")), "html", buf_str(&what), "html",
                                                  buf_str(&contact)));
            buf_free(&what);
            buf_free(&contact);
            buf_free(&ref);
        }
        o = json_pack("{s:s, s:s, s:[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}], s:o}", "caption", "Low-rated feedback about your services",
                      "captionClasses", "govuk-table__caption--m", "head", "text", "Reference", "text", "Service", "text", "Area", "text",
                      "Rating", "text", "Status", "text", "Received", "text", "What happened", "text", "Contact details", "rows", rows);
        govuk_table(&b, o);
        json_decref(o);
        if (total > (int64_t)page * per_page) {
            buf_printf(&b, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/voice/my-services?page=%d&amp;per_page=%d\">Older feedback</a></p>",
                       page + 1, per_page);
        }
    }
    audit_log(rq, rs, "view", "feedback", NULL, "low ratings of own services");
    page_render(rq, rs, 200, "Low ratings of your services", buf_str(&b));
done:
    json_decref(items);
    buf_free(&b);
}

void voice_my_services_api(req *rq, resp *rs)
{
    json_t *items = NULL;
    int64_t total = 0;
    int rc, page = 1, per_page = 50;
    if (router_page_params(rq, rs, 50, 200, &page, &per_page) != 0) return;
    if (!(items = low_rated(rq, rs, page, per_page, &total, &rc))) {
        resp_db_error(rq, rs, rc);
        return;
    }
    audit_log(rq, rs, "view", "feedback", NULL, "low ratings of own services");
    resp_json(rs, 200, json_pack("{s:o, s:i, s:i, s:I}", "items", items, "page", page, "per_page", per_page, "total", (json_int_t)total));
}
