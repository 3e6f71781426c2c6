-- When an upload's state (status or counts) last changed, for subscribers that read progress
-- from PostgreSQL while Redis is unusable: the tenant feed polls the tenant's recent changes
-- through ix_uploads_tenant_changed, an index range scan whatever the history's size. Set
-- with clock_timestamp() by every statement that changes an upload's state; NULL for uploads
-- that ended before this column existed (never polled).
ALTER TABLE uploads ADD COLUMN changed_at timestamptz;

CREATE INDEX ix_uploads_tenant_changed ON uploads (tenant_id, changed_at);
