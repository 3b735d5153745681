/* cli: the sen2 and benchmarks commands. */
#include "journeys/journeys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/buf.h"
#include "core/cli.h"
#include "core/date.h"
#include "core/ids.h"
#include "journeys/benchmarks.h"
#include "journeys/kpis.h"
#include "journeys/quality.h"
#include "journeys/sen2.h"
#include "journeys/sen2_pipe.h"
#include "journeys/sen2_store.h"

/* the reader goes on while the store sends what it holds (sen2_pipe.h) */
_Static_assert(SEN2_PIPE_SLOTS >= 2 * SEN2_STORE_HOLD, "the pipe holds twice what the store holds back");

int journeys_area_resolve(db *d, const char *code, char out[37])
{
    char *id = NULL;
    int rc = db_query_text(d, &id,
                           "SELECT a.id FROM areas a LEFT JOIN journeys_area_lea l ON l.area_id = a.id "
                           "WHERE a.ons_code = ? OR l.lea = ? OR lower(a.name) = lower(?) OR a.id = ?",
                           4, code, code, code, code);
    out[0] = '\0';
    if (rc == DB_ROW && id) snprintf(out, 37, "%s", id);
    else if (rc == DB_ROW) rc = DB_DONE;
    free(id);
    return rc;
}

/* The one area to work on: --area, or the only area holding children. */
static int pick_area(db *d, const char *code, char out[37])
{
    int64_t n = 0;
    int rc;
    if (code) {
        rc = journeys_area_resolve(d, code, out);
        if (rc != DB_ROW) fprintf(stderr, "sendhub: no area '%s' (give an ONS code, LEA number or name)\n", code);
        return rc == DB_ROW ? 0 : -1;
    }
    if (db_query_int64(d, &n, "SELECT COUNT(DISTINCT area_id) FROM journeys_children", 0) < 0 || n != 1) {
        fprintf(stderr, "sendhub: give --area CODE (the records hold %lld areas)\n", (long long)n);
        return -1;
    }
    {
        char *id = NULL;
        db_query_text(d, &id, "SELECT MIN(area_id) FROM journeys_children", 0);
        snprintf(out, 37, "%s", id ? id : "");
        free(id);
    }
    return 0;
}

static int parse_year(const char *s)
{
    char *end;
    long y;
    if (!s) return -1;
    y = strtol(s, &end, 10);
    return (*end || y < 2000 || y > 2100) ? -1 : (int)y;
}

/* ---- import -------------------------------------------------------------------- */

struct import_ctx {
    db *d;
    sen2_store *store;
    const char *area_flag;
    char area[37];
};

/* On the reading thread: the store is opened at the first person (the
 * file's LEA names the area), while the storing thread still waits for
 * its first message, so the connection is never used by both at once. */
static int import_pack(void *vctx, const struct sen2_header *h, const struct sen2_person *p, size_t position, buf *out,
                       char *err, size_t errlen)
{
    struct import_ctx *c = vctx;
    int rc = -1;
    if (!c->store) {
        const char *code = c->area_flag ? c->area_flag : h->lea;
        if (!*code || journeys_area_resolve(c->d, code, c->area) != DB_ROW) {
            snprintf(err, errlen, "the file's LEA '%s' is not a known area: give --area CODE", h->lea);
            goto done;
        }
        if (!(c->store = sen2_store_open_bulk(c->d, c->area))) {
            snprintf(err, errlen, "cannot prepare the import: %s", db_errmsg(c->d));
            goto done;
        }
    }
    sen2_store_pack(c->store, p, out);
    rc = 0;
done:
    (void)position;
    return rc;
}

/* On this thread: the person's rows into the database. */
static int import_store(void *vctx, const struct sen2_header *h, const buf *msg, size_t position, char *err,
                        size_t errlen)
{
    struct import_ctx *c = vctx;
    (void)h;
    (void)position;
    return sen2_store_packed(c->store, msg, err, errlen) == DB_OK ? 0 : -1;
}

