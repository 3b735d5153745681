/* dir_cli: `sendhub directory import|import-csv|export`. See directory.h
 * and docs/directory.md. Imports run in one transaction: a bad row stops
 * the import with a report naming the row and field, and nothing of it is
 * applied. */
#include "directory.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "core/audit.h"
#include "core/buf.h"
#include "core/cli.h"
#include "core/ids.h"
#include "dir_geo.h"
#include "dir_store.h"
#include "dir_taxonomy.h"

struct import_state {
    db *d;
    long rows, changed;
    char where[96];      /* "item 3 (line 3)" */
};

static int put_item(struct import_state *s, const json_t *item)
{
    char err[400] = "";
    int changed = 0, rc;
    s->rows++;
    rc = dir_service_put(s->d, item, NULL, NULL, "import", &changed, err, sizeof err);
    if (rc != DB_OK) {
        fprintf(stderr, "sendhub: directory import: %s: %s\n", s->where, err[0] ? err : db_errmsg(s->d));
        return -1;
    }
    s->changed += changed;
    if (cli_tty() && s->rows % 500 == 0) fprintf(stderr, "\r%ld services...", s->rows);
    return 0;
}

/* A page {"contents": [...]}, an array of pages or of services, or one service. */
static int put_value(struct import_state *s, const json_t *v, long line)
{
    size_t i;
    const json_t *x;
    if (json_is_object(v) && json_is_array(json_object_get(v, "contents"))) {
        json_array_foreach(json_object_get(v, "contents"), i, x) {
            snprintf(s->where, sizeof s->where, "item %ld (contents[%zu]%s%.0ld)", s->rows + 1, i, line ? " on line " : "", line);
            if (put_item(s, x) != 0) return -1;
        }
        return 0;
    }
    if (json_is_array(v)) {
        json_array_foreach(v, i, x) {
            if (json_is_object(x) && json_is_array(json_object_get(x, "contents"))) {
                if (put_value(s, x, line) != 0) return -1;
                continue;
            }
            snprintf(s->where, sizeof s->where, "item %ld ([%zu])", s->rows + 1, i);
            if (put_item(s, x) != 0) return -1;
        }
        return 0;
    }
    if (line) snprintf(s->where, sizeof s->where, "item %ld (line %ld)", s->rows + 1, line);
    else snprintf(s->where, sizeof s->where, "item %ld", s->rows + 1);
    return put_item(s, v);
}

static char *read_all(FILE *f, size_t *len)
{
    buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_addn(&b, chunk, n);
    *len = b.len;
    if (!b.s) buf_add(&b, "");
    return buf_detach(&b);
}

static int open_import(const char *usage, int argc, char **argv, struct cli_flag *flags, FILE **f, db **d)
{
    const char *pos[1];
    int npos, rc = cli_parse(usage, argc, argv, flags, pos, 1, &npos);
    if (rc) return rc < 0 ? 2 : 0;
    if (npos != 1) { fprintf(stderr, "sendhub: %s: name the file to import\n", argv[0]); return 2; }
    if (!strcmp(pos[0], "-")) *f = stdin;
    else if (!(*f = fopen(pos[0], "r"))) { fprintf(stderr, "sendhub: %s: cannot open %s: %s\n", argv[0], pos[0], strerror(errno)); return 1; }
    if (!(*d = cli_open_db(cli_flag(flags, "--db"), 1))) { if (*f != stdin) fclose(*f); *f = NULL; return 1; }
    return -1;   /* go on */
}

int dir_cli_import(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL}, {NULL, 0, NULL, NULL}};
    struct import_state s;
    FILE *f = NULL;
    db *d = NULL;
    char *text = NULL;
    size_t len = 0;
    int status = open_import("sendhub directory import FILE [--db URL]   (ORUK 3.0 JSON pages or ndjson)", argc, argv, flags, &f, &d);
    int began = 0;
    json_error_t je;
    json_t *v = NULL;
    if (status != -1) return status;
    status = 1;
    memset(&s, 0, sizeof s);
    s.d = d;
    text = read_all(f, &len);
    if (db_begin(d) != DB_OK) { fprintf(stderr, "sendhub: directory import: %s\n", db_errmsg(d)); goto done; }
    began = 1;
    if ((v = json_loadb(text, len, 0, &je))) {
        if (put_value(&s, v, 0) != 0) goto done;
    } else {
        /* ndjson: one document per line. */
        char *line = text, *next;
        long lineno = 0;
        for (; line && *line; line = next) {
            json_t *x;
            next = strchr(line, '\n');
            if (next) *next++ = '\0';
            lineno++;
            if (!line[strspn(line, " \t\r")]) continue;
            if (!(x = json_loads(line, 0, &je))) {
                fprintf(stderr, "sendhub: directory import: line %ld: not JSON (%s, column %d)\n", lineno, je.text, je.column);
                goto done;
            }
            if (put_value(&s, x, lineno) != 0) { json_decref(x); goto done; }
            json_decref(x);
        }
    }
    if (s.rows == 0) { fprintf(stderr, "sendhub: directory import: no services in the file\n"); goto done; }
    audit_log_db(d, NULL, "cli", "import", "directory", NULL, NULL);
    if (db_commit(d) != DB_OK) { fprintf(stderr, "sendhub: directory import: %s\n", db_errmsg(d)); goto done; }
    began = 0;
    if (cli_tty() && s.rows >= 500) fprintf(stderr, "\n");
    printf("imported %ld services: %ld changed, %ld unchanged\n", s.rows, s.changed, s.rows - s.changed);
    status = 0;
