package dev.intake.tenant.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.intake.tenant.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The API keys stored in table {@code api_keys}, by the SHA-256 of the key; revoked keys
 * are not found. The lookup is an index search by hash: timing tells nothing about any
 * key.
 * <p>
 * The table is written by operators, not by Intake: a row whose {@code tenant_id} is not
 * a valid {@link TenantId} (a {@code |}, a space, too long) is refused like an unknown
 * key, and logged once per such id, rather than failing every request with a 500.
 */
@Repository
class StoredApiKeys {

	private static final Logger log = LoggerFactory.getLogger(StoredApiKeys.class);

	// Bounded: a table full of bad rows must not grow the heap through its log guard.
	private static final int MAX_LOGGED = 100;

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	private final DatabaseClient db;

	StoredApiKeys(DatabaseClient db) {
		this.db = db;
	}

	/** Emits the tenant whose key has this hash, or nothing. */
	Mono<TenantId> tenantOf(byte[] keyHash) {
		return this.db.sql("SELECT tenant_id FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
			.bind("hash", keyHash)
			.map((row) -> row.get("tenant_id", String.class))
			.first()
			.mapNotNull(this::tenantOrNull);
	}

	private TenantId tenantOrNull(String value) {
		try {
			return TenantId.of(value);
		}
		catch (IllegalArgumentException ex) {
			if (this.logged.size() < MAX_LOGGED && this.logged.add(value)) {
				log.error("Table api_keys has a key of tenant id '{}', which is not 1 to 64 letters, digits, '.', "
						+ "'_' or '-': the key is refused until the row is fixed", printable(value));
			}
			return null;
		}
	}

	// Log lines stay one line whatever the table holds.
	private static String printable(String value) {
		String shown = (value.length() > 80) ? value.substring(0, 80) + "…" : value;
		return shown.codePoints()
			.map((c) -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

}
