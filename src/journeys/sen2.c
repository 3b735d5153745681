/* sen2: SEN2 element tables, value checks, streaming reader and writer. */
#include "sen2.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>

#include "core/date.h"

static const char *const c_outcome[] = {"Y", "N", "A", "W", "H", NULL};
static const char *const c_source[] = {"1", "2", "3", "4", "5", NULL};
static const char *const c_flag[] = {"0", "1", "Y", "N", NULL};
static const char *const c_sex[] = {"M", "F", "U", "0", "1", "2", "9", NULL};
static const char *const c_res[] = {"A", "B", NULL};
static const char *const c_sentype[] = {"SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI",
                                        "MSI", "PD", "ASD", "DS", "OTH", NULL};
static const char *const c_rank12[] = {"1", "2", NULL};
static const char *const c_setting[] = {"OLA", "OPA", "EHE", "EYP", "OTH", "NEET", "NIEC", "NIEO", NULL};
static const char *const c_cease[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", NULL};
static const char *const c_upnunknown[] = {"UN1", "UN2", "UN3", "UN5", "UN8", "UN9", "UN10", NULL};

#define F_TEXT(t, c, max) {t, c, SEN2_T_TEXT, NULL, max, 0}
#define F_DATE(t, c) {t, c, SEN2_T_DATE, NULL, 10, 10}
#define F_CODE(t, c, l) {t, c, SEN2_T_CODE, l, 0, 0}
#define F_DIG(t, c, lo, hi) {t, c, SEN2_T_DIGITS, NULL, hi, lo}

static const struct sen2_field f_person[] = {
    F_TEXT("Surname", "surname", 100), F_TEXT("Forename", "forename", 100),
    F_DATE("PersonBirthDate", "birth_date"), F_CODE("Sex", "sex", c_sex),
    F_TEXT("Ethnicity", "ethnicity", 4), F_TEXT("PostCode", "postcode", 8),
    {"UPN", "upn", SEN2_T_UPN, NULL, 13, 13}, F_DIG("UniqueLearnerNumber", "uln", 10, 10),
    F_CODE("UPNunknown", "upn_unknown", c_upnunknown),
};
static const struct sen2_field f_request[] = {
    F_DATE("ReceivedDate", "received_date"), F_CODE("RequestSource", "request_source", c_source),
    F_CODE("RYA", "rya", c_flag), F_DATE("RequestOutcomeDate", "request_outcome_date"),
    F_CODE("RequestOutcome", "request_outcome", c_outcome),
    F_CODE("RequestMediation", "request_mediation", c_flag),
    F_CODE("RequestTribunal", "request_tribunal", c_flag), F_CODE("Exported", "exported", c_flag),
};
static const struct sen2_field f_assessment[] = {
    F_CODE("AssessmentOutcome", "assessment_outcome", c_outcome),
    F_DATE("AssessmentOutcomeDate", "assessment_outcome_date"),
    F_CODE("AssessmentMediation", "assessment_mediation", c_flag),
    F_CODE("AssessmentTribunal", "assessment_tribunal", c_flag),
    F_CODE("OtherMediation", "other_mediation", c_flag), F_CODE("OtherTribunal", "other_tribunal", c_flag),
    F_CODE("Week20", "week20", c_flag),
};
static const struct sen2_field f_plan[] = {
    F_DATE("StartDate", "plan_start_date"), F_CODE("PlanRes", "plan_res", c_res),
    F_CODE("PlanWBP", "plan_wbp", c_flag), F_CODE("PB", "plan_pb", c_flag), F_CODE("OA", "plan_oa", c_flag),
    F_CODE("DP", "plan_dp", c_flag), F_DATE("CeaseDate", "plan_cease_date"),
    F_CODE("CeaseReason", "plan_cease_reason", c_cease),
};
static const struct sen2_field f_plan_detail[] = {
    F_DIG("URN", "urn", 6, 7), F_DIG("UKPRN", "ukprn", 8, 8), F_CODE("SENsetting", "sen_setting", c_setting),
    F_TEXT("SENsettingOther", "sen_setting_other", 100), F_DIG("PlacementRank", "placement_rank", 1, 2),
    F_CODE("SENunitIndicator", "sen_unit_indicator", c_flag),
    F_CODE("ResourcedProvisionIndicator", "resourced_provision_indicator", c_flag),
};
static const struct sen2_field f_active[] = {
    F_DIG("TransferLA", "transfer_la", 3, 3), F_DATE("ReviewMeeting", "review_meeting"),
    F_TEXT("ReviewOutcome", "review_outcome", 16), F_DATE("LastReview", "last_review"),
    F_DATE("ReviewDraft", "review_draft"), F_DATE("PhaseTransferDueDate", "phase_transfer_due_date"),
    F_DATE("PhaseTransferFinalDate", "phase_transfer_final_date"),
};
static const struct sen2_field f_placement[] = {
    F_DIG("URN", "urn", 6, 7), F_DIG("UKPRN", "ukprn", 8, 8), F_CODE("SENsetting", "sen_setting", c_setting),
    F_TEXT("SENsettingOther", "sen_setting_other", 100), F_DIG("PlacementRank", "placement_rank", 1, 2),
    F_DATE("EntryDate", "entry_date"), F_DATE("LeavingDate", "leaving_date"),
    F_CODE("SENunitIndicator", "sen_unit_indicator", c_flag),
    F_CODE("ResourcedProvisionIndicator", "resourced_provision_indicator", c_flag),
    F_CODE("RES", "res", c_res), F_CODE("WBP", "wbp", c_flag),
};
static const struct sen2_field f_need[] = {
    F_CODE("SENtype", "sen_type", c_sentype), F_CODE("SENtypeRank", "sen_type_rank", c_rank12),
};

#define NF(a) (sizeof a / sizeof a[0])
static const struct { const char *tag; const struct sen2_field *f; size_t n; } kinds[SEN2_KIND_COUNT] = {
    {"Person", f_person, NF(f_person)},       {"Requests", f_request, NF(f_request)},
    {"Assessment", f_assessment, NF(f_assessment)}, {"NamedPlan", f_plan, NF(f_plan)},
    {"PlanDetail", f_plan_detail, NF(f_plan_detail)}, {"ActivePlans", f_active, NF(f_active)},
    {"PlacementDetail", f_placement, NF(f_placement)}, {"SENneed", f_need, NF(f_need)},
};

const char *sen2_kind_tag(enum sen2_kind k)
{
    return (unsigned)k < SEN2_KIND_COUNT ? kinds[k].tag : "";
}

const struct sen2_field *sen2_fields(enum sen2_kind k, size_t *n)
{
    if ((unsigned)k >= SEN2_KIND_COUNT) { *n = 0; return NULL; }
    *n = kinds[k].n;
    return kinds[k].f;
}

int sen2_field_index(enum sen2_kind k, const char *tag)
{
    size_t i;
    if ((unsigned)k >= SEN2_KIND_COUNT || !tag) return -1;
    for (i = 0; i < kinds[k].n; i++)
        if (strcmp(kinds[k].f[i].tag, tag) == 0) return (int)i;
    return -1;
}

const char *sen2_check(const struct sen2_field *f, const char *v)
{
    size_t n = strlen(v), i;
    int32_t d;
    if (n == 0) return NULL;     /* empty elements are allowed: "not known" */
    switch (f->type) {
    case SEN2_T_DATE:
        return date_parse(v, &d) == 0 ? NULL : "is not a date in the form YYYY-MM-DD";
    case SEN2_T_CODE:
        for (i = 0; f->codes[i]; i++)
            if (strcmp(f->codes[i], v) == 0) return NULL;
        return "is not one of the SEN2 codes";
    case SEN2_T_DIGITS:
        if (n < f->minlen || n > f->maxlen) return "has the wrong number of digits";
        for (i = 0; i < n; i++)
            if (!isdigit((unsigned char)v[i])) return "must be digits only";
        return NULL;
    case SEN2_T_UPN:
        if (n != 13) return "must be 13 characters";
        if (!isupper((unsigned char)v[0])) return "must start with a capital letter";
        for (i = 1; i < 12; i++)
            if (!isdigit((unsigned char)v[i])) return "must have 11 digits after the letter";
        if (!isdigit((unsigned char)v[12]) && !isupper((unsigned char)v[12])) return "has a bad last character";
        return NULL;
    case SEN2_T_FLAG:
    case SEN2_T_TEXT:
    default:
        if (n > f->maxlen) return "is too long";
        for (i = 0; i < n; i++)
            if ((unsigned char)v[i] < 0x20) return "holds a control character";
        return NULL;
    }
}

void sen2_rec_clear(struct sen2_rec *r)
{
    memset(r->at, 0, sizeof r->at);
    r->used = 0;
}

/* Packs r's present values to the front of s, dropping the space of
 * replaced ones. */
static void rec_pack(struct sen2_rec *r)
{
    struct sen2_rec t;
    size_t i;
    sen2_rec_clear(&t);
    for (i = 0; i < SEN2_MAX_FIELDS; i++)
        if (r->at[i]) sen2_rec_put(&t, i, sen2_val(r, i), strlen(sen2_val(r, i)));
    *r = t;
}

void sen2_rec_put(struct sen2_rec *r, size_t i, const char *value, size_t n)
{
    if (i >= SEN2_MAX_FIELDS) return;
    r->at[i] = 0;
    if (!value) return;
    if (n >= SEN2_VAL_MAX) n = SEN2_VAL_MAX - 1;
    if (r->used + n + 1 > sizeof r->s) rec_pack(r);
    memcpy(r->s + r->used, value, n);
    r->s[r->used + n] = '\0';
    r->at[i] = (unsigned short)(r->used + 1);
    r->used = (unsigned short)(r->used + n + 1);
}

const char *sen2_get(const struct sen2_rec *r, enum sen2_kind k, const char *tag)
{
    int i = sen2_field_index(k, tag);
    return i >= 0 ? sen2_val(r, (size_t)i) : NULL;
}

void sen2_set(struct sen2_rec *r, enum sen2_kind k, const char *tag, const char *value)
{
    int i = sen2_field_index(k, tag);
    if (i >= 0) sen2_rec_put(r, (size_t)i, value, value ? strlen(value) : 0);
}

/* ---- reader ------------------------------------------------------------------ */

enum ctx_kind { C_ROOT, C_MESSAGE, C_HEADER, C_COLLECTION, C_SOURCE, C_PERSONS, C_ELEM, C_FIELD, C_HFIELD };

struct frame {
    enum ctx_kind ck;
    enum sen2_kind kind;      /* C_ELEM / C_FIELD: the element kind */
    struct sen2_rec *rec;     /* C_FIELD: where the value goes */
    int field;
    char *hval;               /* C_HFIELD: header target */
    size_t hcap;
    size_t len;
};

#define MAX_DEPTH 16

struct rd {
    xmlParserCtxtPtr ctxt;
    int stopped;              /* a callback failed: the parse is being stopped */
    struct sen2_header *h;
    struct sen2_person *p;
    struct sen2_request *cur;
    struct frame st[MAX_DEPTH];
    int depth;
    size_t count;
    sen2_person_fn fn;
    void *ctx;
    void (*progress)(size_t);
    char *err;
    size_t errlen;
    /* The reader's interned tag of each field, once seen: most tags are
     * then found by comparing pointers. */
    const char *names[SEN2_KIND_COUNT][SEN2_MAX_FIELDS];
};

/* Field index of tag `name` (interned by the reader) in kind k, or -1. */
static int field_of(struct rd *s, enum sen2_kind k, const char *name)
{
    size_t i;
    int fi;
    for (i = 0; i < SEN2_MAX_FIELDS; i++)
        if (s->names[k][i] == name) return (int)i;
    fi = sen2_field_index(k, name);
    if (fi >= 0) s->names[k][fi] = name;
    return fi;
}

static void fail(struct rd *s, const char *elem, const char *field, const char *why)
{
    const char *upn = s->p ? sen2_get(&s->p->person, SEN2_PERSON, "UPN") : NULL;
    if (s->p && s->depth > 0 && s->st[2].ck == C_PERSONS)
        snprintf(s->err, s->errlen, "person %zu%s%s%s: %s%s%s %s", s->count + 1, upn && *upn ? " (UPN " : "",
                 upn && *upn ? upn : "", upn && *upn ? ")" : "", elem, field ? "/" : "", field ? field : "", why);
    else
        snprintf(s->err, s->errlen, "%s%s%s %s", elem, field ? "/" : "", field ? field : "", why);
}

static void hfield(struct frame *f, struct sen2_header *h, const char *name)
{
    f->ck = C_HFIELD;
    f->hval = NULL;
    f->hcap = 0;
    f->len = 0;
#define H(tag, m) if (strcmp(name, tag) == 0) { f->hval = h->m; f->hcap = sizeof h->m; h->m[0] = '\0'; }
    H("Collection", collection) H("Year", year) H("ReferenceDate", reference_date)
    H("SourceLevel", source_level) H("LEA", lea) H("SoftwareCode", software) H("Release", release)
    H("SerialNo", serial) H("DateTime", datetime)
#undef H
}

/* Opening tag `name` inside the top frame. 0 or -1 (err set). */
static int open_elem(struct rd *s, const char *name, int empty)
{
    struct frame *top = &s->st[s->depth], *nf;
    struct sen2_request *rq = s->cur;
    int rc = -1;
    if (s->depth + 1 >= MAX_DEPTH) { fail(s, name, NULL, "is nested too deeply"); goto done; }
    nf = &s->st[s->depth + 1];
    memset(nf, 0, sizeof *nf);
    switch (top->ck) {
    case C_ROOT:
        if (strcmp(name, "Message") != 0) { fail(s, name, NULL, "is not a SEN2 message (the root must be Message)"); goto done; }
        nf->ck = C_MESSAGE;
        break;
    case C_MESSAGE:
        if (strcmp(name, "Header") == 0) nf->ck = C_HEADER;
        else if (strcmp(name, "Persons") == 0) nf->ck = C_PERSONS;
        else { fail(s, "Message", name, "is not a SEN2 element"); goto done; }
        break;
    case C_HEADER:
        if (strcmp(name, "CollectionDetails") == 0) nf->ck = C_COLLECTION;
        else if (strcmp(name, "Source") == 0) nf->ck = C_SOURCE;
        else { fail(s, "Header", name, "is not a SEN2 element"); goto done; }
        break;
    case C_COLLECTION:
    case C_SOURCE:
        hfield(nf, s->h, name);
        break;
    case C_PERSONS:
        if (strcmp(name, "Person") != 0) { fail(s, "Persons", name, "is not a SEN2 element"); goto done; }
        sen2_rec_clear(&s->p->person);
        s->p->n_requests = 0;
        s->cur = NULL;
        nf->ck = C_ELEM;
        nf->kind = SEN2_PERSON;
        nf->rec = &s->p->person;
        break;
    case C_ELEM: {
        enum sen2_kind child = SEN2_KIND_COUNT;
        int fi = field_of(s, top->kind, name);
        if (fi >= 0) {
            nf->ck = C_FIELD;
            nf->kind = top->kind;
            nf->rec = top->rec;
            nf->field = fi;
            if (top->rec->at[fi]) { fail(s, sen2_kind_tag(top->kind), name, "appears twice"); goto done; }
            /* the value grows at the end of the record's values: no other
             * field of it opens until this one closes */
            top->rec->at[fi] = (unsigned short)(top->rec->used + 1);
            top->rec->s[top->rec->used] = '\0';
            break;
        }
        if (top->kind == SEN2_PERSON && strcmp(name, "Requests") == 0) {
            if (s->p->n_requests >= SEN2_MAX_REQUESTS) { fail(s, "Requests", NULL, "appears more than 16 times"); goto done; }
            s->cur = rq = &s->p->requests[s->p->n_requests++];
            sen2_rec_clear(&rq->req);
            rq->has_assessment = rq->has_plan = rq->has_active = 0;
            rq->n_plan_details = rq->n_placements = rq->n_needs = 0;
            child = SEN2_REQUEST;
            nf->rec = &rq->req;
        } else if (top->kind == SEN2_REQUEST && strcmp(name, "Assessment") == 0) {
            if (rq->has_assessment) { fail(s, "Assessment", NULL, "appears twice in one request"); goto done; }
            rq->has_assessment = 1;
            sen2_rec_clear(&rq->assessment);
            child = SEN2_ASSESSMENT;
            nf->rec = &rq->assessment;
        } else if (top->kind == SEN2_ASSESSMENT && strcmp(name, "NamedPlan") == 0) {
            if (rq->has_plan) { fail(s, "NamedPlan", NULL, "appears twice in one assessment"); goto done; }
            rq->has_plan = 1;
            sen2_rec_clear(&rq->plan);
            child = SEN2_NAMED_PLAN;
            nf->rec = &rq->plan;
        } else if (top->kind == SEN2_NAMED_PLAN && strcmp(name, "PlanDetail") == 0) {
            if (rq->n_plan_details >= SEN2_MAX_PLAN_DETAILS) { fail(s, "PlanDetail", NULL, "appears more than twice"); goto done; }
            nf->rec = &rq->plan_details[rq->n_plan_details++];
            sen2_rec_clear(nf->rec);
            child = SEN2_PLAN_DETAIL;
        } else if (top->kind == SEN2_REQUEST && strcmp(name, "ActivePlans") == 0) {
            if (rq->has_active) { fail(s, "ActivePlans", NULL, "appears twice in one request"); goto done; }
            rq->has_active = 1;
            sen2_rec_clear(&rq->active);
            child = SEN2_ACTIVE_PLANS;
            nf->rec = &rq->active;
        } else if (top->kind == SEN2_ACTIVE_PLANS && strcmp(name, "PlacementDetail") == 0) {
            if (rq->n_placements >= SEN2_MAX_PLACEMENTS) { fail(s, "PlacementDetail", NULL, "appears more than 16 times"); goto done; }
            nf->rec = &rq->placements[rq->n_placements++];
            sen2_rec_clear(nf->rec);
            child = SEN2_PLACEMENT_DETAIL;
        } else if (top->kind == SEN2_ACTIVE_PLANS && strcmp(name, "SENneed") == 0) {
            if (rq->n_needs >= SEN2_MAX_NEEDS) { fail(s, "SENneed", NULL, "appears more than twice"); goto done; }
            nf->rec = &rq->needs[rq->n_needs++];
            sen2_rec_clear(nf->rec);
            child = SEN2_SEN_NEED;
        } else {
            fail(s, sen2_kind_tag(top->kind), name, "is not a SEN2 element here");
            goto done;
        }
        nf->ck = C_ELEM;
        nf->kind = child;
        break;
    }
    case C_FIELD:
    case C_HFIELD:
    default:
        fail(s, name, NULL, "is inside a value");
        goto done;
    }
    s->depth++;
    (void)empty;             /* <X/> is closed by the caller at once (its value stays "") */
    rc = 0;
done:
    return rc;
}

/* Character data t (n bytes, not NUL-terminated; it may come in pieces). */
static int text(struct rd *s, const char *t, size_t n)
{
    struct frame *f = &s->st[s->depth];
    int rc = -1;
    if (f->ck == C_FIELD) {
        char *v = f->rec->s + f->rec->at[f->field] - 1;
        if (f->len + n >= SEN2_VAL_MAX) {
            size_t nf;
            fail(s, sen2_kind_tag(f->kind), sen2_fields(f->kind, &nf)[f->field].tag, "is too long");
            goto done;
        }
        memcpy(v + f->len, t, n);
        f->len += n;
        v[f->len] = '\0';
    } else if (f->ck == C_HFIELD) {
        if (f->hval && f->len + n < f->hcap) {
            memcpy(f->hval + f->len, t, n);
            f->len += n;
            f->hval[f->len] = '\0';
        } else if (f->hval) {
            fail(s, "Header", NULL, "holds a value that is too long");
            goto done;
        }
    } else {
        /* Text between elements must be whitespace. */
        size_t i;
        for (i = 0; i < n; i++)
            if (!isspace((unsigned char)t[i])) { fail(s, "Message", NULL, "holds text outside any field"); goto done; }
    }
    rc = 0;
done:
    return rc;
}

static void trim(char *v)
{
    size_t n = strlen(v), i = 0;
    while (n > 0 && isspace((unsigned char)v[n - 1])) v[--n] = '\0';
    while (v[i] && isspace((unsigned char)v[i])) i++;
    if (i) memmove(v, v + i, n - i + 1);
}

/* Closing the top frame: check a field's value; hand a finished person on. */
static int close_elem(struct rd *s)
{
    struct frame *f = &s->st[s->depth];
    int rc = -1;
    size_t nf;
    if (f->ck == C_FIELD) {
        const struct sen2_field *fd = &sen2_fields(f->kind, &nf)[f->field];
        const char *why;
        char *v = f->rec->s + f->rec->at[f->field] - 1;
        trim(v);
        f->rec->used = (unsigned short)(f->rec->at[f->field] + strlen(v));
        if ((why = sen2_check(fd, v))) {
            fail(s, sen2_kind_tag(f->kind), fd->tag, why);
            goto done;
        }
    } else if (f->ck == C_HFIELD && f->hval) {
        trim(f->hval);
    } else if (f->ck == C_ELEM && f->kind == SEN2_PERSON) {
        if (s->p->n_requests == 0) { fail(s, "Person", "Requests", "is missing (at least one is needed)"); goto done; }
        s->err[0] = '\0';
        if (s->fn && s->fn(s->ctx, s->h, s->p, s->count + 1, s->err, s->errlen) != 0) {
            if (!s->err[0]) snprintf(s->err, s->errlen, "person %zu could not be stored", s->count + 1);
            goto done;
        }
        s->count++;
        if (s->progress && s->count % 10000 == 0) s->progress(s->count);
    }
    /* An ActivePlans without a PlacementDetail is read: it is a data-quality
     * problem (sendhub sen2 validate), not a broken file. */
    s->depth--;
    rc = 0;
done:
    return rc;
}

/* SAX2 callbacks (libxml2's own parser, no tree is built): each hands its
 * event to open_elem / text / close_elem and stops the parse on the first
 * problem. */
static void stop(struct rd *s)
{
    s->stopped = 1;
    xmlStopParser(s->ctxt);
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                     const xmlChar **ns, int nattr, int ndef, const xmlChar **attrs)
{
    struct rd *s = ctx;
    (void)prefix; (void)uri; (void)nns; (void)ns; (void)nattr; (void)ndef; (void)attrs;
    if (!s->stopped && open_elem(s, (const char *)name, 0) != 0) stop(s);
}

static void on_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
    struct rd *s = ctx;
    (void)name; (void)prefix; (void)uri;
    if (s->stopped) return;
    if (s->depth <= 0) {
        snprintf(s->err, s->errlen, "unbalanced end tag");
        stop(s);
    } else if (close_elem(s) != 0) {
        stop(s);
    }
}

