package dev.intake.idempotency;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

/**
 * The request an idempotency key was first used with, as stored.
 *
 * @param kind what the request did
 * @param uploadId the upload it started
 * @param digest the SHA-256 of the request (see {@link RequestDigest}), or {@code null}
 * while its body is still arriving
 * @param createdAt when the key was claimed
 */
public record KeyedRequest(RequestKind kind, UUID uploadId, byte[] digest, Instant createdAt) {

	/** Whether the stored request is the same as one with this digest. */
	public boolean isSameAs(byte[] otherDigest) {
		return this.digest != null && MessageDigest.isEqual(this.digest, otherDigest);
	}

}
