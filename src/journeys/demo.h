/* demo: the published family link code of the first demo child (like the
 * demo password, it is public; real codes are random and stored hashed). */
#ifndef SH_JOURNEYS_DEMO_H
#define SH_JOURNEYS_DEMO_H

#define JOURNEYS_DEMO_FAMILY_CODE "demo-family-7f3a9c2e5b1d4e8f"

#endif
