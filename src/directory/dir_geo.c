/* dir_geo: UK postcodes and distances. See dir_geo.h. */
#include "dir_geo.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/cli.h"
#include "dir_store.h"

/* Letters Royal Mail uses in each position (BS 7666). */
static int pc_first(char c) { return c >= 'A' && c <= 'Z' && !strchr("QVX", c); }
static int pc_second(char c) { return c >= 'A' && c <= 'Z' && !strchr("IJZ", c); }
static int pc_third(char c) { return c && strchr("ABCDEFGHJKPSTUW", c) != NULL; }
static int pc_fourth(char c) { return c && strchr("ABEHMNPRVWXY", c) != NULL; }
static int pc_inward_letter(char c) { return c >= 'A' && c <= 'Z' && !strchr("CIKMOV", c); }
static int dig(char c) { return c >= '0' && c <= '9'; }

/* o: outward code, upper case, no spaces. */
static int outward_ok(const char *o, size_t n)
{
    if (n == 2) return pc_first(o[0]) && dig(o[1]);                                   /* A9 */
    if (n == 3) {
        if (pc_first(o[0]) && dig(o[1]) && dig(o[2])) return 1;                       /* A99 */
        if (pc_first(o[0]) && pc_second(o[1]) && dig(o[2])) return 1;                /* AA9 */
        if (pc_first(o[0]) && dig(o[1]) && pc_third(o[2])) return 1;                  /* A9A */
        return 0;
    }
    if (n == 4) {
        if (pc_first(o[0]) && pc_second(o[1]) && dig(o[2]) && dig(o[3])) return 1;   /* AA99 */
        if (pc_first(o[0]) && pc_second(o[1]) && dig(o[2]) && pc_fourth(o[3])) return 1; /* AA9A */
        return 0;
    }
    return 0;
}

enum dir_pc_kind dir_postcode_parse(const char *in, int allow_outward, char out[DIR_POSTCODE_LEN])
{
    char s[16];
    size_t n = 0, i;
    enum dir_pc_kind kind = DIR_PC_INVALID;
    out[0] = '\0';
    if (!in) goto done;
    for (i = 0; in[i]; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == ' ' || c == '\t') continue;
        if (!isalnum(c) || n >= 7) goto done;
        s[n++] = (char)toupper(c);
    }
    s[n] = '\0';
    if (n >= 5 && n <= 7 && dig(s[n - 3]) && pc_inward_letter(s[n - 2]) && pc_inward_letter(s[n - 1]) &&
        outward_ok(s, n - 3)) {
        snprintf(out, DIR_POSTCODE_LEN, "%.*s %.3s", (int)(n - 3), s, s + n - 3);
        kind = DIR_PC_FULL;
    } else if (allow_outward && outward_ok(s, n)) {
        snprintf(out, DIR_POSTCODE_LEN, "%.7s", s);
        kind = DIR_PC_OUTWARD;
    }
done:
    return kind;
}

double dir_haversine_m(double lat1, double lng1, double lat2, double lng2)
{
    const double r = 6371008.8, rad = M_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlng = (lng2 - lng1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dlng / 2) * sin(dlng / 2);
    if (a > 1) a = 1;
    return 2 * r * atan2(sqrt(a), sqrt(1 - a));
}

void dir_distance_words(double metres, char out[32])
{
    double miles = metres / 1609.344;
    if (miles < 0.1) snprintf(out, 32, "less than 0.1 miles");
    else if (miles < 10) snprintf(out, 32, "%.1f miles", miles);
    else snprintf(out, 32, "%.0f miles", miles);
}

int dir_postcode_lookup(db *d, const char *text, char norm[DIR_POSTCODE_LEN], double *lat, double *lng)
{
    db_stmt *st = NULL;
    int rc, result = DIR_PC_UNKNOWN;
    enum dir_pc_kind kind = dir_postcode_parse(text, 1, norm);
    if (kind == DIR_PC_INVALID) { result = DIR_PC_BAD_FORMAT; goto done; }
    if (kind == DIR_PC_FULL) {
        if ((rc = db_prepare(d, "SELECT latitude, longitude FROM dir_postcodes WHERE postcode = ?", &st)) != DB_OK) { result = rc; goto done; }
        db_bind_text(st, 1, norm);
        rc = db_step(st);
        if (rc == DB_ROW) {
            *lat = db_col_double(st, 0);
            *lng = db_col_double(st, 1);
            result = DIR_PC_FOUND;
            goto done;
        }
        if (rc < 0) { result = rc; goto done; }
        db_finalize(st);
        st = NULL;
    }
    {
        char outward[DIR_POSTCODE_LEN];
        const char *sp = strchr(norm, ' ');
        snprintf(outward, sizeof outward, "%.*s", sp ? (int)(sp - norm) : (int)strlen(norm), norm);
        if ((rc = db_prepare(d, "SELECT avg(latitude), avg(longitude), count(*) FROM dir_postcodes WHERE outward = ?", &st)) != DB_OK) { result = rc; goto done; }
        db_bind_text(st, 1, outward);
        rc = db_step(st);
        if (rc < 0) { result = rc; goto done; }
        if (rc == DB_ROW && db_col_int64(st, 2) > 0) {
            *lat = db_col_double(st, 0);
            *lng = db_col_double(st, 1);
            result = kind == DIR_PC_FULL ? DIR_PC_CENTROID : DIR_PC_FOUND;
        }
    }
done:
    db_finalize(st);
    return result;
}

