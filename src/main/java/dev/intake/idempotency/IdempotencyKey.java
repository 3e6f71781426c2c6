package dev.intake.idempotency;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/**
 * A client's {@code Idempotency-Key}: 1 to 255 printable ASCII characters, scoped to its
 * tenant.
 *
 * @param value the key as the client sent it
 */
public record IdempotencyKey(String value) {

	/** The request header that carries the key. */
	public static final String HEADER = "Idempotency-Key";

	/** The response header that marks an answer replayed from an earlier request. */
	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	/** The problem code of a malformed key. */
	public static final String INVALID_CODE = "invalid-idempotency-key";

	public static final int MAX_LENGTH = 255;

	public IdempotencyKey {
		if (!isValid(value)) {
			throw new Problem(HttpStatus.BAD_REQUEST, INVALID_CODE, "Invalid Idempotency-Key",
					"The Idempotency-Key header must be 1 to %d printable ASCII characters".formatted(MAX_LENGTH));
		}
	}

	/** The key of a request's header value, or {@code null} if it sent none. */
	public static IdempotencyKey ofHeader(String header) {
		return (header != null) ? new IdempotencyKey(header) : null;
	}

	private static boolean isValid(String value) {
		return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH
				&& value.chars().allMatch((c) -> c >= 0x20 && c <= 0x7E) && !value.isBlank();
	}

	@Override
	public String toString() {
		// Keys are the client's; log them only through the code that chose to.
		return "IdempotencyKey[" + this.value.length() + " chars]";
	}

}
