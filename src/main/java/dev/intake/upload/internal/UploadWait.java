package dev.intake.upload.internal;

import dev.intake.upload.UploadStatus;

/**
 * A status in which an upload waits for its client, with the column that says since when:
 * an upload left waiting too long is failed
 * ({@link UploadFailures#failWaitingLongerThan}).
 */
enum UploadWait {

	/** Created, and no content has come yet. */
	AWAITING_CONTENT(UploadStatus.AWAITING_CONTENT, "created_at"),

	/** Its content came in pieces, and the last one was cut off. */
	INTERRUPTED(UploadStatus.INTERRUPTED, "interrupted_at");

	private final UploadStatus status;

	private final String sinceColumn;

	UploadWait(UploadStatus status, String sinceColumn) {
		this.status = status;
		this.sinceColumn = sinceColumn;
	}

	/** The status of an upload in this wait. */
	UploadStatus status() {
		return this.status;
	}

	/** The column of {@code uploads} that holds when the wait began. */
	String sinceColumn() {
		return this.sinceColumn;
	}

}
