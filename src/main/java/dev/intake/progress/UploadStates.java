package dev.intake.progress;

import java.util.UUID;

import dev.intake.tenant.TenantId;
import reactor.core.publisher.Mono;

/**
 * Reads an upload's current state from the system of record, for subscribers that come
 * after its events expired, or while Redis is away. Implemented by the upload module.
 */
public interface UploadStates {

	/**
	 * Emits the upload's state as an event (terminal if it is final), or nothing if it
	 * does not exist.
	 */
	Mono<ProgressEvent> current(UUID uploadId);

	/**
	 * Emits the state of a tenant's upload as an event, or nothing if the tenant has no
	 * such upload.
	 */
	Mono<ProgressEvent> current(TenantId tenant, UUID uploadId);

}
