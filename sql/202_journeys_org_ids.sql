-- The schools' and colleges' own identifiers (URN, UKPRN) of partner
-- organisations, set by a council administrator: a school whose URN (or a
-- college whose UKPRN) is a child's current placement is involved with the
-- child (journeys_child_access).
CREATE TABLE journeys_org_ids (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    urn TEXT,
    ukprn TEXT,
    updated_at TEXT NOT NULL
);
