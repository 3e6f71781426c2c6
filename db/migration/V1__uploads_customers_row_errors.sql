-- One row per upload: its lifecycle and live counts.
CREATE TABLE uploads (
    id               uuid        PRIMARY KEY,
    filename         text        NOT NULL,
    status           text        NOT NULL
        CONSTRAINT ck_uploads_status CHECK (status IN
            ('AWAITING_CONTENT', 'PROCESSING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED')),
    rows_total       bigint      NOT NULL DEFAULT 0,
    rows_succeeded   bigint      NOT NULL DEFAULT 0,
    rows_failed      bigint      NOT NULL DEFAULT 0,
    bytes_received   bigint      NOT NULL DEFAULT 0,
    header           text[],
    unknown_columns  text[]      NOT NULL DEFAULT '{}',
    error_stage      text,
    error_code       text,
    error_message    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz
);

CREATE INDEX ix_uploads_created ON uploads (created_at DESC, id DESC);
CREATE INDEX ix_uploads_status_created ON uploads (status, created_at DESC, id DESC);

-- One row per accepted CSV row: a dated entry of a customer in one upload cycle.
-- There is deliberately no UNIQUE(primary_phone): the same customer comes back every cycle.
-- upload_id has no foreign key: the upload lifecycle owns cleanup, and a per-row FK check
-- would slow COPY on the hot path.
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
    CONSTRAINT uq_customers_fingerprint UNIQUE (fingerprint),
    CONSTRAINT ck_customers_amount_due CHECK (amount_due >= 0),
    CONSTRAINT ck_customers_national_id_last4 CHECK (national_id_last4 ~ '^[0-9]{4}$')
);

CREATE INDEX ix_customer_primary_phone ON customers (primary_phone);

-- One row per problem found in a CSV row. raw_row is the original row as one CSV line, with any national ID masked.
CREATE TABLE upload_row_errors (
    upload_id    uuid   NOT NULL,
    row_number   bigint NOT NULL,
    seq          int    NOT NULL,
    column_name  text,
    code         text   NOT NULL,
    message      text   NOT NULL,
    raw_row      text   NOT NULL,
    CONSTRAINT pk_upload_row_errors PRIMARY KEY (upload_id, row_number, seq)
);
