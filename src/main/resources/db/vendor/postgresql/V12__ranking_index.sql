-- The dashboard's ranking, PostgreSQL only (H2 has no partial indexes): every current and running
-- image's open findings are joined by id, with what decides their severity and whether they are
-- overdue. This index holds exactly those columns of the open findings, so the join reads it alone
-- (an index-only scan) instead of the finding table, which keeps every fixed finding too.
CREATE INDEX finding_open_ranking ON finding (id)
  INCLUDE (severity, due_at, excepted_until, next_release, carried_into_newer) WHERE fixed_at IS NULL;
