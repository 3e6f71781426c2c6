package dev.intake.upload;

import java.time.Duration;
import java.util.List;

import dev.intake.ingest.IngestFailure;
import dev.intake.progress.ProgressPublisher;
import dev.intake.tenant.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The recovery sweeper: at startup and every {@code intake.recovery.sweep-interval}, it
 * fails the uploads stuck in {@code PROCESSING} whose heartbeat is older than
 * {@code intake.recovery.lease-expiry} (their instance crashed or lost the database),
 * with stage {@code recovery} and code {@code lease-expired}, removes their entries (row
 * errors stay, for the record) and publishes their terminal event.
 * <p>
 * Each sweep is one transaction that takes the uploads with
 * {@code FOR UPDATE SKIP LOCKED}, so instances sweeping at once never take the same
 * upload and never wait for each other. Uploads this instance processes itself are never
 * taken, and a live instance renews its leases long before they expire. A sweep that
 * fails is logged and tried again at the next tick. It never blocks a thread.
 */
@Component
class ExpiredLeases implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ExpiredLeases.class);

	private final Uploads uploads;

	private final UploadFailures failures;

	private final InFlightUploads inFlight;

	private final ProgressPublisher progress;

	private final TransactionalOperator transactions;

	private final RecoverySettings settings;

	private volatile Disposable sweeps;

	ExpiredLeases(Uploads uploads, UploadFailures failures, InFlightUploads inFlight, ProgressPublisher progress,
			TransactionalOperator transactions, RecoverySettings settings) {
		this.uploads = uploads;
		this.failures = failures;
		this.inFlight = inFlight;
		this.progress = progress;
		this.transactions = transactions;
		this.settings = settings;
	}

	/**
	 * Fails every upload whose lease expired, up to one batch; emits them once committed.
	 */
	Flux<Upload> sweep() {
		return this.uploads.lockExpired(this.settings.leaseExpiry(), this.inFlight.ids(), this.settings.sweepBatch())
			.collectList()
			.flatMap(this::failAll)
			.as(this.transactions::transactional)
			.flatMapIterable((failed) -> failed)
			.doOnNext((failed) -> log.warn("Upload {} failed by recovery: its lease expired", failed.upload().id()))
			.doOnNext((failed) -> this.progress.publish(failed.tenant(), UploadRun.stateOf(failed.upload(), null)))
			.map(FailedUpload::upload);
	}

	private Mono<List<FailedUpload>> failAll(List<Uploads.Expired> expired) {
		return Flux.fromIterable(expired)
			.concatMap((upload) -> this.failures.fail(upload.id(), leaseExpired(), 0)
				.map((failed) -> new FailedUpload(upload.tenant(), failed)))
			.collectList();
	}

	private record FailedUpload(TenantId tenant, Upload upload) {

	}

	private static IngestFailure leaseExpired() {
		return new IngestFailure(IngestFailure.Stage.RECOVERY, "lease-expired",
				"The instance processing the upload stopped before it was complete");
	}

	@Override
	public void start() {
		this.sweeps = Flux.interval(Duration.ZERO, this.settings.sweepInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> sweep().onErrorResume(this::sweepFailed), 1)
			.subscribe();
	}

	private Flux<Upload> sweepFailed(Throwable ex) {
		log.warn("Recovery sweep failed; trying again in {}: {}", this.settings.sweepInterval(), ex.toString());
		return Flux.empty();
	}

	@Override
	public void stop() {
		Disposable running = this.sweeps;
		if (running != null) {
			running.dispose();
		}
		this.sweeps = null;
	}

	@Override
	public boolean isRunning() {
		return this.sweeps != null;
	}

}
