package dev.intake.tenant.internal;

import java.security.SecureRandom;

import dev.intake.system.FirstWrittenValue;

import org.springframework.stereotype.Component;

/**
 * The token-signing secret of this deployment when none is configured: 32 random bytes
 * that the first instance to ask stores in table {@code token_secret}, and that every
 * instance on the same database reads, so access tokens verify on all of them without any
 * setting. Read once, at startup, after the migrations.
 */
@Component
class StoredTokenSecret {

	private static final int BYTES = 32;

	private final FirstWrittenValue values;

	StoredTokenSecret(FirstWrittenValue values) {
		this.values = values;
	}

	/** The stored secret, made first if there is none yet. */
	byte[] secret() {
		byte[] candidate = new byte[BYTES];
		new SecureRandom().nextBytes(candidate);
		return this.values.of("token_secret", "secret", candidate, byte[].class);
	}

}
