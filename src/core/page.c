#include "page.h"

#include <stdio.h>
#include <string.h>

#include "html.h"

#define PAGE_MAX_NAV 32
static const struct page_nav_item *g_nav[PAGE_MAX_NAV];
static int g_nnav;

void page_nav_add(const struct page_nav_item *item)
{
    int i;
    if (g_nnav == PAGE_MAX_NAV) return;
    /* Keep the list sorted by order (start-up only: insertion sort is fine). */
    for (i = g_nnav; i > 0 && g_nav[i - 1]->order > item->order; i--) g_nav[i] = g_nav[i - 1];
    g_nav[i] = item;
    g_nnav++;
}

void page_csrf_field(req *rq, buf *b)
{
    rq->csrf_used = 1;
    buf_add(b, "<input type=\"hidden\" name=\"csrf_token\" value=\"");
    html_attr(b, rq->csrf ? rq->csrf : "");
    buf_add(b, "\">");
}

static int nav_current(const req *rq, const char *href)
{
    size_t n = strlen(href);
    if (strcmp(href, "/") == 0) return strcmp(rq->path, "/") == 0;
    return strncmp(rq->path, href, n) == 0 && (rq->path[n] == '\0' || rq->path[n] == '/');
}

static void nav_link(buf *b, const req *rq, const char *href, const char *label)
{
    int cur = nav_current(rq, href);
    buf_printf(b, "<li class=\"govuk-service-navigation__item%s\">",
               cur ? " govuk-service-navigation__item--active" : "");
    buf_add(b, "<a class=\"govuk-service-navigation__link\" href=\"");
    html_attr(b, href);
    buf_printf(b, "\"%s>", cur ? " aria-current=\"page\"" : "");
    if (cur) buf_add(b, "<strong class=\"govuk-service-navigation__active-fallback\">");
    html_txt(b, label);
    if (cur) buf_add(b, "</strong>");
    buf_add(b, "</a></li>");
}

static void navigation(buf *b, req *rq)
{
    int i;
    unsigned role = rq->user ? (unsigned)rq->user->role : 0;
    buf_add(b, "<section aria-label=\"Service information\" class=\"govuk-service-navigation\" "
               "data-module=\"govuk-service-navigation\"><div class=\"govuk-width-container\">"
               "<div class=\"govuk-service-navigation__container\">"
               "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">"
               "<button type=\"button\" class=\"govuk-service-navigation__toggle govuk-js-service-navigation-toggle\" "
               "aria-controls=\"navigation\" hidden>Menu</button>"
               "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">");
    for (i = 0; i < g_nnav; i++) {
        const struct page_nav_item *it = g_nav[i];
        if (it->public_only && rq->user) continue;
        if (!(it->access & ROLE_PUBLIC) && !(it->access & role)) continue;
        nav_link(b, rq, it->href, it->label);
    }
    if (rq->user) {
        buf_add(b, "<li class=\"govuk-service-navigation__item\">"
                   "<form method=\"post\" action=\"/sign-out\" class=\"app-inline-form\">");
        page_csrf_field(rq, b);
        buf_add(b, "<button type=\"submit\" class=\"govuk-service-navigation__link app-link-button\">Sign out</button>"
                   "</form></li>");
    } else {
        nav_link(b, rq, "/sign-in", "Sign in");
    }
    buf_add(b, "</ul></nav></div></div></section>");
}

void page_render_ex(req *rq, resp *rs, int status, const char *title, const char *content_html,
                    int has_errors)
{
    buf *b = &rs->body;
    rs->status = status;
    rs->content_type = "text/html; charset=utf-8";
    buf_reset(b);
    buf_add(b, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n"
               "<meta charset=\"utf-8\">\n<title>");
    if (has_errors) buf_add(b, "Error: ");
    html_txt(b, title);
    buf_add(b, " - sendhub</title>\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n"
               "<meta name=\"theme-color\" content=\"#0b0c0c\">\n"
               "<link rel=\"icon\" href=\"/assets/app/favicon.svg\" type=\"image/svg+xml\">\n"
               "<link rel=\"stylesheet\" href=\"/assets/govuk/govuk-frontend.min.css\">\n"
               "<link rel=\"stylesheet\" href=\"/assets/app/app.css\">\n"
               "</head>\n<body class=\"govuk-template__body\">\n<script nonce=\"");
    buf_add(b, rq->nonce);
    buf_add(b, "\">document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? "
               "' govuk-frontend-supported' : '');</script>\n"
               "<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>\n"
               "<header class=\"govuk-header\" data-module=\"govuk-header\">"
               "<div class=\"govuk-header__container govuk-width-container\"><div class=\"govuk-header__logo\">"
               "<a href=\"/\" class=\"govuk-header__link govuk-header__link--homepage\">"
               "<span class=\"govuk-header__product-name app-header__product-name\">sendhub</span></a></div>");
    if (rq->user) {
        buf_add(b, "<div class=\"govuk-header__content app-header__user\"><span class=\"app-header__user-text\">");
        html_txt(b, rq->user->name);
        buf_add(b, ", ");
        html_txt(b, rq->user->org_name);
        buf_add(b, "</span></div>");
    }
    buf_add(b, "</div></header>\n");
    navigation(b, rq);
    buf_add(b, "\n<div class=\"govuk-width-container\">\n"
               "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
    buf_add(b, content_html);
    buf_add(b, "\n</main>\n</div>\n"
               "<footer class=\"govuk-footer\"><div class=\"govuk-width-container\"><div class=\"govuk-footer__meta\">"
               "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">"
               "<h2 class=\"govuk-visually-hidden\">Support links</h2>"
               "<ul class=\"govuk-footer__inline-list\">"
               "<li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" href=\"/accessibility\">Accessibility statement</a></li>"
               "<li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" href=\"/privacy\">Privacy notice</a></li>"
               "<li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" href=\"/api/v1/openapi.json\">API</a></li>"
               "</ul>"
               "<span class=\"govuk-footer__licence-description\">sendhub is open-source software for local area SEND partnerships. "
               "It is not a GOV.UK service.</span>"
               "</div></div></div></footer>\n<script type=\"module\" nonce=\"");
    buf_add(b, rq->nonce);
    buf_add(b, "\" src=\"/assets/app/app.js\"></script>\n</body>\n</html>\n");
}

void page_render(req *rq, resp *rs, int status, const char *title, const char *content_html)
{
    page_render_ex(rq, rs, status, title, content_html, 0);
}
