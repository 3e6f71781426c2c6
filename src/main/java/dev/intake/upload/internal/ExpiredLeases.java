package dev.intake.upload.internal;

import java.time.Duration;
import java.util.UUID;

import dev.intake.ingest.IngestedRows;
import dev.intake.system.PeriodicSweep;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The recovery sweeper: at startup and every {@code intake.recovery.sweep-interval}, it
 * fails the uploads stuck in {@code PROCESSING} whose heartbeat is older than
 * {@code intake.recovery.lease-expiry} (their instance crashed or lost the database),
 * with stage {@code recovery} and code {@code lease-expired}, removes their entries (row
 * errors stay, for the record) and publishes their terminal event. An upload sent in
 * pieces is interrupted instead ({@link UploadInterruptions}): what it committed is
 * intact, and its client resumes it from its offset. It also drops the rows left of
 * uploads that ended without dropping them (the database went away meanwhile).
 * <p>
 * Each sweep finds the uploads with {@code FOR UPDATE SKIP LOCKED} (so it skips one that
 * is completing right now), then fails each one whose lease is still expired through
 * {@link UploadFailures}, so instances sweeping at once fail an upload only once. Uploads
 * this instance processes itself are never taken, and a live instance renews its leases
 * long before they expire. A sweep that fails is logged and tried again at the next tick.
 * It never blocks a thread.
 */
@Component
class ExpiredLeases extends PeriodicSweep {

	private final Leases leases;

	private final UploadTransitions transitions;

	private final UploadFailures failures;

	private final InFlightUploads inFlight;

	private final TransactionalOperator transactions;

	private final RecoverySettings settings;

	private final IngestedRows rows;

	private final UploadInterruptions interruptions;

	ExpiredLeases(Leases leases, UploadTransitions transitions, UploadFailures failures, InFlightUploads inFlight,
			TransactionalOperator transactions, RecoverySettings settings, IngestedRows rows,
			UploadInterruptions interruptions) {
		super("Recovery sweep");
		this.rows = rows;
		this.interruptions = interruptions;
		this.leases = leases;
		this.transitions = transitions;
		this.failures = failures;
		this.inFlight = inFlight;
		this.transactions = transactions;
		this.settings = settings;
	}

	/**
	 * Fails (or interrupts) every upload whose lease expired, up to one batch; emits
	 * those it stopped. Each is failed by {@link UploadFailures} only if its lease is
	 * still expired then, so a sweep racing a late heartbeat or another instance's sweep
	 * fails it at most once.
	 */
	Flux<Upload> sweep() {
		return this.leases.lockExpired(this.settings.leaseExpiry(), this.inFlight.ids(), this.settings.sweepBatch())
			.collectList()
			.as(this.transactions::transactional)
			.flatMapIterable((expired) -> expired)
			.concatMap((upload) -> upload.resumable()
					? this.interruptions.interruptExpired(upload.tenant(), upload.id(), this.settings.leaseExpiry())
					: this.failures.failExpired(upload.tenant(), upload.id()));
	}

	/**
	 * Fails one processing upload now if its lease has run out and this instance does not
	 * hold it, as a sweep would; emits it if this call failed it, nothing otherwise. For
	 * a retry that must not wait for the next sweep.
	 */
	Mono<Upload> failIfExpired(TenantId tenant, UUID id) {
		if (this.inFlight.ids().contains(id)) {
			return Mono.empty();
		}
		return this.failures.failExpired(tenant, id);
	}

	/** Drops the rows of uploads that ended but kept them; emits those uploads. */
	Flux<UUID> dropLeftovers() {
		return this.rows.unpublished()
			.collectList()
			.filter((ids) -> !ids.isEmpty())
			.flatMapMany(this.transitions::notProcessing)
			.concatMap((id) -> this.rows.discard(id).thenReturn(id));
	}

	@Override
	protected Duration interval() {
		return this.settings.sweepInterval();
	}

	@Override
	protected Publisher<?> sweepOnce() {
		return sweep().thenMany(dropLeftovers());
	}

}
