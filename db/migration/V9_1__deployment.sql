-- The identity of one Intake deployment (every instance on one database), made by the first
-- instance that starts: it names the deployment's Redis keys, so two deployments sharing a Redis
-- never share a stream. One row at most.
CREATE TABLE deployment (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    id         uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
