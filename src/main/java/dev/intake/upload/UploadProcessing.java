package dev.intake.upload;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.intake.customer.CustomerEntries;
import dev.intake.ingest.IngestEvent;
import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.ingest.IngestEvent.HeaderAccepted;
import dev.intake.ingest.IngestFailure;
import dev.intake.ingest.Ingestion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
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
 */
@Service
public class UploadProcessing {

	private static final Logger log = LoggerFactory.getLogger(UploadProcessing.class);

	private final Uploads uploads;

	private final Ingestion ingestion;

	private final CustomerEntries entries;

	UploadProcessing(Uploads uploads, Ingestion ingestion, CustomerEntries entries) {
		this.uploads = uploads;
		this.ingestion = ingestion;
		this.entries = entries;
	}

	/** Creates an upload that waits for its content. */
	public Mono<Upload> create(String filename) {
		return this.uploads.createAwaitingContent(filename);
	}

	/** Creates an upload and processes its content now. */
	public Mono<Upload> createAndProcess(String filename, Flux<DataBuffer> content) {
		return this.uploads.createProcessing(filename).flatMap((upload) -> process(upload.id(), content));
	}

	/**
	 * Processes the content of an upload that awaits it; errors with
	 * {@link UploadNotFound} or {@link UploadNotAwaitingContent} otherwise.
	 */
	public Mono<Upload> processContent(UUID id, Flux<DataBuffer> content) {
		return this.uploads.start(id)
			.switchIfEmpty(Mono.defer(() -> whyNotStarted(id)))
			.flatMap((upload) -> process(upload.id(), content));
	}

	private Mono<Upload> whyNotStarted(UUID id) {
		return this.uploads.findById(id)
			.switchIfEmpty(Mono.error(() -> new UploadNotFound(id)))
			.flatMap((upload) -> Mono.error(new UploadNotAwaitingContent(upload)));
	}

	private Mono<Upload> process(UUID id, Flux<DataBuffer> content) {
		AtomicLong bytes = new AtomicLong();
		return this.ingestion.ingest(id, content.doOnNext((buffer) -> bytes.addAndGet(buffer.readableByteCount())))
			.concatMap((event) -> record(id, event, bytes.get()))
			.then(Mono.defer(() -> complete(id, bytes.get())))
			.onErrorResume((ex) -> failAndRethrow(id, failureOf(ex), bytes.get()))
			.doOnCancel(() -> failDetached(id, bytes));
	}

	private Mono<Void> record(UUID id, IngestEvent event, long bytes) {
		if (event instanceof HeaderAccepted header) {
			return this.uploads.recordHeader(id, header.header(), header.unknownColumns());
		}
		return this.uploads.recordProgress(id, (BatchWritten) event, bytes);
	}

	private Mono<Upload> complete(UUID id, long bytes) {
		return this.uploads.complete(id, bytes)
			.switchIfEmpty(Mono.error(() -> new IngestFailure(IngestFailure.Stage.FINALIZE, "no-longer-processing",
					"The upload was no longer processing when it was about to complete")))
			.onErrorMap((ex) -> !(ex instanceof IngestFailure), (ex) -> new IngestFailure(IngestFailure.Stage.FINALIZE,
					"finalize-failed", "The upload could not be marked complete", ex));
	}

	private Mono<Upload> failAndRethrow(UUID id, IngestFailure failure, long bytes) {
		return fail(id, failure, bytes).then(Mono.error(new UploadFailed(id, failure)));
	}

	private Mono<Void> fail(UUID id, IngestFailure failure, long bytes) {
		log.info("Upload {} failed at stage {}: {}", id, failure.stage().label(), failure.code());
		return this.uploads.fail(id, failure, bytes)
			.then(this.entries.deleteUpload(id))
			.doOnError((ex) -> log.warn("Upload {} could not be marked failed; recovery will retry", id, ex))
			.onErrorComplete()
			.then();
	}

	private void failDetached(UUID id, AtomicLong bytes) {
		IngestFailure failure = new IngestFailure(IngestFailure.Stage.RECEIVE, "client-disconnected",
				"The client disconnected before the upload was complete");
		fail(id, failure, bytes.get()).subscribe();
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
