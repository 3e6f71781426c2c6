package dev.intake.upload;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.intake.upload.internal.ShownColumns;
import dev.intake.upload.internal.UploadError;

/**
 * An upload: one CSV file of one cycle, its lifecycle and its counts.
 *
 * @param id the upload's id
 * @param filename the client's file name, never used as a path
 * @param status where the upload is in its life
 * @param rowsTotal data rows read so far
 * @param rowsSucceeded rows stored as customer entries
 * @param rowsFailed rows rejected with row errors
 * @param bytesReceived body bytes received so far
 * @param unknownColumns header cells that match no known column, as far as summaries show
 * them
 * @param error why the upload failed, or {@code null}
 * @param createdAt when the upload was created
 * @param startedAt when its content started to arrive
 * @param finishedAt when it reached a final state
 * @param changes how it differs from the previous cycle, once it completed and that was
 * counted; otherwise {@code null}
 */
public record Upload(UUID id, String filename, UploadStatus status, long rowsTotal, long rowsSucceeded, long rowsFailed,
		long bytesReceived, ShownColumns unknownColumns, UploadError error, Instant createdAt, Instant startedAt,
		Instant finishedAt, ChangeCounts changes) {

	/**
	 * A one-line account of the upload for people, such as "Upload completed: 9,990
	 * successful, 10 failed".
	 */
	public String message() {
		return switch (this.status) {
			case AWAITING_CONTENT -> "Upload created: waiting for its content";
			case PROCESSING -> "Processing: %s rows so far, %s successful, %s failed".formatted(grouped(this.rowsTotal),
					grouped(this.rowsSucceeded), grouped(this.rowsFailed));
			case INTERRUPTED -> "Interrupted after %s rows, %s successful, %s failed: resume the content at byte %s"
				.formatted(grouped(this.rowsTotal), grouped(this.rowsSucceeded), grouped(this.rowsFailed),
						grouped(this.bytesReceived));
			case COMPLETED, COMPLETED_WITH_ERRORS -> "Upload completed: %s successful, %s failed"
				.formatted(grouped(this.rowsSucceeded), grouped(this.rowsFailed));
			case VALIDATED -> "Upload validated: %s rows would be stored, %s failed; nothing was stored"
				.formatted(grouped(this.rowsSucceeded), grouped(this.rowsFailed));
			case FAILED -> "Upload failed at stage %s: %s".formatted(this.error.stage(), this.error.message());
		};
	}

	/**
	 * Data rows read per second, from the start of the content to its end, or to
	 * {@code now} while the upload is processing; {@code null} before content arrives.
	 */
	public Double rowsPerSecond(Instant now) {
		if (this.startedAt == null) {
			return null;
		}
		Instant end = (this.finishedAt != null) ? this.finishedAt : now;
		double seconds = Math.max(0.001, (end.toEpochMilli() - this.startedAt.toEpochMilli()) / 1000.0);
		return Math.round(this.rowsTotal / seconds * 10) / 10.0;
	}

	private static String grouped(long count) {
		return String.format(Locale.ENGLISH, "%,d", count);
	}

}