static void on_text(void *ctx, const xmlChar *t, int n)
{
    struct rd *s = ctx;
    if (!s->stopped && n > 0 && text(s, (const char *)t, (size_t)n) != 0) stop(s);
}

static void refuse(struct rd *s)
{
    if (s->stopped) return;
    snprintf(s->err, s->errlen, "the file has a DOCTYPE or entities, which SEN2 files never have");
    stop(s);
}

static void on_subset(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
    (void)name; (void)eid; (void)sid;
    refuse(ctx);
}

static void on_reference(void *ctx, const xmlChar *name)
{
    (void)name;
    refuse(ctx);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pid, const xmlChar *sid, xmlChar *content)
{
    (void)name; (void)type; (void)pid; (void)sid; (void)content;
    refuse(ctx);
}

static void silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static void silent_s(void *ctx, xmlErrorPtr e) { (void)ctx; (void)e; }

/* Where the bytes come from: a file (read in large blocks) or memory. */
struct src {
    FILE *f;
    const char *mem;
    size_t len, pos;
};

static int src_read(void *ctx, char *out, int len)
{
    struct src *in = ctx;
    size_t n;
    if (in->f) {
        n = fread(out, 1, (size_t)len, in->f);
        return n == 0 && ferror(in->f) ? -1 : (int)n;
    }
    n = in->len - in->pos < (size_t)len ? in->len - in->pos : (size_t)len;
    memcpy(out, in->mem + in->pos, n);
    in->pos += n;
    return (int)n;
}

