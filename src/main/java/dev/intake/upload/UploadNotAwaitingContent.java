package dev.intake.upload;

import java.util.Map;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/** Content was sent for an upload that already has it. */
public class UploadNotAwaitingContent extends Problem {

	public UploadNotAwaitingContent(Upload upload) {
		super(HttpStatus.CONFLICT, "upload-not-awaiting-content", "Upload is not awaiting content",
				"Upload %s is %s; content can only be sent once, to an upload that is AWAITING_CONTENT"
					.formatted(upload.id(), upload.status()),
				Map.of("uploadId", upload.id(), "status", upload.status()), null);
	}

}
