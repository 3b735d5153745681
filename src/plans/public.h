/* public: the transparency pages for families (no sign-in): for each
 * published plan, the findings, what is being done and progress in plain
 * English. Staff names appear only for organisations that allow it (the
 * per-organisation setting kept in plans_org_settings, changed by
 * administrators at /plans/settings). */
#ifndef SH_PLANS_PUBLIC_H
#define SH_PLANS_PUBLIC_H

#include "core/http.h"

void plans_public_list(req *rq, resp *rs);
void plans_public_plan(req *rq, resp *rs);
void plans_settings_page(req *rq, resp *rs);
void plans_settings_post(req *rq, resp *rs);

#endif
