-- Which customers of an upload are new, changed, unchanged or missing, stored when its
-- changes are counted, so that any page of changes costs about the size of the page: per
-- kind, the row numbers in chunks of 1000 consecutive row numbers (chunk n holds those
-- from n * 1000 to n * 1000 + 999, in no particular order; chunks without any are not
-- stored). Rows of new, changed and unchanged customers are rows of this upload; rows of
-- missing ones are rows of the previous upload.
CREATE TABLE upload_change_rows (
    upload_id    uuid     NOT NULL,
    kind         text     NOT NULL
        CONSTRAINT ck_upload_change_rows_kind CHECK (kind IN ('new', 'changed', 'unchanged', 'missing')),
    chunk        bigint   NOT NULL,
    row_numbers  bigint[] NOT NULL,
    CONSTRAINT pk_upload_change_rows PRIMARY KEY (upload_id, kind, chunk)
);
