package dev.intake.idempotency;

import java.util.Map;
import java.util.UUID;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/**
 * 422: the key was already used with a different request (other content, file name or
 * kind of request); use a new key for a new request.
 */
public class IdempotencyKeyReused extends Problem {

	/** This problem\'s code. */
	public static final String CODE = "idempotency-key-reused";

	public IdempotencyKeyReused(UUID uploadId) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, CODE, "Idempotency-Key reused",
				"This Idempotency-Key was already used with a different request; use a new key for a new upload",
				Map.of("uploadId", uploadId), null);
	}

}
