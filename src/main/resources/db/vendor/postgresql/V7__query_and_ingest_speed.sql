-- Speed, PostgreSQL's half of V7 (db/vendor/h2 has H2's). Other versions live in db/migration.

-- The KPIs read the open findings by severity, oldest first, and whether each is overdue: one
-- index answers them without reading the table (finding_open was its first two columns).
CREATE INDEX finding_open_by_age ON finding
  (fixed_at, severity, first_seen, due_at, excepted_until, next_release, carried_into_newer);
DROP INDEX finding_open;
-- The oldest open findings of one severity, oldest first, for the oldest unpatched image. (The
-- index above cannot give that order: PostgreSQL does not take "fixed_at IS NULL" as fixing the
-- first column.)
CREATE INDEX finding_open_oldest ON finding (severity, first_seen) WHERE fixed_at IS NULL;

-- Every scan rewrites last_seen of each finding it sees. Room left on each page keeps those updates
-- on their page (HOT: no new entry in every index), and the tables are vacuumed and analysed after
-- 2 % of their rows change rather than 20 %, so that plans follow a store that grows fast.
ALTER TABLE finding SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE finding_image SET (autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_analyze_scale_factor = 0.02);
