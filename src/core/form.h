/* form: reading and validating submitted fields, and showing what was wrong
 * the GOV.UK way (error summary at the top, a message on each field). */
#ifndef SH_FORM_H
#define SH_FORM_H

#include <jansson.h>

#include "http.h"

typedef struct form_errors {
    kvlist items;        /* name = field id, value = message, in page order */
} form_errors;

void form_errors_free(form_errors *fe);
void form_error(form_errors *fe, const char *field, const char *message);
int form_has_errors(const form_errors *fe);
const char *form_error_for(const form_errors *fe, const char *field);
/* The GOV.UK error summary (nothing when there are no errors). */
void form_error_summary(buf *b, const form_errors *fe);
/* {"text": message} for a component's errorMessage option, or NULL when the
 * field is fine: use with json_pack's "s:o*". New reference. */
json_t *form_error_message(const form_errors *fe, const char *field);
/* Errors as the API shape {"error":{"code":"invalid","message","field"}} for
 * the first error, with every error listed under "errors". */
json_t *form_errors_json(const form_errors *fe);

/* JSON bodies are folded into rq->form by the server (top-level strings,
 * numbers and booleans; arrays of them as repeated fields), so one set of
 * rules validates a form post and an API call alike.
 *
 * A text field, whitespace-trimmed. Records an error "Enter <label>" when required and empty, or
 * "<Label> must be N characters or fewer" when too long. Returns a new
 * string (possibly empty, never NULL); caller frees. */
char *form_text(const req *rq, const char *field, const char *label, int required, size_t maxlen,
                form_errors *fe);
/* One of a fixed set of values (NULL-terminated). Error "Select <label>"
 * when required and missing, or when not one of them. Borrowed or NULL. */
const char *form_choice(const req *rq, const char *field, const char *label, int required,
                        const char *const *allowed, form_errors *fe);
/* A date from day/month/year fields (GOV.UK date input: field-day,
 * field-month, field-year) or from one "YYYY-MM-DD" field (API). Writes
 * "YYYY-MM-DD" into out (11 bytes) or "" when empty and not required.
 * Returns 0, or -1 with an error recorded. */
int form_date(const req *rq, const char *field, const char *label, int required, char out[11],
              form_errors *fe);
/* Every value of a repeated field (checkboxes, or a JSON array), in order:
 * fills out (up to max) and returns how many. Borrowed. */
size_t form_values(const req *rq, const char *field, const char **out, size_t max);

#endif
