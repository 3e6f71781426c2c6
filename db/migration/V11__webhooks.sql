-- Completion webhooks (issue 12, point 5): a tenant's endpoints, the outbox of events written in the
-- transaction that makes an upload final, and one delivery per event and endpoint.

CREATE TABLE webhook_endpoints (
    id                  uuid PRIMARY KEY,
    tenant_id           text        NOT NULL,
    url                 text        NOT NULL,
    events              text[]      NOT NULL,
    -- Signing secrets are needed in clear to sign; they are never answered again after creation or
    -- rotation. After a rotation the previous one also signs until previous_secret_expires_at.
    secret              text        NOT NULL,
    previous_secret     text,
    previous_secret_expires_at timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_webhook_endpoints_tenant ON webhook_endpoints (tenant_id, created_at DESC, id DESC);

-- One event of an upload that became final; its body is fixed at creation, so every attempt and every
-- endpoint gets the same bytes and the same event id.
CREATE TABLE webhook_events (
    id          uuid PRIMARY KEY,
    tenant_id   text        NOT NULL,
    type        text        NOT NULL,
    upload_id   uuid        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT uq_webhook_events_upload_type UNIQUE (upload_id, type)
);

CREATE TABLE webhook_deliveries (
    id              bigserial   PRIMARY KEY,
    endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id        uuid        NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    attempts        integer     NOT NULL DEFAULT 0,
    -- When the next attempt is due; while an attempt runs, when its claim runs out.
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claim_token     uuid,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    delivered_at    timestamptz,
    dead_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_webhook_deliveries_endpoint_event UNIQUE (endpoint_id, event_id)
);

-- The delivery workers' claim reads only the rows still to deliver, by due time, however long the
-- history of delivered and dead rows grows.
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE delivered_at IS NULL AND dead_at IS NULL;

-- An endpoint's delivery log, newest first.
CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id DESC);

-- Deleting an event (or its cascade) finds its deliveries without reading the others.
CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (event_id);
