-- Denormalised ORUK JSON for fast lists (src/directory/dir_store.c writes
-- them in the same transaction as every change): each service in its three
-- forms (minimal, list, full) and each location as rendered. Kept out of
-- the searched tables so their rows stay small. A missing document is
-- rendered from the tables on read.
CREATE TABLE dir_service_docs (
    service_id TEXT PRIMARY KEY REFERENCES dir_services(id) ON DELETE CASCADE,
    doc_min TEXT NOT NULL,
    doc_list TEXT NOT NULL,
    doc_full TEXT NOT NULL
);
CREATE TABLE dir_location_docs (
    location_id TEXT PRIMARY KEY REFERENCES dir_locations(id) ON DELETE CASCADE,
    doc TEXT NOT NULL
);
-- A counter bumped by every directory write: cached search results are
-- valid while it is unchanged (any number of server processes).
CREATE TABLE dir_meta (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO dir_meta (name, value) VALUES ('generation', 1);
