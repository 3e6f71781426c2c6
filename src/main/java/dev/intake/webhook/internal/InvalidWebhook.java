package dev.intake.webhook.internal;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/** A webhook endpoint that cannot be created as asked: the problem's code says why. */
public class InvalidWebhook extends Problem {

	public static final String INVALID_URL = "invalid-webhook-url";

	public static final String INVALID_EVENTS = "invalid-webhook-events";

	public static final String UNRESOLVABLE = "webhook-host-unresolvable";

	InvalidWebhook(String code, String title, String detail) {
		super(HttpStatus.BAD_REQUEST, code, title, detail);
	}

	static InvalidWebhook url(String detail) {
		return new InvalidWebhook(INVALID_URL, "Invalid webhook URL", detail);
	}

	static InvalidWebhook events(String detail) {
		return new InvalidWebhook(INVALID_EVENTS, "Invalid webhook events", detail);
	}

	static InvalidWebhook unresolvable(String host) {
		return new InvalidWebhook(UNRESOLVABLE, "Webhook host unresolvable",
				"The host " + host + " of the webhook URL does not resolve to any address");
	}

}
