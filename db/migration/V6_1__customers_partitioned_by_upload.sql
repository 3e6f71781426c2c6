-- customers becomes a table partitioned by upload: each upload streams its rows into a
-- table of its own without indexes (customers_<upload id as 32 hex digits>), and at
-- completion its indexes are built in one sorted pass and it is attached as the partition
-- of its upload, in the transaction that marks the upload completed. A failed upload's
-- table is dropped whole. Small uploads' partitions are merged into one partition of many
-- uploads (customers_m_<32 hex digits>), so that many small uploads keep reads fast.
--
-- Uniqueness of fingerprint is per upload (the fingerprint hashes the upload id, so it is
-- unique across uploads too); a unique index on a partitioned table must hold its key.
ALTER TABLE customers RENAME TO customers_v5;
ALTER TABLE customers_v5 RENAME CONSTRAINT pk_customers TO pk_customers_v5;
ALTER TABLE customers_v5 RENAME CONSTRAINT uq_customers_fingerprint TO uq_customers_v5_fingerprint;
ALTER TABLE customers_v5 RENAME CONSTRAINT ck_customers_amount_due TO ck_customers_v5_amount_due;
ALTER TABLE customers_v5 RENAME CONSTRAINT ck_customers_national_id_last4 TO ck_customers_v5_national_id_last4;

CREATE TABLE customers (
    upload_id            uuid          NOT NULL,
    row_number           bigint        NOT NULL,
    full_name            text          NOT NULL,
    primary_phone        text          NOT NULL,
    national_id_last4    text,
    national_id_hmac     bytea,
    loan_account         text,
    amount_due           numeric(15, 2) NOT NULL,
    due_date             date          NOT NULL,
    state                text,
    preferred_language   text,
    email                text,
    fingerprint          uuid          NOT NULL,
    created_at           timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT pk_customers PRIMARY KEY (upload_id, row_number),
    CONSTRAINT uq_customers_fingerprint UNIQUE (upload_id, fingerprint),
    CONSTRAINT ck_customers_amount_due CHECK (amount_due >= 0),
    CONSTRAINT ck_customers_national_id_last4 CHECK (national_id_last4 ~ '^[0-9]{4}$')
) PARTITION BY LIST (upload_id);

-- The seed system's name for its phone lookup. Within a partition the upload is fixed, so
-- the phone alone is the key.
CREATE INDEX ix_customer_primary_phone ON customers (primary_phone);

-- Rows an upload wrote that may repeat an earlier row of the same file (a Bloom filter's
-- positives while it was written), with the raw row for the error report. At completion
-- the real repeats among them become duplicate-row errors; the rows are deleted then, or
-- when the upload fails.
CREATE TABLE upload_duplicate_candidates (
    upload_id    uuid    NOT NULL,
    row_number   bigint  NOT NULL,
    fingerprint  uuid    NOT NULL,
    raw_row      text    NOT NULL,
    repeated     boolean NOT NULL DEFAULT false,
    CONSTRAINT pk_upload_duplicate_candidates PRIMARY KEY (upload_id, row_number)
);

-- The entries of completed uploads move into one partition of all their uploads, built and
-- indexed like a merged partition; entries of uploads that did not complete were invisible
-- and are left behind.
DO $$
DECLARE
    merged text := 'customers_m_' || replace(gen_random_uuid()::text, '-', '');
    ids text;
BEGIN
    SELECT string_agg(quote_literal(d.upload_id), ',') INTO ids
    FROM (SELECT DISTINCT c.upload_id FROM customers_v5 c
          JOIN uploads u ON u.id = c.upload_id AND u.status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS')) d;
    IF ids IS NULL THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE customers INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', merged);
    EXECUTE format('INSERT INTO %I SELECT * FROM customers_v5 WHERE upload_id IN (%s) ORDER BY upload_id, row_number',
        merged, ids);
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (upload_id, row_number)', merged, merged || '_pk');
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I UNIQUE (upload_id, fingerprint)', merged, merged || '_fp');
    EXECUTE format('CREATE INDEX %I ON %I (primary_phone)', merged || '_phone', merged);
    EXECUTE format('ALTER TABLE customers ATTACH PARTITION %I FOR VALUES IN (%s)', merged, ids);
END $$;

DROP TABLE customers_v5;
