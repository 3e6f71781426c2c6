package dev.intake.upload.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The leases instances hold on the uploads they process: taken and renewed by heartbeats,
 * counted by admission, and found expired by the recovery sweeper, which fails or
 * interrupts such an upload only while its lease is still expired.
 */
@Repository
class Leases {

	/** How long an upload without a lease is left alone before recovery may take it. */
	static final Duration UNLEASED_GRACE = Duration.ofMinutes(5);

	private final DatabaseClient db;

	Leases(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Counts a tenant's processing uploads whose lease has not run out; one without a
	 * lease yet counts for {@link #UNLEASED_GRACE} after it started, as the sweeper sees
	 * it.
	 */
	Mono<Long> countLeased(TenantId tenant) {
		return this.db
			.sql("""
					SELECT count(*) AS found FROM uploads
					WHERE tenant_id = :tenant AND status = %s
					  AND COALESCE(lease_expires_at, started_at + make_interval(secs => :unleased)) >= now()"""
				.formatted(UploadStatus.PROCESSING.sql()))
			.bind("tenant", tenant.value())
			.bind("unleased", UploadRows.seconds(UNLEASED_GRACE))
			.map((row) -> row.get("found", Long.class))
			.one();
	}

	/**
	 * Takes or renews, for {@code lease} from now, the lease of the given processing
	 * uploads for {@code owner} (an upload leased to another owner is left alone). Rows
	 * another transaction holds are skipped, not waited for: an upload completing holds
	 * its row for as long as its indexes take to build, and waiting for it would let the
	 * leases of all the others run out; no sweeper can take a row while it is held, and
	 * the next heartbeat renews it.
	 */
	Mono<Long> heartbeat(String owner, Collection<UUID> ids, Duration lease) {
		return this.db.sql("""
				UPDATE uploads SET lease_owner = :owner, heartbeat_at = now(),
				  lease_expires_at = now() + make_interval(secs => :lease)
				WHERE id IN (
				  SELECT id FROM uploads
				  WHERE id = ANY(:ids) AND (lease_owner IS NULL OR lease_owner = :owner) AND status = %s
				  FOR UPDATE SKIP LOCKED)""".formatted(UploadStatus.PROCESSING.sql()))
			.bind("ids", ids.toArray(UUID[]::new))
			.bind("owner", owner)
			.bind("lease", UploadRows.seconds(lease))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Locks, until the end of the current transaction, up to {@code limit} processing
	 * uploads whose lease ran out, skipping those another transaction holds and those in
	 * {@code held}. An upload without a lease yet (its instance takes the lease just
	 * after starting it) is taken only once it started more than {@link #UNLEASED_GRACE}
	 * ago, or {@code lease} if longer, so a short lease never takes a live upload whose
	 * first lease is late on a busy machine.
	 */
	Flux<ExpiredUpload> lockExpired(Duration lease, Collection<UUID> held, int limit) {
		return this.db.sql("""
				SELECT id, tenant_id, content_offset IS NOT NULL AS resumable FROM uploads
				WHERE status = %s
				  AND COALESCE(lease_expires_at, started_at + make_interval(secs => :unleased)) < now()
				  AND NOT (id = ANY(:held))
				ORDER BY lease_expires_at NULLS FIRST
				LIMIT :limit
				FOR UPDATE SKIP LOCKED""".formatted(UploadStatus.PROCESSING.sql()))
			.bind("unleased", UploadRows.seconds(unleasedGrace(lease)))
			.bind("held", held.toArray(UUID[]::new))
			.bind("limit", limit)
			.map((row) -> new ExpiredUpload(row.get("id", UUID.class), new TenantId(row.get("tenant_id", String.class)),
					Boolean.TRUE.equals(row.get("resumable", Boolean.class))))
			.all();
	}

	/**
	 * Interrupts a processing upload sent in pieces whose lease expired, as
	 * {@link #lockExpired} found it, unless a heartbeat renewed the lease since; empty if
	 * it was not interrupted.
	 */
	Mono<Upload> interruptExpired(UUID id, Duration lease) {
		return this.db.sql("""
				UPDATE uploads SET status = %s, interrupted_at = now(), lease_owner = NULL,
				  lease_expires_at = NULL, changed_at = clock_timestamp()
				WHERE id = :id AND status = %s AND content_offset IS NOT NULL
				  AND COALESCE(lease_expires_at, started_at + make_interval(secs => :unleased)) < now()
				""".formatted(UploadStatus.INTERRUPTED.sql(), UploadStatus.PROCESSING.sql()) + UploadRows.RETURNING)
			.bind("id", id)
			.bind("unleased", UploadRows.seconds(unleasedGrace(lease)))
			.map(UploadRows::upload)
			.one();
	}

	/**
	 * Fails a processing upload whose lease expired, as {@link #lockExpired} found it,
	 * unless a heartbeat renewed the lease since; empty if it was not failed.
	 */
	Mono<Upload> failExpired(UUID id, UploadFailure failure, Duration lease) {
		return this.db.sql("""
				UPDATE uploads
				SET status = %s, error_stage = :stage, error_code = :code, error_message = :message,
				  finished_at = now(), changed_at = clock_timestamp()
				WHERE id = :id AND status = %s
				  AND COALESCE(lease_expires_at, started_at + make_interval(secs => :unleased)) < now()
				""".formatted(UploadStatus.FAILED.sql(), UploadStatus.PROCESSING.sql()) + UploadRows.RETURNING)
			.bind("id", id)
			.bind("stage", failure.stage().label())
			.bind("code", failure.code())
			.bind("message", failure.getMessage())
			.bind("unleased", UploadRows.seconds(unleasedGrace(lease)))
			.map(UploadRows::upload)
			.one();
	}

	private static Duration unleasedGrace(Duration lease) {
		return (UNLEASED_GRACE.compareTo(lease) > 0) ? UNLEASED_GRACE : lease;
	}

}
