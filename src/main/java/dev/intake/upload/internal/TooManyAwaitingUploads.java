package dev.intake.upload.internal;

import java.util.Map;

import dev.intake.system.Problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A tenant already has as many uploads waiting for their content as it may: send the
 * content of one of them (or let them expire) before creating another.
 */
public class TooManyAwaitingUploads extends Problem {

	public static final String CODE = "too-many-awaiting-uploads";

	static final long RETRY_AFTER_SECONDS = 60;

	TooManyAwaitingUploads(int maxAwaiting) {
		super(HttpStatus.TOO_MANY_REQUESTS, CODE, "Too many uploads awaiting content",
				"This tenant already has %d uploads waiting for their content ".formatted(maxAwaiting)
						+ "(intake.uploads.awaiting-content.max-per-tenant); send their content or let them expire",
				Map.of("maxAwaitingUploads", maxAwaiting), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
	}

}
