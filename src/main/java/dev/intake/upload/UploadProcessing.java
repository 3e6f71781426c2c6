package dev.intake.upload;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.intake.customer.CustomerEntries;
import dev.intake.ingest.IngestEvent;
import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.ingest.IngestEvent.HeaderAccepted;
import dev.intake.ingest.IngestFailure;
import dev.intake.ingest.Ingestion;
import dev.intake.progress.ProgressPublisher;
import dev.intake.system.Limits;
import dev.intake.tenant.TenantId;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;

/**
 * Runs an upload's content through the ingest pipeline and keeps its lifecycle: counts
 * move batch by batch, then the upload completes, or fails and its partial entries are
 * removed.
 * <p>
 * {@link #process} emits the final upload once it is {@code COMPLETED} or
 * {@code COMPLETED_WITH_ERRORS}. On a fatal problem it stores {@code FAILED} with the
 * stage and code, deletes the entries written so far, and then errors with
 * {@link UploadFailed}. If the subscriber cancels (the client went away), the upload is
 * failed the same way with code {@code client-disconnected}, detached from the cancelled
 * request.
 * <p>
 * Every lifecycle change and every committed batch is also published as a progress event;
 * publishing never slows or fails the upload. A completed upload is also announced as an
 * {@link UploadCompleted} application event.
 */
@Service
public class UploadProcessing {

	private static final Logger log = LoggerFactory.getLogger(UploadProcessing.class);

	private final Uploads uploads;

	private final Ingestion ingestion;

	private final CustomerEntries entries;

	private final ProgressPublisher progress;

	private final Limits limits;

	private final UploadLimits uploadLimits;

	private final DistributionSummary rowsPerSecond;

	private final ApplicationEventPublisher events;

	UploadProcessing(Uploads uploads, Ingestion ingestion, CustomerEntries entries, ProgressPublisher progress,
			Limits limits, UploadLimits uploadLimits, MeterRegistry meters, ApplicationEventPublisher events) {
		this.uploads = uploads;
		this.ingestion = ingestion;
		this.entries = entries;
		this.progress = progress;
		this.limits = limits;
		this.uploadLimits = uploadLimits;
		this.rowsPerSecond = DistributionSummary.builder("intake.upload.rows.per.second")
			.description("Data rows read per second by each completed upload")
			.baseUnit("rows/s")
			.register(meters);
		this.events = events;
	}

	/** Creates an upload of a tenant that waits for its content. */
	public Mono<Upload> create(TenantId tenant, String filename) {
		return this.uploads.createAwaitingContent(tenant, filename);
	}

	/**
	 * Creates an upload of a tenant and processes its content now; errors with
	 * {@link TooManyUploads}, before reading any content, when the tenant already has as
	 * many uploads processing as it may.
	 * @param bytesExpected the body's announced length, or {@code null}
	 */
	public Mono<Upload> createAndProcess(TenantId tenant, String filename, Flux<DataBuffer> content,
			Long bytesExpected) {
		return this.uploads.createProcessing(tenant, filename, maxProcessing())
			.flatMap((upload) -> process(new UploadRun(tenant, upload, bytesExpected), content));
	}

	/**
	 * Processes the content of a tenant's upload just created as processing.
	 * @param bytesExpected the body's announced length, or {@code null}
	 */
	Mono<Upload> processCreated(TenantId tenant, Upload upload, Flux<DataBuffer> content, Long bytesExpected) {
		return process(new UploadRun(tenant, upload, bytesExpected), content);
	}

	/**
	 * Processes the content of a tenant's upload that awaits it; errors with
	 * {@link UploadNotFound} (also for another tenant's upload),
	 * {@link UploadNotAwaitingContent} or {@link TooManyUploads} otherwise.
	 * @param bytesExpected the body's announced length, or {@code null}
	 */
	public Mono<Upload> processContent(TenantId tenant, UUID id, Flux<DataBuffer> content, Long bytesExpected) {
		return this.uploads.find(tenant, id)
			.switchIfEmpty(Mono.error(() -> new UploadNotFound(id)))
			.flatMap((upload) -> (upload.status() == UploadStatus.AWAITING_CONTENT) ? Mono.just(upload)
					: Mono.error(new UploadNotAwaitingContent(upload)))
			.flatMap((awaiting) -> this.uploads.start(tenant, id, maxProcessing()))
			.switchIfEmpty(Mono.defer(() -> whyNotStarted(tenant, id)))
			.flatMap((upload) -> process(new UploadRun(tenant, upload, bytesExpected), content));
	}

	int maxProcessing() {
		return this.uploadLimits.maxConcurrentUploadsPerTenant();
	}

