-- Ingest speed, H2's half of V8 (db/vendor/postgresql has PostgreSQL's, with partial indexes).

-- A scan reads its repository's open findings, and the fixed ones of the packages it saw that may
-- come back, rather than every finding the repository ever had.
CREATE INDEX finding_by_repository_state ON finding (repository_id, fixed_at);
CREATE INDEX finding_by_package ON finding (package_name, repository_id);

-- finding_image without its foreign keys, as on PostgreSQL (where a check per link locked the
-- finding's row). H2 named the constraints itself, so the table is made again.
CREATE TABLE finding_image_v8 (
  finding_id BIGINT NOT NULL,
  image_id BIGINT NOT NULL,
  PRIMARY KEY (finding_id, image_id)
);
INSERT INTO finding_image_v8 (finding_id, image_id) SELECT finding_id, image_id FROM finding_image;
DROP TABLE finding_image;
ALTER TABLE finding_image_v8 RENAME TO finding_image;
CREATE INDEX finding_image_by_image ON finding_image (image_id);
