-- What changed since the previous cycle: an upload's counts of new, changed, unchanged and
-- missing customers compared with the previous completed upload of its tenant. Computed
-- once, after the upload completes; changes_computed_at is null until then.
ALTER TABLE uploads
    ADD COLUMN changes_previous_upload_id uuid,
    ADD COLUMN changes_new                bigint,
    ADD COLUMN changes_changed            bigint,
    ADD COLUMN changes_unchanged          bigint,
    ADD COLUMN changes_missing            bigint,
    ADD COLUMN changes_computed_at        timestamptz;

-- Finds the previous completed upload: the one finished most recently before another.
CREATE INDEX ix_uploads_completed_finished ON uploads (finished_at DESC, id DESC)
    WHERE status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS');

-- Finds one customer's entries in one upload (the change pages look up each entry's
-- counterpart in the other cycle by phone). It replaces the phone-only index: a query by
-- phone alone uses its first column just as well.
CREATE INDEX ix_customers_phone_upload ON customers (primary_phone, upload_id);
DROP INDEX ix_customer_primary_phone;
