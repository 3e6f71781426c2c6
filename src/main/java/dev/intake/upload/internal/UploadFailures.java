package dev.intake.upload.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.intake.ingest.IngestFailure;
import dev.intake.ingest.IngestedRows;
import dev.intake.progress.ProgressPublisher;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The one place that fails an upload, for processing, the sweepers and shutdown alike: it
 * names the failures of the upload's own lifecycle (stage and code), stores
 * {@code FAILED} with the stage, code and message and, in the same transaction, its
 * {@code upload.failed} webhook event; then logs it, publishes the terminal progress
 * event, and drops the upload's rows. A run whose content stopped while it was sent in
 * pieces is interrupted instead ({@link UploadInterruptions}).
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

	/** The longest a request waits for its failed upload to be stored as failed. */
	private static final Duration FAIL_WAIT = Duration.ofSeconds(5);

	private final UploadTransitions transitions;

	private final Leases leases;

	private final IngestedRows rows;

	private final ProgressPublisher progress;

	private final TerminalEvents events;

	private final TransactionalOperator transactions;

	private final UploadInterruptions interruptions;

	private final InFlightUploads inFlight;

	private final RecoverySettings recovery;

	UploadFailures(UploadTransitions transitions, Leases leases, IngestedRows rows, ProgressPublisher progress,
			TerminalEvents events, TransactionalOperator transactions, UploadInterruptions interruptions,
			InFlightUploads inFlight, RecoverySettings recovery) {
		this.transitions = transitions;
		this.leases = leases;
		this.rows = rows;
		this.progress = progress;
		this.events = events;
		this.transactions = transactions;
		this.interruptions = interruptions;
		this.inFlight = inFlight;
		this.recovery = recovery;
	}

	/**
	 * Fails an upload that is not final yet; emits it, or nothing if it was final
	 * already.
	 * @param bytesExpected the body's announced length, for the event, or {@code null}
	 */
	Mono<Upload> fail(TenantId tenant, UUID id, UploadFailure failure, long bytesReceived, Long bytesExpected) {
		return failed(tenant, id, failure, bytesExpected, this.transitions.fail(id, failure, bytesReceived));
	}

	/**
	 * Fails, in one transaction, the uploads that have been in {@code wait} for longer
	 * than {@code age}, oldest first and at most {@code limit}; emits them once
	 * committed. They are taken with {@code FOR UPDATE SKIP LOCKED}, so instances
	 * sweeping at once never take the same upload, and a request that comes for one
	 * meanwhile waits for the sweep and then finds it failed.
	 */
	Flux<Upload> failWaitingLongerThan(UploadWait wait, Duration age, int limit, UploadFailure failure) {
		return this.transitions.lockWaitingLongerThan(wait, age, limit)
			.collectList()
			.flatMap((waiting) -> Flux.fromIterable(waiting)
				.concatMap((upload) -> fail(upload.tenant(), upload.id(), failure, 0, null))
				.collectList())
			.as(this.transactions::transactional)
			.flatMapIterable((failed) -> failed);
	}

	/**
	 * Fails a processing upload with stage {@code recovery} and code
	 * {@code lease-expired}, only if its lease is still expired (a late heartbeat keeps
	 * it alive); emits it, or nothing if it was not failed. An upload that was not failed
	 * keeps its rows: its lease is alive, so an instance is writing them.
	 */
	Mono<Upload> failExpired(TenantId tenant, UUID id) {
		UploadFailure failure = new UploadFailure(UploadStage.RECOVERY, "lease-expired",
				"The instance processing the upload stopped before it was complete");
		return failedOnly(tenant, id, failure, null, this.leases.failExpired(id, failure, this.recovery.leaseExpiry()));
	}

	/**
	 * Stops a run on its failure, then errors with {@link UploadFailed}: fails the
	 * upload, or interrupts it if it is sent in pieces and its content stopped, waiting
	 * for that at most {@link #FAIL_WAIT} before the request is answered: it goes on,
	 * detached, while the database is away.
	 */
	Mono<Upload> stopAndRethrow(UploadRun run, UploadFailure failure) {
		CompletableFuture<Void> failing = stop(run, failure).toFuture();
		return Mono.fromFuture(failing, true)
			.timeout(FAIL_WAIT, Mono.empty())
			.then(Mono.error(new UploadFailed(run.upload().id(), failure)));
	}

	/** Stops a run whose client went away, detached from its cancelled request. */
	void stopDetached(UploadRun run) {
		stop(run, UploadFailure.of(IngestFailure.clientDisconnected(null))).subscribe();
	}

	/**
	 * Fails every upload still in flight on this instance with stage {@code receive} and
	 * code {@code shutdown}, and interrupts those sent in pieces (they can be resumed);
	 * completes when all are stopped.
	 */
	Mono<Void> failInFlight() {
		UploadFailure failure = new UploadFailure(UploadStage.RECEIVE, "shutdown",
				"The service shut down before the upload was complete");
		return Flux.fromIterable(this.inFlight.runs())
			.flatMap((run) -> (run.piece() != null) ? interrupt(run, "shutdown") : fail(run, failure))
			.then();
	}

	/**
	 * The failure a run stopped on: the pipeline's as the upload's, and anything
	 * unexpected, logged, as {@code internal-error}.
	 */
	static UploadFailure failureOf(UUID id, Throwable ex) {
		if (ex instanceof UploadFailure failure) {
			return failure;
		}
		if (ex instanceof IngestFailure failure) {
			return UploadFailure.of(failure);
		}
		log.atError()
			.addKeyValue(UploadProcessing.UPLOAD_ID, id)
			.setCause(ex)
			.log("Unexpected error while processing upload {}", id);
		return new UploadFailure(UploadStage.FINALIZE, "internal-error", "The upload stopped on an unexpected error",
				ex);
	}

	private Mono<Void> stop(UploadRun run, UploadFailure failure) {
		return (run.piece() != null && UploadInterruptions.interrupts(failure)) ? interrupt(run, failure.code())
				: fail(run, failure);
	}

	/**
	 * Fails the run's upload, retrying while the database is away for up to
	 * {@code intake.recovery.fail-timeout}; then the lease is released, so the recovery
	 * sweeper fails the upload if this could not.
	 */
	private Mono<Void> fail(UploadRun run, UploadFailure failure) {
		UUID id = run.upload().id();
		return retried(id, fail(run.tenant(), id, failure, run.bytesReceived(), run.bytesExpected()), "failed", "fail");
	}

	/**
	 * Interrupts the run's upload through {@link UploadInterruptions}, retrying as
	 * {@link #fail} does; then the lease is released, so the recovery sweeper interrupts
	 * the upload if this could not.
	 */
	private Mono<Void> interrupt(UploadRun run, String reason) {
		UUID id = run.upload().id();
		return retried(id, this.interruptions.interrupt(run.tenant(), id, reason, run.bytesExpected()), "interrupted",
				"interrupt");
	}

	private Mono<Void> retried(UUID id, Mono<Upload> change, String became, String recoveryWill) {
		return change.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2)))
			.timeout(this.recovery.failTimeout())
			.doOnError((ex) -> log.atWarn()
				.addKeyValue(UploadProcessing.UPLOAD_ID, id)
				.setCause(ex)
				.log("Upload {} could not be marked {}; recovery will {} it", id, became, recoveryWill))
			.onErrorComplete()
			.doFinally((signal) -> this.inFlight.release(id))
			.then();
	}

	/**
	 * Records, announces and cleans up the failure {@code stored} made; when it made none
	 * (the upload was final already), drops whatever rows the upload left.
	 */
	private Mono<Upload> failed(TenantId tenant, UUID id, UploadFailure failure, Long bytesExpected,
			Mono<Upload> stored) {
		return failedOnly(tenant, id, failure, bytesExpected, stored)
			.switchIfEmpty(Mono.defer(() -> dropRows(id).then(Mono.empty())));
	}

	/** As {@link #failed}, leaving the rows alone when {@code stored} failed nothing. */
	private Mono<Upload> failedOnly(TenantId tenant, UUID id, UploadFailure failure, Long bytesExpected,
			Mono<Upload> stored) {
		return stored.flatMap((upload) -> this.events.record(tenant, upload))
			.as(this.transactions::transactional)
			.doOnNext((upload) -> announce(tenant, upload, failure, bytesExpected))
			.flatMap((upload) -> dropRows(id).thenReturn(upload));
	}

	private void announce(TenantId tenant, Upload upload, UploadFailure failure, Long bytesExpected) {
		// The client's mistakes are expected; a failure of the database or of finalising
		// is ours, and its cause is what an operator needs.
		boolean ours = failure.getCause() != null
				&& (failure.stage() == UploadStage.FINALIZE || failure.code().startsWith("database-"));
		log.atLevel(ours ? Level.WARN : Level.INFO)
			.addKeyValue(UploadProcessing.UPLOAD_ID, upload.id())
			.setCause(ours ? failure.getCause() : null)
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
