-- The query benchmark's store: 1,000 repositories x 10 digests = 10,000 images, each carrying 100
-- findings (1,000,000 finding_image rows); 200 findings per repository, the 100 of its current
-- digest open, the others fixed within the last 100 days; every tenth repository's current digest
-- runs in a cluster. Each repository's scans happened a minute apart from the next one's. Written
-- straight into a migrated, empty store with psql.
BEGIN;
CREATE TEMP TABLE clock AS SELECT (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT AS now, 86400000::BIGINT AS day;

INSERT INTO repository (id, name, created_at)
SELECT r, 'registry.seed/team/app-' || r, (SELECT now - 120 * day FROM clock)
FROM generate_series(1, 1000) r;

INSERT INTO image (id, repository_id, digest, first_seen, current_since, last_scan_id)
SELECT (r - 1) * 10 + j + 1, r, 'sha256:' || lpad(to_hex((r - 1) * 10 + j + 1), 64, '0'),
       c.now - (100 - 9 * j) * c.day - r * 60000, c.now - (100 - 9 * j) * c.day - r * 60000,
       (r - 1) * 10 + j + 1
FROM generate_series(1, 1000) r, generate_series(0, 9) j, clock c;

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
       (ARRAY['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'])[k % 4 + 1],
       s.first_seen,
       s.first_seen + c.day,
       CASE WHEN k BETWEEN 90 AND 189 THEN NULL ELSE s.first_seen + (1 + k % 15) * c.day END,
       CASE k % 4 WHEN 0 THEN s.first_seen + 2 * c.day WHEN 1 THEN s.first_seen + 7 * c.day
                  WHEN 2 THEN s.first_seen + 30 * c.day END,
       k % 4 = 3,
       LEAST(k / 10, 9) < 9,
       (r - 1) * 10 + LEAST(k / 10, 9) + 1,
       CASE WHEN k % 50 = 0 THEN c.now + 30 * c.day END
FROM generate_series(1, 1000) r, generate_series(0, 199) k, clock c,
     LATERAL (SELECT c.now - (100 - 9 * LEAST(k / 10, 9)) * c.day - r * 60000 AS first_seen) s;

INSERT INTO finding_image (finding_id, image_id)
SELECT (r - 1) * 200 + j * 10 + m + 1, (r - 1) * 10 + j + 1
FROM generate_series(1, 1000) r, generate_series(0, 9) j, generate_series(0, 99) m;

INSERT INTO running_image (image_id, cluster, namespace, workload, seen_at)
SELECT current_image_id, 'prod', 'team', 'deployment/app-' || id, (SELECT now FROM clock)
FROM repository WHERE id % 10 = 0;

SELECT setval(pg_get_serial_sequence('repository', 'id'), (SELECT MAX(id) FROM repository));
SELECT setval(pg_get_serial_sequence('image', 'id'), (SELECT MAX(id) FROM image));
SELECT setval(pg_get_serial_sequence('scan', 'id'), (SELECT MAX(id) FROM scan));
SELECT setval(pg_get_serial_sequence('finding', 'id'), (SELECT MAX(id) FROM finding));
COMMIT;
-- What autovacuum does soon after a bulk load (PostgreSQL 13+ vacuums after inserts too).
VACUUM ANALYZE;
