-- an API token may expire: refused from this time on (null: until revoked)
ALTER TABLE api_token ADD COLUMN expires_at BIGINT;
