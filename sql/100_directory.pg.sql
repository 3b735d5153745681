-- Full-text search (tsvector + GIN, ranked with ts_rank, prefix queries) and
-- an indexed latitude/longitude bounding box. The application keeps
-- search_tsv in step with every write (src/directory/dir_store.c).
ALTER TABLE dir_services ADD COLUMN search_tsv tsvector;
CREATE INDEX dir_services_tsv ON dir_services USING GIN (search_tsv);
CREATE INDEX dir_locations_latlng ON dir_locations (latitude, longitude);
