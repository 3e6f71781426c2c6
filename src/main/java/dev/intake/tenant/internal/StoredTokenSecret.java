package dev.intake.tenant.internal;

import java.security.SecureRandom;
import java.time.Duration;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The token-signing secret of this deployment when none is configured: 32 random bytes
 * that the first instance to ask stores in table {@code token_secret}, and that every
 * instance on the same database reads, so access tokens verify on all of them without any
 * setting. Read once, at startup, after the migrations.
 */
@Component
@DependsOnDatabaseInitialization
class StoredTokenSecret {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final int BYTES = 32;

	private final DatabaseClient db;

	StoredTokenSecret(DatabaseClient db) {
		this.db = db;
	}

	/** The stored secret, made first if there is none yet. */
	byte[] secret() {
		byte[] candidate = new byte[BYTES];
		new SecureRandom().nextBytes(candidate);
		return this.db.sql("INSERT INTO token_secret (secret) VALUES (:secret) ON CONFLICT (singleton) DO NOTHING")
			.bind("secret", candidate)
			.then()
			.then(this.db.sql("SELECT secret FROM token_secret").map((row) -> row.get("secret", byte[].class)).one())
			.block(PATIENCE);
	}

}
