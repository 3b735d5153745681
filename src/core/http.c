/* http: the server, on libmicrohttpd.
 *
 * libmicrohttpd runs a pool of worker threads, each with its own epoll loop.
 * A request is handled entirely on the worker that read it, so each worker
 * keeps one database connection of its own (thread-specific, closed when the
 * worker ends) and no lock is taken on the request path.
 *
 * Limits are enforced here, before any module sees the request: header size
 * (MHD's per-connection memory limit answers 431), body size (413, decided
 * from Content-Length before reading, or while reading when it is absent),
 * and slow clients (idle timeout). */
#include "http.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ids.h"
#include "log.h"
#include "metrics.h"
#include "router.h"
#include "utf8.h"

static struct http_config g_cfg;
static pthread_key_t g_db_key;

/* ---- small lists ------------------------------------------------------- */

void kvlist_add(kvlist *l, const char *name, const char *value)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n].name = xstrdup(name ? name : "");
    l->items[l->n].value = xstrdup(value ? value : "");
    l->n++;
}

const char *kvlist_get(const kvlist *l, const char *name)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        if (strcmp(l->items[i].name, name) == 0) return l->items[i].value;
    return NULL;
}

void kvlist_free(kvlist *l)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        free(l->items[i].name);
        free(l->items[i].value);
    }
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

/* ---- request accessors ---------------------------------------------------- */

const char *req_query(const req *rq, const char *name) { return kvlist_get(&rq->query, name); }
const char *req_form(const req *rq, const char *name) { return kvlist_get(&rq->form, name); }
const char *req_header(const req *rq, const char *lower_name) { return kvlist_get(&rq->headers, lower_name); }

const char *req_param(const req *rq, const char *name)
{
    int i;
    for (i = 0; i < rq->nparams; i++)
        if (strcmp(rq->param_names[i], name) == 0) return rq->param_values[i];
    return NULL;
}

const upload *req_upload(const req *rq, const char *field)
{
    size_t i;
    for (i = 0; i < rq->nuploads; i++)
        if (strcmp(rq->uploads[i].field, field) == 0) return &rq->uploads[i];
    return NULL;
}

const char *req_json_str(const req *rq, const char *name)
{
    json_t *v = rq->json && json_is_object(rq->json) ? json_object_get(rq->json, name) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ---- response helpers ---------------------------------------------------- */

void resp_header(resp *rs, const char *name, const char *value)
{
    kvlist_add(&rs->headers, name, value);
}

void resp_json(resp *rs, int status, json_t *body)
{
    char *s = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII);
    rs->status = status;
    rs->content_type = "application/json";
    buf_reset(&rs->body);
    buf_add(&rs->body, s ? s : "{}");
    free(s);
    json_decref(body);
}

void resp_text(resp *rs, int status, const char *content_type, const char *text)
{
    rs->status = status;
    rs->content_type = content_type;
    buf_reset(&rs->body);
    buf_add(&rs->body, text);
}

void resp_redirect(resp *rs, const char *location)
{
    rs->status = 303;
    rs->content_type = "text/plain; charset=utf-8";
    buf_reset(&rs->body);
    resp_header(rs, "Location", location);
}

/* ---- body parsing ------------------------------------------------------------ */

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes one application/x-www-form-urlencoded component. -1 on a broken
 * escape, an embedded NUL or text that is not UTF-8. */
static int http_decode(const char *s, size_t n, buf *out)
{
    size_t i;
    buf_reset(out);
    buf_add(out, "");
    for (i = 0; i < n; i++) {
        if (s[i] == '+') {
            buf_addc(out, ' ');
        } else if (s[i] == '%') {
            int h, l;
            if (i + 2 >= n) return -1;
            h = hexval((unsigned char)s[i + 1]);
            l = hexval((unsigned char)s[i + 2]);
            if (h < 0 || l < 0 || (h == 0 && l == 0)) return -1;
            buf_addc(out, (char)(h * 16 + l));
            i += 2;
        } else {
            buf_addc(out, s[i]);
        }
    }
    return utf8_valid(buf_str(out), out->len) ? 0 : -1;
}

int http_parse_urlencoded(const char *s, size_t n, kvlist *out)
{
    buf name = BUF_INIT, value = BUF_INIT;
    size_t i = 0;
    int rc = 0;
    while (i < n) {
        size_t amp = i, eq;
        while (amp < n && s[amp] != '&') amp++;
        eq = i;
        while (eq < amp && s[eq] != '=') eq++;
        if (amp > i) {
            if (http_decode(s + i, eq - i, &name) != 0 ||
                http_decode(s + (eq < amp ? eq + 1 : amp), eq < amp ? amp - eq - 1 : 0, &value) != 0) {
                rc = -1;
                goto done;
            }
            kvlist_add(out, buf_str(&name), buf_str(&value));
        }
        i = amp + 1;
    }
done:
    buf_free(&name);
    buf_free(&value);
    return rc;
}

