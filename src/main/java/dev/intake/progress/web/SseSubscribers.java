package dev.intake.progress.web;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * Counts the clients connected to the server-sent event endpoints of this instance, as
 * the gauge {@code intake.sse.subscribers}, tagged {@code stream=upload} or
 * {@code stream=feed}.
 */
@Component
class SseSubscribers {

	private final AtomicInteger upload = new AtomicInteger();

	private final AtomicInteger feed = new AtomicInteger();

	SseSubscribers(MeterRegistry meters) {
		gauge(meters, "upload", this.upload);
		gauge(meters, "feed", this.feed);
	}

	/** Counts a subscriber of one upload's events while it is subscribed. */
	<T> Flux<T> ofUpload(Flux<T> events) {
		return counted(events, this.upload);
	}

	/** Counts a subscriber of the feed while it is subscribed. */
	<T> Flux<T> ofFeed(Flux<T> events) {
		return counted(events, this.feed);
	}

	private static <T> Flux<T> counted(Flux<T> events, AtomicInteger subscribers) {
		return events.doOnSubscribe((subscription) -> subscribers.incrementAndGet())
			.doFinally((signal) -> subscribers.decrementAndGet());
	}

	private static void gauge(MeterRegistry meters, String stream, AtomicInteger subscribers) {
		Gauge.builder("intake.sse.subscribers", subscribers, AtomicInteger::get)
			.description("Clients connected to server-sent progress events on this instance")
			.tag("stream", stream)
			.register(meters);
	}

}
