/* voice admin: the administrator's page for the safeguarding word list,
 * the themes, the contact-details retention period and the flood limit. */
#ifndef SH_VOICE_ADMIN_H
#define SH_VOICE_ADMIN_H

#include "core/http.h"

void voice_admin_get(req *rq, resp *rs);
void voice_admin_settings_post(req *rq, resp *rs);
void voice_admin_term_add(req *rq, resp *rs);
void voice_admin_term_delete(req *rq, resp *rs);
void voice_admin_theme_add(req *rq, resp *rs);
void voice_admin_theme_delete(req *rq, resp *rs);
void voice_admin_api_terms(req *rq, resp *rs);

#endif
