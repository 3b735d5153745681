/* dir_demo: the fictional Local Offer of the demo partnership: two
 * taxonomies (service categories; SEND needs as the SEN2 primary need
 * types), organisations, venues with demo postcodes, and about 45 services
 * across Northbridge, Eastmere and Wolds Vale. Every name is invented; phone
 * numbers are in Ofcom's drama range (01632 960xxx). */
#include "directory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/ids.h"
#include "dir_geo.h"
#include "dir_store.h"
#include "dir_taxonomy.h"

#define N(a) (sizeof a / sizeof a[0])

static const struct { const char *name, *owner, *desc; } demo_orgs[] = {
    {"Northbridge Council", "Northbridge Council", "The local authority for Northbridge."},
    {"Eastmere Council", "Eastmere Council", "The local authority for Eastmere."},
    {"Wolds Vale Council", "Wolds Vale Council", "The local authority for Wolds Vale."},
    {"Three Rivers Community Health NHS Trust", "Three Rivers Community Health NHS Trust", "Community health services for children and young people across the three areas."},
    {"Sunflower Family Support", "Sunflower Family Support", "A charity supporting families of disabled children across Three Rivers."},
    {"Northbridge Parent Carer Forum", "Northbridge Parent Carer Forum", "Parents and carers of children with SEND in Northbridge, working with services to make things better."},
    {"Eastmere Parent Carer Forum", "Eastmere Parent Carer Forum", "Parents and carers of children with SEND in Eastmere."},
    {"Wolds Vale Parent Carer Forum", "Wolds Vale Parent Carer Forum", "Parents and carers of children with SEND in Wolds Vale."},
    {"Three Rivers SENDIASS", "Northbridge Council", "Free, confidential and impartial SEND information, advice and support for children, young people and parents."},
    {"Eastmere Youth Trust", "Eastmere Council", "Youth clubs and activities for young people in Eastmere."},
    {"Wolds Vale Community Sports", "Wolds Vale Council", "Inclusive sport and play across Wolds Vale."},
};

/* area: 0 Northbridge, 1 Eastmere, 2 Wolds Vale, 3 online. */
static const struct { const char *name, *address, *city, *postcode; int area; const char *access; } demo_venues[] = {
    {"Northbridge Family Hub", "12 Market Street", "Northbridge", "NB1 1AA", 0, "Step-free access and an accessible toilet"},
    {"Riverside Community Centre", "4 Mill Lane", "Northbridge", "NB2 2AB", 0, "Step-free access, hearing loop"},
    {"Northbridge Library", "Church Road", "Northbridge", "NB1 3AD", 0, "Lift to all floors, quiet room"},
    {"St Anne's Hall", "40 Park Road", "Northbridge", "NB3 2AB", 0, "Ramp at side entrance"},
    {"Northbridge Leisure Centre", "Station Road", "Northbridge", "NB4 1AE", 0, "Changing Places toilet, hoist in pool"},
    {"Northbridge Child Development Centre", "Hospital Lane", "Northbridge", "NB2 4AF", 0, "Step-free access, sensory room"},
    {"Eastmere Family Hub", "2 Harbour Road", "Eastmere", "EM1 1AA", 1, "Step-free access and an accessible toilet"},
    {"Eastmere Youth Centre", "18 Quay Street", "Eastmere", "EM2 3AD", 1, "Ground floor only, accessible toilet"},
    {"Eastmere Health Centre", "Beach Road", "Eastmere", "EM1 4AB", 1, "Step-free access, hearing loop at reception"},
    {"Meadow Lane Children's Centre", "Meadow Lane", "Eastmere", "EM3 2AE", 1, "Step-free access, quiet space"},
    {"Wolds Vale Family Hub", "7 High Street, Market Wold", "Wolds Vale", "WQ1 1AA", 2, "Step-free access and an accessible toilet"},
    {"Little Wold Village Hall", "Chapel Lane, Little Wold", "Wolds Vale", "WQ2 4AE", 2, "Level access, parking next to the door"},
    {"Wolds Vale Sports Centre", "Hill Road", "Wolds Vale", "WQ3 3AB", 2, "Changing Places toilet"},
    {"Wolds Vale Community Hospital", "Hospital Road, Market Wold", "Wolds Vale", "WQ1 5AF", 2, "Step-free access, hearing loop"},
};

