package dev.intake.upload.internal;

import java.util.UUID;
import java.util.function.Supplier;

import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The changes that add an upload awaiting content or processing, each made only while the
 * tenant is under its limit for that status.
 */
@Repository
class Admissions {

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final Leases leases;

	Admissions(DatabaseClient db, TransactionalOperator transactions, Leases leases) {
		this.db = db;
		this.transactions = transactions;
		this.leases = leases;
	}

	/**
	 * Creates an upload of a tenant, with a given id, that waits for its content; errors
	 * with {@link TooManyAwaitingUploads} when the tenant already has {@code maxAwaiting}
	 * uploads waiting.
	 */
	Mono<Upload> createAwaitingContent(TenantId tenant, UUID id, String filename, int maxAwaiting) {
		return whileUnderLimit(tenant, count(tenant, UploadStatus.AWAITING_CONTENT), maxAwaiting,
				() -> new TooManyAwaitingUploads(maxAwaiting),
				this.db
					.sql("INSERT INTO uploads (id, tenant_id, filename, status) VALUES (:id, :tenant, :filename, %s)"
						.formatted(UploadStatus.AWAITING_CONTENT.sql()) + UploadRows.RETURNING)
					.bind("id", id)
					.bind("tenant", tenant.value())
					.bind("filename", filename)
					.map(UploadRows::upload)
					.one());
	}

	/**
	 * Creates an upload of a tenant, with a given id, whose content is arriving now;
	 * errors with {@link TooManyUploads} when the tenant already has
	 * {@code maxProcessing} uploads processing.
	 */
	Mono<Upload> createProcessing(TenantId tenant, UUID id, String filename, int maxProcessing, Lease lease) {
		return whileUnderLimit(tenant, maxProcessing,
				this.db
					.sql("""
							INSERT INTO uploads (id, tenant_id, filename, status, started_at, lease_owner, heartbeat_at,
							  lease_expires_at, changed_at)
							VALUES (:id, :tenant, :filename, %s, now(), :owner, now(),
							  now() + make_interval(secs => :lease), clock_timestamp())"""
						.formatted(UploadStatus.PROCESSING.sql()) + UploadRows.RETURNING)
					.bind("id", id)
					.bind("tenant", tenant.value())
					.bind("filename", filename)
					.bind("owner", lease.owner())
					.bind("lease", UploadRows.seconds(lease.length()))
					.map(UploadRows::upload)
					.one());
	}

	/**
	 * Moves a tenant's upload from awaiting content to processing; empty if it was not
	 * awaiting. Errors with {@link TooManyUploads} when the tenant already has
	 * {@code maxProcessing} uploads processing.
	 */
	Mono<Upload> start(TenantId tenant, UUID id, int maxProcessing, Lease lease) {
		return whileUnderLimit(tenant, maxProcessing, this.db
			.sql("""
					UPDATE uploads SET status = %s, started_at = now(), lease_owner = :owner, heartbeat_at = now(),
					  lease_expires_at = now() + make_interval(secs => :lease), changed_at = clock_timestamp()
					WHERE id = :id AND tenant_id = :tenant AND status = %s""".formatted(UploadStatus.PROCESSING.sql(),
					UploadStatus.AWAITING_CONTENT.sql()) + UploadRows.RETURNING)
			.bind("id", id)
			.bind("tenant", tenant.value())
			.bind("owner", lease.owner())
			.bind("lease", UploadRows.seconds(lease.length()))
			.map(UploadRows::upload)
			.one());
	}

	/**
	 * Moves a tenant's upload that awaits content, or is interrupted, to processing for
	 * its next piece, if the piece starts at the stored offset; empty otherwise. Errors
	 * with {@link TooManyUploads} when the tenant already has {@code maxProcessing}
	 * uploads processing.
	 */
	Mono<ResumedUpload> resume(TenantId tenant, UUID id, long offset, int maxProcessing, Lease lease) {
		UUID piece = UUID.randomUUID();
		return whileUnderLimit(tenant, maxProcessing, this.db.sql("""
				UPDATE uploads SET status = %s, started_at = COALESCE(started_at, now()),
				  lease_owner = :owner, heartbeat_at = now(), lease_expires_at = now() + make_interval(secs => :lease),
				  content_offset = COALESCE(content_offset, 0), next_row = COALESCE(next_row, 0),
				  interrupted_at = NULL, piece_id = :piece, changed_at = clock_timestamp()
				WHERE id = :id AND tenant_id = :tenant AND status IN %s
				  AND COALESCE(content_offset, 0) = :offset""".formatted(UploadStatus.PROCESSING.sql(),
				UploadStatus.sqlList(UploadStatus.AWAITING_CONTENT, UploadStatus.INTERRUPTED)) + UploadRows.RETURNING
				+ ", content_offset, next_row, header")
			.bind("id", id)
			.bind("tenant", tenant.value())
			.bind("offset", offset)
			.bind("piece", piece)
			.bind("owner", lease.owner())
			.bind("lease", UploadRows.seconds(lease.length()))
			.map((row) -> new ResumedUpload(UploadRows.upload(row), piece, row.get("content_offset", Long.class),
					row.get("next_row", Long.class), UploadRows.list(row.get("header", String[].class))))
			.one());
	}

	/**
	 * Runs a change that may add a processing upload, in one transaction that holds the
	 * tenant's advisory lock while it counts the tenant's processing uploads whose lease
	 * is alive: concurrent requests of a tenant, on any instance, take turns, so the
	 * count cannot be overtaken. An upload whose instance died stops counting as soon as
	 * its lease runs out, before the recovery sweeper fails it.
	 */
	private <T> Mono<T> whileUnderLimit(TenantId tenant, int maxProcessing, Mono<T> change) {
		return whileUnderLimit(tenant, this.leases.countLeased(tenant), maxProcessing,
				() -> new TooManyUploads(maxProcessing), change);
	}

	private <T> Mono<T> whileUnderLimit(TenantId tenant, Mono<Long> count, int max,
			Supplier<? extends RuntimeException> tooMany, Mono<T> change) {
		return this.db.sql("SELECT pg_advisory_xact_lock(hashtextextended('intake.uploads:' || :tenant, 0))")
			.bind("tenant", tenant.value())
			.then()
			.then(count)
			.flatMap((found) -> (found < max) ? change : Mono.error(tooMany.get()))
			.as(this.transactions::transactional);
	}

	private Mono<Long> count(TenantId tenant, UploadStatus status) {
		return this.db.sql("SELECT count(*) AS found FROM uploads WHERE tenant_id = :tenant AND status = :status")
			.bind("tenant", tenant.value())
			.bind("status", status.name())
			.map((row) -> row.get("found", Long.class))
			.one();
	}

}
