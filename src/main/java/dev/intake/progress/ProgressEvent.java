package dev.intake.progress;

import java.time.Instant;
import java.util.UUID;

/**
 * What a dashboard learns about an upload at one moment: its status and counts so far. A
 * terminal event ({@code completed} or {@code failed}) carries the final counts and, for
 * a failure, its stage, code and message.
 *
 * @param type {@code started}, {@code progress}, {@code completed} or {@code failed}
 * @param uploadId the upload
 * @param filename the upload's file name
 * @param status the upload's status, such as {@code PROCESSING}
 * @param rowsProcessed data rows read so far
 * @param rowsSucceeded rows stored so far
 * @param rowsFailed rows rejected so far
 * @param bytesReceived body bytes received so far
 * @param bytesExpected the body's announced length, or {@code null} when unknown
 * @param percent how far along the upload is, 0 to 100, or {@code null} when unknowable
 * @param message a one-line account for people
 * @param errorStage for a failure, where it happened, otherwise {@code null}
 * @param errorCode for a failure, its machine code, otherwise {@code null}
 * @param at when this was true
 */
public record ProgressEvent(String type, UUID uploadId, String filename, String status, long rowsProcessed,
		long rowsSucceeded, long rowsFailed, long bytesReceived, Long bytesExpected, Double percent, String message,
		String errorStage, String errorCode, Instant at) {

	public static final String STARTED = "started";

	public static final String PROGRESS = "progress";

	public static final String COMPLETED = "completed";

	public static final String FAILED = "failed";

	/**
	 * A resumable upload's content stopped before its last piece; {@code bytesReceived}
	 * is the offset to resume from. Not terminal: the upload goes on with its next piece.
	 */
	public static final String INTERRUPTED = "interrupted";

	/** The same state, as the event that announces an upload's start. */
	public ProgressEvent asStarted() {
		return new ProgressEvent(STARTED, this.uploadId, this.filename, this.status, this.rowsProcessed,
				this.rowsSucceeded, this.rowsFailed, this.bytesReceived, this.bytesExpected, this.percent, this.message,
				this.errorStage, this.errorCode, this.at);
	}

	public boolean isTerminal() {
		return COMPLETED.equals(this.type) || FAILED.equals(this.type);
	}

}
