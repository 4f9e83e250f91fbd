-- Ingest speed, PostgreSQL's half of V8 (db/vendor/h2 has H2's, without partial indexes).

-- A scan reads its repository's open findings, and the fixed ones of the packages it saw that may
-- come back, rather than every finding the repository ever had. The package leads the second
-- index, so that each package is one probe however few statistics a new store has.
CREATE INDEX finding_open_by_repository ON finding (repository_id) WHERE fixed_at IS NULL;
CREATE INDEX finding_fixed_by_package ON finding (package_name, repository_id)
  WHERE fixed_at IS NOT NULL;

-- Every scan of a new digest links it to each finding it carries: a foreign-key check per link
-- locked the finding's row (a write and a WAL record each). Only the recorder writes these rows,
-- in the transaction that reads or inserts the finding and the image, and neither is ever deleted.
ALTER TABLE finding_image DROP CONSTRAINT finding_image_finding_id_fkey;
ALTER TABLE finding_image DROP CONSTRAINT finding_image_image_id_fkey;