int dir_postcode_put(db *d, const char *postcode, double lat, double lng)
{
    char norm[DIR_POSTCODE_LEN], outward[DIR_POSTCODE_LEN];
    const char *sp;
    db_stmt *st = NULL;
    int rc;
    if (dir_postcode_parse(postcode, 0, norm) != DIR_PC_FULL) { rc = DB_EARG; goto done; }
    sp = strchr(norm, ' ');
    snprintf(outward, sizeof outward, "%.*s", (int)(sp - norm), norm);
    rc = db_prepare(d, "INSERT INTO dir_postcodes (postcode, outward, latitude, longitude) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (postcode) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude", &st);
    if (rc != DB_OK) goto done;
    db_bind_text(st, 1, norm);
    db_bind_text(st, 2, outward);
    db_bind_double(st, 3, lat);
    db_bind_double(st, 4, lng);
    rc = db_step(st);
    if (rc == DB_DONE) rc = DB_OK;
done:
    db_finalize(st);
    return rc;
}

int dir_csv_split(char *line, char **fields, int max)
{
    int n = 0;
    char *r = line, *w;
    size_t len = strlen(line);
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    while (n < max) {
        fields[n++] = w = r;
        if (*r == '"') {
            r++;
            while (*r) {
                if (*r == '"' && r[1] == '"') { *w++ = '"'; r += 2; }
                else if (*r == '"') { r++; break; }
                else *w++ = *r++;
            }
            while (*r && *r != ',') r++;
        } else {
            while (*r && *r != ',') *w++ = *r++;
        }
        if (*r == ',') { *w = '\0'; r++; continue; }
        *w = '\0';
        break;
    }
    return n;
}

static int parse_coord(const char *s, double min, double max, double *out)
{
    char *end;
    double v;
    if (!s || !*s) return -1;
    errno = 0;
    v = strtod(s, &end);
    if (errno || *end || !isfinite(v) || v < min || v > max) return -1;
    *out = v;
    return 0;
}

