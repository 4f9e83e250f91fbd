-- The query benchmark's store on the embedded H2: the same rows as seed-query-store.sql (1,000
-- repositories x 10 digests = 10,000 images, 100 findings each, 1,000,000 finding_image rows),
-- written in H2's dialect. Digests are the image id in decimal digits, zero-padded to 64. The
-- number of repositories is @repositories, which bench/server.sh sets before this script.
SET @now_ms = CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT);
SET @day_ms = CAST(86400000 AS BIGINT);

INSERT INTO repository (id, name, created_at)
SELECT X, 'registry.seed/team/app-' || X, @now_ms - 120 * @day_ms FROM SYSTEM_RANGE(1, @repositories);

INSERT INTO image (id, repository_id, digest, first_seen, current_since, last_scan_id)
SELECT (r.X - 1) * 10 + j.X + 1, r.X, 'sha256:' || LPAD(CAST((r.X - 1) * 10 + j.X + 1 AS VARCHAR), 64, '0'),
       @now_ms - (100 - 9 * j.X) * @day_ms - r.X * 60000, @now_ms - (100 - 9 * j.X) * @day_ms - r.X * 60000,
       (r.X - 1) * 10 + j.X + 1
FROM SYSTEM_RANGE(1, @repositories) r, SYSTEM_RANGE(0, 9) j;

UPDATE repository SET current_image_id = (id - 1) * 10 + 10;

INSERT INTO scan (id, image_id, scanned_at, cause, verdict, findings)
SELECT id, id, first_seen, 'ci', 'fail', 100 FROM image;

INSERT INTO tag (repository_id, name, image_id, updated_at)
SELECT id, 'latest', current_image_id, created_at FROM repository;

INSERT INTO finding (id, repository_id, vulnerability_id, aliases, package_name, ecosystem,
    installed_version, fixed_version, title, severity, first_seen, last_seen, fixed_at, due_at,
    next_release, carried_into_newer, first_image_id, excepted_until)
SELECT (r - 1) * 200 + k + 1, r, 'CVE-2098-' || (10000 + k), 'GHSA-seed-' || k, 'lib' || k, 'Debian',
       '1.' || k || '-1', '1.' || k || '-2', 'a seeded vulnerability in lib' || k,
       CASE MOD(k, 4) WHEN 0 THEN 'CRITICAL' WHEN 1 THEN 'HIGH' WHEN 2 THEN 'MEDIUM' ELSE 'LOW' END,
       first_seen,
       first_seen + @day_ms,
       CASE WHEN k BETWEEN 90 AND 189 THEN NULL ELSE first_seen + (1 + MOD(k, 15)) * @day_ms END,
       CASE MOD(k, 4) WHEN 0 THEN first_seen + 2 * @day_ms WHEN 1 THEN first_seen + 7 * @day_ms
                      WHEN 2 THEN first_seen + 30 * @day_ms END,
       MOD(k, 4) = 3,
       LEAST(k / 10, 9) < 9,
       (r - 1) * 10 + LEAST(k / 10, 9) + 1,
       CASE WHEN MOD(k, 50) = 0 THEN @now_ms + 30 * @day_ms END
FROM (SELECT r.X AS r, k.X AS k, @now_ms - (100 - 9 * LEAST(k.X / 10, 9)) * @day_ms - r.X * 60000 AS first_seen
      FROM SYSTEM_RANGE(1, @repositories) r, SYSTEM_RANGE(0, 199) k) s;

INSERT INTO finding_image (finding_id, image_id)
SELECT (r.X - 1) * 200 + j.X * 10 + m.X + 1, (r.X - 1) * 10 + j.X + 1
FROM SYSTEM_RANGE(1, @repositories) r, SYSTEM_RANGE(0, 9) j, SYSTEM_RANGE(0, 99) m;

INSERT INTO running_image (image_id, cluster, namespace, workload, seen_at)
SELECT current_image_id, 'prod', 'team', 'deployment/app-' || id, @now_ms
FROM repository WHERE MOD(id, 10) = 0;

-- Identities restart past the seeded ids (a million is more than any run seeds).
ALTER TABLE repository ALTER COLUMN id RESTART WITH 1000001;
ALTER TABLE image ALTER COLUMN id RESTART WITH 10000001;
ALTER TABLE scan ALTER COLUMN id RESTART WITH 10000001;
ALTER TABLE finding ALTER COLUMN id RESTART WITH 200000001;
ANALYZE;
