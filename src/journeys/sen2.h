/* sen2: the DfE SEN2 person-level return as data (the element tables), and
 * its streaming XML reader and writer.
 *
 * A SEN2 record is held as it appears in the return: each element's fields
 * are text values (codes and "YYYY-MM-DD" dates), indexed by the position of
 * the tag in that element's field table. The reader validates every value as
 * it reads (libxml2's SAX2 parser fed in blocks, no tree built: constant
 * memory whatever the file size, about xmllint --stream's speed) and hands
 * one whole person at a time to a callback. Nothing here touches the
 * database (see sen2_store.h). */
#ifndef SH_SEN2_H
#define SH_SEN2_H

#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"

#define SEN2_VAL_MAX 128        /* longest value kept, NUL included */
#define SEN2_MAX_FIELDS 12
#define SEN2_MAX_REQUESTS 16
#define SEN2_MAX_PLAN_DETAILS 2
#define SEN2_MAX_PLACEMENTS 16
#define SEN2_MAX_NEEDS 2

enum sen2_kind {
    SEN2_PERSON, SEN2_REQUEST, SEN2_ASSESSMENT, SEN2_NAMED_PLAN, SEN2_PLAN_DETAIL,
    SEN2_ACTIVE_PLANS, SEN2_PLACEMENT_DETAIL, SEN2_SEN_NEED, SEN2_KIND_COUNT
};

enum sen2_type { SEN2_T_TEXT, SEN2_T_DATE, SEN2_T_CODE, SEN2_T_DIGITS, SEN2_T_FLAG, SEN2_T_UPN };

struct sen2_field {
    const char *tag;            /* XML element name */
    const char *col;            /* journeys_* column */
    enum sen2_type type;
    const char *const *codes;   /* SEN2_T_CODE: allowed values, NULL-terminated */
    size_t maxlen;              /* TEXT/DIGITS: longest (DIGITS: exact when minlen == maxlen) */
    size_t minlen;
};

/* The element's tag ("Person", "Requests" ...) and its fields; *n set. Static. */
const char *sen2_kind_tag(enum sen2_kind k);
const struct sen2_field *sen2_fields(enum sen2_kind k, size_t *n);
/* Index of tag in kind's table, or -1. */
int sen2_field_index(enum sen2_kind k, const char *tag);
/* NULL when value is valid for the field, else a short reason (static). */
const char *sen2_check(const struct sen2_field *f, const char *value);

/* One element's values, packed one after another in s: a record's values
 * then share a cache line or two, which is what a national import moves
 * between its reading and storing threads millions of times. Field i is
 * present (possibly empty) when at[i] is non-zero; its value, NUL-
 * terminated, starts at s[at[i] - 1]. Each field holds at most
 * SEN2_VAL_MAX - 1 bytes, so s always has room for every field once. */
struct sen2_rec {
    unsigned short at[SEN2_MAX_FIELDS];
    unsigned short used;                    /* bytes of s taken */
    char s[SEN2_MAX_FIELDS * SEN2_VAL_MAX];
};

/* Field i's value, or NULL when absent. Borrowed from r. */
static inline const char *sen2_val(const struct sen2_rec *r, size_t i)
{
    return r->at[i] ? r->s + r->at[i] - 1 : NULL;
}
/* Empties r (every field absent). */
void sen2_rec_clear(struct sen2_rec *r);
/* Sets field i to the n bytes at value (truncated to SEN2_VAL_MAX - 1);
 * value NULL makes it absent. value must not point into r. */
void sen2_rec_put(struct sen2_rec *r, size_t i, const char *value, size_t n);

struct sen2_request {
    struct sen2_rec req;
    int has_assessment, has_plan, has_active;
    struct sen2_rec assessment, plan, active;
    size_t n_plan_details, n_placements, n_needs;
    struct sen2_rec plan_details[SEN2_MAX_PLAN_DETAILS];
    struct sen2_rec placements[SEN2_MAX_PLACEMENTS];
    struct sen2_rec needs[SEN2_MAX_NEEDS];
};

struct sen2_person {
    struct sen2_rec person;
    size_t n_requests;
    struct sen2_request requests[SEN2_MAX_REQUESTS];
};

/* Value of field `tag` of rec (kind k), or NULL when absent. Borrowed. */
const char *sen2_get(const struct sen2_rec *r, enum sen2_kind k, const char *tag);
/* Sets field `tag` (truncated to SEN2_VAL_MAX - 1). value NULL clears it. */
void sen2_set(struct sen2_rec *r, enum sen2_kind k, const char *tag, const char *value);

struct sen2_header {
    char collection[32], year[16], reference_date[16], source_level[16], lea[16];
    char software[64], release[32], serial[32], datetime[32];
};

/* ---- reading --------------------------------------------------------------- */

/* Called once per person, in file order (position is 1-based). Return 0 to
 * go on, anything else to stop the read (sen2_read_* then returns -1 and
 * err holds what the callback wrote to it, if anything). */
typedef int (*sen2_person_fn)(void *ctx, const struct sen2_header *h, const struct sen2_person *p,
                              size_t position, char *err, size_t errlen);

/* Reads a whole SEN2 file (path) or buffer, validating as it goes. On the
 * first problem returns -1 with err naming the person (by position and UPN,
 * never by name), the element and the field. progress, when not NULL, is
 * called every 10,000 persons with the count. Returns 0 on success and
 * *npersons (may be NULL) gets the count. Any DOCTYPE is refused. */
int sen2_read_file(const char *path, sen2_person_fn fn, void *ctx, void (*progress)(size_t n),
                   struct sen2_header *h, size_t *npersons, char *err, size_t errlen);
int sen2_read_memory(const char *data, size_t len, sen2_person_fn fn, void *ctx,
                     struct sen2_header *h, size_t *npersons, char *err, size_t errlen);

/* ---- writing --------------------------------------------------------------- */

/* Appends the XML of one person to b (fields in table order, present fields
 * only, text escaped). */
void sen2_write_person(buf *b, const struct sen2_person *p);
/* The start of the message up to <Persons>, and the end after it. */
void sen2_write_head(buf *b, const struct sen2_header *h);
void sen2_write_tail(buf *b);

#endif
