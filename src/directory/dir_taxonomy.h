/* dir_taxonomy: the directory's two vocabularies, loaded by `sendhub init`
 * data and the demo: Local Offer service categories (including "Support
 * groups") and SEND needs (the SEN2 primary need types, grouped under the
 * four broad areas of need of the SEND Code of Practice). Term ids are
 * derived from their codes, so they are the same in every installation. */
#ifndef SH_DIR_TAXONOMY_H
#define SH_DIR_TAXONOMY_H

#include "core/db.h"
#include "core/ids.h"

#define DIR_TAX_CATEGORIES "categories"
#define DIR_TAX_NEEDS "send-needs"

/* The id of a taxonomy (DIR_TAX_*) or of a term from its code. */
void dir_taxonomy_id(const char *code, char out[IDS_UUID_LEN]);
void dir_term_id(const char *code, char out[IDS_UUID_LEN]);

/* Adds (or refreshes) both vocabularies. DB_OK or an error. */
int dir_taxonomy_load(db *d);

#endif