static int src_close(void *ctx)
{
    (void)ctx;
    return 0;
}

/* libxml2 asks for 4,000 bytes at a time: the file is read a MiB at a time
 * (glibc ignores setvbuf's size unless given the buffer), one system call
 * for 256 of its requests. */
#define READ_BLOCK ((size_t)1 << 20)
#define READ_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT)

static int read_with(struct src *in, sen2_person_fn fn, void *ctx, void (*progress)(size_t),
                     struct sen2_header *h, size_t *npersons, char *err, size_t errlen)
{
    struct rd s;
    xmlSAXHandler sax;
    int rc = -1;
    memset(&s, 0, sizeof s);
    memset(h, 0, sizeof *h);
    s.h = h;
    s.fn = fn;
    s.ctx = ctx;
    s.progress = progress;
    s.err = err;
    s.errlen = errlen;
    err[0] = '\0';
    s.p = xmalloc(sizeof *s.p);
    memset(s.p, 0, sizeof *s.p);
    s.st[0].ck = C_ROOT;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text;
    sax.internalSubset = on_subset;
    sax.externalSubset = on_subset;
    sax.reference = on_reference;
    sax.entityDecl = on_entity_decl;
    sax.warning = silent;
    sax.error = silent;
    sax.fatalError = silent;
    sax.serror = silent_s;
    xmlSetGenericErrorFunc(NULL, silent);
    if (!in->f && !in->mem) { snprintf(err, errlen, "cannot open the file"); goto done; }
    if (!(s.ctxt = xmlCreateIOParserCtxt(&sax, &s, src_read, src_close, in, XML_CHAR_ENCODING_NONE))) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    xmlCtxtUseOptions(s.ctxt, READ_OPTS);
    xmlParseDocument(s.ctxt);
    if (s.stopped) goto done;
    if (!s.ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(s.ctxt);
        snprintf(err, errlen, "the file is not well-formed XML%s%s (after person %zu)", e && e->message ? ": " : "",
                 e && e->message ? e->message : "", s.count);
        trim(err);
        goto done;
    }
    if (s.depth != 0) { snprintf(err, errlen, "the file ends early"); goto done; }
    rc = 0;
done:
    if (npersons) *npersons = s.count;
    if (s.ctxt) {
        if (s.ctxt->myDoc) xmlFreeDoc(s.ctxt->myDoc);
        xmlFreeParserCtxt(s.ctxt);
    }
    free(s.p);
    return rc;
}

