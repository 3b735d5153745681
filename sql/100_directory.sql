-- Directory (the Local Offer), shaped as Open Referral UK 3.0 (HSDS 3.0).
-- Column names follow the ORUK fields; "option" and "interval" are renamed
-- (cost_option, freq_interval) to stay clear of SQL keywords.
CREATE TABLE dir_taxonomies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    uri TEXT,
    version TEXT
);

CREATE TABLE dir_taxonomy_terms (
    id TEXT PRIMARY KEY,
    code TEXT,                 -- short stable slug, e.g. "support-groups"
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    parent_id TEXT REFERENCES dir_taxonomy_terms(id),
    taxonomy_id TEXT REFERENCES dir_taxonomies(id),
    term_uri TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dir_terms_taxonomy ON dir_taxonomy_terms(taxonomy_id);
CREATE INDEX dir_terms_parent ON dir_taxonomy_terms(parent_id);
CREATE INDEX dir_terms_code ON dir_taxonomy_terms(code);

CREATE TABLE dir_organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    email TEXT,
    website TEXT,
    logo TEXT,
    uri TEXT,
    parent_organization_id TEXT,
    owner_org_id TEXT,         -- the sendhub organisation that manages it
    last_modified TEXT NOT NULL
);
CREATE INDEX dir_orgs_modified ON dir_organizations(last_modified);

CREATE TABLE dir_services (
    id TEXT PRIMARY KEY,
    organization_id TEXT REFERENCES dir_organizations(id),
    name TEXT NOT NULL,
    description TEXT,
    url TEXT,
    email TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
    fees TEXT,
    accreditations TEXT,
    minimum_age INTEGER,
    maximum_age INTEGER,
    assured_date TEXT,
    assurer_email TEXT,
    alert TEXT,
    last_modified TEXT NOT NULL,
    seq INTEGER NOT NULL UNIQUE,   -- integer key for the full-text index
    is_free INTEGER NOT NULL DEFAULT 0,   -- derived from cost_options on every write
    owner_org_id TEXT,         -- the sendhub organisation that manages it
    version INTEGER NOT NULL DEFAULT 0,
    doc_hash TEXT              -- hash of the last document written (re-import = no change)
);
CREATE INDEX dir_services_org ON dir_services(organization_id);
CREATE INDEX dir_services_owner ON dir_services(owner_org_id);
CREATE INDEX dir_services_modified ON dir_services(last_modified);
CREATE INDEX dir_services_name ON dir_services(name, id);
CREATE INDEX dir_services_assured ON dir_services(assured_date);

CREATE TABLE dir_locations (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,   -- integer key for the spatial index
    location_type TEXT NOT NULL CHECK (location_type IN ('physical', 'postal', 'virtual')),
    name TEXT,
    description TEXT,
    latitude REAL,
    longitude REAL,
    external_identifier TEXT,
    external_identifier_type TEXT
);

CREATE TABLE dir_addresses (
    id TEXT PRIMARY KEY,
    location_id TEXT NOT NULL REFERENCES dir_locations(id) ON DELETE CASCADE,
    attention TEXT,
    address_1 TEXT NOT NULL,
    city TEXT NOT NULL,
    region TEXT,
    state_province TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    country TEXT NOT NULL,
    address_type TEXT NOT NULL
);
CREATE INDEX dir_addresses_location ON dir_addresses(location_id);

CREATE TABLE dir_accessibility (
    id TEXT PRIMARY KEY,
    location_id TEXT NOT NULL REFERENCES dir_locations(id) ON DELETE CASCADE,
    description TEXT,
    details TEXT,
    url TEXT
);
CREATE INDEX dir_accessibility_location ON dir_accessibility(location_id);

CREATE TABLE dir_service_at_locations (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES dir_services(id) ON DELETE CASCADE,
    location_id TEXT NOT NULL REFERENCES dir_locations(id),
    description TEXT
);
CREATE INDEX dir_sal_service ON dir_service_at_locations(service_id);
CREATE INDEX dir_sal_location ON dir_service_at_locations(location_id);

CREATE TABLE dir_contacts (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES dir_services(id) ON DELETE CASCADE,
    name TEXT,
    title TEXT,
    department TEXT,
    email TEXT
);
CREATE INDEX dir_contacts_service ON dir_contacts(service_id);

CREATE TABLE dir_phones (
    id TEXT PRIMARY KEY,
    contact_id TEXT NOT NULL REFERENCES dir_contacts(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    description TEXT
);
CREATE INDEX dir_phones_contact ON dir_phones(contact_id);

CREATE TABLE dir_schedules (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES dir_services(id) ON DELETE CASCADE,
    valid_from TEXT,
    valid_to TEXT,
    dtstart TEXT,
    freq TEXT CHECK (freq IS NULL OR freq IN ('WEEKLY', 'MONTHLY')),
    freq_interval INTEGER,
    byday TEXT,
    bymonthday TEXT,
    description TEXT,
    opens_at TEXT,
    closes_at TEXT,
    attending_type TEXT,
    notes TEXT
);
CREATE INDEX dir_schedules_service ON dir_schedules(service_id);

CREATE TABLE dir_cost_options (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES dir_services(id) ON DELETE CASCADE,
    valid_from TEXT,
    valid_to TEXT,
    cost_option TEXT,
    amount REAL,
    amount_description TEXT
);
CREATE INDEX dir_cost_options_service ON dir_cost_options(service_id);

CREATE TABLE dir_service_areas (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES dir_services(id) ON DELETE CASCADE,
    name TEXT,
    extent TEXT,
    extent_type TEXT,
    uri TEXT
);
CREATE INDEX dir_service_areas_service ON dir_service_areas(service_id);

CREATE TABLE dir_languages (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES dir_services(id) ON DELETE CASCADE,
    name TEXT,
    code TEXT,
    note TEXT
);
CREATE INDEX dir_languages_service ON dir_languages(service_id);

-- A service's taxonomy terms (ORUK attributes with link_type "service").
CREATE TABLE dir_attributes (
    id TEXT PRIMARY KEY,
    link_id TEXT NOT NULL REFERENCES dir_services(id) ON DELETE CASCADE,
    link_type TEXT NOT NULL,
    taxonomy_term_id TEXT NOT NULL REFERENCES dir_taxonomy_terms(id)
);
CREATE INDEX dir_attributes_link ON dir_attributes(link_id);
CREATE INDEX dir_attributes_term ON dir_attributes(taxonomy_term_id, link_id);

-- UK postcodes: normalised "AB1 2CD"; outward "AB1" for the centroid fall-back.
CREATE TABLE dir_postcodes (
    postcode TEXT PRIMARY KEY,
    outward TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL
);
CREATE INDEX dir_postcodes_outward ON dir_postcodes(outward);

-- Every published version of a service, as its full ORUK JSON.
CREATE TABLE dir_service_versions (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    note TEXT,
    UNIQUE (service_id, version)
);

-- The owners' queue: edits waiting for approval and suggestions from the public.
CREATE TABLE dir_changes (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('edit', 'suggestion')),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'done')),
    reason TEXT,
    details TEXT,
    doc TEXT,
    base_version INTEGER,
    created_at TEXT NOT NULL,
    created_by TEXT,
    decided_at TEXT,
    decided_by TEXT
);
CREATE INDEX dir_changes_service ON dir_changes(service_id, status);
CREATE INDEX dir_changes_status ON dir_changes(status, created_at);
