-- A published monitoring report is frozen: the data it showed when it was
-- published (JSON, the same shape GET /api/v1/reports/{id} answers) is kept
-- here, and the published report and its CSV are drawn from it.
-- A plan's lead organisation (who may publish its public page); NULL means
-- the local authority of the plan's area.
ALTER TABLE plans_reports ADD COLUMN snapshot TEXT;
ALTER TABLE plans_plans ADD COLUMN lead_org_id TEXT REFERENCES organisations(id);
