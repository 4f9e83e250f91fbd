-- Ingest speed, H2's half of V8 (db/vendor/postgresql has PostgreSQL's, with partial indexes).

-- A scan reads its repository's open findings, and the fixed ones of the packages it saw (one may
-- come back), rather than every finding the repository ever had.
CREATE INDEX finding_by_repository_state ON finding (repository_id, fixed_at);
CREATE INDEX finding_by_repository_package ON finding (repository_id, package_name);
