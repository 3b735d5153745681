/* journeys: every child's EHC needs assessment and plan on the statutory
 * clock, the SEN2 return and the DfE measures. Module entry points. */
#ifndef SH_JOURNEYS_H
#define SH_JOURNEYS_H

#include <stddef.h>
#include <stdio.h>

#include "core/db.h"

/* Routes and navigation (pages.c, api.c). */
void journeys_routes(void);
/* Fictional children and requests across the demo areas (demo.c). */
int journeys_demo_load(db *d);

/* Command line (cli.c): argv[0] is the subcommand name. */
int journeys_cli_sen2_import(int argc, char **argv);
int journeys_cli_sen2_export(int argc, char **argv);
int journeys_cli_sen2_validate(int argc, char **argv);
int journeys_cli_sen2_kpis(int argc, char **argv);
int journeys_cli_benchmarks_import(int argc, char **argv);

/* Writes the SEN2 XML of area_id for collection year to out; *n persons. */
int journeys_sen2_export_file(db *d, const char *area_id, int year, FILE *out, size_t *n);

/* The area id for code (ONS code, SEN2 LEA number or name) into out.
 * Returns DB_ROW when found, DB_DONE when not, or an error. */
int journeys_area_resolve(db *d, const char *code, char out[37]);

#endif
