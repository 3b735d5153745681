/* dir_geo: UK postcodes and distances for the directory.
 *
 * Postcodes are normalised to upper case with one space before the inward
 * code ("nb1  1aa" -> "NB1 1AA"). The format check is the strict UK one:
 * outward A9, A99, AA9, AA99, A9A or AA9A; inward 9AA; the letter positions
 * that Royal Mail never uses are refused. Lookups try the full postcode and
 * fall back to the centroid of its outward code. */
#ifndef SH_DIR_GEO_H
#define SH_DIR_GEO_H

#include "core/db.h"

#define DIR_POSTCODE_LEN 9    /* "AA9A 9AA" + NUL */

enum dir_pc_kind { DIR_PC_INVALID = 0, DIR_PC_FULL = 1, DIR_PC_OUTWARD = 2 };

/* Normalises in into out. Returns DIR_PC_FULL for a full postcode,
 * DIR_PC_OUTWARD for an outward code alone ("NB1") when allow_outward is set,
 * else DIR_PC_INVALID (out is then ""). */
enum dir_pc_kind dir_postcode_parse(const char *in, int allow_outward, char out[DIR_POSTCODE_LEN]);

/* Great-circle distance in metres (haversine, mean Earth radius 6371 km). */
double dir_haversine_m(double lat1, double lng1, double lat2, double lng2);

/* Metres as words for people: "0.3 miles", "12 miles". Into out (32 bytes). */
void dir_distance_words(double metres, char out[32]);

enum dir_pc_result {
    DIR_PC_FOUND = 0,          /* the postcode itself */
    DIR_PC_CENTROID = 1,       /* unknown postcode, its outward code's centroid */
    DIR_PC_BAD_FORMAT = 2,     /* not a UK postcode */
    DIR_PC_UNKNOWN = 3         /* well formed, but neither it nor its outward code is known */
};
/* Looks up a postcode typed by a person (or an API client). On FOUND or
 * CENTROID, *lat and *lng are set and norm holds the normalised postcode.
 * Returns an enum dir_pc_result, or a negative DB error. */
int dir_postcode_lookup(db *d, const char *text, char norm[DIR_POSTCODE_LEN], double *lat, double *lng);

/* Adds or replaces one postcode (already normalised by the caller or not:
 * it is normalised here). DB_OK, DB_EARG when the postcode is invalid. */
int dir_postcode_put(db *d, const char *postcode, double lat, double lng);

/* `sendhub postcodes import FILE [--db URL]`: ONS Postcode Directory CSV
 * (columns pcds, lat, long) or postcode,latitude,longitude. One transaction;
 * a bad row stops it with "line N: ..." and nothing is applied. */
int dir_cli_postcodes_import(int argc, char **argv);

/* The demo postcodes for the fictional areas (outward codes NB1-NB4,
 * EM1-EM3, WQ1-WQ3, which Royal Mail does not use). */
int dir_geo_demo_load(db *d);
/* Up to n demo postcodes to suggest on the search page. */
extern const char *const dir_demo_postcodes[];

/* A small CSV reader shared by the import commands: splits one line
 * (quotes, doubled quotes) into at most max fields, in place. Returns the
 * number of fields. */
int dir_csv_split(char *line, char **fields, int max);

#endif
