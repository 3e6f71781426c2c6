package dev.intake.upload.internal;

import java.time.Instant;
import java.util.UUID;

import dev.intake.progress.ProgressEvent;
import dev.intake.progress.StoredState;
import dev.intake.progress.UploadStates;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Uploads;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads an upload's state for the progress relay from PostgreSQL, the system of record.
 */
@Component
class StoredUploadStates implements UploadStates {

	private final Uploads uploads;

	private final UploadStateReads stateReads;

	StoredUploadStates(Uploads uploads, UploadStateReads stateReads) {
		this.uploads = uploads;
		this.stateReads = stateReads;
	}

	@Override
	public Mono<ProgressEvent> current(UUID uploadId) {
		return this.uploads.findById(uploadId).map((upload) -> UploadRun.stateOf(upload, null));
	}

	@Override
	public Mono<ProgressEvent> current(TenantId tenant, UUID uploadId) {
		return this.uploads.find(tenant, uploadId).map((upload) -> UploadRun.stateOf(upload, null));
	}

	@Override
	public Mono<StoredState> stored(UUID uploadId) {
		return this.stateReads.findChanged(uploadId).map(StoredUploadStates::stateOf);
	}

	@Override
	public Flux<StoredState> changedSince(TenantId tenant, Instant from, int limit) {
		return this.stateReads.changedSince(tenant, from, limit).map(StoredUploadStates::stateOf);
	}

	private static StoredState stateOf(ChangedUpload changed) {
		return new StoredState(UploadRun.stateOf(changed.upload(), null), changed.changedAt());
	}

}
