#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "migrate.h"

static void usage_print(const char *usage, const struct cli_flag *flags)
{
    const struct cli_flag *f;
    printf("usage: %s\n", usage);
    for (f = flags; f && f->name; f++)
        printf("  %-18s %s\n", f->name, f->help ? f->help : "");
    printf("  %-18s %s\n", "--help", "show this help");
}

int cli_parse(const char *usage, int argc, char **argv, struct cli_flag *flags, const char **pos,
              int maxpos, int *npos)
{
    int i;
    *npos = 0;
    for (i = 1; i < argc; i++) {
        struct cli_flag *f;
        const char *a = argv[i], *eq;
        size_t n;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage_print(usage, flags);
            return 1;
        }
        if (strncmp(a, "--", 2) != 0) {
            if (*npos >= maxpos) {
                fprintf(stderr, "sendhub: unexpected argument '%s' (see --help)\n", a);
                return -1;
            }
            pos[(*npos)++] = a;
            continue;
        }
        eq = strchr(a, '=');
        n = eq ? (size_t)(eq - a) : strlen(a);
        for (f = flags; f && f->name; f++)
            if (strlen(f->name) == n && strncmp(f->name, a, n) == 0) break;
        if (!f || !f->name) {
            fprintf(stderr, "sendhub: unknown option '%.*s' (see --help)\n", (int)n, a);
            return -1;
        }
        if (!f->has_value) {
            if (eq) {
                fprintf(stderr, "sendhub: option %s takes no value\n", f->name);
                return -1;
            }
            f->value = "1";
        } else if (eq) {
            f->value = eq + 1;
        } else if (i + 1 < argc) {
            f->value = argv[++i];
        } else {
            fprintf(stderr, "sendhub: option %s needs a value\n", f->name);
            return -1;
        }
    }
    return 0;
}

const char *cli_flag(const struct cli_flag *flags, const char *name)
{
    for (; flags && flags->name; flags++)
        if (strcmp(flags->name, name) == 0) return flags->value;
    return NULL;
}

db *cli_open_db(const char *url, int migrate)
{
    db *d = NULL;
    char err[512];
    int applied = 0;
    if (!url) url = "sqlite:sendhub.db";
    if (db_open(url, &d, err, sizeof err) != DB_OK) {
        fprintf(stderr, "sendhub: cannot open the database: %s\n", err);
        return NULL;
    }
    if (migrate && migrate_up(d, &applied) != DB_OK) {
        fprintf(stderr, "sendhub: cannot update the database schema: %s\n", db_errmsg(d));
        db_close(d);
        return NULL;
    }
    return d;
}

int cli_tty(void)
{
    return isatty(STDERR_FILENO);
}