/* ---- per-connection state -------------------------------------------------- */

struct conn_ctx {
    buf body;
    int too_big;
    struct timespec start;
    struct MHD_PostProcessor *pp;
    req *rq;
    int bad_multipart;
};

static enum MHD_Result on_post_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *filename, const char *content_type,
                                     const char *transfer_encoding, const char *data,
                                     uint64_t off, size_t size)
{
    struct conn_ctx *cx = cls;
    req *rq = cx->rq;
    size_t i;
    if (!key) return MHD_YES;
    if (filename) {
        upload *u = NULL;
        for (i = 0; i < rq->nuploads; i++)
            if (strcmp(rq->uploads[i].field, key) == 0 && off > 0) u = &rq->uploads[i];
        if (!u) {
            rq->uploads = xrealloc(rq->uploads, (rq->nuploads + 1) * sizeof *rq->uploads);
            u = &rq->uploads[rq->nuploads++];
            memset(u, 0, sizeof *u);
            u->field = xstrdup(key);
            u->filename = xstrdup(filename);
            u->content_type = xstrdup(content_type ? content_type : "application/octet-stream");
        }
        buf_addn(&u->data, data, size);
        if (u->data.s == NULL) buf_add(&u->data, "");
        return MHD_YES;
    }
    /* Text fields may arrive in pieces: append to the last one of that name. */
    if (off > 0 && rq->form.n && strcmp(rq->form.items[rq->form.n - 1].name, key) == 0) {
        kv *last = &rq->form.items[rq->form.n - 1];
        size_t old = strlen(last->value);
        last->value = xrealloc(last->value, old + size + 1);
        memcpy(last->value + old, data, size);
        last->value[old + size] = '\0';
    } else {
        char *v = xstrndup(data, size);
        kvlist_add(&rq->form, key, v);
        free(v);
    }
    if (memchr(data, '\0', size)) cx->bad_multipart = 1;
    return MHD_YES;
}

static enum MHD_Result collect_kv(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    kvlist *l = cls;
    char *lower;
    size_t i;
    if (!key) return MHD_YES;
    if (kind == MHD_HEADER_KIND) {
        lower = xstrdup(key);
        for (i = 0; lower[i]; i++) lower[i] = (char)tolower((unsigned char)lower[i]);
        kvlist_add(l, lower, value ? value : "");
        free(lower);
    } else {
        kvlist_add(l, key, value ? value : "");
    }
    return MHD_YES;
}

/* ---- the thread's database connection ---------------------------------------- */

static void db_key_destroy(void *p)
{
    db_close(p);
}

db *http_thread_db(void)
{
    db *d = pthread_getspecific(g_db_key);
    if (!d) {
        char err[256];
        if (db_open(g_cfg.db_url, &d, err, sizeof err) != DB_OK) {
            log_event("error", "database unavailable");
            return NULL;
        }
        pthread_setspecific(g_db_key, d);
    }
    return d;
}

const struct http_config *http_config_get(void)
{
    return &g_cfg;
}

/* ---- building the request and answering --------------------------------------- */

static void req_free(req *rq)
{
    size_t i;
    int k;
    kvlist_free(&rq->query);
    kvlist_free(&rq->form);
    kvlist_free(&rq->headers);
    kvlist_free(&rq->cookies);
    for (i = 0; i < rq->nuploads; i++) {
        free(rq->uploads[i].field);
        free(rq->uploads[i].filename);
        free(rq->uploads[i].content_type);
        buf_free(&rq->uploads[i].data);
    }
    free(rq->uploads);
    json_decref(rq->json);
    for (k = 0; k < rq->nparams; k++) free(rq->param_values[k]);
    if (rq->user) {
        free(rq->user->id);
        free(rq->user->email);
        free(rq->user->name);
        free(rq->user->org_id);
        free(rq->user->org_name);
        free(rq->user->org_type);
        free(rq->user);
    }
    free(rq->session_id);
    free(rq->csrf);
}

static void client_address(struct MHD_Connection *c, req *rq)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const char *xff = req_header(rq, "x-forwarded-for");
    rq->remote[0] = '\0';
    if (g_cfg.trust_proxy && xff && *xff) {
        size_t n = strcspn(xff, ", ");
        if (n >= sizeof rq->remote) n = sizeof rq->remote - 1;
        memcpy(rq->remote, xff, n);
        rq->remote[n] = '\0';
        return;
    }
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, rq->remote, sizeof rq->remote);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, rq->remote, sizeof rq->remote);
    }
}

