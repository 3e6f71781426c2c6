package dev.intake.upload;

import java.util.UUID;

import dev.intake.progress.ProgressEvent;
import dev.intake.progress.UploadStates;
import dev.intake.tenant.TenantId;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads an upload's state for the progress relay from PostgreSQL, the system of record.
 */
@Component
class StoredUploadStates implements UploadStates {

	private final Uploads uploads;

	StoredUploadStates(Uploads uploads) {
		this.uploads = uploads;
	}

	@Override
	public Mono<ProgressEvent> current(UUID uploadId) {
		return this.uploads.findById(uploadId).map((upload) -> UploadRun.stateOf(upload, null));
	}

	@Override
	public Mono<ProgressEvent> current(TenantId tenant, UUID uploadId) {
		return this.uploads.find(tenant, uploadId).map((upload) -> UploadRun.stateOf(upload, null));
	}

}
