-- The unique fingerprint index leads with the fingerprint: within a partition the upload id
-- is one value, so an index that leads with it sorts every key by a full two-column
-- comparison; led by the fingerprint, the build sorts by abbreviated keys. Uniqueness is
-- the same: per upload, and so overall, since the fingerprint hashes the upload id.
ALTER TABLE customers DROP CONSTRAINT uq_customers_fingerprint;
ALTER TABLE customers ADD CONSTRAINT uq_customers_fingerprint UNIQUE (fingerprint, upload_id);
