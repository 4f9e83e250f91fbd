-- Ingest speed, PostgreSQL's half of V8 (db/vendor/h2 has H2's, without partial indexes).

-- A scan reads its repository's open findings, and the fixed ones of the packages it saw (one may
-- come back), rather than every finding the repository ever had.
CREATE INDEX finding_open_by_repository ON finding (repository_id) WHERE fixed_at IS NULL;
CREATE INDEX finding_fixed_by_package ON finding (repository_id, package_name)
  WHERE fixed_at IS NOT NULL;
