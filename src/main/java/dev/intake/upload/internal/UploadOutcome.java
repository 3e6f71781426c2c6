package dev.intake.upload.internal;

import dev.intake.upload.Upload;

/**
 * The answer to an upload request made with an idempotency key.
 *
 * @param upload the upload the key stands for, as it is now
 * @param replayed whether it was started by an earlier request with the same key
 */
public record UploadOutcome(Upload upload, boolean replayed) {

	/** A request that ran now, not replayed. */
	public static UploadOutcome ran(Upload upload) {
		return new UploadOutcome(upload, false);
	}

	static UploadOutcome replayed(Upload upload) {
		return new UploadOutcome(upload, true);
	}

}
