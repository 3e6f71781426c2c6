package dev.intake.upload.internal;

import java.util.UUID;

import dev.intake.system.Limits;
import dev.intake.system.UploadNotFound;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import dev.intake.upload.Uploads;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The one place that decides whether an upload may be created or started, for every entry
 * point (the idempotent one included): a tenant has at most
 * {@code intake.uploads.awaiting-content.max-per-tenant} uploads awaiting content and
 * {@code intake.limits.max-concurrent-uploads-per-tenant} processing, counted under the
 * tenant's lock ({@link Admissions}); an upload started here carries this instance's
 * lease. A refusal errors before any content is read.
 */
@Component
public class UploadAdmission {

	private final Admissions admissions;

	private final Uploads uploads;

	private final UploadStateReads stateReads;

	private final Limits limits;

	private final AwaitingContentSettings awaiting;

	private final InFlightUploads inFlight;

	private final RecoverySettings recovery;

	UploadAdmission(Admissions admissions, Uploads uploads, UploadStateReads stateReads, Limits limits,
			AwaitingContentSettings awaiting, InFlightUploads inFlight, RecoverySettings recovery) {
		this.admissions = admissions;
		this.uploads = uploads;
		this.stateReads = stateReads;
		this.limits = limits;
		this.awaiting = awaiting;
		this.inFlight = inFlight;
		this.recovery = recovery;
	}

	/**
	 * Creates an upload of a tenant that waits for its content; errors with
	 * {@link TooManyAwaitingUploads} when the tenant has as many waiting as it may.
	 */
	public Mono<Upload> createAwaitingContent(TenantId tenant, String filename) {
		return createAwaitingContent(tenant, UUID.randomUUID(), filename);
	}

	/** The same, with a given id. */
	Mono<Upload> createAwaitingContent(TenantId tenant, UUID id, String filename) {
		return this.admissions.createAwaitingContent(tenant, id, filename, this.awaiting.maxPerTenant());
	}

	/**
	 * Creates an upload of a tenant whose content arrives now, processing; errors with
	 * {@link TooManyUploads} when the tenant already has as many processing as it may.
	 */
	Mono<Upload> createProcessing(TenantId tenant, UUID id, String filename) {
		return this.admissions.createProcessing(tenant, id, filename, maxProcessing(), lease());
	}

	/**
	 * Starts a tenant's upload that awaits its content; errors with
	 * {@link UploadNotFound} (also for another tenant's upload),
	 * {@link UploadNotAwaitingContent} or {@link TooManyUploads} otherwise.
	 */
	Mono<Upload> start(TenantId tenant, UUID id) {
		return this.uploads.find(tenant, id)
			.switchIfEmpty(Mono.error(() -> new UploadNotFound(id)))
			.flatMap((upload) -> (upload.status() == UploadStatus.AWAITING_CONTENT) ? Mono.just(upload)
					: Mono.error(new UploadNotAwaitingContent(upload)))
			.flatMap((awaitingContent) -> this.admissions.start(tenant, id, maxProcessing(), lease()))
			.switchIfEmpty(Mono.defer(() -> whyNotStarted(tenant, id)));
	}

	/**
	 * Starts the next piece of a tenant's upload sent in pieces, at byte {@code offset}
	 * of its file; errors with {@link UploadNotFound} (also for another tenant's upload),
	 * {@link UploadOffsetMismatch}, {@link UploadInProgress}, {@link UploadNotResumable}
	 * or {@link TooManyUploads} otherwise.
	 */
	Mono<ResumedUpload> resume(TenantId tenant, UUID id, long offset) {
		return this.admissions.resume(tenant, id, offset, maxProcessing(), lease())
			.switchIfEmpty(Mono.defer(() -> whyNotResumed(tenant, id, offset)));
	}

	private int maxProcessing() {
		return this.limits.maxConcurrentUploadsPerTenant();
	}

	/** The lease this instance stores with an upload it starts. */
	private Lease lease() {
		return new Lease(this.inFlight.owner(), this.recovery.leaseExpiry());
	}

	private Mono<Upload> whyNotStarted(TenantId tenant, UUID id) {
		return this.uploads.find(tenant, id)
			.switchIfEmpty(Mono.error(() -> new UploadNotFound(id)))
			.flatMap((upload) -> Mono.error(new UploadNotAwaitingContent(upload)));
	}

	private Mono<ResumedUpload> whyNotResumed(TenantId tenant, UUID id, long offset) {
		return this.stateReads.contentState(tenant, id)
			.switchIfEmpty(Mono.error(() -> new UploadNotFound(id)))
			.flatMap((state) -> Mono.error(switch (state.upload().status()) {
				case AWAITING_CONTENT, INTERRUPTED -> new UploadOffsetMismatch(id, state.offset(), offset);
				case PROCESSING -> new UploadInProgress(id, state.offset());
				default -> new UploadNotResumable(state.upload());
			}));
	}

}
