package dev.intake.upload.internal;

import java.util.Map;

import dev.intake.system.Problem;
import dev.intake.upload.Upload;

import org.springframework.http.HttpStatus;

/** Content was sent for an upload that already has it. */
public class UploadNotAwaitingContent extends Problem {

	/** This problem\'s code. */
	public static final String CODE = "upload-not-awaiting-content";

	public UploadNotAwaitingContent(Upload upload) {
		super(HttpStatus.CONFLICT, CODE, "Upload is not awaiting content",
				"Upload %s is %s; content can only be sent once, to an upload that is AWAITING_CONTENT"
					.formatted(upload.id(), upload.status()),
				Map.of("uploadId", upload.id(), "status", upload.status()), null);
	}

}
