-- the due_at whose passing was announced (finding.overdue): a finding is announced once per
-- deadline, whichever replica checks, and again only when its deadline moves (a severity change,
-- or a new occurrence after a fix)
ALTER TABLE finding ADD COLUMN overdue_announced_due BIGINT;
