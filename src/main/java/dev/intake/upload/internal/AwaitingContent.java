package dev.intake.upload.internal;

import java.time.Duration;

import dev.intake.system.PeriodicSweep;
import dev.intake.upload.Upload;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * The uploads created to wait for their content, bounded in number and in time: a tenant
 * has at most {@code intake.uploads.awaiting-content.max-per-tenant} of them (one more is
 * a {@link TooManyAwaitingUploads}, from {@link UploadAdmission}), and at startup and
 * every {@code sweep-interval} those older than {@code expiry} are failed through
 * {@link UploadFailures} with stage {@code receive} and code
 * {@code content-not-received}, and their terminal event published.
 * <p>
 * Each sweep is one transaction that takes the uploads with {@code FOR UPDATE SKIP
 * LOCKED}, so instances sweeping at once never take the same upload, and content that
 * starts arriving meanwhile waits for the sweep and then finds the upload failed. A sweep
 * that fails is logged and tried again at the next tick. It never blocks a thread.
 */
@Component
class AwaitingContent extends PeriodicSweep {

	static final String EXPIRED = "content-not-received";

	private final UploadFailures failures;

	private final AwaitingContentSettings settings;

	AwaitingContent(UploadFailures failures, AwaitingContentSettings settings) {
		super("Expiring uploads awaiting content");
		this.failures = failures;
		this.settings = settings;
	}

	/**
	 * Fails the uploads that waited too long, up to one batch; emits them once committed.
	 */
	Flux<Upload> expire() {
		UploadFailure failure = new UploadFailure(UploadStage.RECEIVE, EXPIRED,
				"No content arrived within " + this.settings.expiry() + " of creating the upload");
		return this.failures.failWaitingLongerThan(UploadWait.AWAITING_CONTENT, this.settings.expiry(),
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
