/* voice: families' feedback ("Have your say"), its triage, safeguarding,
 * surveys, the co-production log, "You said, we did" and experience
 * measures. The module's entry points for app.c and main.c, and the small
 * helpers its files share. */
#ifndef SH_VOICE_H
#define SH_VOICE_H

#include <jansson.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/db.h"
#include "core/form.h"
#include "core/http.h"

/* Routes and navigation (app.c). */
void voice_routes(void);
/* Fictional demo content (app.c), inside the caller's transaction. */
int voice_demo_load(db *d);
/* `sendhub voice purge [--db URL]` (main.c). */
int voice_cli_purge(int argc, char **argv);

/* Deletes contact details of feedback older than the retention period
 * (settings.voice_contact_retention_days) and stale rate-limit rows.
 * *purged (may be NULL) gets how many feedback records lost their contact
 * details. Audited as "system". Returns DB_OK or an error. */
int voice_purge(db *d, int64_t now, int *purged);
/* The retention period in days (1..3650, default 365). */
int voice_retention_days(db *d);

/* 1 when a table of that name exists in the current database/schema. */
int voice_table_exists(db *d, const char *name);
/* 1 when the signed-in user may triage records of that area: an
 * administrator, or an officer / forum member whose organisation covers it. */
int voice_user_has_area(req *rq, const char *area_id);
/* The organisation whose areas bound the user's view: "" for
 * administrators (every area), else the user's organisation id. Use twice in
 * VOICE_SCOPE_SQL(col). Borrowed. */
const char *voice_scope_org(req *rq);
#define VOICE_SCOPE_SQL(col) "(? = '' OR " col " IN (SELECT area_id FROM organisation_areas WHERE organisation_id = ?))"

/* Labels for stored codes. Static strings; "" when unknown. */
const char *voice_about_label(const char *code);
const char *voice_respondent_label(const char *code);
const char *voice_status_label(const char *code);
const char *voice_kind_label(const char *code);
const char *voice_ladder_label(const char *code);

extern const char *const voice_about_codes[];       /* NULL-terminated */
extern const char *const voice_respondent_codes[];
extern const char *const voice_status_codes[];
extern const char *const voice_kind_codes[];
extern const char *const voice_ladder_codes[];

/* Radio items (new JSON array) for every area, checking selected. */
json_t *voice_area_items(db *d, const char *selected);
/* Appends text with line breaks kept (escaped; each line in the paragraph). */
void voice_paragraphs(buf *b, const char *text);
/* The honeypot field every public form carries. */
void voice_honeypot(buf *b);
/* 1 when the honeypot field came back filled. */
int voice_honeypot_filled(const req *rq);
/*
 * Ends a form page: appends the button (text borrowed), closes the form and
 * the grid column and row it sits in, and renders b as the page, its title
 * marked as having errors when fe has any. b stays the caller's to free.
 */
void voice_form_page_end(req *rq, resp *rs, buf *b, const char *button, int status, const char *title, const form_errors *fe);
/* 1 when the form field name came back as "1" or "true" (a checkbox or API flag). */
int voice_form_yes(const req *rq, const char *name);
/* Writes a 303 redirect to prefix followed by id (both borrowed, copied). */
void voice_redirect_to(resp *rs, const char *prefix, const char *id);
/* A GOV.UK summary list row object for text values (escaped). New reference. */
json_t *voice_row(const char *key, const char *value);

#endif
