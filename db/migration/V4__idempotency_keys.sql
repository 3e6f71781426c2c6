-- One row per Idempotency-Key a tenant sent with POST /api/v1/uploads: the upload the key
-- started and the SHA-256 of the request that started it. A row is claimed atomically
-- (INSERT ... ON CONFLICT), so two requests with one new key never both run. Rows are kept
-- for intake.idempotency.retention (24 h by default) and then deleted by a periodic cleanup;
-- an expired row that is still there is taken over by the next request with its key.
CREATE TABLE idempotency_keys (
    tenant_id        text        NOT NULL,
    idempotency_key  text        NOT NULL,
    -- 'content': the request carried the CSV and ran the upload; 'create': it only created an
    -- upload that awaits its content.
    request_kind     text        NOT NULL
        CONSTRAINT ck_idempotency_keys_request_kind CHECK (request_kind IN ('content', 'create')),
    upload_id        uuid        NOT NULL,
    -- Known once the request's body has been read to its end; null while it is arriving.
    request_digest   bytea,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (tenant_id, idempotency_key)
);

CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
