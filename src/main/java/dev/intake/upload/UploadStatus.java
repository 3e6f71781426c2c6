package dev.intake.upload;

/**
 * Where an upload is in its life: {@code AWAITING_CONTENT → PROCESSING → a final state}.
 */
public enum UploadStatus {

	AWAITING_CONTENT, PROCESSING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED;

	public boolean isFinal() {
		return this == COMPLETED || this == COMPLETED_WITH_ERRORS || this == FAILED;
	}

}
