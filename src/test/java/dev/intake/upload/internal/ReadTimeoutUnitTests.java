package dev.intake.upload.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

class ReadTimeoutUnitTests {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void failsWhenAskedForBytesThatDoNotArriveInTime() {
		StepVerifier.withVirtualTime(() -> ReadTimeout.applied(drip(Duration.ofSeconds(31)), TIMEOUT, Stalled::new))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(31))
			.expectError(Stalled.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void letsAClientThatKeepsSendingTakeAsLongAsItNeeds() {
		StepVerifier
			.withVirtualTime(() -> ReadTimeout.applied(drip(Duration.ofSeconds(29)).take(10), TIMEOUT, Stalled::new))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(29 * 10))
			.expectNextCount(10)
			.verifyComplete();
	}

	@Test
	void doesNotCountTimeInWhichNothingWasAskedFor() {
		StepVerifier.withVirtualTime(() -> ReadTimeout.applied(Flux.just(buffer(), buffer()), TIMEOUT, Stalled::new), 0)
			.expectSubscription()
			.thenAwait(Duration.ofMinutes(10))
			.thenRequest(2)
			.expectNextCount(2)
			.verifyComplete();
	}

	private static Flux<DataBuffer> drip(Duration every) {
		return Flux.interval(every).map((tick) -> buffer());
	}

	private static DataBuffer buffer() {
		return DefaultDataBufferFactory.sharedInstance.wrap(new byte[] { 'a' });
	}

	static final class Stalled extends RuntimeException {

	}

}
