package dev.intake.progress.web;

import java.time.Duration;

import reactor.core.publisher.Flux;

import org.springframework.http.codec.ServerSentEvent;

/**
 * Keeps an event stream warm: a comment at once, so that the response starts and the
 * client's {@code EventSource} opens even before the first event, then one every so
 * often, so that proxies and load balancers do not close a quiet stream.
 */
final class Heartbeats {

	static final ServerSentEvent<String> HEARTBEAT = ServerSentEvent.<String>builder().comment("heartbeat").build();

	private Heartbeats() {
	}

	/**
	 * Emits the events and, in between, a heartbeat at once and then every
	 * {@code period}; completes or errors when the events do, and cancels them on cancel.
	 * A heartbeat the client is not ready for is skipped.
	 */
	static Flux<ServerSentEvent<String>> around(Flux<ServerSentEvent<String>> events, Duration period) {
		return events.publish((shared) -> Flux.merge(shared, beats(period).takeUntilOther(shared.then())));
	}

	private static Flux<ServerSentEvent<String>> beats(Duration period) {
		return Flux.interval(Duration.ZERO, period).onBackpressureDrop().map((tick) -> HEARTBEAT);
	}

}
