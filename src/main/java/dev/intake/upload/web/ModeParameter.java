package dev.intake.upload.web;

import java.util.Map;

import dev.intake.system.Problem;
import dev.intake.upload.internal.UploadMode;

import org.springframework.http.HttpStatus;

/**
 * The {@code mode} query parameter of an upload: absent or {@code store} stores it,
 * {@code validate} only checks it; anything else is a 400 {@code invalid-parameter}
 * problem, answered before the body is read.
 */
final class ModeParameter {

	static final String DESCRIPTION = "`validate`: decode, map, check every row and find repeats and the "
			+ "changes it would make against the previous cycle, answer the summary with status VALIDATED and "
			+ "keep the row errors, but store no entry and count no cycle; absent or `store`: a real upload";

	private ModeParameter() {
	}

	static UploadMode of(String mode) {
		if (mode == null || mode.isEmpty() || "store".equals(mode)) {
			return UploadMode.STORE;
		}
		if ("validate".equals(mode)) {
			return UploadMode.VALIDATE;
		}
		throw new Problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				"The mode must be 'validate' or 'store'", Map.of("parameter", "mode"), null)
			.closingConnection();
	}

}
