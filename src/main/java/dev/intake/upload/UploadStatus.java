package dev.intake.upload;

/**
 * Where an upload is in its life: {@code AWAITING_CONTENT → PROCESSING → a final state}.
 * An upload whose content comes in pieces ({@code PATCH .../content}) is
 * {@code INTERRUPTED} between them, and when a piece's connection is lost: not final, not
 * processing (it does not count against the concurrent uploads), nothing of it visible;
 * it goes back to {@code PROCESSING} with the next piece, or is failed once
 * {@code intake.uploads.interrupted-retention} passes. {@code VALIDATED} is the final
 * state of an upload sent only to be checked ({@code mode=validate}): its rows were
 * decoded, mapped, validated and compared with the previous cycle, but none became a
 * customer entry and it never counts as a cycle.
 */
public enum UploadStatus {

	AWAITING_CONTENT, PROCESSING, INTERRUPTED, COMPLETED, COMPLETED_WITH_ERRORS, VALIDATED, FAILED;

	public boolean isFinal() {
		return this == COMPLETED || this == COMPLETED_WITH_ERRORS || this == VALIDATED || this == FAILED;
	}

}
