-- The end of the policy file's exception that covers a finding, as of its latest scan, kept apart
-- from excepted_until (the later of it and the server's exceptions), so that creating or ending a
-- server exception recomputes excepted_until at once without a rescan.
ALTER TABLE finding ADD COLUMN policy_excepted_until BIGINT;
-- Until a finding's next scan, whatever covered it is taken to be the policy file's.
UPDATE finding SET policy_excepted_until = excepted_until;
