/* settings: the journeys settings an administrator keeps — each partner
 * organisation's school identifiers (URN, UKPRN), which make a school or
 * college involved with the children placed there (records.h). */
#ifndef SH_JOURNEYS_SETTINGS_H
#define SH_JOURNEYS_SETTINGS_H

/* Registers /journeys/settings, /journeys/settings/organisations/{id} and
 * PUT /api/v1/journeys/organisations/{id}/identifiers. */
void journeys_settings_routes(void);

#endif