static int content_type_is(const char *ct, const char *want)
{
    size_t n = strlen(want);
    return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static void fold_scalar(kvlist *l, const char *key, json_t *v)
{
    char num[64];
    if (json_is_string(v)) {
        kvlist_add(l, key, json_string_value(v));
    } else if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        kvlist_add(l, key, num);
    } else if (json_is_real(v)) {
        snprintf(num, sizeof num, "%.17g", json_real_value(v));
        kvlist_add(l, key, num);
    } else if (json_is_boolean(v)) {
        kvlist_add(l, key, json_is_true(v) ? "true" : "false");
    }
}

/* Folds a JSON object's top-level members into rq->form, so the same
 * validation serves forms and the API (see form.h). */
static void fold_json(req *rq)
{
    const char *key;
    json_t *v;
    size_t i;
    json_t *item;
    if (!json_is_object(rq->json)) return;
    json_object_foreach(rq->json, key, v) {
        if (json_is_array(v)) {
            json_array_foreach(v, i, item) fold_scalar(&rq->form, key, item);
        } else {
            fold_scalar(&rq->form, key, v);
        }
    }
}

/* Parses the body by its content type. Returns 0, or fills rs with a 400. */
static int parse_body(struct MHD_Connection *c, struct conn_ctx *cx, req *rq, resp *rs)
{
    const char *ct = req_header(rq, "content-type");
    rq->body = buf_str(&cx->body);
    rq->body_len = cx->body.len;
    if (cx->body.len == 0) return 0;
    if (content_type_is(ct, "application/x-www-form-urlencoded")) {
        if (http_parse_urlencoded(rq->body, rq->body_len, &rq->form) != 0) {
            resp_error(rq, rs, 400, "bad_form", "The form could not be read: it is not valid form data.", NULL);
            return -1;
        }
    } else if (content_type_is(ct, "multipart/form-data")) {
        cx->rq = rq;
        cx->pp = MHD_create_post_processor(c, 64 * 1024, on_post_field, cx);
        if (!cx->pp || MHD_post_process(cx->pp, rq->body, rq->body_len) != MHD_YES || cx->bad_multipart) {
            resp_error(rq, rs, 400, "bad_form", "The form could not be read: it is not valid multipart data.", NULL);
            return -1;
        }
    } else if (content_type_is(ct, "application/json")) {
        json_error_t je;
        rq->json = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
        if (!rq->json) {
            char msg[256];
            snprintf(msg, sizeof msg, "The request body is not valid JSON (line %d, column %d).", je.line, je.column);
            resp_error(rq, rs, 400, "bad_json", msg, NULL);
            return -1;
        }
        fold_json(rq);
    }
    return 0;
}

static void security_headers(req *rq, resp *rs)
{
    char csp[512];
    snprintf(csp, sizeof csp,
             "default-src 'self'; script-src 'self' 'nonce-%s'; style-src 'self'; img-src 'self' data:; "
             "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
             "base-uri 'none'; object-src 'none'",
             rq->nonce);
    resp_header(rs, "Content-Security-Policy", csp);
    resp_header(rs, "X-Content-Type-Options", "nosniff");
    resp_header(rs, "X-Frame-Options", "DENY");
    resp_header(rs, "Referrer-Policy", "same-origin");
    if (rq->https) resp_header(rs, "Strict-Transport-Security", "max-age=31536000");
    if (!kvlist_get(&rs->headers, "Cache-Control"))
        resp_header(rs, "Cache-Control", rq->user ? "no-store" : "no-cache");
}

