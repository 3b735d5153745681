-- Core: the partnership (areas, organisations, people), sign-in, API tokens,
-- the audit log and settings. Ids are UUIDs; times are UTC ISO 8601 text
-- except session/throttle clocks, which are integer Unix seconds.

CREATE TABLE areas (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    ons_code TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL CHECK (type IN ('local_authority', 'icb', 'health_provider',
        'school', 'forum', 'voluntary', 'dfe', 'nhse')),
    created_at TEXT NOT NULL
);

CREATE TABLE organisation_areas (
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    area_id TEXT NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
    PRIMARY KEY (organisation_id, area_id)
);

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,          -- stored lower-case
    name TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'forum', 'monitor')),
    password_hash TEXT,                  -- argon2id (libsodium crypto_pwhash_str)
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX people_org ON people (organisation_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,                 -- hash of the cookie value, never the value
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,     -- hash of the token, never the token
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);

CREATE TABLE sign_in_failures (
    id {{ID}},
    throttle_key TEXT NOT NULL,          -- hash of "account:EMAIL" or "address:IP"
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (throttle_key, at);

CREATE TABLE audit_log (
    id {{ID}},
    at TEXT NOT NULL,
    actor_id TEXT,                       -- people.id, NULL for the public / system
    remote TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    detail TEXT,
    request_id TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);

CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