static void progress(size_t n)
{
    fprintf(stderr, "\r%zu persons read", n);
}

int journeys_cli_sen2_import(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL},
                               {"--area", 1, "area (ONS code, LEA or name); default: the file's LEA", NULL},
                               {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("sendhub sen2 import FILE [--area CODE]", argc, argv, flags, pos, 1, &npos);
    struct import_ctx c;
    struct sen2_header h;
    size_t n = 0, added = 0, updated = 0;
    char err[512];
    if (rc) return rc < 0 ? 2 : 0;
    if (npos != 1) { fprintf(stderr, "sendhub: sen2 import needs a FILE\n"); return 2; }
    memset(&c, 0, sizeof c);
    c.area_flag = cli_flag(flags, "--area");
    rc = 1;
    if (!(c.d = cli_open_db(cli_flag(flags, "--db"), 1))) return 1;
    /* The load checks its own references (db_bulk). */
    db_bulk(c.d, 1);
    if (db_begin(c.d) != DB_OK) { fprintf(stderr, "sendhub: %s\n", db_errmsg(c.d)); goto done; }
    /* The file is parsed on a second thread while this one stores. */
    if (sen2_read_file_pipelined(pos[0], import_pack, &c, import_store, &c, cli_tty() ? progress : NULL, &h, &n, err,
                                 sizeof err) != 0 ||
        (c.store && sen2_store_flush(c.store, err, sizeof err) != DB_OK)) {
        if (cli_tty()) fprintf(stderr, "\n");
        fprintf(stderr, "sendhub: %s: %s\nNothing from this file was imported.\n", pos[0], err);
        sen2_store_close(c.store);
        c.store = NULL;
        db_rollback(c.d);
        goto done;
    }
    if (c.store) sen2_store_counts(c.store, &added, &updated);
    sen2_store_close(c.store);
    c.store = NULL;
    {
        char detail[96];
        snprintf(detail, sizeof detail, "%zu persons: %zu new, %zu updated", n, added, updated);
        if (audit_log_db(c.d, NULL, "cli", "import", "sen2", c.area[0] ? c.area : NULL, detail) != DB_OK ||
            db_commit(c.d) != DB_OK) {
            fprintf(stderr, "sendhub: cannot save the import: %s\n", db_errmsg(c.d));
            db_rollback(c.d);
            goto done;
        }
    }
    if (cli_tty()) fprintf(stderr, "\n");
    /* PostgreSQL plans queries from table statistics, which a bulk load
     * leaves stale until autovacuum comes round: the KPI query right after
     * a national import took 5.3 s instead of 3. A failure here loses
     * nothing (autovacuum will do it), so it is not an error. */
    if (db_kind(c.d) == DB_PG) db_exec(c.d, "ANALYZE journeys_children, journeys_requests, journeys_placements, journeys_needs");
    printf("imported %zu persons: %zu new, %zu updated\n", n, added, updated);
    rc = 0;
done:
    db_bulk(c.d, 0);
    db_close(c.d);
    return rc;
}

/* ---- export -------------------------------------------------------------------- */

struct export_ctx {
    FILE *out;
    buf b;
    size_t n;
};

static int export_person(void *vctx, const char *child_id, const struct sen2_person *p)
{
    struct export_ctx *c = vctx;
    (void)child_id;
    buf_reset(&c->b);
    sen2_write_person(&c->b, p);
    c->n++;
    return fwrite(c->b.s, 1, c->b.len, c->out) == c->b.len ? 0 : -1;
}

