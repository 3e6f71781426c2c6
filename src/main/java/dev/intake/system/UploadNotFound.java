package dev.intake.system;

import java.util.UUID;

import org.springframework.http.HttpStatus;

/**
 * No upload has this id, or it is another tenant's: the one answer for both, whichever
 * module looks the upload up (uploads, their changes, their progress events). It lives
 * here, below all of them, so that each raises the same problem and the API documentation
 * names its code for every path with an id.
 */
public class UploadNotFound extends Problem {

	/** This problem's code. */
	public static final String CODE = "upload-not-found";

	public UploadNotFound(UUID id) {
		super(HttpStatus.NOT_FOUND, CODE, "Upload not found", "There is no upload with id " + id);
	}

}