done:
    if (began) {
        db_rollback(d);
        fprintf(stderr, "sendhub: directory import: nothing was imported\n");
    }
    json_decref(v);
    free(text);
    if (f && f != stdin) fclose(f);
    db_close(d);
    return status;
}

/* ---- CSV ---------------------------------------------------------------------------- */

/* The documented columns (docs/directory.md). */
enum { C_ID, C_NAME, C_ORG, C_DESC, C_STATUS, C_URL, C_EMAIL, C_PHONE, C_MIN, C_MAX, C_COST, C_CATS, C_NEEDS,
       C_LOCNAME, C_ADDR, C_TOWN, C_PC, C_DAYS, C_OPENS, C_CLOSES, C_REVIEWED, C_NCOLS };
static const char *const csv_cols[C_NCOLS] = {"id", "name", "organisation", "description", "status", "website", "email",
                                              "phone", "min_age", "max_age", "cost", "categories", "needs", "venue",
                                              "address", "town", "postcode", "days", "opens", "closes", "reviewed"};

static int csv_int(const char *v, long *out)
{
    char *end;
    if (!*v) return 0;
    *out = strtol(v, &end, 10);
    return *end || *out < 0 || *out > 150 ? -1 : 1;
}

/* Builds the ORUK document of one CSV row; NULL with err filled when a field is wrong. */
static json_t *csv_row(db *d, char **f, int nf, long line, char *err, size_t errlen)
{
    char sid[IDS_UUID_LEN], oid[IDS_UUID_LEN], x[IDS_UUID_LEN], key[160], norm[DIR_POSTCODE_LEN];
    json_t *svc = NULL, *attrs = json_array();
    const char *v[C_NCOLS];
    long mn = -1, mx = -1;
    int k;
    for (k = 0; k < C_NCOLS; k++) v[k] = k < nf ? f[k] : "";
    if (!*v[C_NAME]) { snprintf(err, errlen, "row %ld, column name: enter the service name", line); goto fail; }
    if (!*v[C_ORG]) { snprintf(err, errlen, "row %ld, column organisation: enter the organisation", line); goto fail; }
    if (*v[C_ID] && !ids_is_uuid(v[C_ID])) { snprintf(err, errlen, "row %ld, column id: must be a UUID or empty", line); goto fail; }
    if (*v[C_ID]) snprintf(sid, sizeof sid, "%s", v[C_ID]);
    else ids_uuid_from("dir-csv-service", v[C_NAME], sid);
    ids_uuid_from("dir-organization", v[C_ORG], oid);
    if (csv_int(v[C_MIN], &mn) < 0) { snprintf(err, errlen, "row %ld, column min_age: must be a whole number from 0 to 150", line); goto fail; }
    if (csv_int(v[C_MAX], &mx) < 0) { snprintf(err, errlen, "row %ld, column max_age: must be a whole number from 0 to 150", line); goto fail; }
    svc = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}}", "id", sid, "name", v[C_NAME], "status", *v[C_STATUS] ? v[C_STATUS] : "active",
                    "organization", "id", oid, "name", v[C_ORG], "description", v[C_ORG]);
    if (*v[C_DESC]) json_object_set_new(svc, "description", json_string(v[C_DESC]));
    if (*v[C_URL]) json_object_set_new(svc, "url", json_string(v[C_URL]));
    if (*v[C_EMAIL]) json_object_set_new(svc, "email", json_string(v[C_EMAIL]));
    if (*v[C_REVIEWED]) json_object_set_new(svc, "assured_date", json_string(v[C_REVIEWED]));
    if (mn >= 0) json_object_set_new(svc, "minimum_age", json_integer(mn));
    if (mx >= 0) json_object_set_new(svc, "maximum_age", json_integer(mx));
    if (*v[C_PHONE]) {
        snprintf(key, sizeof key, "%s/contact", sid);
        ids_uuid_from("dir-contact", key, x);
        {
            char pid[IDS_UUID_LEN];
            ids_uuid_from("dir-phone", key, pid);
            json_object_set_new(svc, "contacts", json_pack("[{s:s, s:[{s:s, s:s}]}]", "id", x, "phones", "id", pid, "number", v[C_PHONE]));
        }
    }
    if (*v[C_COST]) {
        char *end;
        double amount = strtod(v[C_COST], &end);
        if (!strcasecmp(v[C_COST], "free")) amount = 0;
        else if (*end || amount < 0) { snprintf(err, errlen, "row %ld, column cost: must be \"free\" or an amount in pounds", line); goto fail; }
        snprintf(key, sizeof key, "%s/cost", sid);
        ids_uuid_from("dir-cost", key, x);
        json_object_set_new(svc, "cost_options", json_pack("[{s:s, s:f, s:s}]", "id", x, "amount", amount, "option", amount > 0 ? "Per session" : "Free"));
    }
    {
        int col;
        for (col = C_CATS; col <= C_NEEDS; col++) {
            const char *p = v[col];
            while (*p) {
                char code[64], tid[IDS_UUID_LEN], aid[IDS_UUID_LEN];
                size_t n = strcspn(p, ";");
                int64_t found = 0;
                snprintf(code, sizeof code, "%.*s", (int)(n < 63 ? n : 63), p);
                p += n + (p[n] == ';');
                if (!*code) continue;
                dir_term_id(code, tid);
                if (db_query_int64(d, &found, "SELECT count(*) FROM dir_taxonomy_terms WHERE id = ?", 1, tid) < 0 || !found) {
                    snprintf(err, errlen, "row %ld, column %s: unknown code \"%s\" (see docs/directory.md)", line, csv_cols[col], code);
                    goto fail;
                }
                snprintf(key, sizeof key, "%s/%s", sid, code);
                ids_uuid_from("dir-attribute", key, aid);
                json_array_append_new(attrs, json_pack("{s:s, s:s}", "id", aid, "taxonomy_term_id", tid));
            }
        }
    }
    json_object_set(svc, "attributes", attrs);
    if (*v[C_PC] || *v[C_ADDR]) {
        double lat = 0, lng = 0;
        int rc;
        char lid[IDS_UUID_LEN], aid[IDS_UUID_LEN], salid[IDS_UUID_LEN];
        json_t *loc;
        if (dir_postcode_parse(v[C_PC], 0, norm) != DIR_PC_FULL) { snprintf(err, errlen, "row %ld, column postcode: enter a real UK postcode", line); goto fail; }
        if (!*v[C_ADDR] || !*v[C_TOWN]) { snprintf(err, errlen, "row %ld, column %s: enter the address and town of the venue", line, !*v[C_ADDR] ? "address" : "town"); goto fail; }
        snprintf(key, sizeof key, "%s|%s", v[C_ADDR], norm);
        ids_uuid_from("dir-csv-location", key, lid);
        ids_uuid_from("dir-csv-address", key, aid);
        snprintf(key, sizeof key, "%s/%s", sid, lid);
        ids_uuid_from("dir-sal", key, salid);
        loc = json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:s, s:s, s:s}]}", "id", lid, "location_type", "physical", "name",
                        *v[C_LOCNAME] ? v[C_LOCNAME] : v[C_ADDR], "addresses", "id", aid, "address_1", v[C_ADDR], "city", v[C_TOWN],
                        "state_province", "", "postal_code", norm, "country", "GB", "address_type", "physical");
        {
            char found[DIR_POSTCODE_LEN];
            rc = dir_postcode_lookup(d, norm, found, &lat, &lng);
        }
        if (rc == DIR_PC_FOUND || rc == DIR_PC_CENTROID) {
            json_object_set_new(loc, "latitude", json_real(lat));
            json_object_set_new(loc, "longitude", json_real(lng));
        }
        json_object_set_new(svc, "service_at_locations", json_pack("[{s:s, s:o}]", "id", salid, "location", loc));
    }
    if (*v[C_DAYS]) {
        snprintf(key, sizeof key, "%s/schedule", sid);
        ids_uuid_from("dir-schedule", key, x);
        json_object_set_new(svc, "schedules", json_pack("[{s:s, s:s, s:s, s:s?, s:s?}]", "id", x, "freq", "WEEKLY", "byday", v[C_DAYS],
                                                        "opens_at", *v[C_OPENS] ? v[C_OPENS] : NULL, "closes_at", *v[C_CLOSES] ? v[C_CLOSES] : NULL));
    }
    json_decref(attrs);
    return svc;
