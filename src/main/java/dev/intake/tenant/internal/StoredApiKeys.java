package dev.intake.tenant.internal;

import dev.intake.tenant.TenantId;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The API keys stored in table {@code api_keys}, by the SHA-256 of the key; revoked keys
 * are not found. The lookup is an index search by hash: timing tells nothing about any
 * key.
 */
@Repository
class StoredApiKeys {

	private final DatabaseClient db;

	StoredApiKeys(DatabaseClient db) {
		this.db = db;
	}

	/** Emits the tenant whose key has this hash, or nothing. */
	Mono<TenantId> tenantOf(byte[] keyHash) {
		return this.db.sql("SELECT tenant_id FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
			.bind("hash", keyHash)
			.map((row) -> TenantId.of(row.get("tenant_id", String.class)))
			.first();
	}

}
