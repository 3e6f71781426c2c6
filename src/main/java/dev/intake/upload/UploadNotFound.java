package dev.intake.upload;

import java.util.UUID;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/** No upload has this id (for this client). */
public class UploadNotFound extends Problem {

	public UploadNotFound(UUID id) {
		super(HttpStatus.NOT_FOUND, "upload-not-found", "Upload not found", "There is no upload with id " + id);
	}

}
