/* partnership: areas, organisations, people, roles and API tokens, managed
 * by administrators through pages and the API; and the audit log reader. */
#include "app.h"
#include "core/router.h"

void partnership_routes(void)
{
}
