package dev.intake.upload.internal;

import java.util.Map;

import dev.intake.ingest.IngestFailure;
import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/** An upload body larger than {@code intake.limits.max-body-size}. */
public final class BodyTooLarge {

	public static final String CODE = "body-too-large";

	private BodyTooLarge() {
	}

	/**
	 * For a body whose announced length is already too large: refused before it is read.
	 */
	static Problem announced(long length, long maxBodySize) {
		return new Problem(HttpStatus.CONTENT_TOO_LARGE, CODE, "Upload body too large", detail(maxBodySize),
				Map.of("contentLength", length, "maxBodySize", maxBodySize), null);
	}

	/**
	 * For a body that crossed the limit while it arrived, outside of any upload.
	 */
	static Problem crossed(long maxBodySize) {
		return new Problem(HttpStatus.CONTENT_TOO_LARGE, CODE, "Upload body too large", detail(maxBodySize),
				Map.of("maxBodySize", maxBodySize), null)
			.closingConnection();
	}

	/**
	 * For a body that crossed the limit while it arrived: the upload fails at stage
	 * receive.
	 */
	static IngestFailure failure(long maxBodySize) {
		return new IngestFailure(IngestFailure.Stage.RECEIVE, CODE, detail(maxBodySize), null,
				Map.of("maxBodySize", maxBodySize));
	}

	private static String detail(long maxBodySize) {
		return "The upload body exceeds the limit of %d bytes (intake.limits.max-body-size)".formatted(maxBodySize);
	}

}
