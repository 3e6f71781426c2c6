package dev.intake.idempotency;

import java.util.Map;
import java.util.UUID;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/**
 * 409: the first request with this key is still running. The body of the retry is not
 * read, so the connection is closed after the answer.
 */
public class IdempotencyKeyInUse extends Problem {

	/** This problem\'s code. */
	public static final String CODE = "idempotency-key-in-use";

	/**
	 * The problem for a key whose first request is still running.
	 * @param uploadId the upload the running request started, or {@code null} when the
	 * key changed hands too often to tell
	 */
	public IdempotencyKeyInUse(UUID uploadId) {
		super(HttpStatus.CONFLICT, CODE, "Idempotency-Key in use",
				"A request with this Idempotency-Key is still running; retry once it has finished",
				(uploadId != null) ? Map.of("uploadId", uploadId) : Map.of(), null);
		closingConnection();
	}

}
