/* The fictional demo partnership: three council areas sharing one ICB, a
 * parent carer forum in each area, and a few people in every role. Every
 * name is invented; ONS-style codes use the unused E06 9999xx range. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "core/auth.h"
#include "core/ids.h"

static const struct { const char *name, *code; } demo_areas[] = {
    {"Northbridge", "E06999901"},
    {"Eastmere", "E06999902"},
    {"Wolds Vale", "E06999903"},
};

/* areas: bit 0 Northbridge, 1 Eastmere, 2 Wolds Vale. */
static const struct { const char *name, *type; unsigned areas; } demo_orgs[] = {
    {"Northbridge Council", "local_authority", 1},
    {"Eastmere Council", "local_authority", 2},
    {"Wolds Vale Council", "local_authority", 4},
    {"Three Rivers Integrated Care Board", "icb", 7},
    {"Three Rivers Community Health NHS Trust", "health_provider", 7},
    {"Riverside Primary School", "school", 1},
    {"Northbridge Parent Carer Forum", "forum", 1},
    {"Eastmere Parent Carer Forum", "forum", 2},
    {"Wolds Vale Parent Carer Forum", "forum", 4},
    {"Sunflower Family Support", "voluntary", 7},
    {"Department for Education", "dfe", 7},
    {"NHS England", "nhse", 7},
};

static const struct { const char *email, *name, *org, *role; } demo_people[] = {
    {"admin@northbridge.example", "Alex Morgan", "Northbridge Council", "admin"},
    {"officer@northbridge.example", "Priya Shah", "Northbridge Council", "officer"},
    {"officer@eastmere.example", "Tom Okafor", "Eastmere Council", "officer"},
    {"officer@woldsvale.example", "Hannah Price", "Wolds Vale Council", "officer"},
    {"dco@threerivers-icb.example", "Dr Sam Lewis", "Three Rivers Integrated Care Board", "officer"},
    {"therapist@threerivers-nhs.example", "Jo Evans", "Three Rivers Community Health NHS Trust", "officer"},
    {"senco@riverside.example", "Ruth Adams", "Riverside Primary School", "officer"},
    {"editor@sunflower.example", "Kim Lee", "Sunflower Family Support", "officer"},
    {"forum@northbridge-pcf.example", "Maria Green", "Northbridge Parent Carer Forum", "forum"},
    {"forum@eastmere-pcf.example", "Dave Brown", "Eastmere Parent Carer Forum", "forum"},
    {"forum@woldsvale-pcf.example", "Aisha Khan", "Wolds Vale Parent Carer Forum", "forum"},
    {"adviser@dfe.example", "Chris Walker", "Department for Education", "monitor"},
    {"reviewer@nhse.example", "Pat Young", "NHS England", "monitor"},
};

#define N(a) (sizeof a / sizeof a[0])

int partnership_demo_load(db *d)
{
    char id[IDS_UUID_LEN], org[IDS_UUID_LEN], area[IDS_UUID_LEN], now[21], hash[256];
    size_t i, k;
    int rc;
    ids_now_iso(now);
    /* One hash for every demo account: they share a published password. */
    if (auth_password_hash("demo-password-1", hash, sizeof hash) != 0) return DB_ERROR;
    for (i = 0; i < N(demo_areas); i++) {
        ids_uuid_from("area", demo_areas[i].name, id);
        rc = db_query_text(d, NULL, "INSERT INTO areas (id, name, ons_code, created_at) VALUES (?, ?, ?, ?)",
                           4, id, demo_areas[i].name, demo_areas[i].code, now);
        if (rc < 0) return rc;
    }
    for (i = 0; i < N(demo_orgs); i++) {
        ids_uuid_from("organisation", demo_orgs[i].name, org);
        rc = db_query_text(d, NULL, "INSERT INTO organisations (id, name, type, created_at) VALUES (?, ?, ?, ?)",
                           4, org, demo_orgs[i].name, demo_orgs[i].type, now);
        if (rc < 0) return rc;
        for (k = 0; k < N(demo_areas); k++) {
            if (!(demo_orgs[i].areas & (1u << k))) continue;
            ids_uuid_from("area", demo_areas[k].name, area);
            rc = db_query_text(d, NULL, "INSERT INTO organisation_areas (organisation_id, area_id) VALUES (?, ?)", 2, org, area);
            if (rc < 0) return rc;
        }
    }
    for (i = 0; i < N(demo_people); i++) {
        ids_uuid_from("person", demo_people[i].email, id);
        ids_uuid_from("organisation", demo_people[i].org, org);
        rc = db_query_text(d, NULL,
                           "INSERT INTO people (id, email, name, organisation_id, role, password_hash, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           8, id, demo_people[i].email, demo_people[i].name, org, demo_people[i].role, hash, now, now);
        if (rc < 0) return rc;
    }
    return DB_OK;
}
