/* voice common: labels, area scope, purge and the small page pieces the
 * module's files share. */
#include "voice/voice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/govuk.h"
#include "core/html.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/page.h"
#include "voice/ratelimit.h"

const char *const voice_about_codes[] = {"service", "ehc", "school", "health", "social_care", "other", NULL};
const char *const voice_respondent_codes[] = {"parent_carer", "young_person", "other", NULL};
const char *const voice_status_codes[] = {"new", "reviewed", "responded", "actioned", "closed", NULL};
const char *const voice_kind_codes[] = {"event", "workstream", "consultation", "board", NULL};
const char *const voice_ladder_codes[] = {"information", "consultation", "participation", "coproduction", NULL};

static const char *label_of(const char *const *codes, const char *const *labels, const char *code)
{
    size_t i;
    for (i = 0; code && codes[i]; i++)
        if (strcmp(codes[i], code) == 0) return labels[i];
    return "";
}

const char *voice_about_label(const char *code)
{
    static const char *const l[] = {"A named service", "The EHC needs assessment or plan process",
                                    "A school or setting", "A health service", "Social care", "Something else"};
    return label_of(voice_about_codes, l, code);
}

const char *voice_respondent_label(const char *code)
{
    static const char *const l[] = {"Parent or carer", "Young person", "Someone else"};
    return label_of(voice_respondent_codes, l, code);
}

const char *voice_status_label(const char *code)
{
    static const char *const l[] = {"New", "Reviewed", "Responded", "Actioned", "Closed"};
    return label_of(voice_status_codes, l, code);
}

const char *voice_kind_label(const char *code)
{
    static const char *const l[] = {"Event", "Workstream meeting", "Consultation", "Board"};
    return label_of(voice_kind_codes, l, code);
}

const char *voice_ladder_label(const char *code)
{
    static const char *const l[] = {"Information", "Consultation", "Participation", "Co-production"};
    return label_of(voice_ladder_codes, l, code);
}

int voice_table_exists(db *d, const char *name)
{
    int64_t n = 0;
    int rc;
    if (db_kind(d) == DB_SQLITE)
        rc = db_query_int64(d, &n, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?", 1, name);
    else
        rc = db_query_int64(d, &n, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?", 1, name);
    return rc >= 0 && n > 0;
}

const char *voice_scope_org(req *rq)
{
    if (!rq->user || rq->user->role == ROLE_ADMIN) return "";
    return rq->user->org_id ? rq->user->org_id : "-";
}

int voice_user_has_area(req *rq, const char *area_id)
{
    int64_t n = 0;
    if (!rq->user) return 0;
    if (rq->user->role == ROLE_ADMIN) return 1;
    if (!(rq->user->role & (ROLE_OFFICER | ROLE_FORUM)) || !area_id) return 0;
    if (db_query_int64(rq->db, &n, "SELECT COUNT(*) FROM organisation_areas WHERE organisation_id = ? AND area_id = ?", 2,
                       rq->user->org_id, area_id) < 0)
        return 0;
    return n > 0;
}

int voice_retention_days(db *d)
{
    char *v = NULL;
    int days = 365;
    if (db_query_text(d, &v, "SELECT value FROM settings WHERE name = 'voice_contact_retention_days'", 0) == DB_ROW && v) {
        char *end;
        long n = strtol(v, &end, 10);
        if (!*end && n >= 1 && n <= 3650) days = (int)n;
    }
    free(v);
    return days;
}

int voice_purge(db *d, int64_t now, int *purged)
{
    char cutoff[21], at[21];
    db_stmt *st = NULL;
    int rc, n = 0;
    if (purged) *purged = 0;
    date_ts_format(now - (int64_t)voice_retention_days(d) * 86400, cutoff);
    date_ts_format(now, at);
    if ((rc = db_prepare(d, "UPDATE voice_feedback SET contact_name = NULL, contact_email = NULL, contact_phone = NULL, "
                            "contact_deleted_at = ? WHERE created_at < ? AND contact_deleted_at IS NULL "
                            "AND (contact_name IS NOT NULL OR contact_email IS NOT NULL OR contact_phone IS NOT NULL)", &st)) != DB_OK)
        goto done;
    db_bind_text(st, 1, at);
    db_bind_text(st, 2, cutoff);
    if ((rc = db_step(st)) < 0) goto done;
    n = (int)db_changes(st);
    if (n > 0) {
        char detail[64];
        snprintf(detail, sizeof detail, "%d records past retention", n);
        if ((rc = audit_log_db(d, NULL, NULL, "delete", "feedback_contact", NULL, detail)) < 0) goto done;
    }
    if ((rc = voice_rate_prune(d, now)) < 0) goto done;
    if (purged) *purged = n;
    rc = DB_OK;
done:
    db_finalize(st);
    return rc;
}

json_t *voice_area_items(db *d, const char *selected)
{
    json_t *items = json_array();
    db_stmt *st = NULL;
    if (db_prepare(d, "SELECT id, name FROM areas ORDER BY name", &st) == DB_OK) {
        while (db_step(st) == DB_ROW) {
            const char *id = db_col_text(st, 0);
            json_array_append_new(items, json_pack("{s:s, s:s, s:b}", "value", id, "text", db_col_text(st, 1),
                                                   "checked", selected && strcmp(selected, id) == 0));
        }
    }
    db_finalize(st);
    return items;
}

void voice_paragraphs(buf *b, const char *text)
{
    const char *p = text ? text : "", *nl;
    buf_add(b, "<p class=\"govuk-body app-voice-text\">");
    while ((nl = strchr(p, '\n'))) {
        char *line = xstrndup(p, (size_t)(nl - p));
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[l - 1] = '\0';
        html_txt(b, line);
        buf_add(b, "<br>");
        free(line);
        p = nl + 1;
    }
    html_txt(b, p);
    buf_add(b, "</p>");
}

void voice_honeypot(buf *b)
{
    buf_add(b, "<div class=\"govuk-form-group app-voice-hp\" aria-hidden=\"true\">"
               "<label class=\"govuk-label\" for=\"website\">Leave this field empty</label>"
               "<input class=\"govuk-input\" id=\"website\" name=\"website\" type=\"text\" value=\"\" "
               "autocomplete=\"off\" tabindex=\"-1\"></div>");
}

int voice_honeypot_filled(const req *rq)
{
    const char *v = req_form(rq, "website");
    return v && *v;
}

void voice_form_page_end(req *rq, resp *rs, buf *b, const char *button, int status, const char *title, const form_errors *fe)
{
    json_t *o = json_pack("{s:s}", "text", button);
    govuk_button(b, o);
    json_decref(o);
    buf_add(b, "</form></div></div>");
    page_render_ex(rq, rs, status, title, buf_str(b), form_has_errors(fe));
}

int voice_form_yes(const req *rq, const char *name)
{
    const char *v = req_form(rq, name);
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

void voice_redirect_to(resp *rs, const char *prefix, const char *id)
{
    buf loc = BUF_INIT;
    buf_printf(&loc, "%s%s", prefix, id);
    resp_redirect(rs, buf_str(&loc));
    buf_free(&loc);
}

json_t *voice_row(const char *key, const char *value)
{
    return json_pack("{s:{s:s}, s:{s:s}}", "key", "text", key, "value", "text", value ? value : "");
}
