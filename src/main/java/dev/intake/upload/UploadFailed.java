package dev.intake.upload;

import java.util.UUID;

import dev.intake.ingest.IngestFailure;

/** An upload that ended {@code FAILED}: which one, and why. */
public class UploadFailed extends RuntimeException {

	private final UUID uploadId;

	private final IngestFailure failure;

	UploadFailed(UUID uploadId, IngestFailure failure) {
		super(failure.getMessage(), failure, false, false);
		this.uploadId = uploadId;
		this.failure = failure;
	}

	public UUID uploadId() {
		return this.uploadId;
	}

	public IngestFailure failure() {
		return this.failure;
	}

}
