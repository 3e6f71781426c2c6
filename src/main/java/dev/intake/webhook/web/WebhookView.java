package dev.intake.webhook.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.intake.webhook.internal.WebhookEndpoint;
import dev.intake.webhook.internal.WebhookSecret;

/**
 * A webhook endpoint as the API shows it. {@code secret} is set only in the answers of
 * create and rotate, the only times it is shown.
 *
 * @param id the endpoint's id
 * @param url where events are POSTed
 * @param events the event types it gets
 * @param createdAt when it was created
 * @param previousSecretExpiresAt until when the secret before the last rotation still
 * signs, or {@code null}
 * @param secret the signing secret, only when just made
 * @param links {@code self} and {@code deliveries}
 */
record WebhookView(UUID id, String url, List<String> events, Instant createdAt, Instant previousSecretExpiresAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) String secret, Map<String, String> links) {

	static WebhookView of(WebhookEndpoint endpoint) {
		return of(endpoint, null);
	}

	static WebhookView of(WebhookSecret created) {
		return of(created.endpoint(), created.secret());
	}

	private static WebhookView of(WebhookEndpoint endpoint, String secret) {
		String self = WebhooksController.PATH + "/" + endpoint.id();
		return new WebhookView(endpoint.id(), endpoint.url(), endpoint.events(), endpoint.createdAt(),
				endpoint.previousSecretExpiresAt(), secret, Map.of("self", self, "deliveries", self + "/deliveries"));
	}

}
