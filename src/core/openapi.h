/* openapi: the OpenAPI 3 document for /api/v1/, made from the route table,
 * so it covers every API route that exists and nothing that does not. */
#ifndef SH_OPENAPI_H
#define SH_OPENAPI_H

#include <jansson.h>

/* New reference. */
json_t *openapi_document(void);

#endif
