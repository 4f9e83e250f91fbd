-- Speed, H2's half of V7 (db/vendor/postgresql has PostgreSQL's, with its storage settings, which
-- H2 does not have). Other versions live in db/migration.

-- The KPIs read the open findings by severity, oldest first, and whether each is overdue: one
-- index answers them (finding_open was its first two columns).
CREATE INDEX finding_open_by_age ON finding
  (fixed_at, severity, first_seen, due_at, excepted_until, next_release, carried_into_newer);
DROP INDEX finding_open;
