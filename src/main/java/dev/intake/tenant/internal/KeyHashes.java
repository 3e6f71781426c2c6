package dev.intake.tenant.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one way API keys are hashed, for storing and for comparing: SHA-256 of the key's
 * UTF-8 bytes. Keys are long random strings, so a fast unsalted hash is enough; the key
 * itself is never kept.
 */
final class KeyHashes {

	private KeyHashes() {
	}

	static byte[] of(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/** Compares in time that does not depend on where the hashes differ. */
	static boolean same(byte[] one, byte[] other) {
		return MessageDigest.isEqual(one, other);
	}

}
