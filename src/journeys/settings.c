/* settings: organisations' URN and UKPRN (journeys_org_ids). */
#include "journeys/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/form.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/ids.h"
#include "core/page.h"
#include "core/router.h"
#include "core/site.h"
#include "journeys/sen2.h"

static void cell(json_t *row, const char *t)
{
    json_array_append_new(row, json_pack("{s:s}", "text", t && *t ? t : "Not set"));
}

static void settings_page(req *rq, resp *rs)
{
    db_stmt *st = NULL;
    buf b = BUF_INIT, h = BUF_INIT;
    json_t *rows = json_array(), *o;
    int rc = db_prepare(rq->db, "SELECT o.id, o.name, o.type, u.urn, u.ukprn FROM organisations o "
                                "LEFT JOIN journeys_org_ids u ON u.organisation_id = o.id "
                                "WHERE o.type <> 'local_authority' ORDER BY o.name, o.id", &st);
    if (rc != DB_OK) goto fail;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *row = json_array();
        cell(row, db_col_text(st, 1));
        cell(row, db_col_text(st, 3));
        cell(row, db_col_text(st, 4));
        buf_add(&h, "<a class=\"govuk-link\" href=\"/journeys/settings/organisations/");
        html_attr(&h, db_col_text(st, 0));
        buf_add(&h, "\">Change<span class=\"govuk-visually-hidden\"> the identifiers of ");
        html_txt(&h, db_col_text(st, 1));
        buf_add(&h, "</span></a>");
        json_array_append_new(row, json_pack("{s:s}", "html", buf_str(&h)));
        buf_reset(&h);
        json_array_append_new(rows, row);
    }
    if (rc != DB_DONE) goto fail;
    buf_add(&b, "<span class=\"govuk-caption-l\">Journeys settings</span><h1 class=\"govuk-heading-l\">Schools and colleges</h1>"
                "<p class=\"govuk-body\">Give each school its unique reference number (URN) and each college its UKPRN. "
                "A school or college can then open the records of the children and young people whose current placement "
                "it is.</p>");
    o = json_pack("{s:s, s:s, s:[{s:s},{s:s},{s:s},{s:s}], s:o}", "caption", "Organisations and their identifiers", "captionClasses",
                  "govuk-table__caption--m", "head", "text", "Organisation", "text", "URN", "text", "UKPRN", "text", "Action", "rows", rows);
    rows = NULL;
    govuk_table(&b, o);
    json_decref(o);
    page_render(rq, rs, 200, "Schools and colleges", buf_str(&b));
    goto done;
fail:
    resp_db_error(rq, rs, rc < 0 ? rc : DB_ERROR);
done:
    json_decref(rows);
    db_finalize(st);
    buf_free(&b);
    buf_free(&h);
}

/* The organisation in the path: its name into name. DB_ROW / DB_DONE / error. */
static int org_name(req *rq, const char *id, char *name, size_t n)
{
    char *v = NULL;
    int rc;
    name[0] = '\0';
    if (!id || !ids_is_uuid(id)) return DB_DONE;
    rc = db_query_text(rq->db, &v, "SELECT name FROM organisations WHERE id = ? AND type <> 'local_authority'", 1, id);
    if (rc == DB_ROW) snprintf(name, n, "%s", v ? v : "");
    free(v);
    return rc;
}

static void input(buf *b, const char *id, const char *label, const char *hint, const char *value, const form_errors *fe)
{
    json_t *o = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s}, s:s, s:s, s:s, s:o*}", "id", id, "name", id, "label", "text", label, "classes",
                          "govuk-label--s", "hint", "text", hint, "value", value ? value : "", "classes", "govuk-input--width-10",
                          "inputmode", "numeric", "errorMessage", form_error_message(fe, id));
    govuk_input(b, o);
    json_decref(o);
}

static void org_form(req *rq, resp *rs, const char *id, const char *name, const char *urn, const char *ukprn, const form_errors *fe)
{
    buf b = BUF_INIT;
    json_t *o;
    form_errors none = {{0}};
    int bad = fe && form_has_errors(fe);
    if (!fe) fe = &none;
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    o = json_pack("{s:s, s:s}", "text", "Back to schools and colleges", "href", "/journeys/settings");
    govuk_back_link(&b, o);
    json_decref(o);
    if (bad) form_error_summary(&b, fe);
    buf_add(&b, "<span class=\"govuk-caption-l\">");
    html_txt(&b, name);
    buf_add(&b, "</span><h1 class=\"govuk-heading-l\">School identifiers</h1><form method=\"post\" action=\"/journeys/settings/organisations/");
    html_attr(&b, id);
    buf_add(&b, "\" novalidate>");
    page_csrf_field(rq, &b);
    input(&b, "urn", "Unique reference number (URN)", "6 or 7 digits, from Get Information about Schools. Leave empty if it has none.", urn, fe);
    input(&b, "ukprn", "UK provider reference number (UKPRN)", "8 digits, for colleges and training providers. Leave empty if it has none.", ukprn, fe);
    o = json_pack("{s:s}", "text", "Save");
    govuk_button(&b, o);
    json_decref(o);
    buf_add(&b, "</form></div></div>");
    page_render_ex(rq, rs, bad ? 400 : 200, "School identifiers", buf_str(&b), bad);
    buf_free(&b);
}