fail:
    json_decref(attrs);
    json_decref(svc);
    return NULL;
}

int dir_cli_import_csv(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL}, {NULL, 0, NULL, NULL}};
    FILE *f = NULL;
    db *d = NULL;
    char *line = NULL, err[400];
    size_t cap = 0;
    long lineno = 0, rows = 0, changed_n = 0;
    int map[C_NCOLS], status = open_import("sendhub directory import-csv FILE [--db URL]   (columns: docs/directory.md)", argc, argv, flags, &f, &d);
    int began = 0, k;
    if (status != -1) return status;
    status = 1;
    if (db_begin(d) != DB_OK) { fprintf(stderr, "sendhub: directory import-csv: %s\n", db_errmsg(d)); goto done; }
    began = 1;
    while (getline(&line, &cap, f) > 0) {
        char *fld[64], *vals[C_NCOLS];
        int n, changed = 0, rc;
        json_t *svc;
        lineno++;
        if (lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3)) memmove(line, line + 3, strlen(line + 3) + 1);
        n = dir_csv_split(line, fld, 64);
        if (lineno == 1) {
            int i;
            for (k = 0; k < C_NCOLS; k++) {
                map[k] = -1;
                for (i = 0; i < n; i++)
                    if (!strcasecmp(fld[i], csv_cols[k])) map[k] = i;
            }
            if (map[C_NAME] < 0 || map[C_ORG] < 0) {
                fprintf(stderr, "sendhub: directory import-csv: row 1: the header must have at least the columns name and organisation\n");
                goto done;
            }
            continue;
        }
        if (n == 1 && !*fld[0]) continue;
        for (k = 0; k < C_NCOLS; k++) vals[k] = map[k] >= 0 && map[k] < n ? fld[map[k]] : (char *)"";
        err[0] = '\0';
        if (!(svc = csv_row(d, vals, C_NCOLS, lineno, err, sizeof err))) {
            fprintf(stderr, "sendhub: directory import-csv: %s\n", err);
            goto done;
        }
        rc = dir_service_put(d, svc, NULL, NULL, "import-csv", &changed, err, sizeof err);
        json_decref(svc);
        if (rc != DB_OK) { fprintf(stderr, "sendhub: directory import-csv: row %ld: %s\n", lineno, err); goto done; }
        rows++;
        changed_n += changed;
        if (cli_tty() && rows % 500 == 0) fprintf(stderr, "\r%ld rows...", rows);
    }
    if (rows == 0) { fprintf(stderr, "sendhub: directory import-csv: no rows in the file\n"); goto done; }
    audit_log_db(d, NULL, "cli", "import", "directory", NULL, "csv");
    if (db_commit(d) != DB_OK) { fprintf(stderr, "sendhub: directory import-csv: %s\n", db_errmsg(d)); goto done; }
    began = 0;
    if (cli_tty() && rows >= 500) fprintf(stderr, "\n");
    printf("imported %ld rows: %ld changed, %ld unchanged\n", rows, changed_n, rows - changed_n);
    status = 0;
