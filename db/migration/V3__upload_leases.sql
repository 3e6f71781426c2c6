-- Who is processing an upload, when it last said it was alive, and until when its lease
-- runs (the owner sets it from its own lease length on every heartbeat). An upload stuck in
-- PROCESSING whose lease ran out is failed by any instance's recovery sweeper (stage
-- 'recovery'), which takes it with FOR UPDATE SKIP LOCKED.
ALTER TABLE uploads
    ADD COLUMN lease_owner      text,
    ADD COLUMN heartbeat_at     timestamptz,
    ADD COLUMN lease_expires_at timestamptz;

CREATE INDEX ix_uploads_processing_lease ON uploads (lease_expires_at) WHERE status = 'PROCESSING';
