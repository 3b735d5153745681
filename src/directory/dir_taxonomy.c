/* dir_taxonomy: see dir_taxonomy.h. */
#include "dir_taxonomy.h"

#include <stdio.h>
#include <jansson.h>

#include "dir_store.h"

void dir_taxonomy_id(const char *code, char out[IDS_UUID_LEN]) { ids_uuid_from("dir-taxonomy", code, out); }
void dir_term_id(const char *code, char out[IDS_UUID_LEN]) { ids_uuid_from("dir-term", code, out); }

static const struct { const char *tax, *code, *parent, *name, *desc; } terms[] = {
    {DIR_TAX_CATEGORIES, "support-groups", NULL, "Support groups", "Groups run locally where parents, carers and young people meet, share and support each other."},
    {DIR_TAX_CATEGORIES, "parent-carer-groups", "support-groups", "Groups for parents and carers", "Support groups for parents and carers of children and young people with SEND."},
    {DIR_TAX_CATEGORIES, "young-people-groups", "support-groups", "Groups for children and young people", "Social and support groups for children and young people."},
    {DIR_TAX_CATEGORIES, "health-therapy", NULL, "Health and therapy", "Health services and therapies."},
    {DIR_TAX_CATEGORIES, "speech-language-therapy", "health-therapy", "Speech and language therapy", "Help with speech, language, communication and swallowing."},
    {DIR_TAX_CATEGORIES, "occupational-therapy", "health-therapy", "Occupational therapy", "Help with everyday activities, equipment and adaptations."},
    {DIR_TAX_CATEGORIES, "physiotherapy", "health-therapy", "Physiotherapy", "Help with movement and physical development."},
    {DIR_TAX_CATEGORIES, "short-breaks", NULL, "Short breaks", "Time apart for disabled children and their families: clubs, sitting services, overnight breaks and grants."},
    {DIR_TAX_CATEGORIES, "advice", NULL, "Information, advice and support", "Advice about SEND, EHC plans, benefits and rights, including SENDIASS."},
    {DIR_TAX_CATEGORIES, "education", NULL, "Education and learning", "Support in early years settings, schools and colleges."},
    {DIR_TAX_CATEGORIES, "childcare", NULL, "Early years and childcare", "Support for babies and young children and their childcare."},
    {DIR_TAX_CATEGORIES, "leisure", NULL, "Leisure and activities", "Things to do: clubs, sport and play."},
    {DIR_TAX_CATEGORIES, "youth-clubs", "leisure", "Youth clubs", "Youth clubs and youth work."},
    {DIR_TAX_CATEGORIES, "sport-play", "leisure", "Sport and play", "Inclusive sport, swimming and play."},
    {DIR_TAX_CATEGORIES, "preparing-for-adulthood", NULL, "Preparing for adulthood", "Moving on to adult life: work, housing, health and independence."},
    {DIR_TAX_NEEDS, "communication-interaction", NULL, "Communication and interaction", "Broad area of need: communication and interaction."},
    {DIR_TAX_NEEDS, "ASD", "communication-interaction", "Autism (autistic spectrum disorder)", "SEN2 primary need type ASD."},
    {DIR_TAX_NEEDS, "SLCN", "communication-interaction", "Speech, language and communication needs", "SEN2 primary need type SLCN."},
    {DIR_TAX_NEEDS, "cognition-learning", NULL, "Cognition and learning", "Broad area of need: cognition and learning."},
    {DIR_TAX_NEEDS, "MLD", "cognition-learning", "Moderate learning difficulty", "SEN2 primary need type MLD."},
    {DIR_TAX_NEEDS, "SLD", "cognition-learning", "Severe learning difficulty", "SEN2 primary need type SLD."},
    {DIR_TAX_NEEDS, "PMLD", "cognition-learning", "Profound and multiple learning difficulty", "SEN2 primary need type PMLD."},
    {DIR_TAX_NEEDS, "SPLD", "cognition-learning", "Specific learning difficulty", "SEN2 primary need type SPLD (for example dyslexia)."},
    {DIR_TAX_NEEDS, "SEMH", NULL, "Social, emotional and mental health", "SEN2 primary need type SEMH."},
    {DIR_TAX_NEEDS, "sensory-physical", NULL, "Sensory and/or physical needs", "Broad area of need: sensory and/or physical."},
    {DIR_TAX_NEEDS, "HI", "sensory-physical", "Hearing impairment", "SEN2 primary need type HI."},
    {DIR_TAX_NEEDS, "VI", "sensory-physical", "Vision impairment", "SEN2 primary need type VI."},
    {DIR_TAX_NEEDS, "MSI", "sensory-physical", "Multi-sensory impairment", "SEN2 primary need type MSI."},
    {DIR_TAX_NEEDS, "PD", "sensory-physical", "Physical disability", "SEN2 primary need type PD."},
    {DIR_TAX_NEEDS, "OTH", NULL, "Other difficulty or disability", "SEN2 primary need type OTH."},
    {DIR_TAX_NEEDS, "NSA", NULL, "SEN support but no specialist assessment of type of need", "SEN2 primary need type NSA."},
};

int dir_taxonomy_load(db *d)
{
    char id[IDS_UUID_LEN], tid[IDS_UUID_LEN], pid[IDS_UUID_LEN], err[200], pos[16];
    size_t i;
    int rc;
    json_t *o;
    dir_taxonomy_id(DIR_TAX_CATEGORIES, id);
    o = json_pack("{s:s, s:s, s:s, s:s}", "id", id, "name", "Local Offer service categories", "description",
                  "The kinds of service in the Local Offer.", "version", "1");
    rc = dir_taxonomy_put(d, o, err, sizeof err);
    json_decref(o);
    if (rc != DB_OK) return rc;
    dir_taxonomy_id(DIR_TAX_NEEDS, id);
    o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id, "name", "SEND needs", "description",
                  "Special educational needs by the SEN2 primary need types, under the four broad areas of need.",
                  "uri", "https://www.gov.uk/government/publications/special-educational-needs-in-england", "version", "SEN2");
    rc = dir_taxonomy_put(d, o, err, sizeof err);
    json_decref(o);
    if (rc != DB_OK) return rc;
    for (i = 0; i < sizeof terms / sizeof terms[0]; i++) {
        dir_term_id(terms[i].code, id);
        dir_taxonomy_id(terms[i].tax, tid);
        if (terms[i].parent) dir_term_id(terms[i].parent, pid);
        o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?}", "id", id, "code", terms[i].code, "name", terms[i].name,
                      "description", terms[i].desc, "taxonomy_id", tid, "parent_id", terms[i].parent ? pid : NULL);
        rc = dir_term_put(d, o, err, sizeof err);
        json_decref(o);
        if (rc != DB_OK) return rc;
        snprintf(pos, sizeof pos, "%zu", i);
        if ((rc = db_query_text(d, NULL, "UPDATE dir_taxonomy_terms SET position = ? WHERE id = ?", 2, pos, id)) < 0) return rc;
    }
    return dir_store_touch(d);   /* the search page lists terms in this order */
}