static const char *const area_names[] = {"Northbridge", "Eastmere", "Wolds Vale", "Three Rivers"};

/* venues: up to 3 indexes into demo_venues, -1 ends; -2 means online only.
 * cost: -1 not stated, 0 free, else pounds per session. */
static const struct {
    const char *name; int org; int venues[3]; const char *cat; const char *needs; int min, max; double cost;
    const char *byday, *opens, *closes, *freq, *desc; int stale; const char *status; const char *lang;
} demo_services[] = {
    {"Northbridge Autism Parent Support Group", 5, {1, -1}, "parent-carer-groups", "ASD", 0, 25, 0, "TH", "10:00", "12:00", "WEEKLY",
     "A friendly support group for parents and carers of autistic children and young people. Share experiences, get practical tips and meet others who understand. Children are welcome in the holidays.", 0, "active", NULL},
    {"Eastmere SEND Coffee Morning", 6, {6, -1}, "parent-carer-groups", NULL, 0, 25, 0, "WE", "09:30", "11:30", "WEEKLY",
     "An informal coffee morning for parents and carers of children with any special educational need or disability. Drop in, no need to book.", 0, "active", NULL},
    {"Wolds Vale Parents Together", 7, {11, -1}, "parent-carer-groups", NULL, 0, 25, 0, "TU", "19:00", "21:00", "MONTHLY",
     "A monthly evening support group for parents and carers in the villages of Wolds Vale, with guest speakers on topics such as EHC plans and benefits.", 0, "active", NULL},
    {"Dads and Male Carers Group", 4, {0, -1}, "parent-carer-groups", NULL, 0, 25, 0, "SA", "10:00", "12:00", "MONTHLY",
     "A support group for dads, grandads and male carers of disabled children. Meet at the Family Hub for breakfast and a chat once a month.", 0, "active", NULL},
    {"ADHD Parent Support Group", 4, {3, 9, -1}, "parent-carer-groups", "SEMH", 4, 18, 0, "MO", "18:30", "20:00", "WEEKLY",
     "Support for parents and carers of children with ADHD or suspected ADHD, including while waiting for an assessment. Run by parents, for parents.", 0, "active", NULL},
    {"Down Syndrome Family Group", 4, {10, -1}, "parent-carer-groups", "MLD,SLD", 0, 18, 0, "SA", "10:00", "12:30", "MONTHLY",
     "Play, stay and chat for families of children with Down syndrome, with music and signing sessions for little ones.", 0, "active", "British Sign Language"},
    {"Young Carers Group", 9, {7, -1}, "young-people-groups", NULL, 8, 18, 0, "TH", "16:00", "18:00", "WEEKLY",
     "A group for young carers who look after a brother or sister with a disability. Games, trips and someone to talk to.", 0, "active", NULL},
    {"Autistic Young People's Social Club", 9, {7, -1}, "young-people-groups", "ASD", 11, 19, 0, "FR", "17:00", "19:00", "WEEKLY",
     "A calm, low-demand social club run with autistic young people: gaming, art and quiet rooms. Parents can stay nearby.", 0, "active", NULL},
    {"Deaf Children's Club", 4, {2, -1}, "young-people-groups", "HI", 5, 16, 0, "SA", "13:00", "15:00", "MONTHLY",
     "A club for deaf children and their brothers and sisters, led by deaf youth workers using British Sign Language and spoken English.", 0, "active", "British Sign Language"},
    {"Northbridge Speech and Language Therapy", 3, {5, -1}, "speech-language-therapy", "SLCN,ASD", 0, 18, 0, "MO,TU,WE,TH,FR", "09:00", "17:00", "WEEKLY",
     "NHS speech and language therapy for children with speech, language, communication or swallowing needs. Parents, schools and health professionals can refer.", 0, "active", NULL},
    {"Eastmere Speech and Language Therapy", 3, {8, -1}, "speech-language-therapy", "SLCN", 0, 18, 0, "MO,TU,WE,TH,FR", "09:00", "17:00", "WEEKLY",
     "NHS speech and language therapy clinics and school visits in Eastmere. Drop-in advice sessions for parents on Wednesday mornings.", 0, "active", "Polish"},
    {"Wolds Vale Speech and Language Therapy", 3, {13, -1}, "speech-language-therapy", "SLCN", 0, 18, 0, "TU,TH", "09:00", "16:30", "WEEKLY",
     "NHS speech and language therapy for children in Wolds Vale, with home visits for families who cannot travel.", 1, "active", NULL},
    {"Talking Tots Drop-in", 3, {0, 6, 10}, "speech-language-therapy", "SLCN", 0, 4, 0, "WE", "10:00", "11:30", "WEEKLY",
     "Drop-in sessions with a speech and language therapy assistant for parents worried about their young child's talking.", 0, "active", NULL},
    {"Children's Occupational Therapy", 3, {5, 13, -1}, "occupational-therapy", "PD,MSI", 0, 18, 0, "MO,TU,WE,TH,FR", "09:00", "17:00", "WEEKLY",
     "Occupational therapy for children who find everyday activities hard because of a disability, including equipment and adaptations at home.", 0, "active", NULL},
    {"Children's Physiotherapy", 3, {5, 8, -1}, "physiotherapy", "PD", 0, 18, 0, "MO,TU,WE,TH,FR", "09:00", "17:00", "WEEKLY",
     "NHS physiotherapy for babies, children and young people with movement difficulties.", 0, "active", NULL},
    {"Sensory Support Service", 0, {0, -1}, "health-therapy", "HI,VI,MSI", 0, 25, 0, "MO,TU,WE,TH,FR", "08:30", "17:00", "WEEKLY",
     "Qualified teachers of the deaf and of children with vision impairment who support children at home, in early years settings and in school.", 0, "active", NULL},
    {"Northbridge Short Breaks Saturday Club", 0, {4, -1}, "short-breaks", "SLD,PMLD,ASD", 5, 18, 0, "SA", "10:00", "15:00", "WEEKLY",
     "A Saturday club giving disabled children fun activities and their families a break. Places are offered after a short breaks assessment.", 0, "active", NULL},
    {"Holiday Play Scheme", 0, {4, 1, -1}, "short-breaks", NULL, 5, 17, 15, "MO,TU,WE,TH,FR", "09:30", "15:30", "WEEKLY",
     "Inclusive holiday play scheme in the Easter and summer holidays with one-to-one support where needed. £15 a day; free places for families on low incomes.", 0, "active", NULL},
    {"Eastmere Overnight Short Breaks", 1, {9, -1}, "short-breaks", "PMLD,PD", 8, 18, 0, "FR,SA,SU", "16:00", "10:00", "WEEKLY",
     "Overnight short breaks in a specially adapted house for children with complex needs. Referral through the children with disabilities team.", 0, "active", NULL},
    {"Wolds Vale Short Breaks Grants", 2, {-2}, "short-breaks", NULL, 0, 18, 0, NULL, NULL, NULL, NULL,
     "Small grants of up to £400 a year for families to arrange their own short breaks. Apply online or by phone.", 0, "active", NULL},
    {"Family Link Sitting Service", 4, {-2}, "short-breaks", NULL, 0, 18, 8, "MO,TU,WE,TH,FR,SA", "16:00", "21:00", "WEEKLY",
     "Trained sitters who look after your disabled child at home so you can have time for yourself. £8 an hour.", 1, "active", NULL},
    {"Three Rivers SENDIASS Helpline", 8, {-2}, "advice", NULL, 0, 25, 0, "MO,TU,WE,TH,FR", "09:00", "17:00", "WEEKLY",
     "Free, confidential and impartial advice about SEND, EHC needs assessments, EHC plans, school exclusions and tribunals, for parents and young people.", 0, "active", "Urdu"},
    {"SENDIASS Drop-in Advice Sessions", 8, {2, 6, 10}, "advice", NULL, 0, 25, 0, "TU", "10:00", "13:00", "MONTHLY",
     "Face-to-face advice sessions with a SENDIASS adviser. Bring any letters or reports you would like help with.", 0, "active", NULL},
    {"Independent Supporters for EHC Plans", 8, {-2}, "advice", NULL, 0, 25, 0, "MO,TU,WE,TH,FR", "09:00", "17:00", "WEEKLY",
     "Trained independent supporters who help families through an EHC needs assessment and plan.", 0, "active", NULL},
    {"Benefits and Money Advice for Families", 4, {0, 6, -1}, "advice", NULL, 0, 25, 0, "TH", "10:00", "14:00", "WEEKLY",
     "Help with Disability Living Allowance, Carer's Allowance and other benefits, and with filling in forms.", 0, "active", NULL},
    {"Northbridge Local Offer Information Line", 0, {-2}, "advice", NULL, 0, 25, 0, "MO,TU,WE,TH,FR", "09:00", "16:00", "WEEKLY",
     "Ask us anything about SEND services in Northbridge: we will find the right person to help.", 0, "active", NULL},
    {"Autism Outreach Team", 0, {0, -1}, "education", "ASD", 4, 16, 0, "MO,TU,WE,TH,FR", "08:30", "16:30", "WEEKLY",
     "Specialist teachers who advise schools and families on supporting autistic pupils, including training for school staff.", 0, "active", NULL},
    {"Educational Psychology Service", 1, {6, -1}, "education", "SEMH,SPLD,MLD", 0, 25, 0, "MO,TU,WE,TH,FR", "08:30", "17:00", "WEEKLY",
     "Educational psychologists who work with schools, families and young people to understand and support learning and wellbeing.", 0, "active", NULL},
    {"Dyslexia Support Sessions", 10, {12, -1}, "education", "SPLD", 7, 16, 10, "WE", "16:00", "17:00", "WEEKLY",
     "Small group literacy sessions for children with dyslexia, run by a specialist teacher. £10 a session.", 1, "active", NULL},
    {"Early Years SEND Inclusion Team", 2, {10, -1}, "childcare", NULL, 0, 5, 0, "MO,TU,WE,TH,FR", "09:00", "17:00", "WEEKLY",
     "Support for nurseries, childminders and families to include young children with SEND in early years settings.", 0, "active", NULL},
    {"Inclusive Stay and Play", 1, {9, -1}, "childcare", NULL, 0, 5, 0, "MO", "10:00", "11:30", "WEEKLY",
     "A relaxed stay and play session for under-fives with additional needs and their parents, with sensory toys and messy play.", 0, "active", NULL},
    {"Northbridge Inclusive Youth Club", 0, {1, -1}, "youth-clubs", NULL, 11, 19, 0, "TU", "18:00", "20:30", "WEEKLY",
     "A youth club where every young person is welcome: pool, music, cooking and trips, with extra support staff.", 0, "active", NULL},
    {"Eastmere Friday Youth Club", 9, {7, -1}, "youth-clubs", NULL, 11, 18, 1, "FR", "18:30", "21:00", "WEEKLY",
     "Friday night youth club with sport, games and a quiet room. £1 a session.", 0, "active", NULL},
    {"Wolds Vale Rural Youth Bus", 2, {11, -1}, "youth-clubs", NULL, 11, 18, 0, "WE", "17:00", "20:00", "WEEKLY",
     "A youth club on a bus that visits the villages of Wolds Vale, with wheelchair lift and youth workers trained in SEND.", 0, "temporarily closed", NULL},
    {"Inclusive Swimming Sessions", 0, {4, -1}, "sport-play", "PD,PMLD", 0, 25, 2.5, "SU", "09:00", "10:00", "WEEKLY",
     "Quiet swimming sessions with warmer water, hoist access and fewer people. £2.50; carers free.", 0, "active", NULL},
    {"Wheelchair Basketball Club", 10, {12, -1}, "sport-play", "PD", 8, 25, 3, "TH", "18:00", "19:30", "WEEKLY",
     "Wheelchair basketball for beginners and experienced players. Sports wheelchairs provided. £3 a session.", 0, "active", NULL},
    {"Wolds Vale Adventure Playground Family Sessions", 10, {11, -1}, "sport-play", NULL, 0, 16, 0, "SU", "10:00", "13:00", "MONTHLY",
     "Exclusive sessions at the adventure playground for disabled children and their families.", 0, "active", NULL},
    {"Eastmere Sensory Sports Club", 9, {7, -1}, "sport-play", "ASD,SEMH", 5, 14, 0, "SA", "09:30", "11:00", "WEEKLY",
     "Sports sessions designed for children who find busy, noisy places hard, with small groups and visual timetables.", 0, "active", NULL},
    {"Preparing for Adulthood Advice", 2, {10, -1}, "preparing-for-adulthood", NULL, 14, 25, 0, "MO,TU,WE,TH,FR", "09:00", "17:00", "WEEKLY",
     "Advice for young people and families on moving to adult services, further education, supported internships, housing and independent travel.", 0, "active", NULL},
    {"Supported Internships Programme", 1, {6, -1}, "preparing-for-adulthood", "MLD,SLD,ASD", 16, 24, 0, "MO,TU,WE,TH", "09:00", "15:00", "WEEKLY",
     "A year-long programme of work placements with a job coach for young people with an EHC plan, leading to paid work.", 0, "active", NULL},
    {"Independent Travel Training", 0, {0, -1}, "preparing-for-adulthood", NULL, 11, 25, 0, "MO,TU,WE,TH,FR", "08:00", "18:00", "WEEKLY",
     "One-to-one training for young people to travel safely on their own by bus, train or on foot.", 0, "active", NULL},
    {"Young People's Mental Health Drop-in", 3, {7, 2, -1}, "health-therapy", "SEMH", 11, 25, 0, "WE", "15:30", "18:00", "WEEKLY",
     "Talk to a mental health worker without an appointment: worries, stress, low mood or anxiety.", 0, "active", NULL},
    {"Sleep Support for Families", 4, {-2}, "health-therapy", "ASD,SEMH", 2, 18, 0, "TU", "19:30", "20:30", "WEEKLY",
     "Online workshops and one-to-one phone support for families of disabled children who have difficulty sleeping.", 0, "active", NULL},
    {"Continence Advice Clinic", 3, {8, 13, -1}, "health-therapy", "PD,SLD", 4, 19, 0, "TH", "09:00", "12:00", "WEEKLY",
     "Nurse-led clinic for children and young people with bladder or bowel problems, including those with learning disabilities.", 0, "active", NULL},
    {"Sign Language Classes for Families", 4, {2, -1}, "parent-carer-groups", "HI", 0, 25, 5, "MO", "18:00", "19:30", "WEEKLY",
     "British Sign Language level 1 classes for families of deaf children. £5 a class, free for parents on benefits.", 0, "active", "British Sign Language"},
    {"Northbridge SEND Toy Library", 0, {2, -1}, "sport-play", "PMLD,VI", 0, 11, 0, "SA", "10:00", "12:00", "WEEKLY",
     "Borrow sensory and adapted toys for free for up to four weeks.", 0, "defunct", NULL},
};

