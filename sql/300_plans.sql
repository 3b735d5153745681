-- Plans (improvement): inspections and their findings, revisits and
-- monitoring inspections with a judgement per finding, the plans that answer
-- the findings with actions, success measures, monitoring reports, and the
-- Ofsted national statistics. Dates are "YYYY-MM-DD", times ISO 8601 UTC.

CREATE TABLE plans_inspections (
    id TEXT PRIMARY KEY,
    area_id TEXT NOT NULL REFERENCES areas(id),
    framework TEXT NOT NULL CHECK (framework IN ('2016', '2023')),
    start_date TEXT NOT NULL,
    end_date TEXT,
    publication_date TEXT,
    -- 2016: wsoa / no_wsoa; 2023: outcome1 / outcome2 / outcome3
    outcome TEXT NOT NULL CHECK (outcome IN ('wsoa', 'no_wsoa', 'outcome1', 'outcome2', 'outcome3')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plans_inspections_area ON plans_inspections (area_id);

CREATE TABLE plans_findings (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES plans_inspections(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('significant_weakness', 'priority_action', 'improvement')),
    text TEXT NOT NULL,
    responsible TEXT NOT NULL CHECK (responsible IN ('council', 'icb', 'both')),
    created_at TEXT NOT NULL
);
CREATE INDEX plans_findings_inspection ON plans_findings (inspection_id, seq);

CREATE TABLE plans_visits (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES plans_inspections(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('revisit', 'monitoring')),
    start_date TEXT NOT NULL,
    publication_date TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE plans_judgements (
    visit_id TEXT NOT NULL REFERENCES plans_visits(id) ON DELETE CASCADE,
    finding_id TEXT NOT NULL REFERENCES plans_findings(id) ON DELETE CASCADE,
    sufficient INTEGER NOT NULL CHECK (sufficient IN (0, 1)),
    PRIMARY KEY (visit_id, finding_id)
);

CREATE TABLE plans_plans (
    id TEXT PRIMARY KEY,
    area_id TEXT NOT NULL REFERENCES areas(id),
    inspection_id TEXT REFERENCES plans_inspections(id),
    kind TEXT NOT NULL CHECK (kind IN ('wsoa', 'app', 'pap', 'strategic')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    published INTEGER NOT NULL DEFAULT 0,   -- 1: the public transparency page is shown
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE plans_actions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans_plans(id) ON DELETE CASCADE,
    ref TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    public_summary TEXT NOT NULL DEFAULT '',
    lead_officer TEXT NOT NULL,
    accountable_officer TEXT NOT NULL,
    lead_org_id TEXT NOT NULL REFERENCES organisations(id),
    coproduction TEXT NOT NULL CHECK (coproduction IN ('information', 'consultation', 'participation', 'coproduction')),
    forum_org_id TEXT REFERENCES organisations(id),
    start_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'blocked', 'completed')),
    completed_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plans_actions_plan ON plans_actions (plan_id);

CREATE TABLE plans_action_findings (
    action_id TEXT NOT NULL REFERENCES plans_actions(id) ON DELETE CASCADE,
    finding_id TEXT NOT NULL REFERENCES plans_findings(id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, finding_id)
);

CREATE TABLE plans_action_partners (
    action_id TEXT NOT NULL REFERENCES plans_actions(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (action_id, organisation_id)
);

CREATE TABLE plans_milestones (
    id TEXT PRIMARY KEY,
    action_id TEXT NOT NULL REFERENCES plans_actions(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    due_date TEXT NOT NULL,
    done_date TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE plans_updates (
    id TEXT PRIMARY KEY,
    action_id TEXT NOT NULL REFERENCES plans_actions(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    author_id TEXT REFERENCES people(id),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    forum_comment INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX plans_updates_action ON plans_updates (action_id, at);

-- Evidence: a link, or a small file kept base64-encoded (db.h binds text).
CREATE TABLE plans_evidence (
    id TEXT PRIMARY KEY,
    action_id TEXT NOT NULL REFERENCES plans_actions(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('file', 'link')),
    title TEXT NOT NULL,
    url TEXT,
    filename TEXT,
    content_type TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    data_b64 TEXT,
    added_by TEXT REFERENCES people(id),
    created_at TEXT NOT NULL
);

CREATE TABLE plans_measures (
    id TEXT PRIMARY KEY,
    action_id TEXT NOT NULL REFERENCES plans_actions(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    baseline DOUBLE PRECISION NOT NULL,
    baseline_date TEXT NOT NULL,
    target DOUBLE PRECISION NOT NULL,
    target_date TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE plans_measure_milestones (
    id TEXT PRIMARY KEY,
    measure_id TEXT NOT NULL REFERENCES plans_measures(id) ON DELETE CASCADE,
    due_date TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL
);

CREATE TABLE plans_actuals (
    id TEXT PRIMARY KEY,
    measure_id TEXT NOT NULL REFERENCES plans_measures(id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE plans_reports (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans_plans(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    published_at TEXT,
    published_by TEXT REFERENCES people(id),
    created_at TEXT NOT NULL
);

CREATE TABLE plans_report_comments (
    report_id TEXT NOT NULL REFERENCES plans_reports(id) ON DELETE CASCADE,
    action_id TEXT NOT NULL REFERENCES plans_actions(id) ON DELETE CASCADE,
    commentary TEXT NOT NULL,
    PRIMARY KEY (report_id, action_id)
);

-- Whether staff names may appear on public pages, per organisation.
CREATE TABLE plans_org_settings (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
    show_staff_names INTEGER NOT NULL DEFAULT 0
);

-- Ofsted official statistics: one row per local authority area.
CREATE TABLE plans_ofsted (
    la_code TEXT PRIMARY KEY,
    area_name TEXT NOT NULL,
    region TEXT NOT NULL,
    inspection_start TEXT NOT NULL,
    inspection_published TEXT,
    wsoa_required INTEGER NOT NULL,
    weaknesses INTEGER,
    revisit_start TEXT,
    revisit_published TEXT,
    revisit_outcome TEXT,
    sufficient INTEGER,
    not_sufficient INTEGER,
    imported_at TEXT NOT NULL
);
