/* directory: the Local Offer directory. Public search and service pages at
 * /directory, the Open Referral UK 3.0 API at /oruk/, management of listings
 * with an approval queue and versions, and the import/export commands.
 * See docs/directory.md. */
#ifndef SH_DIRECTORY_H
#define SH_DIRECTORY_H

#include "core/db.h"

/* Registers the routes and the "Find support" navigation entry. */
void directory_routes(void);
/* The fictional Local Offer of the demo (inside the caller's transaction). */
int directory_demo_load(db *d);
int dir_demo_load(db *d);

/* Commands (src/main.c): argv[0] is the subcommand name. */
int dir_cli_import(int argc, char **argv);       /* sendhub directory import FILE */
int dir_cli_import_csv(int argc, char **argv);   /* sendhub directory import-csv FILE */
int dir_cli_export(int argc, char **argv);       /* sendhub directory export */
int dir_cli_postcodes_import(int argc, char **argv); /* sendhub postcodes import FILE */

#endif