	private Mono<Upload> whyNotStarted(TenantId tenant, UUID id) {
		return this.uploads.find(tenant, id)
			.switchIfEmpty(Mono.error(() -> new UploadNotFound(id)))
			.flatMap((upload) -> Mono.error(new UploadNotAwaitingContent(upload)));
	}

	private Mono<Upload> process(UploadRun run, Flux<DataBuffer> content) {
		UUID id = run.upload().id();
		this.progress.publish(run.tenant(), run.started());
		return this.ingestion.ingest(id, content.handle((buffer, sink) -> received(run, buffer, sink)))
			.concatMap((event) -> record(run, event))
			.then(Mono.defer(() -> complete(run)))
			.onErrorResume((ex) -> failAndRethrow(run, failureOf(ex)))
			.doOnCancel(() -> failDetached(run));
	}

	private void received(UploadRun run, DataBuffer buffer, SynchronousSink<DataBuffer> sink) {
		long maxBodySize = this.limits.maxBodySize().toBytes();
		if (run.received(buffer.readableByteCount()) > maxBodySize) {
			DataBufferUtils.release(buffer);
			sink.error(BodyTooLarge.failure(maxBodySize));
		}
		else {
			sink.next(buffer);
		}
	}

	private Mono<Void> record(UploadRun run, IngestEvent event) {
		UUID id = run.upload().id();
		if (event instanceof HeaderAccepted header) {
			return this.uploads.recordHeader(id, header.header(), header.unknownColumns());
		}
		BatchWritten counts = (BatchWritten) event;
		return this.uploads.recordProgress(id, counts, run.bytesReceived())
			.doOnSuccess((done) -> this.progress.publish(run.tenant(), run.progressed(counts)));
	}

	private Mono<Upload> complete(UploadRun run) {
		return this.uploads.complete(run.upload().id(), run.bytesReceived())
			.switchIfEmpty(Mono.defer(() -> noLongerProcessing(run)))
			.onErrorMap((ex) -> !(ex instanceof IngestFailure),
					(ex) -> new IngestFailure(IngestFailure.Stage.FINALIZE, "finalize-failed",
							"The upload could not be marked complete", ex))
			.doOnNext((upload) -> this.rowsPerSecond.record(upload.rowsPerSecond(upload.finishedAt())))
			.doOnNext((upload) -> this.progress.publish(run.tenant(), run.finished(upload)))
			.doOnNext((upload) -> this.events.publishEvent(new UploadCompleted(upload.id())));
	}

	/**
	 * Errors with the {@code no-longer-processing} failure, after logging what the upload
	 * had become: the stored status tells a failed upload from one completed twice or one
	 * not visible at all.
	 */
	private Mono<Upload> noLongerProcessing(UploadRun run) {
		UUID id = run.upload().id();
		return this.uploads.findById(id)
			.map((upload) -> (upload.error() != null) ? upload.status() + " (" + upload.error().code() + ")"
					: upload.status().name())
			.defaultIfEmpty("not found")
			.onErrorResume((ex) -> Mono.just("unreadable: " + ex.getMessage()))
			.doOnNext((found) -> log.warn("Upload {} was no longer processing when it was about to complete: {}", id,
					found))
			.then(Mono.error(() -> new IngestFailure(IngestFailure.Stage.FINALIZE, "no-longer-processing",
					"The upload was no longer processing when it was about to complete")));
	}

	private Mono<Upload> failAndRethrow(UploadRun run, IngestFailure failure) {
		return fail(run, failure).then(Mono.error(new UploadFailed(run.upload().id(), failure)));
	}

	private Mono<Void> fail(UploadRun run, IngestFailure failure) {
		UUID id = run.upload().id();
		return this.uploads.fail(id, failure, run.bytesReceived())
			.doOnNext((upload) -> log.info("Upload {} failed at stage {}: {}", id, failure.stage().label(),
					failure.code()))
			.doOnNext((upload) -> this.progress.publish(run.tenant(), run.finished(upload)))
			.flatMap((upload) -> this.entries.deleteUpload(id))
			.doOnError((ex) -> log.warn("Upload {} could not be marked failed; recovery will retry", id, ex))
			.onErrorComplete()
			.then();
	}

	private void failDetached(UploadRun run) {
		IngestFailure failure = new IngestFailure(IngestFailure.Stage.RECEIVE, "client-disconnected",
				"The client disconnected before the upload was complete");
		fail(run, failure).subscribe();
	}

	private static IngestFailure failureOf(Throwable ex) {
		if (ex instanceof IngestFailure failure) {
			return failure;
		}
		log.error("Unexpected error while processing an upload", ex);
		return new IngestFailure(IngestFailure.Stage.FINALIZE, "internal-error",
				"The upload stopped on an unexpected error", ex);
	}

}
