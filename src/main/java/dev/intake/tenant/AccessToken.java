package dev.intake.tenant;

import java.time.Instant;

/**
 * A short-lived, signed token that lets a browser's {@code EventSource} (which cannot
 * send headers) read one event stream of one tenant, as {@code ?access_token=}. It is
 * never an API key and grants nothing else.
 *
 * @param accessToken the token
 * @param expiresAt when it stops being accepted
 */
public record AccessToken(String accessToken, Instant expiresAt) {

	@Override
	public String toString() {
		return "AccessToken[expiresAt=" + this.expiresAt + "]";
	}

}