static void org_get(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    char name[200], *urn = NULL, *ukprn = NULL;
    int rc = org_name(rq, id, name, sizeof name);
    if (rc < 0) { resp_db_error(rq, rs, rc); return; }
    if (rc != DB_ROW) { resp_error(rq, rs, 404, "not_found", "Page not found", NULL); return; }
    db_query_text(rq->db, &urn, "SELECT urn FROM journeys_org_ids WHERE organisation_id = ?", 1, id);
    db_query_text(rq->db, &ukprn, "SELECT ukprn FROM journeys_org_ids WHERE organisation_id = ?", 1, id);
    org_form(rq, rs, id, name, urn, ukprn, NULL);
    free(urn);
    free(ukprn);
}

/* POST (form) and PUT (API): both identifiers, each may be empty. */
static void org_save(req *rq, resp *rs)
{
    const char *id = req_param(rq, "id");
    char name[200], now[21];
    form_errors fe = {{0}};
    size_t nf;
    const struct sen2_field *f = sen2_fields(SEN2_PLACEMENT_DETAIL, &nf);
    char *urn = NULL, *ukprn = NULL;
    int rc = org_name(rq, id, name, sizeof name);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    if (rc != DB_ROW) { resp_error(rq, rs, 404, "not_found", rq->is_api ? "No such organisation" : "Page not found", NULL); goto done; }
    urn = form_text(rq, "urn", "the URN", 0, 7, &fe);
    ukprn = form_text(rq, "ukprn", "the UKPRN", 0, 8, &fe);
    if (urn[0] && sen2_check(&f[sen2_field_index(SEN2_PLACEMENT_DETAIL, "URN")], urn)) form_error(&fe, "urn", "Enter the URN as 6 or 7 digits");
    if (ukprn[0] && sen2_check(&f[sen2_field_index(SEN2_PLACEMENT_DETAIL, "UKPRN")], ukprn))
        form_error(&fe, "ukprn", "Enter the UKPRN as 8 digits");
    if (form_has_errors(&fe)) {
        if (rq->is_api) resp_json(rs, 400, form_errors_json(&fe));
        else org_form(rq, rs, id, name, urn, ukprn, &fe);
        goto done;
    }
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL, "INSERT INTO journeys_org_ids (organisation_id, urn, ukprn, updated_at) VALUES (?, ?, ?, ?) "
                                     "ON CONFLICT (organisation_id) DO UPDATE SET urn = excluded.urn, ukprn = excluded.ukprn, updated_at = excluded.updated_at",
                       4, id, urn[0] ? urn : NULL, ukprn[0] ? ukprn : NULL, now);
    if (rc < 0) { resp_db_error(rq, rs, rc); goto done; }
    audit_log(rq, rs, "update", "organisation-identifiers", id, NULL);
    if (rq->is_api)
        resp_json(rs, 200, json_pack("{s:s, s:o, s:o}", "organisation_id", id, "urn", urn[0] ? json_string(urn) : json_null(), "ukprn",
                                     ukprn[0] ? json_string(ukprn) : json_null()));
    else
        resp_redirect(rs, "/journeys/settings");
done:
    free(urn);
    free(ukprn);
    form_errors_free(&fe);
}

#define IDS_SCHEMA "{\"type\":\"object\",\"properties\":{\"urn\":{\"type\":\"string\",\"pattern\":\"^([0-9]{6,7})?$\"},\"ukprn\":{\"type\":\"string\",\"pattern\":\"^([0-9]{8})?$\"}}}"
#define IDS_OUT "{\"type\":\"object\",\"properties\":{\"organisation_id\":{\"type\":\"string\"},\"urn\":{\"type\":[\"string\",\"null\"]},\"ukprn\":{\"type\":[\"string\",\"null\"]}}}"

static const struct route settings_routes[] = {
    {"GET", "/journeys/settings", settings_page, ROLE_ADMIN, "Schools' and colleges' identifiers", "Journeys", NULL, NULL, NULL},
    {"GET", "/journeys/settings/organisations/{id}", org_get, ROLE_ADMIN, "Change a school's identifiers", "Journeys", NULL, NULL, NULL},
    {"POST", "/journeys/settings/organisations/{id}", org_save, ROLE_ADMIN, "Change a school's identifiers", "Journeys", NULL, NULL, NULL},
    {"PUT", "/api/v1/journeys/organisations/{id}/identifiers", org_save, ROLE_ADMIN,
     "Set an organisation's URN and UKPRN: a school or college is then involved with the children whose current placement it is",
     "Journeys", NULL, IDS_SCHEMA, IDS_OUT},
};

static const struct page_nav_item settings_nav = {"/journeys/settings", "Journeys settings", ROLE_ADMIN, 91, 0};

void journeys_settings_routes(void)
{
    router_add(settings_routes, sizeof settings_routes / sizeof settings_routes[0]);
    page_nav_add(&settings_nav);
}