int sen2_read_file(const char *path, sen2_person_fn fn, void *ctx, void (*progress)(size_t n),
                   struct sen2_header *h, size_t *npersons, char *err, size_t errlen)
{
    struct src in;
    int rc;
    char *block = xmalloc(READ_BLOCK);
    memset(&in, 0, sizeof in);
    in.f = fopen(path, "rb");
    if (in.f) setvbuf(in.f, block, _IOFBF, READ_BLOCK);
    rc = read_with(&in, fn, ctx, progress, h, npersons, err, errlen);
    if (in.f) fclose(in.f);
    free(block);
    return rc;
}


int sen2_read_memory(const char *data, size_t len, sen2_person_fn fn, void *ctx, struct sen2_header *h,
                     size_t *npersons, char *err, size_t errlen)
{
    struct src in;
    memset(&in, 0, sizeof in);
    in.mem = data ? data : "";
    in.len = data ? len : 0;
    return read_with(&in, fn, ctx, NULL, h, npersons, err, errlen);
}

/* ---- writer -------------------------------------------------------------------- */

static void xml_txt(buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_add(b, "&amp;"); break;
        case '<': buf_add(b, "&lt;"); break;
        case '>': buf_add(b, "&gt;"); break;
        case '"': buf_add(b, "&quot;"); break;
        default: buf_addc(b, *s);
        }
    }
}

