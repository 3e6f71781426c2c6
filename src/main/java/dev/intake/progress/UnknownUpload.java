package dev.intake.progress;

import java.util.UUID;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/** Events were asked for of an upload that does not exist. */
class UnknownUpload extends Problem {

	UnknownUpload(UUID id) {
		super(HttpStatus.NOT_FOUND, "upload-not-found", "Upload not found", "There is no upload with id " + id);
	}

}
