-- Journeys: children and young people on the EHC process, and everything a
-- SEN2 return holds. SEN2 values are stored as the return writes them (codes
-- and "YYYY-MM-DD" dates as text) so an import exports again unchanged;
-- seq columns keep the file's order.

-- The SEN2 identity of a council area: its LEA number and region.
CREATE TABLE journeys_area_lea (
    area_id TEXT PRIMARY KEY REFERENCES areas(id) ON DELETE CASCADE,
    lea TEXT NOT NULL UNIQUE,
    region_code TEXT,
    region_name TEXT
);

CREATE TABLE journeys_children (
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
    family_token_hash TEXT UNIQUE,       -- hash of the family's private link code
    contact TEXT,                        -- who the family contacts (caseworker team)
    created_at TEXT NOT NULL
);
CREATE INDEX journeys_children_area ON journeys_children (area_id, seq);
CREATE INDEX journeys_children_upn ON journeys_children (upn);

CREATE TABLE journeys_requests (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES journeys_children(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    received_date TEXT,
    request_source TEXT,
    rya TEXT,
    request_outcome_date TEXT,
    request_outcome TEXT,
    request_mediation TEXT,
    request_tribunal TEXT,
    exported TEXT,
    reassessment INTEGER NOT NULL DEFAULT 0,
    -- Assessment (0..1)
    has_assessment INTEGER NOT NULL DEFAULT 0,
    assessment_outcome TEXT,
    assessment_outcome_date TEXT,
    assessment_mediation TEXT,
    assessment_tribunal TEXT,
    other_mediation TEXT,
    other_tribunal TEXT,
    week20 TEXT,
    exception_kind TEXT,                 -- clock_exception_key
    exception_from TEXT,
    exception_to TEXT,
    exception_note TEXT,
    draft_sent_date TEXT,
    -- NamedPlan (0..1)
    has_plan INTEGER NOT NULL DEFAULT 0,
    plan_start_date TEXT,
    plan_res TEXT,
    plan_wbp TEXT,
    plan_pb TEXT,
    plan_oa TEXT,
    plan_dp TEXT,
    plan_cease_date TEXT,
    plan_cease_reason TEXT,
    -- ActivePlans (0..1)
    has_active INTEGER NOT NULL DEFAULT 0,
    transfer_la TEXT,
    review_meeting TEXT,
    review_outcome TEXT,
    last_review TEXT,
    review_draft TEXT,
    phase_transfer_due_date TEXT,
    phase_transfer_final_date TEXT,
    amendment_sent_date TEXT,
    amendment_final_date TEXT
);
CREATE INDEX journeys_requests_child ON journeys_requests (child_id, seq);

-- NamedPlan/PlanDetail (kind 'plan') and ActivePlans/PlacementDetail (kind 'active').
CREATE TABLE journeys_placements (
    request_id TEXT NOT NULL REFERENCES journeys_requests(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('plan', 'active')),
    seq INTEGER NOT NULL,
    urn TEXT,
    ukprn TEXT,
    sen_setting TEXT,
    sen_setting_other TEXT,
    placement_rank TEXT,
    entry_date TEXT,
    leaving_date TEXT,
    sen_unit_indicator TEXT,
    resourced_provision_indicator TEXT,
    res TEXT,
    wbp TEXT,
    PRIMARY KEY (request_id, kind, seq)
);

CREATE TABLE journeys_needs (
    request_id TEXT NOT NULL REFERENCES journeys_requests(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    sen_type TEXT,
    sen_type_rank TEXT,
    PRIMARY KEY (request_id, seq)
);

-- Advice asked for during an assessment (not part of SEN2).
CREATE TABLE journeys_advice (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES journeys_requests(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('education', 'health', 'social_care', 'psychology')),
    organisation_id TEXT REFERENCES organisations(id),
    asked_date TEXT NOT NULL,
    received_date TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX journeys_advice_request ON journeys_advice (request_id);
CREATE INDEX journeys_advice_org ON journeys_advice (organisation_id);

-- Which organisations are involved with a child: drives who may open it.
CREATE TABLE journeys_involvement (
    child_id TEXT NOT NULL REFERENCES journeys_children(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    PRIMARY KEY (child_id, organisation_id)
);
CREATE INDEX journeys_involvement_org ON journeys_involvement (organisation_id);

-- DfE published figures (sendhub benchmarks import): one value per row.
CREATE TABLE journeys_benchmarks (
    time_period TEXT NOT NULL,
    geographic_level TEXT NOT NULL,
    code TEXT NOT NULL,                  -- E92000001, region code or new LA code
    name TEXT NOT NULL,
    measure TEXT NOT NULL,
    value TEXT,
    PRIMARY KEY (time_period, code, measure)
);
