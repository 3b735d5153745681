-- The approval queue also holds new listings proposed by voluntary
-- organisations (is_new = 1: the service is written only when approved),
-- the sendhub organisation a change belongs to, and the reason given when a
-- change is decided (shown to the person who proposed it). base_version
-- (in 100_directory.sql) is the published version an edit was based on.
ALTER TABLE dir_changes ADD COLUMN owner_org_id TEXT;
ALTER TABLE dir_changes ADD COLUMN is_new INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dir_changes ADD COLUMN decision_note TEXT;
