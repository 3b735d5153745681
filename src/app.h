/* app: the modules that make up sendhub. Each module has a folder under
 * src/ and exposes two functions here: its routes and its demo content. */
#ifndef SH_APP_H
#define SH_APP_H

#include "core/db.h"

/* Registers every module's routes with the router (once, at start-up). */
void app_routes(void);
/* Loads the fictional demo partnership into an initialised, empty database.
 * Returns DB_OK or an error (nothing is applied on error). */
int app_demo_load(db *d);

/* Per-module entry points. */
void partnership_routes(void);
int partnership_demo_load(db *d);
void voice_routes(void);          /* src/voice/voice.h */
int voice_demo_load(db *d);
void journeys_routes(void);       /* src/journeys/journeys.h */
int journeys_demo_load(db *d);
int voice_cli_purge(int argc, char **argv);
void directory_routes(void);      /* src/directory/directory.h */
int directory_demo_load(db *d);
void plans_routes(void);          /* src/plans/plans.h */
int plans_demo_load(db *d);

#endif
