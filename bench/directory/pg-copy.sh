#!/bin/sh
# Copies a directory imported into SQLite (by run.sh or `sendhub directory
# import`) into an empty PostgreSQL database in bulk (COPY), then builds
# the full-text column the way dir_index_service does: for benchmarking
# PostgreSQL at national scale without waiting for a row-by-row import.
#
#   sh bench/directory/pg-copy.sh SQLITE_FILE POSTGRESQL_URL [BIN]
# The PostgreSQL database must exist and be empty; BIN (build/sendhub)
# creates the schema.
set -eu
src=$1
url=$2
bin=${3:-build/sendhub}
psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -n 1)
"$bin" init --db "$url" >/dev/null
tables="dir_taxonomies dir_taxonomy_terms dir_organizations dir_services dir_locations dir_addresses dir_accessibility
dir_service_at_locations dir_contacts dir_phones dir_schedules dir_cost_options dir_service_areas dir_languages dir_attributes
dir_postcodes dir_service_versions dir_service_docs dir_location_docs"
"$psql" -X -q -v ON_ERROR_STOP=1 "$url" -c "TRUNCATE dir_meta, $(echo $tables | tr ' ' ',') CASCADE"
for t in $tables dir_meta; do
  cols=$("$psql" -X -At "$url" -c "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
                                     WHERE table_name = '$t' AND column_name <> 'search_tsv'")
  sqlite3 -csv "$src" "SELECT $cols FROM $t" | "$psql" -X -q -v ON_ERROR_STOP=1 "$url" -c "\\copy $t ($cols) FROM STDIN WITH (FORMAT csv)"
done
"$psql" -X -q -v ON_ERROR_STOP=1 "$url" <<'SQL'
UPDATE dir_services s SET search_tsv =
    setweight(to_tsvector('english', COALESCE(s.name, '')), 'A') ||
    setweight(to_tsvector('english', COALESCE(s.description, '')), 'B') ||
    setweight(to_tsvector('english', concat_ws(' ',
        (SELECT string_agg(t.name, ' ') FROM dir_attributes a JOIN dir_taxonomy_terms t ON t.id = a.taxonomy_term_id WHERE a.link_id = s.id),
        (SELECT o.name FROM dir_organizations o WHERE o.id = s.organization_id),
        (SELECT string_agg(concat_ws(' ', l.name, ad.city, ad.postal_code), ' ') FROM dir_service_at_locations sl
           JOIN dir_locations l ON l.id = sl.location_id LEFT JOIN dir_addresses ad ON ad.location_id = l.id WHERE sl.service_id = s.id),
        (SELECT string_agg(g.name, ' ') FROM dir_languages g WHERE g.service_id = s.id))), 'C');
VACUUM ANALYZE;
SQL
echo "copied $(sqlite3 "$src" 'SELECT count(*) FROM dir_services') services into PostgreSQL"
