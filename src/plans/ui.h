/* ui: small page-building helpers shared by the plans pages: GOV.UK form
 * fields with their errors, dates in words, RAG tags, and labels for the
 * stored codes. Everything escapes its text. */
#ifndef SH_PLANS_UI_H
#define SH_PLANS_UI_H

#include <jansson.h>

#include "core/buf.h"
#include "core/form.h"
#include "plans/rag.h"

/* fe itself when not NULL, else an empty set of errors (read-only). */
const form_errors *plans_ui_fe(const form_errors *fe);

void plans_ui_input(buf *b, const form_errors *fe, const char *id, const char *label, const char *value,
                    const char *hint);
void plans_ui_textarea(buf *b, const form_errors *fe, const char *id, const char *label, const char *value,
                       const char *hint);
/* The same where the element id differs from the field name (several
 * forms on one page); errors are looked up by id. */
void plans_ui_input_named(buf *b, const form_errors *fe, const char *id, const char *name, const char *label,
                          const char *value, const char *hint);
void plans_ui_date_named(buf *b, const form_errors *fe, const void *rq, const char *id, const char *name,
                         const char *legend, const char *value);
/* options: a NULL-terminated list value, text, value, text ... */
void plans_ui_select(buf *b, const form_errors *fe, const char *id, const char *label,
                     const char *const *options, const char *selected);
/* The same with options from rows (value_key, text_key); first option "" when blank_text. */
void plans_ui_select_rows(buf *b, const form_errors *fe, const char *id, const char *label, const json_t *rows,
                          const char *value_key, const char *text_key, const char *selected,
                          const char *blank_text);
void plans_ui_radios(buf *b, const form_errors *fe, const char *id, const char *legend,
                     const char *const *options, const char *selected);
/* checked: values already ticked (array of strings). */
void plans_ui_checkboxes(buf *b, const form_errors *fe, const char *id, const char *legend, const json_t *rows,
                         const char *value_key, const char *text_key, const json_t *checked);
/* A GOV.UK date input (id-day, id-month, id-year) from "YYYY-MM-DD" or the
 * submitted parts. */
void plans_ui_date(buf *b, const form_errors *fe, const void *rq, const char *id, const char *legend,
                   const char *value);
void plans_ui_button(buf *b, const char *text, int secondary);
/* Opens a form page: the two-thirds column, the error summary, the caption
 * (none when NULL), the heading, and a POST form to action with its CSRF
 * field. plans_ui_form_end closes the form and the column. */
void plans_ui_form_start(req *rq, buf *b, const form_errors *fe, const char *caption, const char *heading,
                         const char *action);
void plans_ui_form_end(buf *b);
/*
 * Answers a form's POST after its save (rc: DB_OK or a DB error): a
 * database error, or when fe is clean a redirect to path + id. Returns 1
 * when fe has errors and the caller must show the form again (400).
 */
int plans_ui_after_save(req *rq, resp *rs, int rc, const form_errors *fe, const char *path, const char *id);
/*
 * Reads form field as a number into *out. Adds the error "Enter <label>"
 * when it is missing, and the message bad (borrowed) when it is not a finite
 * number of at most 1e12 in size. 0 when *out was set, else -1.
 */
int plans_ui_form_number(req *rq, const char *field, const char *label, const char *bad, double *out, form_errors *fe);
/* "5 January 2024" for "2024-01-05..." ("" for anything else). */
const char *plans_ui_day(const char *iso, char out[20]);
void plans_ui_tag(buf *b, enum plans_rag r);
/* Label for a stored code among a NULL-terminated value, text list. */
const char *plans_ui_label(const char *const *options, const char *value);

extern const char *const plans_frameworks[];
extern const char *const plans_outcomes[];
extern const char *const plans_finding_kinds[];
extern const char *const plans_responsible[];
extern const char *const plans_plan_kinds[];
extern const char *const plans_statuses[];
extern const char *const plans_coproduction[];

#endif
