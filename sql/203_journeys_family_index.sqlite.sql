-- Family link codes: unique among the children that have one, and indexed
-- only for those (a partial index). Imported children have none, so a
-- national SEN2 import no longer writes 640,000 empty entries into the
-- index of a UNIQUE column. SQLite cannot drop a column's UNIQUE, so the
-- table is rebuilt (migrations run with foreign keys off and are checked
-- before they commit: requests and involvement keep pointing at it).
CREATE TABLE journeys_children_new (
    id TEXT PRIMARY KEY,
    area_id TEXT NOT NULL REFERENCES areas(id),
    seq BIGINT NOT NULL,
    surname TEXT,
    forename TEXT,
    birth_date TEXT,
    sex TEXT,
    ethnicity TEXT,
    postcode TEXT,
    upn TEXT,
    uln TEXT,
    upn_unknown TEXT,
    family_token_hash TEXT,              -- hash of the family's private link code
    contact TEXT,                        -- who the family contacts (caseworker team)
    created_at TEXT NOT NULL
);
INSERT INTO journeys_children_new (id, area_id, seq, surname, forename, birth_date, sex, ethnicity, postcode, upn,
    uln, upn_unknown, family_token_hash, contact, created_at)
    SELECT id, area_id, seq, surname, forename, birth_date, sex, ethnicity, postcode, upn,
    uln, upn_unknown, family_token_hash, contact, created_at FROM journeys_children;
DROP TABLE journeys_children;
ALTER TABLE journeys_children_new RENAME TO journeys_children;
CREATE INDEX journeys_children_area ON journeys_children (area_id, seq);
CREATE INDEX journeys_children_upn ON journeys_children (upn);
CREATE UNIQUE INDEX journeys_children_family ON journeys_children (family_token_hash) WHERE family_token_hash IS NOT NULL;
