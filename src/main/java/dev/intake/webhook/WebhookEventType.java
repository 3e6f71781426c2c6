package dev.intake.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The events a webhook endpoint can subscribe to, as their API names spell them. */
public enum WebhookEventType {

	/** An upload completed: {@code COMPLETED} or {@code COMPLETED_WITH_ERRORS}. */
	UPLOAD_COMPLETED("upload.completed"),

	/** An upload failed. */
	UPLOAD_FAILED("upload.failed"),

	/** An upload sent only to be checked was validated. */
	UPLOAD_VALIDATED("upload.validated");

	private final String label;

	WebhookEventType(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	public static Optional<WebhookEventType> of(String label) {
		return Arrays.stream(values()).filter((type) -> type.label.equals(label)).findFirst();
	}

}
