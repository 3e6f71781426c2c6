package dev.intake.progress.internal;

import dev.intake.progress.ProgressEvent;
import dev.intake.tenant.TenantId;
import reactor.core.publisher.Mono;

/** Writes one progress event where subscribers of any instance can read it. */
interface EventWriter {

	/**
	 * Completes once the event is stored, or errors if it could not be; never waits
	 * longer than its timeout.
	 */
	Mono<Void> write(TenantId tenant, ProgressEvent event);

}
