-- Resumable uploads (PATCH .../content in pieces): an upload whose content stopped before its
-- last piece is INTERRUPTED, neither failed nor visible, until it is resumed or its retention
-- runs out. content_offset is the byte offset in the file just after the last record whose
-- batch was committed (written in that batch's transaction), next_row the number of the record
-- there; NULL for an upload whose content is not sent in pieces. piece_id names the piece being
-- processed: only its batches may move the checkpoint (a batch of a piece cut off, still in
-- flight, never moves it after a later piece resumed the upload).
ALTER TABLE uploads DROP CONSTRAINT ck_uploads_status;
ALTER TABLE uploads ADD CONSTRAINT ck_uploads_status CHECK (status IN
    ('AWAITING_CONTENT', 'PROCESSING', 'INTERRUPTED', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'VALIDATED', 'FAILED'));
ALTER TABLE uploads ADD COLUMN content_offset bigint, ADD COLUMN next_row bigint,
    ADD COLUMN interrupted_at timestamptz, ADD COLUMN piece_id uuid;
CREATE INDEX ix_uploads_interrupted ON uploads (interrupted_at) WHERE status = 'INTERRUPTED';
