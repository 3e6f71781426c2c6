package dev.intake.upload;

import java.time.Duration;
import java.util.UUID;

import dev.intake.ingest.IngestFailure;
import dev.intake.ingest.IngestedRows;
import dev.intake.progress.ProgressPublisher;
import dev.intake.tenant.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The one place that fails an upload, for processing, the recovery sweeper and shutdown
 * alike: stores {@code FAILED} with the stage, code and message and, in the same
 * transaction, its {@code upload.failed} webhook event; then logs it, publishes the
 * terminal progress event, and drops the upload's rows.
 * <p>
 * The status is committed first, so that a request is answered with it even while the
 * drop waits for a batch still being written; dropping the upload's table costs the same
 * for any number of rows. Rows of a failed upload were never visible, and a table that
 * could not be dropped is dropped by the recovery sweeper. An upload that was final
 * already is left as it was (any rows it got after it was failed elsewhere are dropped,
 * never those of a completed one), and nothing is logged or published for it.
 */
@Component
class UploadFailures {

	private static final Logger log = LoggerFactory.getLogger(UploadFailures.class);

	/** Drops tried again while a batch caught by the failure still holds the table. */
	private static final int DROP_ATTEMPTS = 5;

	private final UploadTransitions transitions;

	private final Leases leases;

	private final IngestedRows rows;

	private final ProgressPublisher progress;

	private final TerminalEvents events;

	private final TransactionalOperator transactions;

	UploadFailures(UploadTransitions transitions, Leases leases, IngestedRows rows, ProgressPublisher progress,
			TerminalEvents events, TransactionalOperator transactions) {
		this.transitions = transitions;
		this.leases = leases;
		this.rows = rows;
		this.progress = progress;
		this.events = events;
		this.transactions = transactions;
	}

	/**
	 * Fails an upload that is not final yet; emits it, or nothing if it was final
	 * already.
	 * @param bytesExpected the body's announced length, for the event, or {@code null}
	 */
	Mono<Upload> fail(TenantId tenant, UUID id, IngestFailure failure, long bytesReceived, Long bytesExpected) {
		return failed(tenant, id, failure, bytesExpected, this.transitions.fail(id, failure, bytesReceived));
	}

	/**
	 * Fails, in one transaction, the uploads that have been in {@code wait} for longer
	 * than {@code age}, oldest first and at most {@code limit}; emits them once
	 * committed. They are taken with {@code FOR UPDATE SKIP LOCKED}, so instances
	 * sweeping at once never take the same upload, and a request that comes for one
	 * meanwhile waits for the sweep and then finds it failed.
	 */
	Flux<Upload> failWaitingLongerThan(UploadWait wait, Duration age, int limit, IngestFailure failure) {
		return this.transitions.lockWaitingLongerThan(wait, age, limit)
			.collectList()
			.flatMap((waiting) -> Flux.fromIterable(waiting)
				.concatMap((upload) -> fail(upload.tenant(), upload.id(), failure, 0, null))
				.collectList())
			.as(this.transactions::transactional)
			.flatMapIterable((failed) -> failed);
	}

	/**
	 * Fails a processing upload only if its lease is still expired (a late heartbeat
	 * keeps it alive); emits it, or nothing if it was not failed.
	 */
	Mono<Upload> failExpired(TenantId tenant, UUID id, IngestFailure failure, Duration lease) {
		return failed(tenant, id, failure, null, this.leases.failExpired(id, failure, lease));
	}

	private Mono<Upload> failed(TenantId tenant, UUID id, IngestFailure failure, Long bytesExpected,
			Mono<Upload> stored) {
		return stored.flatMap((upload) -> this.events.record(tenant, upload))
			.as(this.transactions::transactional)
			.doOnNext((upload) -> announce(tenant, upload, failure, bytesExpected))
			.flatMap((upload) -> dropRows(id).thenReturn(upload))
			.switchIfEmpty(Mono.defer(() -> dropRows(id).then(Mono.empty())));
	}

	private void announce(TenantId tenant, Upload upload, IngestFailure failure, Long bytesExpected) {
		log.atInfo()
			.addKeyValue(UploadProcessing.UPLOAD_ID, upload.id())
			.log("Upload {} failed at stage {}: {}", upload.id(), failure.stage().label(), failure.code());
		this.progress.publish(tenant, UploadRun.stateOf(upload, bytesExpected));
	}

	private Mono<Void> dropRows(UUID id) {
		return this.rows.discard(id)
			.retryWhen(Retry.backoff(DROP_ATTEMPTS, Duration.ofMillis(200)))
			.doOnError((ex) -> log.atWarn()
				.addKeyValue(UploadProcessing.UPLOAD_ID, id)
				.log("The rows of failed upload {} could not be dropped yet; recovery drops them: {}", id,
						ex.toString()))
			.onErrorComplete();
	}

}
