package dev.intake.upload.internal;

import java.util.Map;
import java.util.UUID;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/**
 * A piece of an upload's file was sent for another offset than the one the upload is at
 * (the resumable-upload draft's {@code mismatching-upload-offset}): the answer names the
 * expected offset, in the problem and in {@code Upload-Offset}, to resume from.
 */
public class UploadOffsetMismatch extends Problem {

	/** This problem's code. */
	public static final String CODE = "mismatching-upload-offset";

	/** The header that carries an upload's offset. */
	public static final String UPLOAD_OFFSET = "Upload-Offset";

	UploadOffsetMismatch(UUID id, long expected, long provided) {
		super(HttpStatus.CONFLICT, CODE, "Upload-Offset does not match the upload's offset",
				"Upload %s is at byte %d of its file, not %d: send the file from byte %d".formatted(id, expected,
						provided, expected),
				Map.of("uploadId", id, "expected-offset", expected, "provided-offset", provided), null);
		getHeaders().set(UPLOAD_OFFSET, Long.toString(expected));
		closingConnection();
	}

}
