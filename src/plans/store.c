/* store: rows as JSON (see store.h). */
#include "store.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static json_t *row_object(db_stmt *st, const char *types)
{
    json_t *o = json_object();
    int c, nc = db_column_count(st);
    for (c = 0; c < nc; c++) {
        char t = types && (size_t)c < strlen(types) ? types[c] : 's';
        json_t *v;
        if (db_col_is_null(st, c)) v = json_null();
        else if (t == 'i') v = json_integer(db_col_int64(st, c));
        else if (t == 'd') v = json_real(db_col_double(st, c));
        else if (t == 'b') v = json_boolean(db_col_int64(st, c) != 0);
        else v = json_string(db_col_text(st, c) ? db_col_text(st, c) : "");
        json_object_set_new(o, db_column_name(st, c), v ? v : json_null());
    }
    return o;
}

static int run(db *d, json_t **out, int first_only, const char *types, const char *sql, int n,
               va_list ap)
{
    db_stmt *st = NULL;
    int rc, i, found = 0;
    rc = db_prepare(d, sql, &st);
    if (rc != DB_OK) goto done;
    for (i = 1; i <= n; i++)
        if ((rc = db_bind_text(st, i, va_arg(ap, const char *))) != DB_OK) goto done;
    while ((rc = db_step(st)) == DB_ROW) {
        found = 1;
        if (first_only) {
            *out = row_object(st, types);
            break;
        }
        json_array_append_new(*out, row_object(st, types));
    }
    if (rc == DB_DONE || rc == DB_ROW) rc = first_only ? (found ? DB_ROW : DB_DONE) : DB_OK;
done:
    db_finalize(st);
    return rc;
}

int plans_rows(db *d, json_t **out, const char *types, const char *sql, int n, ...)
{
    va_list ap;
    int rc;
    if (!*out) *out = json_array();
    va_start(ap, n);
    rc = run(d, out, 0, types, sql, n, ap);
    va_end(ap);
    return rc;
}

int plans_row(db *d, json_t **out, const char *types, const char *sql, int n, ...)
{
    va_list ap;
    int rc;
    *out = NULL;
    va_start(ap, n);
    rc = run(d, out, 1, types, sql, n, ap);
    va_end(ap);
    return rc;
}

const char *plans_js(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

int plans_stale_days(db *d)
{
    char *v = NULL;
    int days = 30;
    if (db_query_text(d, &v, "SELECT value FROM settings WHERE name = 'plans.stale_days'", 0) == DB_ROW && v) {
        int x = atoi(v);
        if (x > 0 && x < 10000) days = x;
    }
    free(v);
    return days;
}
