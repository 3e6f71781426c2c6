package dev.intake.upload.internal;

import java.util.Map;

import dev.intake.system.Problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A tenant already has as many uploads processing as it may: the new one is refused
 * before its body is read, to be retried later.
 */
public class TooManyUploads extends Problem {

	public static final String CODE = "too-many-concurrent-uploads";

	static final long RETRY_AFTER_SECONDS = 5;

	TooManyUploads(int maxProcessing) {
		super(HttpStatus.TOO_MANY_REQUESTS, CODE, "Too many concurrent uploads",
				"This tenant already has %d uploads processing (intake.limits.max-concurrent-uploads-per-tenant); "
					.formatted(maxProcessing) + "retry once one of them has finished",
				Map.of("maxConcurrentUploads", maxProcessing), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
		closingConnection();
	}

}