int journeys_sen2_export_file(db *d, const char *area_id, int year, FILE *out, size_t *n)
{
    struct export_ctx c = {out, BUF_INIT, 0};
    struct sen2_header h;
    char *lea = NULL, ts[21];
    int rc;
    memset(&h, 0, sizeof h);
    db_query_text(d, &lea, "SELECT lea FROM journeys_area_lea WHERE area_id = ?", 1, area_id);
    snprintf(h.collection, sizeof h.collection, "SEN2");
    snprintf(h.year, sizeof h.year, "%d", year);
    date_format(journeys_census_date(year), h.reference_date);
    snprintf(h.source_level, sizeof h.source_level, "L");
    snprintf(h.lea, sizeof h.lea, "%s", lea ? lea : "");
    snprintf(h.software, sizeof h.software, "sendhub");
    snprintf(h.release, sizeof h.release, "0.1.0");
    snprintf(h.serial, sizeof h.serial, "1");
    ids_now_iso(ts);
    snprintf(h.datetime, sizeof h.datetime, "%.19s", ts);
    sen2_write_head(&c.b, &h);
    fwrite(c.b.s, 1, c.b.len, out);
    rc = journeys_export_each(d, area_id, year, export_person, &c);
    buf_reset(&c.b);
    sen2_write_tail(&c.b);
    fwrite(c.b.s, 1, c.b.len, out);
    buf_free(&c.b);
    free(lea);
    if (n) *n = c.n;
    return rc;
}

int journeys_cli_sen2_export(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL},
                               {"--year", 1, "collection year (census in January of it)", NULL},
                               {"--area", 1, "area (ONS code, LEA or name)", NULL},
                               {"--out", 1, "file to write (default standard output)", NULL},
                               {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("sendhub sen2 export --year Y [--area CODE] [--out FILE]", argc, argv, flags, pos, 0, &npos);
    int year = parse_year(cli_flag(flags, "--year"));
    db *d = NULL;
    FILE *out = stdout;
    char area[37];
    size_t n = 0;
    if (rc) return rc < 0 ? 2 : 0;
    if (year < 0) { fprintf(stderr, "sendhub: sen2 export needs --year YYYY\n"); return 2; }
    rc = 1;
    if (!(d = cli_open_db(cli_flag(flags, "--db"), 1))) return 1;
    if (pick_area(d, cli_flag(flags, "--area"), area) != 0) goto done;
    if (cli_flag(flags, "--out") && !(out = fopen(cli_flag(flags, "--out"), "w"))) {
        fprintf(stderr, "sendhub: cannot write %s\n", cli_flag(flags, "--out"));
        out = stdout;
        goto done;
    }
    if (journeys_sen2_export_file(d, area, year, out, &n) != DB_OK) {
        fprintf(stderr, "sendhub: export failed: %s\n", db_errmsg(d));
        goto done;
    }
    audit_log_db(d, NULL, "cli", "export", "sen2", area, NULL);
    if (out != stdout) fprintf(stderr, "exported %zu persons\n", n);
    rc = 0;
done:
    if (out != stdout) fclose(out);
    db_close(d);
    return rc;
}

/* ---- validate ------------------------------------------------------------------- */

struct validate_ctx {
    int32_t census;
    size_t n, problems;
    buf b;
};

static int validate_person(void *vctx, const char *child_id, const struct sen2_person *p)
{
    struct validate_ctx *c = vctx;
    (void)child_id;
    buf_reset(&c->b);
    c->problems += journeys_quality_check(p, ++c->n, c->census, &c->b);
    fputs(buf_str(&c->b), stdout);
    return 0;
}

