/* cli: the command line. Each command parses its own flags with cli_parse,
 * which rejects unknown flags and missing values with one clear line. */
#ifndef SH_CLI_H
#define SH_CLI_H

#include "db.h"

struct cli_flag {
    const char *name;        /* "--db" */
    int has_value;           /* 1: takes a value */
    const char *help;
    const char *value;       /* out: the value, "1" for a plain flag, NULL when absent */
};

struct cli_command {
    const char *name;        /* "user" */
    const char *sub;         /* "add", or NULL */
    int (*fn)(int argc, char **argv);   /* argv[0] is the (sub)command name */
    const char *summary;
};

/* Parses argv[1..] into flags (a NULL-name-terminated array). Positional
 * arguments are collected into pos (up to maxpos). Returns 0, 1 when --help
 * was asked (usage printed), or -1 with a one-line error printed. */
int cli_parse(const char *usage, int argc, char **argv, struct cli_flag *flags, const char **pos,
              int maxpos, int *npos);
const char *cli_flag(const struct cli_flag *flags, const char *name);
/* Opens the --db URL (default sqlite:sendhub.db); prints one line and
 * returns NULL on failure. migrate: 1 to apply pending migrations. */
db *cli_open_db(const char *url, int migrate);
/* 1 when standard error is a terminal (progress lines are shown). */
int cli_tty(void);

#endif
