package dev.intake.progress.internal;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * One subscriber's share of a {@link Channel}: a bounded buffer that the reader fills and
 * the subscriber drains as fast as it asks. A slow subscriber loses progress events
 * (conflated, counted in {@code intake.progress.conflated} with {@code side=subscriber}),
 * never lifecycle events, and holds up neither the reader nor other subscribers. Events
 * offered before {@link #events} is subscribed wait in the buffer.
 */
final class Tap {

	private final Channel channel;

	private final ConflatingQueue<StreamedEvent> waiting;

	private final Counter conflated;

	private final AtomicInteger draining = new AtomicInteger();

	private volatile FluxSink<StreamedEvent> sink;

	Tap(Channel channel, int capacity, Counter conflated) {
		this.channel = channel;
		this.waiting = new ConflatingQueue<>(capacity, StreamedEvent::isProgress, StreamedEvent::uploadId);
		this.conflated = conflated;
	}

	Channel channel() {
		return this.channel;
	}

	/** Completes once the channel knows where to read from. */
	Mono<Void> positioned() {
		return this.channel.positioned();
	}

	void offer(StreamedEvent event) {
		this.conflated.increment(this.waiting.add(event));
		drain();
	}

	/**
	 * Emits the events offered, oldest first, as the subscriber asks for them; never
	 * completes by itself. To be subscribed once.
	 */
	Flux<StreamedEvent> events() {
		return Flux.create((sink) -> {
			this.sink = sink;
			sink.onRequest((demand) -> drain());
			drain();
		});
	}

	// Emits only what is asked for, so everything else waits (and conflates) in the
	// queue.
	private void drain() {
		if (this.draining.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			FluxSink<StreamedEvent> target = this.sink;
			while (target != null && !target.isCancelled() && target.requestedFromDownstream() > 0) {
				StreamedEvent next = this.waiting.poll();
				if (next == null) {
					break;
				}
				target.next(next);
			}
			missed = this.draining.addAndGet(-missed);
		}
		while (missed != 0);
	}

}
