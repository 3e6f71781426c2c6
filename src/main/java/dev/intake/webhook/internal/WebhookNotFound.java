package dev.intake.webhook.internal;

import java.util.UUID;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/** No webhook endpoint has this id (for this client). */
public class WebhookNotFound extends Problem {

	public static final String CODE = "webhook-not-found";

	public WebhookNotFound(UUID id) {
		super(HttpStatus.NOT_FOUND, CODE, "Webhook not found", "There is no webhook with id " + id);
	}

}
