-- Family link codes: unique among the children that have one, and indexed
-- only for those (a partial index), as on SQLite.
ALTER TABLE journeys_children DROP CONSTRAINT journeys_children_family_token_hash_key;
CREATE UNIQUE INDEX journeys_children_family ON journeys_children (family_token_hash) WHERE family_token_hash IS NOT NULL;
