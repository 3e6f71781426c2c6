package dev.intake.progress.internal;

import java.time.Instant;
import java.util.UUID;

import dev.intake.progress.ProgressEvent;

/** Progress events made up for unit tests. */
final class Events {

	private Events() {
	}

	static ProgressEvent event(String type, UUID uploadId, long rows) {
		return new ProgressEvent(type, uploadId, "file.csv", "PROCESSING", rows, rows, 0, rows * 10, null, null,
				"Processing", null, null, Instant.now());
	}

	static StreamedEvent streamed(String type, UUID uploadId, long millis) {
		return new StreamedEvent(millis + "-0", type, uploadId, "{\"rowsProcessed\":" + millis + "}");
	}

}
