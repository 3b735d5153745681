/* voice surveys: build a survey (scale, single choice, multiple choice and
 * free-text questions; the standard question set), publish it at
 * /surveys/{id} between its open and close dates, collect responses
 * without accounts, and show results (counts, percentages, a bar chart and
 * the same data as a table, by area and respondent type; free text for
 * reading and tagging; CSV). */
#ifndef SH_VOICE_SURVEYS_H
#define SH_VOICE_SURVEYS_H

#include "core/db.h"
#include "core/http.h"

void voice_surveys_list(req *rq, resp *rs);
void voice_surveys_new(req *rq, resp *rs);
void voice_surveys_create(req *rq, resp *rs);
void voice_surveys_edit(req *rq, resp *rs);
void voice_surveys_add_question(req *rq, resp *rs);
/* Change or remove a question ({qid}); refused with 409 once the survey has
 * responses. Pages: GET/POST /voice/surveys/{id}/questions/{qid}/edit,
 * POST .../delete; API: PUT and DELETE /api/v1/surveys/{id}/questions/{qid}. */
void voice_surveys_question_edit(req *rq, resp *rs);
void voice_surveys_question_update(req *rq, resp *rs);
void voice_surveys_question_delete(req *rq, resp *rs);
void voice_surveys_publish(req *rq, resp *rs);
void voice_surveys_results(req *rq, resp *rs);
void voice_surveys_csv(req *rq, resp *rs);
void voice_surveys_tag_answer(req *rq, resp *rs);
void voice_surveys_public_get(req *rq, resp *rs);
void voice_surveys_public_post(req *rq, resp *rs);
void voice_surveys_api_list(req *rq, resp *rs);
void voice_surveys_api_get(req *rq, resp *rs);
void voice_surveys_api_respond(req *rq, resp *rs);
void voice_surveys_api_results(req *rq, resp *rs);

/* Creates a survey (with the standard question set when standard is set);
 * id_out gets its id. Inside the caller's transaction or none. Returns
 * DB_OK or an error. Used by the form, the API and the demo. */
int voice_survey_create(db *d, const char *title, const char *description, const char *opens_on,
                        const char *closes_on, int standard, int published, char id_out[37]);

/* Adds one question at the end. options: one per line (choice kinds). */
int voice_survey_add_question(db *d, const char *survey_id, const char *kind, const char *text, const char *options,
                              int required, const char *measure);

#endif
