package dev.intake.webhook.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's webhook endpoint, as the API shows it: never its secrets.
 *
 * @param id the endpoint's id
 * @param url where events are POSTed
 * @param events the event types it gets, such as {@code upload.completed}
 * @param createdAt when it was created
 * @param previousSecretExpiresAt until when the secret before the last rotation still
 * signs, or {@code null}
 */
public record WebhookEndpoint(UUID id, String url, List<String> events, Instant createdAt,
		Instant previousSecretExpiresAt) {

}
