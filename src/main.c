/* sendhub: the command line. Every command takes --help. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sodium.h>
#include <unistd.h>

#include "app.h"
#include "core/auth.h"
#include "core/buf.h"
#include "core/cli.h"
#include "core/http.h"
#include "core/ids.h"
#include "core/log.h"
#include "core/migrate.h"
#include "core/site.h"
#include "journeys/journeys.h"
#include "directory/directory.h"
#include "plans/plans.h"

#define SENDHUB_VERSION "0.1.0"

static int cmd_version(int argc, char **argv)
{
    struct cli_flag flags[] = {{NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("sendhub version", argc, argv, flags, pos, 0, &npos);
    if (rc) return rc < 0 ? 2 : 0;
    printf("sendhub %s (schema %d)\n", SENDHUB_VERSION, migrate_latest());
    return 0;
}

/* The static folder: --static, $SENDHUB_STATIC, ./static, or beside the
 * binary (build/sendhub -> static/). */
static void find_static(const char *flag)
{
    char exe[PATH_MAX], cand[PATH_MAX + 32];
    ssize_t n;
    const char *env = getenv("SENDHUB_STATIC");
    if (flag) { site_set_static_dir(flag); return; }
    if (env) { site_set_static_dir(env); return; }
    if (access("static/app/app.css", R_OK) == 0) { site_set_static_dir("static"); return; }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        snprintf(cand, sizeof cand, "%s/../static", exe);
        site_set_static_dir(cand);
    }
}

