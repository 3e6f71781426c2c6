package dev.intake.upload;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.r2dbc.spi.Readable;

/**
 * How an upload differs from the previous completed upload of its tenant, customer by
 * customer (a customer is a phone plus a loan account).
 * <p>
 * Counted by the {@code change} module and stored on the upload, whose summary shows
 * them: the type lives here because {@code change} depends on {@code upload} (for
 * {@link Upload}, {@link UploadStatus}, {@link UploadCompleted} and {@link Uploads}), so
 * {@code upload} may not depend on {@code change}.
 *
 * @param previousUploadId the upload compared with, or {@code null} when this upload is
 * the tenant's first: then every customer is new
 * @param newCount customers in this upload and not in the previous one
 * @param changed customers in both, with at least one compared field different
 * @param unchanged customers in both, with the same compared fields
 * @param missing customers in the previous upload and not in this one
 */
public record ChangeCounts(UUID previousUploadId, @JsonProperty("new") long newCount, long changed, long unchanged,
		long missing) {

	/** Every customer of this upload, whatever its kind. */
	public long current() {
		return this.newCount + this.changed + this.unchanged;
	}

	/**
	 * Reads the counts from the {@code changes_*} columns of an {@code uploads} row; the
	 * one mapping of those columns, for the upload's repositories and change counting.
	 */
	public static ChangeCounts of(Readable row) {
		return new ChangeCounts(row.get("changes_previous_upload_id", UUID.class), row.get("changes_new", Long.class),
				row.get("changes_changed", Long.class), row.get("changes_unchanged", Long.class),
				row.get("changes_missing", Long.class));
	}

}
