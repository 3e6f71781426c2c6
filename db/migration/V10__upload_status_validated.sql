-- An upload sent with mode=validate ends VALIDATED: checked like any upload, nothing stored as
-- customer entries, and never a cycle that later uploads are compared with.
ALTER TABLE uploads DROP CONSTRAINT ck_uploads_status;
ALTER TABLE uploads ADD CONSTRAINT ck_uploads_status CHECK (status IN
    ('AWAITING_CONTENT', 'PROCESSING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'VALIDATED', 'FAILED'));
