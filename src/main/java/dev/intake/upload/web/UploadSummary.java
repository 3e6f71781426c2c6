package dev.intake.upload.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.upload.ChangeCounts;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import dev.intake.upload.internal.ShownColumns;
import dev.intake.upload.internal.UploadError;

/**
 * An upload as the API shows it, with links to what belongs to it. {@code changes} counts
 * how it differs from the previous cycle; it is {@code null} until the upload completed
 * and that was counted, a moment after completion.
 * <p>
 * Bounded in bytes whatever was uploaded: {@code unknownColumns} lists at most the first
 * 20 names, each cut after 100 characters with {@code …}; {@code unknownColumnCount} says
 * how many there are and {@code unknownColumnsTruncated} whether any was cut or left out.
 * The file name is at most 255 characters.
 */
record UploadSummary(UUID id, String filename, UploadStatus status, long rowsTotal, long rowsSucceeded, long rowsFailed,
		long bytesReceived, List<String> unknownColumns, int unknownColumnCount, boolean unknownColumnsTruncated,
		Instant createdAt, Instant startedAt, Instant finishedAt, Double rowsPerSecond, UploadError error,
		String message, ChangeCounts changes, Map<String, String> links) {

	static UploadSummary of(Upload upload) {
		ShownColumns unknown = upload.unknownColumns();
		return new UploadSummary(upload.id(), upload.filename(), upload.status(), upload.rowsTotal(),
				upload.rowsSucceeded(), upload.rowsFailed(), upload.bytesReceived(), unknown.names(), unknown.count(),
				unknown.truncated(), upload.createdAt(), upload.startedAt(), upload.finishedAt(),
				upload.rowsPerSecond(Instant.now()), upload.error(), upload.message(), upload.changes(),
				linksOf(upload));
	}

	private static Map<String, String> linksOf(Upload upload) {
		String self = UploadPaths.upload(upload.id());
		Map<String, String> links = new LinkedHashMap<>();
		links.put("self", self);
		links.put("errors", self + "/errors");
		if (upload.status() != UploadStatus.VALIDATED) {
			links.put("entries", self + "/entries");
		}
		links.put("events", self + "/events");
		if (upload.status() == UploadStatus.COMPLETED || upload.status() == UploadStatus.COMPLETED_WITH_ERRORS) {
			links.put("changes", self + "/changes");
		}
		if (upload.status() == UploadStatus.AWAITING_CONTENT) {
			links.put("content", self + "/content");
		}
		return links;
	}

}
