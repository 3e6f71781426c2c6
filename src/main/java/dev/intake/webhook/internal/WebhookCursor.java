package dev.intake.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of endpoints starts: strictly after this one, newest first. Clients see an
 * opaque token.
 *
 * @param createdAt the creation time of the last endpoint already seen
 * @param id its id
 */
public record WebhookCursor(Instant createdAt, UUID id) {

	public static WebhookCursor after(WebhookEndpoint endpoint) {
		return new WebhookCursor(endpoint.createdAt(), endpoint.id());
	}

	/**
	 * Reads a token of {@link #token()}; anything else is an
	 * {@link IllegalArgumentException}.
	 */
	public static WebhookCursor parse(String token) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			int bar = text.indexOf('|');
			Instant createdAt = Instant.parse(text.substring(0, bar));
			if (createdAt.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
					|| createdAt.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
				throw new IllegalArgumentException("Out of range: " + createdAt);
			}
			return new WebhookCursor(createdAt, UUID.fromString(text.substring(bar + 1)));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a cursor of this API: " + token, ex);
		}
	}

	public String token() {
		String text = this.createdAt + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
