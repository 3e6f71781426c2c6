-- Every upload belongs to one tenant (the lender whose API key created it). Entries, row
-- errors and events belong to the tenant of their upload.
ALTER TABLE uploads ADD COLUMN tenant_id text NOT NULL DEFAULT 'default';
ALTER TABLE uploads ALTER COLUMN tenant_id DROP DEFAULT;

-- Listing is always per tenant, newest first, optionally by status; counting a tenant's
-- PROCESSING uploads (the concurrency limit) uses the second index too.
DROP INDEX ix_uploads_created;
CREATE INDEX ix_uploads_tenant_created ON uploads (tenant_id, created_at DESC, id DESC);
CREATE INDEX ix_uploads_tenant_status_created ON uploads (tenant_id, status, created_at DESC, id DESC);

-- API keys kept in the database, besides those given in configuration. Only the SHA-256
-- of a key is stored; a key is revoked by setting revoked_at.
CREATE TABLE api_keys (
    key_hash    bytea       PRIMARY KEY CONSTRAINT ck_api_keys_key_hash CHECK (length(key_hash) = 32),
    tenant_id   text        NOT NULL,
    label       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE INDEX ix_api_keys_tenant ON api_keys (tenant_id);
