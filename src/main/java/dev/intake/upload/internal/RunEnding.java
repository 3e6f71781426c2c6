package dev.intake.upload.internal;

import java.util.UUID;

import dev.intake.ingest.IngestFailure;
import dev.intake.progress.ProgressPublisher;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadCompleted;
import dev.intake.upload.UploadStatus;
import dev.intake.upload.Uploads;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Ends a run whose content was read to its end: the upload completes (or is validated),
 * or, after a piece that was not the file's last, is interrupted to wait for the next
 * one. Either way the lease is released, the end logged and published; a completed upload
 * is also announced as an {@link UploadCompleted} application event. Errors with an
 * {@link UploadFailure} of stage {@code finalize} when the upload could not be ended, or
 * was no longer processing.
 */
@Component
class RunEnding {

	private static final Logger log = LoggerFactory.getLogger(RunEnding.class);

	private final Uploads uploads;

	private final UploadCompletion completion;

	private final UploadValidation validation;

	private final UploadInterruptions interruptions;

	private final InFlightUploads inFlight;

	private final ProgressPublisher progress;

	private final ApplicationEventPublisher events;

	private final DistributionSummary rowsPerSecond;

	RunEnding(Uploads uploads, UploadCompletion completion, UploadValidation validation,
			UploadInterruptions interruptions, InFlightUploads inFlight, ProgressPublisher progress,
			ApplicationEventPublisher events, MeterRegistry meters) {
		this.uploads = uploads;
		this.completion = completion;
		this.validation = validation;
		this.interruptions = interruptions;
		this.inFlight = inFlight;
		this.progress = progress;
		this.events = events;
		this.rowsPerSecond = DistributionSummary.builder("intake.upload.rows.per.second")
			.description("Data rows read per second by each completed upload")
			.register(meters);
	}

	/** Completes the run's upload, or validates it; emits it as it ended. */
	Mono<Upload> complete(UploadRun run) {
		UUID id = run.upload().id();
		Mono<Upload> finished = run.validating() ? this.validation.validate(run.tenant(), id, run.bytesReceived())
				: this.completion.complete(run.tenant(), id, run.bytesReceived());
		return finished.switchIfEmpty(Mono.defer(() -> noLongerProcessing(run)))
			.onErrorMap((ex) -> !(ex instanceof UploadFailure) && !(ex instanceof IngestFailure),
					(ex) -> new UploadFailure(UploadStage.FINALIZE, "finalize-failed",
							"The upload could not be marked complete", ex))
			.doOnNext((upload) -> this.inFlight.release(upload.id()))
			.doOnNext((upload) -> this.rowsPerSecond.record(upload.rowsPerSecond(upload.finishedAt())))
			.doOnNext(RunEnding::logCompleted)
			.doOnNext((upload) -> this.progress.publish(run.tenant(), run.finished(upload)))
			.doOnNext((upload) -> {
				if (upload.status() != UploadStatus.VALIDATED) {
					this.events.publishEvent(new UploadCompleted(upload.id()));
				}
			});
	}

	/**
	 * Interrupts the upload after a piece that was not its last, to wait for the next;
	 * emits it {@code INTERRUPTED}.
	 */
	Mono<Upload> pause(UploadRun run) {
		UUID id = run.upload().id();
		return this.interruptions.interrupt(run.tenant(), id, "the piece ended before the file", run.bytesExpected())
			.switchIfEmpty(Mono.defer(() -> noLongerProcessing(run)))
			.onErrorMap((ex) -> !(ex instanceof UploadFailure), IngestFailure::write)
			.doOnNext((upload) -> this.inFlight.release(id));
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
			.then(Mono.error(() -> new UploadFailure(UploadStage.FINALIZE, "no-longer-processing",
					"The upload was no longer processing when it was about to complete")));
	}

	private static void logCompleted(Upload upload) {
		log.atInfo()
			.addKeyValue(UploadProcessing.UPLOAD_ID, upload.id())
			.log("Upload {} {}: {} rows, {} stored, {} rejected", upload.id(), upload.status(), upload.rowsTotal(),
					upload.rowsSucceeded(), upload.rowsFailed());
	}

}