static void w_fields(buf *b, const struct sen2_rec *r, enum sen2_kind k, const char *ind)
{
    size_t n, i;
    const struct sen2_field *f = sen2_fields(k, &n);
    for (i = 0; i < n; i++) {
        const char *v = sen2_val(r, i);
        if (!v) continue;
        buf_add(b, ind);
        if (!*v) {
            buf_printf(b, "<%s/>\n", f[i].tag);
            continue;
        }
        buf_printf(b, "<%s>", f[i].tag);
        xml_txt(b, v);
        buf_printf(b, "</%s>\n", f[i].tag);
    }
}

void sen2_write_person(buf *b, const struct sen2_person *p)
{
    size_t i, j;
    buf_add(b, "    <Person>\n");
    w_fields(b, &p->person, SEN2_PERSON, "      ");
    for (i = 0; i < p->n_requests; i++) {
        const struct sen2_request *rq = &p->requests[i];
        buf_add(b, "      <Requests>\n");
        w_fields(b, &rq->req, SEN2_REQUEST, "        ");
        if (rq->has_assessment) {
            buf_add(b, "        <Assessment>\n");
            w_fields(b, &rq->assessment, SEN2_ASSESSMENT, "          ");
            if (rq->has_plan) {
                buf_add(b, "          <NamedPlan>\n");
                w_fields(b, &rq->plan, SEN2_NAMED_PLAN, "            ");
                for (j = 0; j < rq->n_plan_details; j++) {
                    buf_add(b, "            <PlanDetail>\n");
                    w_fields(b, &rq->plan_details[j], SEN2_PLAN_DETAIL, "              ");
                    buf_add(b, "            </PlanDetail>\n");
                }
                buf_add(b, "          </NamedPlan>\n");
            }
            buf_add(b, "        </Assessment>\n");
        }
        if (rq->has_active) {
            buf_add(b, "        <ActivePlans>\n");
            w_fields(b, &rq->active, SEN2_ACTIVE_PLANS, "          ");
            for (j = 0; j < rq->n_placements; j++) {
                buf_add(b, "          <PlacementDetail>\n");
                w_fields(b, &rq->placements[j], SEN2_PLACEMENT_DETAIL, "            ");
                buf_add(b, "          </PlacementDetail>\n");
            }
            for (j = 0; j < rq->n_needs; j++) {
                buf_add(b, "          <SENneed>\n");
                w_fields(b, &rq->needs[j], SEN2_SEN_NEED, "            ");
                buf_add(b, "          </SENneed>\n");
            }
            buf_add(b, "        </ActivePlans>\n");
        }
        buf_add(b, "      </Requests>\n");
    }
    buf_add(b, "    </Person>\n");
}

static void w_h(buf *b, const char *tag, const char *v)
{
    buf_printf(b, "      <%s>", tag);
    xml_txt(b, v);
    buf_printf(b, "</%s>\n", tag);
}

void sen2_write_head(buf *b, const struct sen2_header *h)
{
    buf_add(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n");
    w_h(b, "Collection", h->collection);
    w_h(b, "Year", h->year);
    w_h(b, "ReferenceDate", h->reference_date);
    buf_add(b, "    </CollectionDetails>\n    <Source>\n");
    w_h(b, "SourceLevel", h->source_level);
    w_h(b, "LEA", h->lea);
    w_h(b, "SoftwareCode", h->software);
    w_h(b, "Release", h->release);
    w_h(b, "SerialNo", h->serial);
    w_h(b, "DateTime", h->datetime);
    buf_add(b, "    </Source>\n  </Header>\n  <Persons>\n");
}

void sen2_write_tail(buf *b)
{
    buf_add(b, "  </Persons>\n</Message>\n");
}
