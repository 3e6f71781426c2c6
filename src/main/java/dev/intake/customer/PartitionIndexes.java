package dev.intake.customer;

import java.util.List;

/**
 * The statements that give a table of entries the indexes of a partition of
 * {@code customers}, so that attaching it adopts them instead of building others: the
 * primary key, the unique fingerprint (led by the fingerprint, whose abbreviated keys
 * sort fast; the upload id is one value within a partition) and the phone.
 *
 * @param primaryKey the primary key, {@code (upload_id, row_number)}
 * @param uniqueFingerprint the unique {@code (fingerprint, upload_id)}
 * @param phone the phone lookup index
 */
record PartitionIndexes(String primaryKey, String uniqueFingerprint, String phone) {

	/** The statements for the table named {@code table}. */
	static PartitionIndexes of(String table) {
		return new PartitionIndexes(
				"ALTER TABLE %1$s ADD CONSTRAINT %1$s_pk PRIMARY KEY (upload_id, row_number)".formatted(table),
				"ALTER TABLE %1$s ADD CONSTRAINT %1$s_fp UNIQUE (fingerprint, upload_id)".formatted(table),
				"CREATE INDEX %1$s_phone ON %1$s (primary_phone)".formatted(table));
	}

	/** All three, in the order they are built. */
	List<String> all() {
		return List.of(this.primaryKey, this.uniqueFingerprint, this.phone);
	}

}
