/* benchmarks: DfE release CSVs into journeys_benchmarks. */
#include "benchmarks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

#define MAX_COLS 64

/* Splits one CSV line (quotes honoured) in place into cols. */
static int split(char *line, char **cols)
{
    int n = 0;
    char *p = line, *w;
    while (n < MAX_COLS) {
        cols[n++] = w = p;
        if (*p == '"') {
            p++;
            while (*p) {
                if (*p == '"' && p[1] == '"') { *w++ = '"'; p += 2; }
                else if (*p == '"') { p++; break; }
                else *w++ = *p++;
            }
            while (*p && *p != ',') p++;
        } else {
            while (*p && *p != ',') *w++ = *p++;
        }
        if (*p != ',') { *w = '\0'; break; }
        *w = '\0';
        p++;
    }
    return n;
}

static int col(char **hdr, int n, const char *name)
{
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(hdr[i], name) == 0) return i;
    return -1;
}

static int load(db *d, db_stmt *ins, const char *path, const char *const *measures, const char *breakdown_col,
                const char *breakdown_val, size_t *rows, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char *line = NULL, *hl = NULL, *hdr[MAX_COLS], *c[MAX_COLS];
    size_t cap = 0;
    int nh, rc = DB_ERROR, tp, gl, cc, cn, rcd, rn, lc, ln, bc, mi[16], nm = 0, i;
    if (!f) { rc = DB_DONE; goto done; }
    if (getline(&line, &cap, f) < 0) { snprintf(err, errlen, "%s is empty", path); goto done; }
    line[strcspn(line, "\r\n")] = '\0';
    hl = xstrdup(strncmp(line, "\xEF\xBB\xBF", 3) == 0 ? line + 3 : line);
    nh = split(hl, hdr);
    tp = col(hdr, nh, "time_period"); gl = col(hdr, nh, "geographic_level");
    cc = col(hdr, nh, "country_code"); cn = col(hdr, nh, "country_name");
    rcd = col(hdr, nh, "region_code"); rn = col(hdr, nh, "region_name");
    lc = col(hdr, nh, "new_la_code"); ln = col(hdr, nh, "la_name");
    bc = breakdown_col ? col(hdr, nh, breakdown_col) : -1;
    for (i = 0; measures[i] && nm < 16; i++)
        if ((mi[nm] = col(hdr, nh, measures[i])) >= 0) nm++;
    if (tp < 0 || gl < 0 || cc < 0 || nm == 0) { snprintf(err, errlen, "%s does not have the DfE columns", path); goto done; }
    while (getline(&line, &cap, f) >= 0) {
        int n;
        const char *code, *name;
        line[strcspn(line, "\r\n")] = '\0';
        n = split(line, c);
        if (n != nh) continue;
        if (bc >= 0 && strcmp(c[bc], breakdown_val) != 0) continue;
        if (strcmp(c[gl], "National") == 0) { code = c[cc]; name = cn >= 0 ? c[cn] : "England"; }
        else if (strcmp(c[gl], "Regional") == 0 && rcd >= 0) { code = c[rcd]; name = rn >= 0 ? c[rn] : ""; }
        else if (strcmp(c[gl], "Local authority") == 0 && lc >= 0) { code = c[lc]; name = ln >= 0 ? c[ln] : ""; }
        else continue;
        for (i = 0; i < nm; i++) {
            db_bind_text(ins, 1, c[tp]);
            db_bind_text(ins, 2, c[gl]);
            db_bind_text(ins, 3, code);
            db_bind_text(ins, 4, name);
            db_bind_text(ins, 5, hdr[mi[i]]);
            db_bind_text(ins, 6, c[mi[i]]);
            rc = db_step(ins);
            db_reset(ins);
            if (rc < 0) { snprintf(err, errlen, "cannot store: %s", db_errmsg(d)); goto done; }
            (*rows)++;
        }
    }
    rc = DB_OK;
done:
    if (f) fclose(f);
    free(line);
    free(hl);
    return rc;
}

int journeys_benchmarks_import(db *d, const char *dir, size_t *rows, char *err, size_t errlen)
{
    static const char *const timeliness[] = {"plans_issued_den", "plans_issued_within_20_weeks", "pc_plans_issued_within_20_weeks",
                                             "plans_issued_den_ex", "plans_issued_20_weeks_ex", "PC_plans_issued_20_weeks_ex", NULL};
    static const char *const requests[] = {"requests_received_in_year", "requests_decided_to_assess", "requests_decided_not_to_assess",
                                           "request_outcome_six_weeks_pc", NULL};
    char path[4096];
    db_stmt *ins = NULL;
    int rc;
    *rows = 0;
    err[0] = '\0';
    if ((rc = db_begin(d)) != DB_OK) { snprintf(err, errlen, "%s", db_errmsg(d)); return rc; }
    rc = db_prepare(d, "INSERT INTO journeys_benchmarks (time_period, geographic_level, code, name, measure, value) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (time_period, code, measure) DO UPDATE SET value = excluded.value, name = excluded.name", &ins);
    if (rc != DB_OK) { snprintf(err, errlen, "%s", db_errmsg(d)); goto done; }
    snprintf(path, sizeof path, "%s/timeliness_20_week.csv", dir);
    rc = load(d, ins, path, timeliness, "breakdown", "All EHC plans issued", rows, err, errlen);
    if (rc == DB_DONE) { snprintf(err, errlen, "%s cannot be read", path); rc = DB_ERROR; goto done; }
    if (rc != DB_OK) goto done;
    snprintf(path, sizeof path, "%s/requests.csv", dir);
    rc = load(d, ins, path, requests, "breakdown", "All requests for EHC needs assessments", rows, err, errlen);
    if (rc == DB_DONE) rc = DB_OK;
done:
    db_finalize(ins);
    if (rc == DB_OK) rc = db_commit(d);
    else db_rollback(d);
    return rc;
}

int journeys_benchmark_get(db *d, const char *year, const char *code, const char *measure, char *out, size_t outlen)
{
    char *v = NULL;
    int rc = db_query_text(d, &v, "SELECT value FROM journeys_benchmarks WHERE time_period = ? AND code = ? AND measure = ?",
                           3, year, code, measure);
    snprintf(out, outlen, "%s", v ? v : "");
    free(v);
    return rc;
}
