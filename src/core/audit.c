#include "audit.h"

#include "ids.h"

int audit_log_db(db *d, const char *actor_id, const char *remote, const char *action,
                 const char *entity, const char *entity_id, const char *detail)
{
    char now[21];
    int rc;
    ids_now_iso(now);
    rc = db_query_text(d, NULL,
                       "INSERT INTO audit_log (at, actor_id, remote, action, entity, entity_id, detail) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       7, now, actor_id, remote, action, entity, entity_id, detail);
    return rc < 0 ? rc : DB_OK;
}

int audit_log(req *rq, resp *rs, const char *action, const char *entity, const char *entity_id,
              const char *detail)
{
    char now[21];
    int rc;
    ids_now_iso(now);
    rc = db_query_text(rq->db, NULL,
                       "INSERT INTO audit_log (at, actor_id, remote, action, entity, entity_id, detail, request_id) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       8, now, rq->user ? rq->user->id : NULL, rq->remote, action, entity, entity_id,
                       detail, rq->request_id);
    if (rs) rs->audited = 1;
    return rc < 0 ? rc : DB_OK;
}
