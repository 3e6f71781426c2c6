package dev.intake.idempotency;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * The idempotency keys of each tenant and the upload each one started. Every change is
 * one conditional statement, so concurrent requests with one key cannot both win it:
 * {@link #claim} is an {@code INSERT ... ON CONFLICT}, {@link #reclaim} a compare-and-set
 * on the upload the key points to. Callers that create the upload in the same transaction
 * make key and upload appear together.
 */
@Repository
public class IdempotencyKeys {

	private final DatabaseClient db;

	private final IdempotencySettings settings;

	IdempotencyKeys(DatabaseClient db, IdempotencySettings settings) {
		this.db = db;
		this.settings = settings;
	}

	/**
	 * Claims a key that is new, or whose previous use has expired, for an upload; emits
	 * whether this call won it. A key another request holds is left untouched.
	 * @param digest the request's digest if already known, else {@code null}
	 */
	public Mono<Boolean> claim(String tenantId, IdempotencyKey key, RequestKind kind, UUID uploadId, byte[] digest) {
		GenericExecuteSpec claim = this.db.sql("""
				INSERT INTO idempotency_keys AS k
				  (tenant_id, idempotency_key, request_kind, upload_id, request_digest, created_at)
				VALUES (:tenant, :key, :kind, :uploadId, :digest, now())
				ON CONFLICT (tenant_id, idempotency_key) DO UPDATE
				  SET request_kind = EXCLUDED.request_kind, upload_id = EXCLUDED.upload_id,
				    request_digest = EXCLUDED.request_digest, created_at = EXCLUDED.created_at
				  WHERE k.created_at < now() - make_interval(secs => :retention)
				RETURNING k.upload_id""").bind("retention", this.settings.retentionSeconds());
		return bindRequest(claim, tenantId, key, kind, uploadId, digest).map((row) -> Boolean.TRUE)
			.one()
			.defaultIfEmpty(Boolean.FALSE);
	}

	/**
	 * Points a key at a new upload if it still points at {@code previousUploadId}, for a
	 * retry after that upload failed; emits whether this call won it.
	 */
	public Mono<Boolean> reclaim(String tenantId, IdempotencyKey key, UUID previousUploadId, RequestKind kind,
			UUID uploadId, byte[] digest) {
		GenericExecuteSpec reclaim = this.db.sql("""
				UPDATE idempotency_keys
				SET request_kind = :kind, upload_id = :uploadId, request_digest = :digest, created_at = now()
				WHERE tenant_id = :tenant AND idempotency_key = :key AND upload_id = :previous
				RETURNING upload_id""").bind("previous", previousUploadId);
		return bindRequest(reclaim, tenantId, key, kind, uploadId, digest).map((row) -> Boolean.TRUE)
			.one()
			.defaultIfEmpty(Boolean.FALSE);
	}

	/** The request a key was used with, unless it has expired; empty if none. */
	public Mono<KeyedRequest> find(String tenantId, IdempotencyKey key) {
		return this.db.sql("""
				SELECT request_kind, upload_id, request_digest, created_at FROM idempotency_keys
				WHERE tenant_id = :tenant AND idempotency_key = :key
				  AND created_at >= now() - make_interval(secs => :retention)""")
			.bind("tenant", tenantId)
			.bind("key", key.value())
			.bind("retention", this.settings.retentionSeconds())
			.map(IdempotencyKeys::keyedRequest)
			.one();
	}

	/**
	 * Stores the digest of a request whose body has been read to its end, if the key
	 * still points at its upload.
	 */
	public Mono<Void> recordDigest(String tenantId, IdempotencyKey key, UUID uploadId, byte[] digest) {
		return this.db.sql("""
				UPDATE idempotency_keys SET request_digest = :digest
				WHERE tenant_id = :tenant AND idempotency_key = :key AND upload_id = :uploadId""")
			.bind("tenant", tenantId)
			.bind("key", key.value())
			.bind("uploadId", uploadId)
			.bind("digest", digest)
			.then();
	}

	/** Deletes the keys older than the retention; emits how many. */
	public Mono<Long> deleteExpired() {
		return this.db.sql("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => :retention)")
			.bind("retention", this.settings.retentionSeconds())
			.fetch()
			.rowsUpdated();
	}

	private static GenericExecuteSpec bindRequest(GenericExecuteSpec spec, String tenantId, IdempotencyKey key,
			RequestKind kind, UUID uploadId, byte[] digest) {
		GenericExecuteSpec bound = spec.bind("tenant", tenantId)
			.bind("key", key.value())
			.bind("kind", kind.label())
			.bind("uploadId", uploadId);
		return (digest != null) ? bound.bind("digest", digest) : bound.bindNull("digest", byte[].class);
	}

	private static KeyedRequest keyedRequest(Readable row) {
		return new KeyedRequest(RequestKind.ofLabel(row.get("request_kind", String.class)),
				row.get("upload_id", UUID.class), row.get("request_digest", byte[].class),
				row.get("created_at", OffsetDateTime.class).toInstant());
	}

}
