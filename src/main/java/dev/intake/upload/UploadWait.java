package dev.intake.upload;

/**
 * A status in which an upload waits for its client, with the column that says since when:
 * an upload left waiting too long is failed
 * ({@link UploadFailures#failWaitingLongerThan}).
 */
enum UploadWait {

	/** Created, and no content has come yet. */
	AWAITING_CONTENT("created_at"),

	/** Its content came in pieces, and the last one was cut off. */
	INTERRUPTED("interrupted_at");

	private final String sinceColumn;

	UploadWait(String sinceColumn) {
		this.sinceColumn = sinceColumn;
	}

	/** The column of {@code uploads} that holds when the wait began. */
	String sinceColumn() {
		return this.sinceColumn;
	}

}
