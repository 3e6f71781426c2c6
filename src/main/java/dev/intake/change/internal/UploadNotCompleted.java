package dev.intake.change.internal;

import dev.intake.system.Problem;
import dev.intake.upload.Upload;

import org.springframework.http.HttpStatus;

/**
 * Changes exist only for completed uploads: one that waits for content, is processing or
 * failed is a conflict with the upload's state (409), not a bad request.
 */
public class UploadNotCompleted extends Problem {

	/** This problem\'s code. */
	public static final String CODE = "upload-not-completed";

	public UploadNotCompleted(Upload upload) {
		super(HttpStatus.CONFLICT, CODE, "Upload not completed", "Upload " + upload.id() + " is " + upload.status()
				+ "; changes are known once an upload is COMPLETED or COMPLETED_WITH_ERRORS");
	}

}
