/* dir_pages: the public Local Offer pages (no sign-in, no JavaScript needed):
 * /directory search, /directory/services/{id}, and "Suggest an edit". */
#ifndef SH_DIR_PAGES_H
#define SH_DIR_PAGES_H

#include "core/http.h"

void dir_page_search(req *rq, resp *rs);
void dir_page_service(req *rq, resp *rs);
void dir_page_suggest_get(req *rq, resp *rs);
void dir_page_suggest_post(req *rq, resp *rs);
void dir_page_suggested(req *rq, resp *rs);

/* "Every week on Monday and Thursday, 10:00 to 12:00" for a schedule
 * object (ORUK). Appends plain text (escape it yourself). */
void dir_schedule_words(buf *b, const json_t *schedule);
/* "MO" -> "Monday"; NULL when unknown. */
const char *dir_day_name(const char *code);

#endif
