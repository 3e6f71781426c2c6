package dev.intake.upload.internal;

import java.time.Duration;

import dev.intake.system.PeriodicSweep;
import dev.intake.upload.Upload;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * Ends the uploads left {@code INTERRUPTED} for longer than
 * {@code intake.uploads.interrupted-retention}: at startup and every
 * {@code interrupted-sweep-interval}, each is failed through {@link UploadFailures} with
 * stage {@code receive} and code {@code upload-not-resumed}, which drops its rows and
 * publishes its terminal event (and its {@code upload.failed} webhook).
 * <p>
 * Each sweep is one transaction that takes the uploads with {@code FOR UPDATE SKIP
 * LOCKED}, so instances sweeping at once never take the same upload, and a piece that
 * arrives meanwhile waits for the sweep and then finds the upload failed. A sweep that
 * fails is logged and tried again at the next tick. It never blocks a thread.
 */
@Component
class InterruptedUploads extends PeriodicSweep {

	static final String EXPIRED = "upload-not-resumed";

	private final UploadFailures failures;

	private final ResumableSettings settings;

	InterruptedUploads(UploadFailures failures, ResumableSettings settings) {
		super("Expiring interrupted uploads");
		this.failures = failures;
		this.settings = settings;
	}

	/** Fails the uploads interrupted too long ago, up to one batch; emits them. */
	Flux<Upload> expire() {
		UploadFailure failure = new UploadFailure(UploadStage.RECEIVE, EXPIRED, "The upload was not resumed within "
				+ this.settings.interruptedRetention() + " of its interruption (intake.uploads.interrupted-retention)");
		return this.failures.failWaitingLongerThan(UploadWait.INTERRUPTED, this.settings.interruptedRetention(),
				this.settings.sweepBatch(), failure);
	}

	@Override
	protected Duration interval() {
		return this.settings.sweepInterval();
	}

	@Override
	protected Publisher<?> sweepOnce() {
		return expire();
	}

}