static void days_ago(int days, char out[11])
{
    time_t t = time(NULL) - (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static void slug(const char *name, char *out, size_t n)
{
    size_t k = 0;
    int dash = 0;
    for (; *name && k + 1 < n; name++) {
        char c = *name;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) { out[k++] = c; dash = 0; }
        else if (!dash && k) { out[k++] = '-'; dash = 1; }
    }
    if (k && out[k - 1] == '-') k--;
    out[k] = '\0';
}

static json_t *venue_json(db *d, int v)
{
    char id[IDS_UUID_LEN], aid[IDS_UUID_LEN], xid[IDS_UUID_LEN], norm[DIR_POSTCODE_LEN];
    double lat = 0, lng = 0;
    json_t *loc;
    ids_uuid_from("dir-location", demo_venues[v].name, id);
    ids_uuid_from("dir-address", demo_venues[v].name, aid);
    ids_uuid_from("dir-accessibility", demo_venues[v].name, xid);
    dir_postcode_lookup(d, demo_venues[v].postcode, norm, &lat, &lng);
    loc = json_pack("{s:s, s:s, s:s, s:f, s:f, s:[{s:s, s:s, s:s, s:s, s:s, s:s, s:s}], s:[{s:s, s:s}]}",
                    "id", id, "location_type", "physical", "name", demo_venues[v].name, "latitude", lat,
                    "longitude", lng, "addresses", "id", aid, "address_1", demo_venues[v].address, "city",
                    demo_venues[v].city, "state_province", "Three Rivers", "postal_code", demo_venues[v].postcode,
                    "country", "GB", "address_type", "physical", "accessibility", "id", xid, "description",
                    demo_venues[v].access);
    return loc;
}

static json_t *online_json(void)
{
    char id[IDS_UUID_LEN];
    ids_uuid_from("dir-location", "online", id);
    return json_pack("{s:s, s:s, s:s, s:s}", "id", id, "location_type", "virtual", "name", "Online and by phone",
                     "description", "This service works by phone, video call or online.");
}

int dir_demo_load(db *d)
{
    size_t i;
    int rc, changed;
    char err[300] = "", now[21];
    ids_now_iso(now);
    if ((rc = dir_geo_demo_load(d)) != DB_OK) return rc;
    if ((rc = dir_taxonomy_load(d)) != DB_OK) return rc;
    for (i = 0; i < N(demo_services); i++) {
        char sid[IDS_UUID_LEN], oid[IDS_UUID_LEN], owner[IDS_UUID_LEN], x[IDS_UUID_LEN], sl[96], buf2[160], reviewed[11];
        json_t *svc, *sals = json_array(), *attrs = json_array(), *org, *costs = json_array(), *scheds = json_array();
        const char *needs = demo_services[i].needs;
        int k, area = 3;
        ids_uuid_from("dir-service", demo_services[i].name, sid);
        ids_uuid_from("dir-organization", demo_orgs[demo_services[i].org].name, oid);
        ids_uuid_from("organisation", demo_orgs[demo_services[i].org].owner, owner);
        slug(demo_services[i].name, sl, sizeof sl);
        org = json_pack("{s:s, s:s, s:s}", "id", oid, "name", demo_orgs[demo_services[i].org].name, "description",
                        demo_orgs[demo_services[i].org].desc);
        for (k = 0; k < 3 && demo_services[i].venues[k] != -1; k++) {
            int v = demo_services[i].venues[k];
            json_t *loc = v == -2 ? online_json() : venue_json(d, v);
            snprintf(buf2, sizeof buf2, "%s/%d", sid, k);
            ids_uuid_from("dir-sal", buf2, x);
            if (v >= 0 && area == 3) area = demo_venues[v].area;
            else if (v >= 0 && area != demo_venues[v].area) area = 3;
            json_array_append_new(sals, json_pack("{s:s, s:o}", "id", x, "location", loc));
        }
        ids_uuid_from("dir-term", demo_services[i].cat, x);
        snprintf(buf2, sizeof buf2, "%s/%s", sid, demo_services[i].cat);
        {
            char aid[IDS_UUID_LEN];
            ids_uuid_from("dir-attribute", buf2, aid);
            json_array_append_new(attrs, json_pack("{s:s, s:s}", "id", aid, "taxonomy_term_id", x));
        }
        while (needs && *needs) {
            char code[8], aid[IDS_UUID_LEN];
            size_t n = strcspn(needs, ",");
            snprintf(code, sizeof code, "%.*s", (int)n, needs);
            ids_uuid_from("dir-term", code, x);
            snprintf(buf2, sizeof buf2, "%s/%s", sid, code);
            ids_uuid_from("dir-attribute", buf2, aid);
            json_array_append_new(attrs, json_pack("{s:s, s:s}", "id", aid, "taxonomy_term_id", x));
            needs += n + (needs[n] == ',');
        }
        if (demo_services[i].cost >= 0) {
            snprintf(buf2, sizeof buf2, "%s/cost", sid);
            ids_uuid_from("dir-cost", buf2, x);
            json_array_append_new(costs, json_pack("{s:s, s:s, s:f, s:s}", "id", x, "option",
                                                   demo_services[i].cost > 0 ? "Per session" : "Free", "amount",
                                                   demo_services[i].cost, "amount_description",
                                                   demo_services[i].cost > 0 ? "Charge per session or day" : "No charge"));
        }
        if (demo_services[i].byday) {
            snprintf(buf2, sizeof buf2, "%s/schedule", sid);
            ids_uuid_from("dir-schedule", buf2, x);
            json_array_append_new(scheds, json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s}", "id", x, "freq", demo_services[i].freq,
                                                    "interval", 1, "byday", demo_services[i].byday, "opens_at",
                                                    demo_services[i].opens, "closes_at", demo_services[i].closes,
                                                    "description", !strcmp(demo_services[i].freq, "MONTHLY") ? "Once a month" : "Every week"));
        }
        days_ago(demo_services[i].stale ? 400 + (int)i : 20 + (int)(i * 3), reviewed);
        {
            char cid[IDS_UUID_LEN], pid[IDS_UUID_LEN], lid[IDS_UUID_LEN], said[IDS_UUID_LEN], email[128], url[128], phone[32];
            json_t *langs;
            snprintf(buf2, sizeof buf2, "%s/contact", sid);
            ids_uuid_from("dir-contact", buf2, cid);
            ids_uuid_from("dir-phone", buf2, pid);
            ids_uuid_from("dir-language", buf2, lid);
            ids_uuid_from("dir-service-area", buf2, said);
            snprintf(email, sizeof email, "hello@%.60s.example", sl);
            snprintf(url, sizeof url, "https://%.60s.example/", sl);
            snprintf(phone, sizeof phone, "01632 960%03zu", 100 + i * 7 % 900);
            langs = json_pack("[{s:s, s:s, s:s}]", "id", lid, "name", "English", "code", "en");
            if (demo_services[i].lang) {
                snprintf(buf2, sizeof buf2, "%s/lang2", sid);
                ids_uuid_from("dir-language", buf2, x);
                json_array_append_new(langs, json_pack("{s:s, s:s}", "id", x, "name", demo_services[i].lang));
            }
            svc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o,"
                            " s:[{s:s, s:s, s:s, s:[{s:s, s:s, s:s}]}], s:[{s:s, s:s, s:s}]}",
                            "id", sid, "organization_id", oid, "name", demo_services[i].name, "description",
                            demo_services[i].desc, "url", url, "email", email, "status", demo_services[i].status,
                            "minimum_age", demo_services[i].min, "maximum_age", demo_services[i].max, "assured_date",
                            reviewed, "last_modified", now, "organization", org, "service_at_locations", sals,
                            "attributes", attrs, "cost_options", costs, "schedules", scheds, "languages", langs,
                            "contacts", "id", cid, "name", "Enquiries", "email", email, "phones", "id", pid, "number", phone,
                            "description", "Enquiries and referrals", "service_areas", "id", said, "name",
                            area_names[area], "extent_type", "local_authority");
        }
        if (!strcmp(demo_services[i].name, "Wolds Vale Rural Youth Bus"))
            json_object_set_new(svc, "alert", json_string("The bus is being repaired: sessions restart in the spring."));
        rc = dir_service_put(d, svc, owner, NULL, "demo", &changed, err, sizeof err);
        json_decref(svc);
        if (rc != DB_OK) {
            fprintf(stderr, "directory demo: %s: %s\n", demo_services[i].name, err);
            return rc;
        }
    }
    return DB_OK;
}
