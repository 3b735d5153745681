-- Where a request came from: 'sen2', loaded from a SEN2 file (the import,
-- and the demo's fictional records, which are loaded the same way), or
-- 'sendhub', recorded here (the new-request form and API) and not yet
-- matched by an imported request. A re-import deletes a held request its
-- file no longer has only when the request came from SEN2: one recorded
-- here is kept, after the file's.
ALTER TABLE journeys_requests ADD COLUMN origin TEXT NOT NULL DEFAULT 'sen2';
