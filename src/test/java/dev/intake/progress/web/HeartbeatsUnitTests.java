package dev.intake.progress.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

import org.springframework.http.codec.ServerSentEvent;

class HeartbeatsUnitTests {

	static final Duration PERIOD = Duration.ofSeconds(15);

	static final ServerSentEvent<String> FIRST = ServerSentEvent.builder("{}").id("1-0").event("progress").build();

	static final ServerSentEvent<String> LAST = ServerSentEvent.builder("{}").id("2-0").event("completed").build();

	@Test
	void sendsAHeartbeatAtOnceAndThenEveryPeriod() {
		StepVerifier.withVirtualTime(() -> Heartbeats.around(Flux.never(), PERIOD))
			.expectSubscription()
			.expectNext(Heartbeats.HEARTBEAT)
			.expectNoEvent(Duration.ofSeconds(14))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext(Heartbeats.HEARTBEAT)
			.expectNoEvent(Duration.ofSeconds(14))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext(Heartbeats.HEARTBEAT)
			.thenCancel()
			.verify();
	}

	@Test
	void sendsHeartbeatsBetweenEventsAndStopsWhenTheEventsEnd() {
		StepVerifier
			.withVirtualTime(() -> Heartbeats.around(Flux.concat(Mono.delay(Duration.ofSeconds(20)).thenReturn(FIRST),
					Mono.delay(Duration.ofSeconds(20)).thenReturn(LAST)), PERIOD))
			.expectSubscription()
			.expectNext(Heartbeats.HEARTBEAT)
			.thenAwait(Duration.ofSeconds(15))
			.expectNext(Heartbeats.HEARTBEAT)
			.thenAwait(Duration.ofSeconds(5))
			.expectNext(FIRST)
			.thenAwait(Duration.ofSeconds(10))
			.expectNext(Heartbeats.HEARTBEAT)
			.thenAwait(Duration.ofSeconds(10))
			.expectNext(LAST)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void passesAnErrorOnAndStopsTheHeartbeats() {
		StepVerifier
			.withVirtualTime(() -> Heartbeats.around(Mono.delay(Duration.ofSeconds(20))
				.then(Mono.<ServerSentEvent<String>>error(new IllegalStateException("gone")))
				.flux(), PERIOD))
			.expectSubscription()
			.expectNext(Heartbeats.HEARTBEAT)
			.thenAwait(Duration.ofSeconds(15))
			.expectNext(Heartbeats.HEARTBEAT)
			.thenAwait(Duration.ofSeconds(5))
			.expectErrorMessage("gone")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void cancelsTheEventsOnCancel() {
		PublisherProbe<ServerSentEvent<String>> events = PublisherProbe.of(Flux.never());

		StepVerifier.withVirtualTime(() -> Heartbeats.around(events.flux(), PERIOD))
			.expectSubscription()
			.expectNext(Heartbeats.HEARTBEAT)
			.thenCancel()
			.verify();

		events.assertWasCancelled();
	}

	@Test
	void skipsHeartbeatsTheClientIsNotReadyFor() {
		StepVerifier.withVirtualTime(() -> Heartbeats.around(Flux.never(), PERIOD), 0)
			.expectSubscription()
			.thenAwait(Duration.ofMinutes(5))
			.thenRequest(1)
			.expectNoEvent(Duration.ofSeconds(14))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext(Heartbeats.HEARTBEAT)
			.thenCancel()
			.verify();
	}

}