int dir_cli_postcodes_import(int argc, char **argv)
{
    struct cli_flag flags[] = {{"--db", 1, "database URL (default sqlite:sendhub.db)", NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos, rc = cli_parse("sendhub postcodes import FILE [--db URL]", argc, argv, flags, pos, 1, &npos);
    db *d = NULL;
    FILE *f = NULL;
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0, count = 0;
    int ipc = -1, ilat = -1, ilng = -1, status = 1, began = 0;
    if (rc) return rc < 0 ? 2 : 0;
    if (npos != 1) { fprintf(stderr, "sendhub: postcodes import: name the CSV file\n"); return 2; }
    if (!(f = fopen(pos[0], "r"))) { fprintf(stderr, "sendhub: postcodes import: cannot open %s: %s\n", pos[0], strerror(errno)); return 1; }
    if (!(d = cli_open_db(cli_flag(flags, "--db"), 1))) goto done;
    if (db_begin(d) != DB_OK) { fprintf(stderr, "sendhub: postcodes import: %s\n", db_errmsg(d)); goto done; }
    began = 1;
    while (getline(&line, &cap, f) > 0) {
        char *fld[256];
        int n, i;
        double lat, lng;
        lineno++;
        if (lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3)) memmove(line, line + 3, strlen(line + 3) + 1);
        n = dir_csv_split(line, fld, 256);
        if (lineno == 1) {
            for (i = 0; i < n; i++) {
                if (!strcasecmp(fld[i], "pcds") || !strcasecmp(fld[i], "postcode")) ipc = i;
                else if (!strcasecmp(fld[i], "lat") || !strcasecmp(fld[i], "latitude")) ilat = i;
                else if (!strcasecmp(fld[i], "long") || !strcasecmp(fld[i], "longitude")) ilng = i;
            }
            if (ipc < 0 || ilat < 0 || ilng < 0) {
                fprintf(stderr, "sendhub: postcodes import: line 1: the header must name the columns pcds, lat and long "
                                "(ONS Postcode Directory) or postcode, latitude and longitude\n");
                goto done;
            }
            continue;
        }
        if (n == 1 && !*fld[0]) continue;
        if (n <= ipc || n <= ilat || n <= ilng) { fprintf(stderr, "sendhub: postcodes import: line %ld: too few columns\n", lineno); goto done; }
        {
            char norm[DIR_POSTCODE_LEN];
            if (dir_postcode_parse(fld[ipc], 0, norm) != DIR_PC_FULL) {
                fprintf(stderr, "sendhub: postcodes import: line %ld: postcode: \"%.20s\" is not a UK postcode\n", lineno, fld[ipc]);
                goto done;
            }
        }
        /* ONS marks postcodes without a grid reference with latitude 99.999999: skip them. */
        if (!strncmp(fld[ilat], "99.999", 6)) continue;
        if (parse_coord(fld[ilat], 49.0, 61.5, &lat) != 0) { fprintf(stderr, "sendhub: postcodes import: line %ld: latitude: must be a number from 49 to 61.5\n", lineno); goto done; }
        if (parse_coord(fld[ilng], -9.0, 2.5, &lng) != 0) { fprintf(stderr, "sendhub: postcodes import: line %ld: longitude: must be a number from -9 to 2.5\n", lineno); goto done; }
        if ((rc = dir_postcode_put(d, fld[ipc], lat, lng)) != DB_OK) { fprintf(stderr, "sendhub: postcodes import: line %ld: %s\n", lineno, db_errmsg(d)); goto done; }
        count++;
        if (cli_tty() && count % 10000 == 0) fprintf(stderr, "\r%ld postcodes...", count);
    }
    if (lineno == 0) { fprintf(stderr, "sendhub: postcodes import: the file is empty\n"); goto done; }
    if (dir_store_touch(d) != DB_OK) { fprintf(stderr, "sendhub: postcodes import: %s\n", db_errmsg(d)); goto done; }
    if (db_commit(d) != DB_OK) { fprintf(stderr, "sendhub: postcodes import: %s\n", db_errmsg(d)); goto done; }
    began = 0;
    if (cli_tty() && count >= 10000) fprintf(stderr, "\n");
    printf("imported %ld postcodes\n", count);
    status = 0;
done:
    if (began) {
        db_rollback(d);
        fprintf(stderr, "sendhub: postcodes import: nothing was imported\n");
    }
    free(line);
    if (f) fclose(f);
    db_close(d);
    return status;
}

/* ---- demo ------------------------------------------------------------------------ */

static const struct { const char *outward; double lat, lng; } demo_outward[] = {
    {"NB1", 53.2000, -0.9000}, {"NB2", 53.2150, -0.8700}, {"NB3", 53.1850, -0.9350}, {"NB4", 53.2250, -0.9250},
    {"EM1", 53.1000, -0.4000}, {"EM2", 53.1150, -0.3700}, {"EM3", 53.0850, -0.4300},
    {"WQ1", 53.3500, -0.5500}, {"WQ2", 53.3700, -0.5200}, {"WQ3", 53.3300, -0.5800},
};

const char *const dir_demo_postcodes[] = {"NB1 1AA", "NB3 2AB", "EM1 1AA", "EM2 3AD", "WQ1 1AA", "WQ2 4AE", NULL};

int dir_geo_demo_load(db *d)
{
    static const char *const letters[] = {"AA", "AB", "AD", "AE", "AF"};
    size_t o;
    int i, k, rc = DB_OK;
    for (o = 0; o < sizeof demo_outward / sizeof demo_outward[0]; o++) {
        for (i = 1; i <= 5; i++) {
            for (k = 0; k < 5; k++) {
                char pc[DIR_POSTCODE_LEN + 4];
                snprintf(pc, sizeof pc, "%s %d%s", demo_outward[o].outward, i, letters[k]);
                rc = dir_postcode_put(d, pc, demo_outward[o].lat + (i - 3) * 0.003,
                                      demo_outward[o].lng + (k - 2) * 0.004);
                if (rc != DB_OK) goto done;
            }
        }
    }
    rc = dir_store_touch(d);
done:
    return rc;
}
