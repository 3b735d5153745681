-- Voice: families' feedback and its triage, the safeguarding word list,
-- themes, surveys and their responses, the co-production log and
-- "You said, we did". Times are UTC ISO 8601 text; rate-limit clocks are
-- integer Unix seconds.

CREATE TABLE voice_feedback (
    id TEXT PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,          -- FB-XXXXXX, shown to the person
    about TEXT NOT NULL CHECK (about IN ('service', 'ehc', 'school', 'health', 'social_care', 'other')),
    service_name TEXT,                       -- free text when about = 'service'
    service_id TEXT,                         -- a directory service id, when known
    area_id TEXT NOT NULL REFERENCES areas(id),
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    what_happened TEXT NOT NULL,
    respondent TEXT CHECK (respondent IN ('parent_carer', 'young_person', 'other')),
    wants_reply INTEGER NOT NULL DEFAULT 0,
    contact_name TEXT,                       -- personal data: deleted after the retention period
    contact_email TEXT,
    contact_phone TEXT,
    contact_deleted_at TEXT,
    urgent INTEGER NOT NULL DEFAULT 0,       -- matched the safeguarding list
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewed', 'responded', 'actioned', 'closed')),
    reply TEXT,
    replied_at TEXT,
    replied_by TEXT REFERENCES people(id),
    action_id TEXT,                          -- plan_actions.id when that module exists
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX voice_feedback_queue ON voice_feedback (area_id, urgent, created_at);

CREATE TABLE voice_themes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE voice_feedback_themes (
    feedback_id TEXT NOT NULL REFERENCES voice_feedback(id) ON DELETE CASCADE,
    theme_id TEXT NOT NULL REFERENCES voice_themes(id) ON DELETE CASCADE,
    PRIMARY KEY (feedback_id, theme_id)
);

CREATE TABLE voice_safeguarding_terms (
    id TEXT PRIMARY KEY,
    phrase TEXT NOT NULL UNIQUE,             -- stored lower-case
    created_at TEXT NOT NULL
);

CREATE TABLE voice_rate (
    id {{ID}},
    key_hash TEXT NOT NULL,                  -- hash of "kind:address", never the address
    at BIGINT NOT NULL
);
CREATE INDEX voice_rate_key ON voice_rate (key_hash, at);

CREATE TABLE voice_surveys (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    published INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE voice_questions (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL REFERENCES voice_surveys(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('scale', 'single', 'multiple', 'text')),
    text TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '',        -- choices, one per line
    required INTEGER NOT NULL DEFAULT 0,
    measure TEXT,                            -- 'overall' or 'listened' for the standard set
    created_at TEXT NOT NULL
);
CREATE INDEX voice_questions_survey ON voice_questions (survey_id, position);

CREATE TABLE voice_responses (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL REFERENCES voice_surveys(id) ON DELETE CASCADE,
    area_id TEXT REFERENCES areas(id),
    respondent TEXT CHECK (respondent IN ('parent_carer', 'young_person', 'other')),
    created_at TEXT NOT NULL
);
CREATE INDEX voice_responses_survey ON voice_responses (survey_id);

CREATE TABLE voice_answers (
    id {{ID}},
    response_id TEXT NOT NULL REFERENCES voice_responses(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL REFERENCES voice_questions(id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    theme_id TEXT REFERENCES voice_themes(id) ON DELETE SET NULL
);
CREATE INDEX voice_answers_question ON voice_answers (question_id);
CREATE INDEX voice_answers_response ON voice_answers (response_id);

CREATE TABLE voice_engagements (
    id TEXT PRIMARY KEY,
    held_on TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('event', 'workstream', 'consultation', 'board')),
    area_id TEXT REFERENCES areas(id),
    forum_role TEXT NOT NULL DEFAULT '',
    ladder TEXT NOT NULL CHECK (ladder IN ('information', 'consultation', 'participation', 'coproduction')),
    decided TEXT NOT NULL DEFAULT '',
    action_ids TEXT NOT NULL DEFAULT '',     -- plan action ids, comma-separated
    created_by TEXT REFERENCES people(id),
    created_at TEXT NOT NULL
);

CREATE TABLE voice_engagement_orgs (
    engagement_id TEXT NOT NULL REFERENCES voice_engagements(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    PRIMARY KEY (engagement_id, organisation_id)
);

CREATE TABLE voice_engagement_feedback (
    engagement_id TEXT NOT NULL REFERENCES voice_engagements(id) ON DELETE CASCADE,
    feedback_id TEXT NOT NULL REFERENCES voice_feedback(id) ON DELETE CASCADE,
    PRIMARY KEY (engagement_id, feedback_id)
);

CREATE TABLE voice_ysyd (
    id TEXT PRIMARY KEY,
    area_id TEXT NOT NULL REFERENCES areas(id),
    theme TEXT NOT NULL,
    you_said TEXT NOT NULL,                  -- themes and counts, never personal details
    raised_count INTEGER NOT NULL DEFAULT 0,
    we_did TEXT NOT NULL,
    done_on TEXT NOT NULL,
    published INTEGER NOT NULL DEFAULT 0,
    published_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A starting list: administrators keep it up to date at /voice/admin.
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('de5df5fd-1c4f-5f8e-a83f-2e5b0f1c68b6', 'abuse', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('011108dd-6884-599e-bdd3-f1415304a664', 'abused', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('d5e64dc2-76e4-5857-a067-6d5c9a778612', 'abusing', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('69b3ece5-a90a-5241-874f-5cc1a67fe9f9', 'afraid to go home', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('7c795f85-7275-5aa6-94e0-5a4c77cd7307', 'beat me', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('9bf9ce58-4c44-5a36-9362-c5c27c56368c', 'beaten', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('601f0175-0f15-5737-98da-a5feadaaacd5', 'county lines', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('5e434fba-2503-5acc-945a-0da17ce1a7f0', 'cutting herself', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('58369b01-33e8-5e69-aaf6-1ca95fe2f921', 'cutting himself', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('8ac7920d-adc0-522b-a954-8f924870f52a', 'domestic violence', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('2708c0a7-2a24-5369-af4f-4d602b0f7de4', 'end it all', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('04e165a8-ae68-59a3-bf01-26b53c759e55', 'end my life', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('05c07004-a708-57e8-a294-bb7f38ece031', 'exploitation', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('8ed4fc62-b05a-5bd9-9436-df2aea72a0e1', 'exploited', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('5cbcf14b-99aa-5ce3-b1f3-a5e63f0d2f9b', 'groomed', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('34c44c4d-46d4-57a5-b662-4ce36d0e0b21', 'grooming', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('0930dcb8-75de-5fb8-aa08-a8f9f45c7b21', 'harm herself', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('236f5999-6184-5cf7-8e8e-58020d1898e6', 'harm himself', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('d0cfcf55-57a8-566b-8a94-6723db95c364', 'harm themselves', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('4c0cb7c6-2042-52f7-8bfe-07b2e7fe628d', 'hit me', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('8595ecd2-a067-5188-a6e8-d3fc0dc1905b', 'hits her', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('97f48ae7-c17b-534b-bc94-274842247f14', 'hits him', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('d9c0f605-7dba-59be-8a18-e25a9f2f409c', 'hits me', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('3407c52e-d7c7-5222-8d4c-c9d0ed04b1b4', 'hitting me', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('3bbac7a9-c840-56ca-8500-5ad9cb3f8a1f', 'hurt me', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('aae0a305-6a9e-50e6-a914-792b243f4756', 'hurting me', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('fcbf75a8-14a2-5412-8109-a13a6a061298', 'hurts me', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('a06cb0f1-13a2-5961-bca8-4022c913d298', 'in danger', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('aeb1e35d-fb1d-57b4-81ec-560eeebe25c8', 'kick me', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('38f5d622-7705-592b-af41-cb71b711c3fb', 'kicked me', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('72651819-a0b8-55d6-bd0b-c2208b3909e0', 'kill myself', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('f8dcef25-95c0-5614-b39f-ec70f27bc9ee', 'killing myself', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('a3db5ec6-cd23-51fd-9cc7-e553413f03ba', 'locked in', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('6b41e861-ca45-59d8-b6a3-17cb0b7ecaf2', 'missing from home', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('2b008578-51fc-5efb-80be-4cb31d237417', 'neglect', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('d64fa0ef-6f9b-539f-b32c-fc02c5cc7fc6', 'neglected', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('fca53252-c108-5a12-91de-8a960eea9400', 'no food', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('8f5542e1-80e1-5caa-ba22-33790d344928', 'not safe', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('5fb7da9f-3e12-5399-ab33-d37bb98b5351', 'overdose', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('aba0aa7f-ab70-5564-9cb3-864369982a4e', 'restrained', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('87bc38e1-90f3-50de-9d8f-ca6e6c69a515', 'runaway', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('2cfd15f2-47ac-5221-a431-1aaaa8ee67f0', 'scared to go home', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('8ae996b7-27b2-5375-9e82-654f6cd0e53f', 'self harm', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('299ed0b4-f6be-5f2c-8509-2ff03f67c93a', 'self harming', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('8e3ebc6a-24d8-5094-815a-86aeb44eb440', 'self-harm', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('34d593d0-e9b3-54fe-832d-a8e61ee1c0e0', 'sexual', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('5550d88a-2ea5-5bd4-a811-e5f5abb12aff', 'suicidal', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('09c9e12c-9e26-5c34-895d-247f3db1fd37', 'suicide', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('0b43ac79-d31d-5061-bf3c-7f7d781f500d', 'threatened', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('1cbc12c1-4ea0-5723-8458-3d7c8b55e591', 'touched me', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('b09c95cd-6d6a-5bd9-81c3-317ae34350e8', 'unsafe', '2026-01-01T00:00:00Z');
INSERT INTO voice_safeguarding_terms (id, phrase, created_at) VALUES ('c12e52f8-c678-5bdd-b038-949bd8c24218', 'want to die', '2026-01-01T00:00:00Z');

-- Themes for tagging feedback and free-text answers.
INSERT INTO voice_themes (id, name, created_at) VALUES ('eb2d368f-092b-51ff-9726-cb48bb45e648', 'Communication', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('c4bdd337-ad21-5ce5-a89f-effd30b0cb92', 'Waiting times', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('f4758a14-17ba-58c8-b196-852a128b641f', 'EHC needs assessment', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('1dcd9c28-9e12-56bd-a8e2-a48010f612b5', 'Transition to adulthood', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('91cc3711-fec5-5811-884b-9236f82b3030', 'School placement', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('5442adf6-e7c0-50cd-aaf9-1392c1751ced', 'Therapies', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('b6f9b7bb-7fe0-5e1c-bf2c-800c431c8883', 'Mental health', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('5267afeb-0ae8-5469-aefb-d582673ba8c0', 'Transport', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('ae36c997-cc52-5fc9-bcb1-d496726c3720', 'Short breaks', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('0a9e53b5-a6dc-5029-8cda-cd2d4fbc970e', 'Information and advice', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('a69b8c54-fcf8-570c-bfd3-dc5396b47163', 'Staff attitude', '2026-01-01T00:00:00Z');
INSERT INTO voice_themes (id, name, created_at) VALUES ('5fd04f14-f13c-53ae-b375-e40eda2751ea', 'Annual reviews', '2026-01-01T00:00:00Z');

INSERT INTO settings (name, value) VALUES ('voice_contact_retention_days', '365');
INSERT INTO settings (name, value) VALUES ('voice_rate_max', '5');