done:
    if (began) {
        db_rollback(d);
        fprintf(stderr, "sendhub: directory import-csv: nothing was imported\n");
    }
    free(line);
    if (f && f != stdin) fclose(f);
    db_close(d);
    return status;
}

int dir_cli_export(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("sendhub directory export [--db URL] > services.ndjson", argc, argv, flags, pos, 0, &npos);
    db *d = NULL;
    db_stmt *st = NULL;
    long n = 0;
    int status = 1;
    if (rc) return rc < 0 ? 2 : 0;
    if (!(d = cli_open_db(cli_flag(flags, "--db"), 1))) return 1;
    if (db_prepare(d, "SELECT id FROM dir_services ORDER BY id", &st) != DB_OK) goto done;
    while ((rc = db_step(st)) == DB_ROW) {
        int r2;
        json_t *s = dir_service_json(d, db_col_text(st, 0), DIR_FULL, &r2);
        char *line;
        if (!s) { rc = r2; break; }
        line = json_dumps(s, JSON_COMPACT | JSON_SORT_KEYS);
        puts(line);
        free(line);
        json_decref(s);
        n++;
        if (cli_tty() && n % 1000 == 0) fprintf(stderr, "\r%ld services...", n);
    }
    if (rc < 0) { fprintf(stderr, "sendhub: directory export: %s\n", db_errmsg(d)); goto done; }
    if (cli_tty() && n >= 1000) fprintf(stderr, "\n");
    status = fflush(stdout) == 0 ? 0 : 1;
done:
    db_finalize(st);
    db_close(d);
    return status;
}
