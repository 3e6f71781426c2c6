-- A rejected row's cells are stored once, with its first error (seq 0); its other errors
-- leave raw_row NULL and are read with the first one's. Rows stored before keep theirs.
ALTER TABLE upload_row_errors ALTER COLUMN raw_row DROP NOT NULL;
