package dev.intake.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * What a webhook tells about an upload that became final: its summary, never its rows or
 * anything read from them (a national ID, a raw row).
 *
 * @param id the upload's id
 * @param filename the stored file name (national IDs in it already masked)
 * @param status the final status
 * @param rowsTotal data rows read
 * @param rowsSucceeded rows stored (or, validated, that would be)
 * @param rowsFailed rows rejected
 * @param bytesReceived body bytes received
 * @param createdAt when the upload was created
 * @param finishedAt when it became final
 * @param errorStage where a failed upload stopped, or {@code null}
 * @param errorCode why, as a stable code, or {@code null}
 */
public record UploadOutcome(UUID id, String filename, String status, long rowsTotal, long rowsSucceeded,
		long rowsFailed, long bytesReceived, Instant createdAt, Instant finishedAt, String errorStage,
		String errorCode) {

}
