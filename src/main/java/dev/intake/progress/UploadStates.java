package dev.intake.progress;

import java.time.Instant;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import reactor.core.publisher.Flux;
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

	/**
	 * Emits the upload's state with when it changed, or nothing if it does not exist.
	 */
	Mono<StoredState> stored(UUID uploadId);

	/**
	 * Emits up to {@code limit} of a tenant's uploads whose state changed at or after
	 * {@code from}, oldest change first, never uploads still awaiting their content; an
	 * indexed read of the tenant's recent changes, whatever the size of its history.
	 */
	Flux<StoredState> changedSince(TenantId tenant, Instant from, int limit);

}
