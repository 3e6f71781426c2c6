package dev.intake.webhook.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * An endpoint's signing secret: {@code whsec_} and 32 random bytes in base64url. The
 * whole string, as UTF-8, is the HMAC-SHA256 key.
 *
 * @param endpoint the endpoint it signs for
 * @param secret the secret, answered once
 */
public record WebhookSecret(WebhookEndpoint endpoint, String secret) {

	private static final SecureRandom RANDOM = new SecureRandom();

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