int journeys_cli_sen2_validate(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL},
                               {"--year", 1, "collection year (default: the next census)", NULL},
                               {"--area", 1, "area (ONS code, LEA or name)", NULL},
                               {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("sendhub sen2 validate [--year Y] [--area CODE]", argc, argv, flags, pos, 0, &npos);
    int year = cli_flag(flags, "--year") ? parse_year(cli_flag(flags, "--year")) : 0;
    struct validate_ctx c = {0, 0, 0, BUF_INIT};
    char area[37];
    db *d;
    if (rc) return rc < 0 ? 2 : 0;
    if (year < 0) { fprintf(stderr, "sendhub: --year must be a year\n"); return 2; }
    if (!year) {
        int y;
        date_ymd(date_today(), &y, NULL, NULL);
        year = y + 1;
    }
    c.census = journeys_census_date(year);
    if (!(d = cli_open_db(cli_flag(flags, "--db"), 1))) return 1;
    rc = 1;
    if (pick_area(d, cli_flag(flags, "--area"), area) != 0) goto done;
    if (journeys_export_each(d, area, year, validate_person, &c) != DB_OK) {
        fprintf(stderr, "sendhub: %s\n", db_errmsg(d));
        goto done;
    }
    printf("%zu persons checked, %zu problems\n", c.n, c.problems);
    rc = c.problems ? 3 : 0;
done:
    buf_free(&c.b);
    db_close(d);
    return rc;
}

/* ---- kpis ------------------------------------------------------------------------ */

int journeys_cli_sen2_kpis(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL},
                               {"--year", 1, "calendar year of the activity", NULL},
                               {"--area", 1, "area (ONS code, LEA or name); default every area", NULL},
                               {"--format", 1, "json (default) or csv", NULL},
                               {NULL, 0, NULL, NULL}};
    const char *pos[1], *fmt;
    int npos, rc = cli_parse("sendhub sen2 kpis --year Y [--area CODE] [--format json|csv]", argc, argv, flags, pos, 0, &npos);
    int year = parse_year(cli_flag(flags, "--year"));
    struct journeys_kpis k;
    char area[37];
    db *d;
    if (rc) return rc < 0 ? 2 : 0;
    fmt = cli_flag(flags, "--format") ? cli_flag(flags, "--format") : "json";
    if (year < 0) { fprintf(stderr, "sendhub: sen2 kpis needs --year YYYY\n"); return 2; }
    if (strcmp(fmt, "json") != 0 && strcmp(fmt, "csv") != 0) { fprintf(stderr, "sendhub: --format must be json or csv\n"); return 2; }
    if (!(d = cli_open_db(cli_flag(flags, "--db"), 1))) return 1;
    rc = 1;
    if (cli_flag(flags, "--area") && journeys_area_resolve(d, cli_flag(flags, "--area"), area) != DB_ROW) {
        fprintf(stderr, "sendhub: no area '%s'\n", cli_flag(flags, "--area"));
        goto done;
    }
    if (journeys_kpis_compute(d, year, cli_flag(flags, "--area") ? area : NULL, &k) != DB_OK) {
        fprintf(stderr, "sendhub: %s\n", db_errmsg(d));
        goto done;
    }
    if (strcmp(fmt, "csv") == 0) {
        buf b = BUF_INIT;
        journeys_kpis_csv(&b, &k);
        fputs(buf_str(&b), stdout);
        buf_free(&b);
    } else {
        json_t *j = journeys_kpis_json(&k);
        char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
        printf("%s\n", s ? s : "{}");
        free(s);
        json_decref(j);
    }
    rc = 0;
done:
    db_close(d);
    return rc;
}

int journeys_cli_benchmarks_import(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("sendhub benchmarks import DIR", argc, argv, flags, pos, 1, &npos);
    size_t rows = 0;
    char err[512];
    db *d;
    if (rc) return rc < 0 ? 2 : 0;
    if (npos != 1) { fprintf(stderr, "sendhub: benchmarks import needs a DIR\n"); return 2; }
    if (!(d = cli_open_db(cli_flag(flags, "--db"), 1))) return 1;
    rc = journeys_benchmarks_import(d, pos[0], &rows, err, sizeof err);
    if (rc != DB_OK) fprintf(stderr, "sendhub: %s\n", err[0] ? err : db_errmsg(d));
    else printf("loaded %zu published figures\n", rows);
    db_close(d);
    return rc == DB_OK ? 0 : 1;
}