static enum MHD_Result answer(struct MHD_Connection *c, req *rq, resp *rs)
{
    struct MHD_Response *r;
    enum MHD_Result ret;
    size_t i, len = rs->body.len;
    char *body = buf_detach(&rs->body);
    r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", rs->content_type ? rs->content_type : "text/plain; charset=utf-8");
    for (i = 0; i < rs->headers.n; i++)
        MHD_add_response_header(r, rs->headers.items[i].name, rs->headers.items[i].value);
    ret = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    return ret;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static enum MHD_Result handle(struct MHD_Connection *c, struct conn_ctx *cx, const char *url,
                              const char *method)
{
    req rq;
    resp rs;
    enum MHD_Result ret;
    double secs;
    memset(&rq, 0, sizeof rq);
    memset(&rs, 0, sizeof rs);
    rs.status = 200;
    rq.method = method;
    rq.path = url;
    ids_random_hex(rq.request_id, 16);
    ids_random_hex(rq.nonce, 16);
    MHD_get_connection_values(c, MHD_HEADER_KIND, collect_kv, &rq.headers);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_kv, &rq.query);
    MHD_get_connection_values(c, MHD_COOKIE_KIND, collect_kv, &rq.cookies);
    client_address(c, &rq);
    /* Machine-read addresses answer errors in JSON. */
    rq.is_api = strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0 ||
                strncmp(url, "/oruk", 5) == 0 || strcmp(url, "/healthz") == 0;
    {
        const char *proto = req_header(&rq, "x-forwarded-proto");
        rq.https = g_cfg.secure_cookies || (g_cfg.trust_proxy && proto && strcmp(proto, "https") == 0);
    }
    if (cx->too_big) {
        resp_error(&rq, &rs, 413, "too_large", "The request is too large.", NULL);
    } else if (!utf8_valid(url, strlen(url))) {
        resp_error(&rq, &rs, 400, "bad_path", "The address is not valid.", NULL);
    } else if (parse_body(c, cx, &rq, &rs) == 0) {
        router_dispatch(&rq, &rs);
    }
    security_headers(&rq, &rs);
    secs = seconds_since(&cx->start);
    metrics_observe(rq.route ? rq.route->pattern : NULL, rs.status, secs);
    log_request(rq.request_id, method, rq.route ? rq.route->pattern : "(none)", rs.status, secs,
                rs.body.len);
    ret = answer(c, &rq, &rs);
    kvlist_free(&rs.headers);
    buf_free(&rs.body);
    req_free(&rq);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    struct conn_ctx *cx = *con_cls;
    if (!cx) {
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        cx = xcalloc(1, sizeof *cx);
        clock_gettime(CLOCK_MONOTONIC, &cx->start);
        *con_cls = cx;
        if (cl && strtoull(cl, NULL, 10) > g_cfg.max_body) {
            cx->too_big = 1;
            /* Answer at once: no point reading a body we will refuse. */
            return handle(c, cx, url, method);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!cx->too_big) {
            if (cx->body.len + *upload_data_size > g_cfg.max_body)
                cx->too_big = 1;
            else
                buf_addn(&cx->body, upload_data, *upload_data_size);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    return handle(c, cx, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct conn_ctx *cx = *con_cls;
    if (!cx) return;
    if (cx->pp) MHD_destroy_post_processor(cx->pp);
    buf_free(&cx->body);
    free(cx);
    *con_cls = NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    log_event("http", msg);
}

static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
    char host[128];
    const char *colon = strrchr(listen, ':');
    char *end;
    long port;
    size_t n;
    memset(sa, 0, sizeof *sa);
    if (!colon) return -1;
    n = (size_t)(colon - listen);
    if (n == 0 || n >= sizeof host) return -1;
    memcpy(host, listen, n);
    host[n] = '\0';
    if (strcmp(host, "localhost") == 0) strcpy(host, "127.0.0.1");
    errno = 0;
    port = strtol(colon + 1, &end, 10);
    if (errno || *end || port < 0 || port > 65535 || end == colon + 1) return -1;
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

int http_serve(const struct http_config *cfg)
{
    struct MHD_Daemon *d = NULL;
    struct sockaddr_in sa;
    sigset_t set;
    int sig = 0, rc = 1;
    g_cfg = *cfg;
    if (!g_cfg.threads) g_cfg.threads = 4;
    if (!g_cfg.max_body) g_cfg.max_body = 10u * 1024u * 1024u;
    if (!g_cfg.timeout_s) g_cfg.timeout_s = 15;
    if (parse_listen(g_cfg.listen, &sa) != 0) {
        fprintf(stderr, "sendhub: --listen must be IPv4-HOST:PORT, got '%s'\n", g_cfg.listen);
        return 2;
    }
    pthread_key_create(&g_db_key, db_key_destroy);
    /* Block the stop signals in every thread; this one waits for them. */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* MHD_USE_ITC lets MHD_quiesce_daemon stop the listener on shutdown; the
     * logger goes first so MHD's own start-up messages reach it too. */
    d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC,
                         0, NULL, NULL, on_request, NULL,
                         MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                         MHD_OPTION_THREAD_POOL_SIZE, (unsigned)g_cfg.threads,
                         MHD_OPTION_CONNECTION_TIMEOUT, g_cfg.timeout_s,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                         MHD_OPTION_CONNECTION_LIMIT, 1000u,
                         MHD_OPTION_PER_IP_CONNECTION_LIMIT, 500u,
                         MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
                         MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "sendhub: cannot listen on %s: %s\n", g_cfg.listen, strerror(errno));
        goto done;
    }
    log_event("start", g_cfg.listen);
    fprintf(stderr, "sendhub: listening on http://%s/\n", g_cfg.listen);
    sigwait(&set, &sig);
    log_event("stop", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    /* Stop accepting, let requests in flight finish, then stop the workers
     * (their database connections are closed by the key destructor). */
    MHD_quiesce_daemon(d);
    MHD_stop_daemon(d);
    rc = 0;
done:
    return rc;
}
