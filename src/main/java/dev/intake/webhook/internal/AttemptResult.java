package dev.intake.webhook.internal;

/**
 * How one attempt ended.
 *
 * @param delivered whether the endpoint answered 2xx
 * @param status the HTTP status it answered, or {@code null} if it answered none
 * @param error what went wrong, or {@code null} when delivered
 */
record AttemptResult(boolean delivered, Integer status, String error) {

	/** The longest error text kept in the delivery log. */
	static final int MAX_ERROR_LENGTH = 500;

	static AttemptResult of(int status) {
		boolean success = status >= 200 && status < 300;
		return new AttemptResult(success, status, success ? null : "The endpoint answered HTTP " + status);
	}

	static AttemptResult failed(String error) {
		String text = (error != null) ? error : "unknown error";
		return new AttemptResult(false, null,
				(text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH) : text);
	}

}
