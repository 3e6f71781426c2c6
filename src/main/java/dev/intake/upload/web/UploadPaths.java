package dev.intake.upload.web;

import java.util.UUID;

/** The API paths of uploads, in one place. */
final class UploadPaths {

	static final String UPLOADS = "/api/v1/uploads";

	private UploadPaths() {
	}

	static String upload(UUID id) {
		return UPLOADS + "/" + id;
	}

}
