-- The secret that signs event-stream access tokens when none is configured: made once, by the
-- first instance that needs it, so tokens minted on one instance verify on every other. One row.
CREATE TABLE token_secret (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    secret     bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
