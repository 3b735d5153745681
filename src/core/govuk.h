/* govuk: GOV.UK Design System component renderers (govuk-frontend 5.14.0).
 *
 * Each renderer takes the same options object as the component's Nunjucks
 * macro (see node_modules/govuk-frontend/dist/govuk/components/NAME/
 * macro-options.json), as a borrowed jansson object, and appends the HTML to
 * b. Build the options with json_pack; NULL opts renders the defaults.
 *
 * Escaping follows the templates: every `text`-like option (text, titleText,
 * label.text, ids, classes, attribute values ...) is escaped with html_txt;
 * every `html`-like option (html, titleHtml, conditional.html ...) is trusted
 * and inserted as it is. Never put user input in an `html` option without
 * escaping it first.
 *
 * `attributes` is an object of name -> value; a value may also be
 * {"value": v, "optional": true}, which drops the attribute when v is null or
 * false and renders a bare boolean attribute when v is true.
 *
 * The output is checked against govuk-frontend's own fixtures by
 * tests/unit/test_govuk.c (see docs/govuk-fixtures.md). It matches them up to
 * whitespace between tags, which browsers ignore.
 */
#ifndef SH_GOVUK_H
#define SH_GOVUK_H

#include <jansson.h>

#include "buf.h"

void govuk_skip_link(buf *b, const json_t *opts);
void govuk_error_message(buf *b, const json_t *opts);
void govuk_hint(buf *b, const json_t *opts);
void govuk_label(buf *b, const json_t *opts);
void govuk_fieldset(buf *b, const json_t *opts);
void govuk_error_summary(buf *b, const json_t *opts);
void govuk_button(buf *b, const json_t *opts);
void govuk_input(buf *b, const json_t *opts);
void govuk_textarea(buf *b, const json_t *opts);
void govuk_select(buf *b, const json_t *opts);
void govuk_radios(buf *b, const json_t *opts);
void govuk_checkboxes(buf *b, const json_t *opts);
void govuk_date_input(buf *b, const json_t *opts);
void govuk_table(buf *b, const json_t *opts);
void govuk_summary_list(buf *b, const json_t *opts);
void govuk_tag(buf *b, const json_t *opts);
void govuk_panel(buf *b, const json_t *opts);
void govuk_inset_text(buf *b, const json_t *opts);
void govuk_warning_text(buf *b, const json_t *opts);
void govuk_details(buf *b, const json_t *opts);
void govuk_back_link(buf *b, const json_t *opts);
void govuk_breadcrumbs(buf *b, const json_t *opts);
void govuk_phase_banner(buf *b, const json_t *opts);
void govuk_notification_banner(buf *b, const json_t *opts);
void govuk_task_list(buf *b, const json_t *opts);
void govuk_pagination(buf *b, const json_t *opts);

/* Renders the component named as in govuk-frontend ("skip-link",
 * "error-message" ...). Returns 0, or -1 (and appends nothing) for a name
 * this module does not implement. Used by the fixture tests. */
int govuk_render(buf *b, const char *component, const json_t *opts);

#endif
