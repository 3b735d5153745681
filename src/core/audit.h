/* audit: the append-only record of every change and every view of personal
 * data. Nothing in the application updates or deletes audit rows (the
 * database refuses it too: see sql/001_core). Details must never hold
 * personal data values: name the record, not its contents. */
#ifndef SH_AUDIT_H
#define SH_AUDIT_H

#include "http.h"

/* action: "view", "create", "update", "delete", "sign-in", "sign-out",
 * "sign-in-failed", "export", "import", ...; entity: the kind of record
 * ("person", "child", "feedback"...); entity_id: its id; detail: optional
 * short free text without personal data. Uses the request's user and
 * address, and marks the response audited. Returns DB_OK or an error. */
int audit_log(req *rq, resp *rs, const char *action, const char *entity, const char *entity_id,
              const char *detail);
/* The same for the command line and background jobs (actor may be NULL:
 * "system"). */
int audit_log_db(db *d, const char *actor_id, const char *remote, const char *action,
                 const char *entity, const char *entity_id, const char *detail);

#endif
