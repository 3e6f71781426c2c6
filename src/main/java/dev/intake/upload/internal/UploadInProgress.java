package dev.intake.upload.internal;

import java.util.Map;
import java.util.UUID;

import dev.intake.system.Problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A piece was sent for an upload whose content is still being received by another request
 * (one whose client may be gone, not yet noticed): retry once that one has ended, from
 * the offset {@code HEAD} then gives.
 */
public class UploadInProgress extends Problem {

	/** This problem's code. */
	public static final String CODE = "upload-in-progress";

	static final long RETRY_AFTER_SECONDS = 2;

	UploadInProgress(UUID id, long offset) {
		super(HttpStatus.CONFLICT, CODE, "Upload content is being received",
				"Upload %s is receiving content in another request; retry once it ends, from the offset HEAD gives"
					.formatted(id),
				Map.of("uploadId", id, "offset", offset), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
		closingConnection();
	}

}
