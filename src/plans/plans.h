/* plans: inspections, their findings, the plans and actions that answer
 * them, success measures, monitoring reports, the public transparency page
 * and the national Ofsted comparison. Entry points for app.c and main.c. */
#ifndef SH_PLANS_H
#define SH_PLANS_H

#include "core/db.h"

/* Registers the module's routes and navigation. */
void plans_routes(void);
/* Fictional demo content: see demo.c. */
int plans_demo_load(db *d);
/* `sendhub inspections import-ofsted FILE`. */
int plans_cli_import_ofsted(int argc, char **argv);

#endif
