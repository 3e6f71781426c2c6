package dev.intake.upload.internal;

import java.util.UUID;

/** An upload that ended {@code FAILED}: which one, and why. */
public class UploadFailed extends RuntimeException {

	private final UUID uploadId;

	private final UploadFailure failure;

	UploadFailed(UUID uploadId, UploadFailure failure) {
		super(failure.getMessage(), failure, false, false);
		this.uploadId = uploadId;
		this.failure = failure;
	}

	public UUID uploadId() {
		return this.uploadId;
	}

	public UploadFailure failure() {
		return this.failure;
	}

}