static int cmd_serve(int argc, char **argv)
{
    struct cli_flag flags[] = {
        {"--db", 1, "database URL: sqlite:PATH (default sqlite:sendhub.db) or postgresql://...", NULL},
        {"--listen", 1, "HOST:PORT to listen on (default 127.0.0.1:8080)", NULL},
        {"--threads", 1, "worker threads (default 4)", NULL},
        {"--static", 1, "folder of static assets (default: static/ beside the binary)", NULL},
        {"--secure-cookies", 0, "mark cookies Secure (behind a TLS proxy)", NULL},
        {"--trust-proxy", 0, "believe X-Forwarded-For and X-Forwarded-Proto", NULL},
        {"--quiet", 0, "no request log lines", NULL},
        {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("sendhub serve [--db URL] [--listen HOST:PORT]", argc, argv, flags, pos, 0, &npos);
    struct http_config cfg;
    db *d;
    const char *threads = cli_flag(flags, "--threads");
    if (rc) return rc < 0 ? 2 : 0;
    memset(&cfg, 0, sizeof cfg);
    cfg.db_url = cli_flag(flags, "--db") ? cli_flag(flags, "--db") : "sqlite:sendhub.db";
    cfg.listen = cli_flag(flags, "--listen") ? cli_flag(flags, "--listen") : "127.0.0.1:8080";
    cfg.secure_cookies = cli_flag(flags, "--secure-cookies") != NULL;
    cfg.trust_proxy = cli_flag(flags, "--trust-proxy") != NULL;
    if (threads) {
        char *end;
        long t = strtol(threads, &end, 10);
        if (*end || t < 1 || t > 256) {
            fprintf(stderr, "sendhub: --threads must be a number from 1 to 256\n");
            return 2;
        }
        cfg.threads = (int)t;
    }
    if (cli_flag(flags, "--quiet")) log_set_requests(0);
    find_static(cli_flag(flags, "--static"));
    /* Apply pending migrations before taking requests. */
    d = cli_open_db(cfg.db_url, 1);
    if (!d) return 1;
    db_close(d);
    app_routes();
    return http_serve(&cfg) == 0 ? 0 : 1;
}

static int cmd_init(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("sendhub init [--db URL]", argc, argv, flags, pos, 0, &npos);
    db *d;
    if (rc) return rc < 0 ? 2 : 0;
    d = cli_open_db(cli_flag(flags, "--db"), 1);
    if (!d) return 1;
    printf("database ready (schema %d)\n", migrate_current(d));
    db_close(d);
    return 0;
}

static int cmd_demo(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("sendhub demo [--db URL]", argc, argv, flags, pos, 0, &npos);
    db *d;
    char *demo = NULL;
    int64_t people = 0;
    if (rc) return rc < 0 ? 2 : 0;
    d = cli_open_db(cli_flag(flags, "--db"), 1);
    if (!d) return 1;
    rc = 1;
    if (db_query_text(d, &demo, "SELECT value FROM settings WHERE name = 'demo'", 0) < 0 ||
        db_query_int64(d, &people, "SELECT COUNT(*) FROM people", 0) < 0) {
        fprintf(stderr, "sendhub: cannot read the database: %s\n", db_errmsg(d));
        goto done;
    }
    if (people > 0 && !demo) {
        fprintf(stderr, "sendhub: this database holds real (non-demo) data; the demo will not touch it\n");
        goto done;
    }
    if (!demo) {
        if (app_demo_load(d) != DB_OK) {
            fprintf(stderr, "sendhub: loading the demo failed: %s\n", db_errmsg(d));
            goto done;
        }
        printf("Demo partnership loaded.\n");
    } else {
        printf("Demo partnership already loaded.\n");
    }
    printf("\nDemo sign-ins (password for all: demo-password-1):\n");
    {
        db_stmt *st = NULL;
        if (db_prepare(d, "SELECT p.email, p.role, o.name FROM people p JOIN organisations o ON o.id = p.organisation_id ORDER BY p.role, p.email", &st) == DB_OK) {
            while (db_step(st) == DB_ROW)
                printf("  %-40s %-32s %s\n", db_col_text(st, 0), auth_role_label(auth_role_bit(db_col_text(st, 1))), db_col_text(st, 2));
        }
        db_finalize(st);
    }
    rc = 0;
done:
    free(demo);
    db_close(d);
    return rc;
}

/* Reads one line (the password) from standard input, without echo left on. */
static char *read_password(void)
{
    char line[1024];
    size_t n;
    if (!fgets(line, sizeof line, stdin)) return NULL;
    n = strcspn(line, "\r\n");
    line[n] = '\0';
    {
        char *p = xstrdup(line);
        sodium_memzero(line, sizeof line);
        return p;
    }
}

static int cmd_user_add(int argc, char **argv)
{
    struct cli_flag flags[] = {
        {"--db", 1, "database URL (default sqlite:sendhub.db)", NULL},
        {"--email", 1, "email address (the sign-in name)", NULL},
        {"--name", 1, "full name", NULL},
        {"--org", 1, "organisation name or id", NULL},
        {"--role", 1, "admin, officer, forum or monitor", NULL},
        {NULL, 0, NULL, NULL}};
    const char *pos[1], *email, *name, *org, *role, *problem;
    char *org_id = NULL, *pw = NULL, hash[256], id[IDS_UUID_LEN], now[21];
    int npos, rc = cli_parse("sendhub user add --email E --name N --org ORG --role ROLE < password", argc, argv, flags, pos, 0, &npos);
    db *d = NULL;
    buf lower = BUF_INIT;
    size_t i;
    if (rc) return rc < 0 ? 2 : 0;
    email = cli_flag(flags, "--email");
    name = cli_flag(flags, "--name");
    org = cli_flag(flags, "--org");
    role = cli_flag(flags, "--role");
    if (!email || !name || !org || !role) {
        fprintf(stderr, "sendhub: user add needs --email, --name, --org and --role\n");
        return 2;
    }
    if (!auth_role_bit(role)) {
        fprintf(stderr, "sendhub: --role must be admin, officer, forum or monitor\n");
        return 2;
    }
    if (!strchr(email, '@') || strlen(email) > 254) {
        fprintf(stderr, "sendhub: --email must be an email address\n");
        return 2;
    }
    rc = 1;
    pw = read_password();
    if (!pw) {
        fprintf(stderr, "sendhub: give the password on standard input\n");
        goto done;
    }
    if ((problem = auth_password_problem(pw))) {
        fprintf(stderr, "sendhub: %s\n", problem);
        goto done;
    }
    d = cli_open_db(cli_flag(flags, "--db"), 1);
    if (!d) goto done;
    if (db_query_text(d, &org_id, "SELECT id FROM organisations WHERE id = ? OR lower(name) = lower(?)", 2, org, org) < 0 || !org_id) {
        fprintf(stderr, "sendhub: no organisation '%s'\n", org);
        goto done;
    }
    for (i = 0; email[i]; i++) buf_addc(&lower, (char)(email[i] >= 'A' && email[i] <= 'Z' ? email[i] + 32 : email[i]));
    if (auth_password_hash(pw, hash, sizeof hash) != 0) {
        fprintf(stderr, "sendhub: cannot hash the password (out of memory?)\n");
        goto done;
    }
    ids_uuid(id);
    ids_now_iso(now);
    if (db_query_text(d, NULL, "INSERT INTO people (id, email, name, organisation_id, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      8, id, buf_str(&lower), name, org_id, role, hash, now, now) < 0) {
        fprintf(stderr, "sendhub: cannot add the user: %s\n", db_errmsg(d));
        goto done;
    }
    printf("added %s (%s)\n", buf_str(&lower), role);
    rc = 0;
done:
    if (pw) {
        sodium_memzero(pw, strlen(pw));
        free(pw);
    }
    free(org_id);
    buf_free(&lower);
    db_close(d);
    return rc;
}

static int cmd_token_create(int argc, char **argv)
{
    struct cli_flag flags[] = {
        {"--db", 1, "database URL (default sqlite:sendhub.db)", NULL},
        {"--email", 1, "the person the token acts as", NULL},
        {"--label", 1, "what the token is for", NULL},
        {NULL, 0, NULL, NULL}};
    const char *pos[1], *email;
    int npos, rc = cli_parse("sendhub token create --email E [--label L]", argc, argv, flags, pos, 0, &npos);
    char *person = NULL, *token = NULL;
    db *d = NULL;
    if (rc) return rc < 0 ? 2 : 0;
    email = cli_flag(flags, "--email");
    if (!email) {
        fprintf(stderr, "sendhub: token create needs --email\n");
        return 2;
    }
    rc = 1;
    d = cli_open_db(cli_flag(flags, "--db"), 1);
    if (!d) goto done;
    if (db_query_text(d, &person, "SELECT id FROM people WHERE email = lower(?) AND active = 1", 1, email) < 0 || !person) {
        fprintf(stderr, "sendhub: no active person with email '%s'\n", email);
        goto done;
    }
    if (auth_token_create(d, person, cli_flag(flags, "--label"), &token, NULL) != DB_OK) {
        fprintf(stderr, "sendhub: cannot create the token: %s\n", db_errmsg(d));
        goto done;
    }
    printf("%s\n", token);
    rc = 0;
done:
    if (token) sodium_memzero(token, strlen(token));
    free(token);
    free(person);
    db_close(d);
    return rc;
}

/* SQLite online backup: a consistent copy while the server keeps running. */
static int cmd_backup(int argc, char **argv)
{
    struct cli_flag flags[] = {
        {"--db", 1, "database URL (sqlite:PATH; for PostgreSQL use pg_dump: see docs/operations.md)", NULL},
        {"--out", 1, "file to write", NULL},
        {NULL, 0, NULL, NULL}};
    const char *pos[1], *url, *out, *path;
    int npos, rc = cli_parse("sendhub backup --db sqlite:PATH --out FILE", argc, argv, flags, pos, 0, &npos);
    sqlite3 *src = NULL, *dst = NULL;
    sqlite3_backup *bk;
    if (rc) return rc < 0 ? 2 : 0;
    url = cli_flag(flags, "--db");
    out = cli_flag(flags, "--out");
    if (!url) url = "sqlite:sendhub.db";
    if (!out) {
        fprintf(stderr, "sendhub: backup needs --out FILE\n");
        return 2;
    }
    if (strncmp(url, "postgres", 8) == 0) {
        fprintf(stderr, "sendhub: back up PostgreSQL with pg_dump (see docs/operations.md)\n");
        return 2;
    }
    path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    rc = 1;
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "sendhub: cannot read %s: %s\n", path, strerror(errno));
        return 1;
    }
    if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_open_v2(out, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        fprintf(stderr, "sendhub: cannot open %s\n", src && sqlite3_errcode(src) == SQLITE_OK ? out : path);
        goto done;
    }
    sqlite3_busy_timeout(src, 5000);
    bk = sqlite3_backup_init(dst, "main", src, "main");
    if (!bk) {
        fprintf(stderr, "sendhub: backup failed: %s\n", sqlite3_errmsg(dst));
        goto done;
    }
    while ((rc = sqlite3_backup_step(bk, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(10);
    sqlite3_backup_finish(bk);
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "sendhub: backup failed: %s\n", sqlite3_errmsg(dst));
        rc = 1;
        goto done;
    }
    printf("backed up %s to %s\n", path, out);
    rc = 0;
done:
    sqlite3_close(src);
    sqlite3_close(dst);
    return rc;
}

static int cmd_help(int argc, char **argv);

static const struct cli_command commands[] = {
    {"serve", NULL, cmd_serve, "run the web server"},
    {"init", NULL, cmd_init, "create or update the database schema"},
    {"demo", NULL, cmd_demo, "load the fictional demo partnership and print its sign-ins"},
    {"user", "add", cmd_user_add, "add a person (password on standard input)"},
    {"token", "create", cmd_token_create, "create an API token for a person"},
    {"backup", NULL, cmd_backup, "copy a SQLite database while it is in use"},
    {"voice", "purge", voice_cli_purge, "delete feedback contact details past the retention period"},
    {"sen2", "import", journeys_cli_sen2_import, "read a SEN2 XML file into the records (all or nothing)"},
    {"sen2", "export", journeys_cli_sen2_export, "write the SEN2 XML return for a collection year"},
    {"sen2", "validate", journeys_cli_sen2_validate, "list SEN2 data-quality problems"},
    {"sen2", "kpis", journeys_cli_sen2_kpis, "DfE EHC plan measures for a calendar year (json or csv)"},
    {"benchmarks", "import", journeys_cli_benchmarks_import, "load the DfE EHC plan statistics CSVs from a folder"},
    {"inspections", "import-ofsted", plans_cli_import_ofsted, "load the Ofsted area SEND inspection statistics CSV (all or nothing)"},
    {"directory", "import", dir_cli_import, "upsert Local Offer services from an ORUK 3.0 feed (JSON pages or ndjson)"},
    {"directory", "import-csv", dir_cli_import_csv, "load Local Offer services from a spreadsheet (CSV, docs/directory.md)"},
    {"directory", "export", dir_cli_export, "write every Local Offer service as ORUK 3.0 ndjson"},
    {"postcodes", "import", dir_cli_postcodes_import, "load postcodes (ONS Postcode Directory CSV or postcode,latitude,longitude)"},
    {"version", NULL, cmd_version, "print the version"},
    {"help", NULL, cmd_help, "this list"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static int cmd_help(int argc, char **argv)
{
    size_t i;
    printf("usage: sendhub COMMAND [options]   (each command takes --help)\n\ncommands:\n");
    for (i = 0; i < NCOMMANDS; i++) {
        char name[48];
        snprintf(name, sizeof name, "%s%s%s", commands[i].name, commands[i].sub ? " " : "", commands[i].sub ? commands[i].sub : "");
        printf("  %-28s %s\n", name, commands[i].summary);
    }
    return 0;
}

int main(int argc, char **argv)
{
    size_t i;
    int known = 0;
    if (ids_init() != 0) {
        fprintf(stderr, "sendhub: cannot initialise libsodium\n");
        return 1;
    }
    if (argc < 2) {
        cmd_help(0, NULL);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) return cmd_help(0, NULL);
    if (strcmp(argv[1], "--version") == 0) return cmd_version(1, argv);
    for (i = 0; i < NCOMMANDS; i++) {
        if (strcmp(commands[i].name, argv[1]) != 0) continue;
        known = 1;
        if (!commands[i].sub) return commands[i].fn(argc - 1, argv + 1);
        if (argc > 2 && strcmp(commands[i].sub, argv[2]) == 0) return commands[i].fn(argc - 2, argv + 2);
    }
    if (known && argc > 2 && strcmp(argv[2], "--help") != 0)
        fprintf(stderr, "sendhub: unknown subcommand '%s %s' (see sendhub help)\n", argv[1], argv[2]);
    else if (known) {
        printf("usage:\n");
        for (i = 0; i < NCOMMANDS; i++)
            if (strcmp(commands[i].name, argv[1]) == 0)
                printf("  sendhub %s %s   %s\n", commands[i].name, commands[i].sub ? commands[i].sub : "", commands[i].summary);
        return argc > 2 ? 0 : 2;
    } else
        fprintf(stderr, "sendhub: unknown command '%s' (see sendhub help)\n", argv[1]);
    return 2;
}
