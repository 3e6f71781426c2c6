package dev.intake.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * PostgreSQL could not be reached or did not answer in time (see
 * {@link DatabaseSettings}): the request may be retried once it is back.
 */
public class DatabaseUnavailable extends Problem {

	public static final String CODE = "database-unavailable";

	static final long RETRY_AFTER_SECONDS = 5;

	DatabaseUnavailable() {
		super(HttpStatus.SERVICE_UNAVAILABLE, CODE, "Database unavailable",
				"The database did not answer in time or could not be reached; retry shortly");
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
	}

}
