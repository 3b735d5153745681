#include "app.h"

#include "core/site.h"

void app_routes(void)
{
    site_routes_register();
    partnership_routes();
    voice_routes();
    journeys_routes();
    directory_routes();
    plans_routes();
}

int app_demo_load(db *d)
{
    int rc;
    if ((rc = db_begin(d)) != DB_OK) return rc;
    if ((rc = partnership_demo_load(d)) != DB_OK) goto fail;
    /* Voice last: its demo feedback refers to directory services. */
    if ((rc = directory_demo_load(d)) != DB_OK) goto fail;
    if ((rc = journeys_demo_load(d)) != DB_OK) goto fail;
    if ((rc = plans_demo_load(d)) != DB_OK) goto fail;
    if ((rc = voice_demo_load(d)) != DB_OK) goto fail;
    if ((rc = db_query_text(d, NULL, "INSERT INTO settings (name, value) VALUES ('demo', '1')", 0)) < 0) goto fail;
    return db_commit(d);
fail:
    db_rollback(d);
    return rc;
}
