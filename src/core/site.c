/* site: the pages and endpoints every sendhub has whatever its modules:
 * home, sign-in and sign-out, health, metrics, static assets, the OpenAPI
 * document, the accessibility statement and privacy notice, and the
 * friendly error pages (resp_error). */
#include "site.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth.h"
#include "form.h"
#include "govuk.h"
#include "html.h"
#include "metrics.h"
#include "openapi.h"
#include "page.h"
#include "router.h"

static char g_static_dir[4096] = "static";

void site_set_static_dir(const char *dir)
{
    snprintf(g_static_dir, sizeof g_static_dir, "%s", dir);
}

/* ---- errors ---------------------------------------------------------------- */

void resp_error(req *rq, resp *rs, int status, const char *code, const char *message,
                const char *field)
{
    buf b = BUF_INIT;
    const char *title = message;
    if (rq->is_api) {
        resp_json(rs, status, json_pack("{s:{s:s, s:s, s:s?}}", "error", "code", code, "message",
                                        message, "field", field));
        return;
    }
    switch (status) {
    case 404:
        title = "Page not found";
        buf_add(&b, "<h1 class=\"govuk-heading-l\">Page not found</h1>"
                    "<p class=\"govuk-body\">If you typed the web address, check it is correct.</p>"
                    "<p class=\"govuk-body\">If you pasted the web address, check you copied the entire address.</p>"
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the home page</a></p>");
        break;
    case 403:
        title = "You cannot do this";
        buf_add(&b, "<h1 class=\"govuk-heading-l\">You cannot do this</h1><p class=\"govuk-body\">");
        html_txt(&b, message);
        buf_add(&b, "</p><p class=\"govuk-body\">If you think you should be able to, ask your sendhub administrator.</p>"
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the home page</a></p>");
        break;
    case 500:
        title = "Sorry, there is a problem with the service";
        buf_add(&b, "<h1 class=\"govuk-heading-l\">Sorry, there is a problem with the service</h1>"
                    "<p class=\"govuk-body\">Try again later.</p>"
                    "<p class=\"govuk-body\">Nothing you entered has been saved.</p>");
        break;
    case 503:
        title = "Sorry, the service is unavailable";
        buf_add(&b, "<h1 class=\"govuk-heading-l\">Sorry, the service is unavailable</h1><p class=\"govuk-body\">");
        html_txt(&b, message);
        buf_add(&b, "</p><p class=\"govuk-body\">Nothing you entered has been saved.</p>");
        break;
    default:
        title = "There is a problem";
        buf_add(&b, "<h1 class=\"govuk-heading-l\">There is a problem</h1><p class=\"govuk-body\">");
        html_txt(&b, message);
        buf_add(&b, "</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to the home page</a></p>");
        break;
    }
    page_render(rq, rs, status, title, buf_str(&b));
    buf_free(&b);
}

void resp_db_error(req *rq, resp *rs, int rc)
{
    metrics_db_error();
    if (rc == DB_EUNAVAILABLE)
        resp_error(rq, rs, 503, "unavailable", "The service is unavailable: its database cannot be reached. Try again in a few minutes.", NULL);
    else if (rc == DB_ECONSTRAINT)
        resp_error(rq, rs, 409, "conflict", "This change conflicts with a record that already exists.", NULL);
    else
        resp_error(rq, rs, 500, "internal", "Sorry, there is a problem with the service.", NULL);
}

/* ---- operations ------------------------------------------------------------- */

static void healthz(req *rq, resp *rs)
{
    if (db_ping(rq->db) == DB_OK)
        resp_json(rs, 200, json_pack("{s:s}", "status", "ok"));
    else
        resp_json(rs, 503, json_pack("{s:s, s:s}", "status", "unavailable", "message", "database not reachable"));
}

static void metrics(req *rq, resp *rs)
{
    rs->status = 200;
    rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
    metrics_render(&rs->body);
}

static void openapi(req *rq, resp *rs)
{
    resp_json(rs, 200, openapi_document());
}

static const char *mime_for(const char *path)
{
    static const struct { const char *ext, *type; } types[] = {
        {".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".svg", "image/svg+xml"},
        {".png", "image/png"}, {".ico", "image/x-icon"}, {".woff2", "font/woff2"},
        {".woff", "font/woff"}, {".json", "application/json"}, {".map", "application/json"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    size_t i;
    for (i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return NULL;
}

/* Files under static/ at /assets/. Only known types, no dot-segments, no
 * hidden files: nothing outside the folder can be named. */
static void assets(req *rq, resp *rs)
{
    const char *rest = req_param(rq, "*"), *type;
    char path[8192];
    struct stat st;
    int fd = -1;
    ssize_t n;
    if (!rest || strstr(rest, "..") || strstr(rest, "/.") || rest[0] == '.' || rest[0] == '/' ||
        !(type = mime_for(rest))) {
        resp_error(rq, rs, 404, "not_found", "Page not found", NULL);
        return;
    }
    snprintf(path, sizeof path, "%s/%s", g_static_dir, rest);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > 16 * 1024 * 1024) {
        if (fd >= 0) close(fd);
        resp_error(rq, rs, 404, "not_found", "Page not found", NULL);
        return;
    }
    buf_reset(&rs->body);
    {
        char chunk[65536];
        while ((n = read(fd, chunk, sizeof chunk)) > 0) buf_addn(&rs->body, chunk, (size_t)n);
    }
    close(fd);
    if (!rs->body.s) buf_add(&rs->body, "");
    rs->status = 200;
    rs->content_type = type;
    resp_header(rs, "Cache-Control", "public, max-age=3600");
}

/* ---- sign in and out ---------------------------------------------------------- */

static int safe_next(const char *next)
{
    /* Only paths on this site: "/x", never "//host" or "/\host". */
    return next && next[0] == '/' && next[1] != '/' && next[1] != '\\' && !strpbrk(next, "\r\n");
}

static void sign_in_form(req *rq, resp *rs, int status, const form_errors *fe, const char *email,
                         const char *problem)
{
    buf b = BUF_INIT;
    json_t *o;
    const char *next = req_form(rq, "next");
    if (!next) next = req_query(rq, "next");
    buf_add(&b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
    form_error_summary(&b, fe);
    if (problem) {
        buf_add(&b, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
                    "<h2 class=\"govuk-error-summary__title\">There is a problem</h2>"
                    "<div class=\"govuk-error-summary__body\"><p class=\"govuk-body\">");
        html_txt(&b, problem);
        buf_add(&b, "</p></div></div></div>");
    }
    buf_add(&b, "<h1 class=\"govuk-heading-l\">Sign in to sendhub</h1>"
                "<p class=\"govuk-body\">For staff of the partnership, school staff and parent carer forum members. "
                "Families do not need an account: you can <a class=\"govuk-link\" href=\"/directory\">find support</a> "
                "and <a class=\"govuk-link\" href=\"/feedback\">have your say</a> without signing in.</p>"
                "<form method=\"post\" action=\"/sign-in\" novalidate>");
    page_csrf_field(rq, &b);
    if (safe_next(next)) {
        buf_add(&b, "<input type=\"hidden\" name=\"next\" value=\"");
        html_attr(&b, next);
        buf_add(&b, "\">");
    }
    o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:{s:s}, s:o*}", "id", "email", "name", "email",
                  "type", "email", "autocomplete", "username", "value", email ? email : "",
                  "spellcheck", 0, "label", "text", "Email address", "errorMessage",
                  form_error_message(fe, "email"));
    govuk_input(&b, o);
    json_decref(o);
    o = json_pack("{s:s, s:s, s:s, s:s, s:{s:s}, s:o*}", "id", "password", "name", "password", "type",
                  "password", "autocomplete", "current-password", "label", "text", "Password",
                  "errorMessage", form_error_message(fe, "password"));
    govuk_input(&b, o);
    json_decref(o);
    o = json_pack("{s:s}", "text", "Sign in");
    govuk_button(&b, o);
    json_decref(o);
    buf_add(&b, "</form></div></div>");
    page_render_ex(rq, rs, status, "Sign in", buf_str(&b), fe->items.n > 0 || problem);
    buf_free(&b);
}

static void sign_in_get(req *rq, resp *rs)
{
    form_errors fe = {0};
    if (rq->user) {
        resp_redirect(rs, "/");
        return;
    }
    sign_in_form(rq, rs, 200, &fe, NULL, NULL);
}

static void sign_in_post(req *rq, resp *rs)
{
    form_errors fe = {0};
    char *email = form_text(rq, "email", "your email address", 1, 254, &fe);
    const char *password = req_form(rq, "password");
    const char *next = req_form(rq, "next");
    if (!password || !*password) form_error(&fe, "password", "Enter your password");
    if (form_has_errors(&fe)) {
        sign_in_form(rq, rs, 400, &fe, email, NULL);
        goto done;
    }
    switch (auth_sign_in(rq, rs, email, password)) {
    case AUTH_OK:
        resp_redirect(rs, safe_next(next) ? next : "/");
        break;
    case AUTH_BAD:
        form_error(&fe, "email", "Enter the email address and password of an active account");
        sign_in_form(rq, rs, 400, &fe, email, NULL);
        break;
    case AUTH_THROTTLED:
        sign_in_form(rq, rs, 429, &fe, email,
                     "There have been too many attempts to sign in. Wait 15 minutes and try again.");
        break;
    default:
        resp_db_error(rq, rs, DB_EUNAVAILABLE);
        break;
    }
done:
    free(email);
    form_errors_free(&fe);
}

static void sign_out(req *rq, resp *rs)
{
    auth_sign_out(rq, rs);
    resp_redirect(rs, "/signed-out");
}

static void signed_out(req *rq, resp *rs)
{
    page_render(rq, rs, 200, "You have signed out",
                "<h1 class=\"govuk-heading-l\">You have signed out</h1>"
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/sign-in\">Sign in again</a></p>");
}

/* ---- home and static pages ------------------------------------------------------ */

static void home(req *rq, resp *rs)
{
    buf b = BUF_INIT;
    int role = rq->user ? rq->user->role : 0;
    buf_add(&b, "<h1 class=\"govuk-heading-xl\">Support for children and young people with SEND</h1>");
    if (!rq->user) {
        buf_add(&b, "<p class=\"govuk-body-l\">sendhub is where the councils, the NHS and the parent carer forums of this "
                    "partnership work together for children and young people aged 0 to 25 with special educational needs "
                    "and disabilities (SEND), and their families.</p>"
                    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">"
                    "<h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/directory?category=support-groups\">Find support groups near you</a></h2>"
                    "<p class=\"govuk-body\">Groups for parents, carers and young people, run locally.</p>"
                    "<h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/directory\">Find services and support</a></h2>"
                    "<p class=\"govuk-body\">The Local Offer: search by postcode, need and age.</p></div>"
                    "<div class=\"govuk-grid-column-one-half\">"
                    "<h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/feedback\">Have your say</a></h2>"
                    "<p class=\"govuk-body\">Tell us how it went: good or bad, it helps us improve.</p>"
                    "<h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/you-said-we-did\">You said, we did</a></h2>"
                    "<p class=\"govuk-body\">What families told us, and what changed.</p>"
                    "<h2 class=\"govuk-heading-m\"><a class=\"govuk-link\" href=\"/improvement\">How we are improving</a></h2>"
                    "<p class=\"govuk-body\">What inspectors found and what the partnership is doing about it.</p></div></div>"
                    "<p class=\"govuk-body\">Staff and forum members: <a class=\"govuk-link\" href=\"/sign-in\">sign in</a>.</p>");
    } else {
        buf_add(&b, "<p class=\"govuk-body-l\">You are signed in as ");
        html_txt(&b, rq->user->name);
        buf_add(&b, " (");
        html_txt(&b, auth_role_label(role));
        buf_add(&b, ", ");
        html_txt(&b, rq->user->org_name);
        buf_add(&b, ").</p><h2 class=\"govuk-heading-m\">What you can do</h2><ul class=\"govuk-list govuk-list--bullet\">");
        /* One line per thing this role can do, each a link to where it is done. */
        if (role == ROLE_ADMIN)
            buf_add(&b, "<li><a class=\"govuk-link\" href=\"/admin\">Manage the partnership</a>: areas, organisations, people, roles and API tokens</li>"
                        "<li><a class=\"govuk-link\" href=\"/admin/audit\">Read the audit log</a> of every change and every view of personal data</li>");
        if (role & ACCESS_STAFF)
            buf_add(&b, "<li><a class=\"govuk-link\" href=\"/journeys\">See the EHC work due from your organisation</a>, on the statutory clock</li>"
                        "<li><a class=\"govuk-link\" href=\"/directory/manage\">Manage your Local Offer listings</a></li>");
        if (role & ACCESS_PARTNERS)
            buf_add(&b, "<li><a class=\"govuk-link\" href=\"/plans\">Work on the improvement plan</a>: actions, progress, measures and reports</li>"
                        "<li><a class=\"govuk-link\" href=\"/voice\">Hear families</a>: feedback, surveys, co-production and &ldquo;You said, we did&rdquo;</li>");
        if (role == ROLE_FORUM || role == ROLE_MONITOR)
            buf_add(&b, "<li><a class=\"govuk-link\" href=\"/journeys/kpis\">See how quickly EHC plans are issued</a>, beside England and the region</li>");
        if (role == ROLE_MONITOR)
            buf_add(&b, "<li><a class=\"govuk-link\" href=\"/reports\">Read published monitoring reports</a> (read-only)</li>");
        buf_add(&b, "<li><a class=\"govuk-link\" href=\"/inspections/national\">Compare area SEND inspections across England</a></li>");
        buf_add(&b, "<li><a class=\"govuk-link\" href=\"/directory\">Search the Local Offer</a></li></ul>");
    }
    page_render(rq, rs, 200, "Home", buf_str(&b));
    buf_free(&b);
}

static void accessibility(req *rq, resp *rs)
{
    page_render(rq, rs, 200, "Accessibility statement",
                "<h1 class=\"govuk-heading-l\">Accessibility statement</h1>"
                "<p class=\"govuk-body\">sendhub is built for everyone, including people who use screen readers, "
                "keyboard navigation, magnification and speech recognition. It follows the GOV.UK Design System and aims "
                "to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA.</p>"
                "<p class=\"govuk-body\">Every page works without JavaScript. Every page is tested automatically with axe-core "
                "for WCAG 2.2 A and AA issues before each release.</p>"
                "<h2 class=\"govuk-heading-m\">Reporting a problem</h2>"
                "<p class=\"govuk-body\">If you find a problem, or need information in another format, "
                "<a class=\"govuk-link\" href=\"/feedback\">tell us using the feedback form</a>.</p>");
}

static void privacy(req *rq, resp *rs)
{
    page_render(rq, rs, 200, "Privacy notice",
                "<h1 class=\"govuk-heading-l\">Privacy notice</h1>"
                "<p class=\"govuk-body\">The councils and NHS bodies of the partnership are joint controllers of the "
                "information held in sendhub. It holds information about children and young people's education, health "
                "and care needs so that they get the support the law gives them (Children and Families Act 2014).</p>"
                "<p class=\"govuk-body\">Only staff who need it can see a child's record, and every view and change is recorded. "
                "Feedback you give can be anonymous; if you give contact details they are used only to reply to you and are "
                "deleted after the retention period.</p>"
                "<p class=\"govuk-body\">sendhub sets two cookies, both essential: one keeps you signed in, one protects forms "
                "from misuse. No tracking or analytics cookies are used.</p>");
}

static const struct route site_routes[] = {
    {"GET", "/", home, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/sign-in", sign_in_get, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/sign-in", sign_in_post, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"POST", "/sign-out", sign_out, ACCESS_ANY_USER, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/signed-out", signed_out, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/accessibility", accessibility, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/privacy", privacy, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/healthz", healthz, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/metrics", metrics, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/assets/*", assets, ACCESS_ALL, NULL, NULL, NULL, NULL, NULL},
    {"GET", "/api/v1/openapi.json", openapi, ACCESS_ALL, "This document", "Meta", NULL, NULL, NULL},
};

static const struct page_nav_item site_nav[] = {
    {"/", "Home", ACCESS_ALL, 0, 0},
};

void site_routes_register(void)
{
    router_add(site_routes, sizeof site_routes / sizeof site_routes[0]);
    page_nav_add(&site_nav[0]);
}
