/* page: the GOV.UK page shell around every HTML response, and the small
 * pieces every form needs. Content is built with the govuk_* renderers
 * (govuk.h) and the escaping helpers (html.h). */
#ifndef SH_PAGE_H
#define SH_PAGE_H

#include "http.h"

/* Writes a complete page to rs: template, skip link, generic header (no
 * crown: this is not a gov.uk service) with the navigation for the user's
 * role, sign-out, the content inside <main>, footer. title is plain text
 * (escaped here); content_html is trusted markup built with the helpers.
 * When has_errors is set, the <title> is prefixed "Error: " as GOV.UK asks. */
void page_render(req *rq, resp *rs, int status, const char *title, const char *content_html);
void page_render_ex(req *rq, resp *rs, int status, const char *title, const char *content_html,
                    int has_errors);

/* <input type="hidden" name="csrf_token" value="...">: put inside every
 * <form method="post">. */
void page_csrf_field(req *rq, buf *b);

#endif

#ifndef SH_PAGE_NAV
#define SH_PAGE_NAV
/* Navigation: each module registers its entries (static storage) once at
 * start-up; the shell shows the ones the caller's role may use, by order. */
struct page_nav_item {
    const char *href;
    const char *label;
    unsigned access;     /* enum role bits; ROLE_PUBLIC: everyone */
    int order;
    int public_only;     /* 1: shown only to people not signed in */
};
void page_nav_add(const struct page_nav_item *item);
#endif
