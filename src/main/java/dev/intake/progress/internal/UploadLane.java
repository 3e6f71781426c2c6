package dev.intake.progress.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.intake.progress.ProgressEvent;
import dev.intake.tenant.TenantId;
import reactor.core.publisher.Mono;

/**
 * The events of one upload on their way to Redis: written one at a time, in order, from a
 * bounded queue in which progress events conflate when writing falls behind. Every event
 * that reaches the head of the queue, terminal ones included, gets one try; a failed try
 * is counted by the {@link Outage} and the event is dropped.
 */
final class UploadLane {

	private final TenantId tenant;

	private final ConflatingQueue<ProgressEvent> waiting;

	private final AtomicBoolean writing = new AtomicBoolean();

	private final EventWriter writer;

	private final Outage outage;

	private final Runnable afterWrite;

	/**
	 * A lane of one upload's events, written in order.
	 * @param afterWrite runs after every write, to let the owner forget an idle lane
	 */
	UploadLane(TenantId tenant, int capacity, EventWriter writer, Outage outage, Runnable afterWrite) {
		this.tenant = tenant;
		this.waiting = new ConflatingQueue<>(capacity, (event) -> ProgressEvent.PROGRESS.equals(event.type()),
				ProgressEvent::uploadId);
		this.writer = writer;
		this.outage = outage;
		this.afterWrite = afterWrite;
	}

	/**
	 * Queues an event; call {@link #drain} afterwards.
	 * @return how many progress events were dropped to make room: 0 or 1
	 */
	int enqueue(ProgressEvent event) {
		return this.waiting.add(event);
	}

	boolean isIdle() {
		return !this.writing.get() && this.waiting.isEmpty();
	}

	/** Starts writing the queued events unless a write is under way already. */
	void drain() {
		if (!this.writing.compareAndSet(false, true)) {
			return;
		}
		ProgressEvent next = this.waiting.poll();
		if (next == null) {
			this.writing.set(false);
			if (!this.waiting.isEmpty()) {
				drain();
			}
			return;
		}
		Mono.defer(() -> this.writer.write(this.tenant, next))
			.doOnSuccess((written) -> this.outage.recovered())
			.onErrorResume((ex) -> {
				this.outage.failed(ex);
				return Mono.empty();
			})
			.doFinally((signal) -> written())
			.subscribe();
	}

	private void written() {
		this.writing.set(false);
		this.afterWrite.run();
		drain();
	}

}
