package dev.intake.upload;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an upload differs from the previous completed upload of its tenant, customer by
 * customer (a customer is a phone plus a loan account).
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

}
