package dev.intake.progress;

import dev.intake.tenant.TenantId;

/**
 * Publishes progress events of uploads for any instance to relay.
 * <p>
 * {@link #publish} never blocks and never fails the caller: an event that cannot be
 * published (Redis down or slow) is dropped, logged once per outage and counted. Events
 * of one upload are published in the order given; when publishing falls behind, older
 * {@code progress} events may be conflated, never terminal ones.
 */
public interface ProgressPublisher {

	/**
	 * Publishes one event of an upload.
	 * @param tenant the tenant of the event's upload, whose feed gets the event too
	 */
	void publish(TenantId tenant, ProgressEvent event);

}
