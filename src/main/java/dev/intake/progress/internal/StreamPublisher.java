package dev.intake.progress.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.intake.progress.ProgressEvent;
import dev.intake.progress.ProgressPublisher;
import dev.intake.tenant.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;

/**
 * Publishes progress events to Redis streams without ever making the caller wait: each
 * upload has a {@link UploadLane} that writes its events in order, in the background.
 * <p>
 * When Redis is down or slow, events are dropped after one short try each: the first
 * failure of an outage is logged, every one is counted in
 * {@code intake.progress.publish.failures}. While writing falls behind, waiting progress
 * events of an upload conflate ({@code intake.progress.conflated},
 * {@code side=publisher}); {@code started}, {@code completed} and {@code failed} always
 * get their try.
 */
class StreamPublisher implements ProgressPublisher {

	private final Map<UUID, UploadLane> lanes = new ConcurrentHashMap<>();

	private final EventWriter writer;

	private final int buffer;

	private final Outage outage;

	private final Counter conflated;

	StreamPublisher(EventWriter writer, int buffer, MeterRegistry meters) {
		this.writer = writer;
		this.buffer = buffer;
		this.outage = new Outage("Publishing progress events", meters.counter("intake.progress.publish.failures"));
		this.conflated = meters.counter("intake.progress.conflated", "side", "publisher");
	}

	@Override
	public void publish(TenantId tenant, ProgressEvent event) {
		UploadLane lane = this.lanes.compute(event.uploadId(),
				(id, existing) -> enqueue((existing != null) ? existing : newLane(id, tenant), event));
		lane.drain();
	}

	/** Emits whether publishing to Redis works now, then every change. */
	Flux<Boolean> working() {
		return this.outage.working();
	}

	/** How many uploads have events waiting or being written. */
	int busyUploads() {
		return this.lanes.size();
	}

	private UploadLane enqueue(UploadLane lane, ProgressEvent event) {
		this.conflated.increment(lane.enqueue(event));
		return lane;
	}

	private UploadLane newLane(UUID uploadId, TenantId tenant) {
		return new UploadLane(tenant, this.buffer, this.writer, this.outage, () -> forgetIfIdle(uploadId));
	}

	private void forgetIfIdle(UUID uploadId) {
		this.lanes.computeIfPresent(uploadId, (id, lane) -> lane.isIdle() ? null : lane);
	}

}
