package dev.intake.idempotency;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiredKeysCleanupUnitTests {

	@Test
	void deletesOncePerIntervalAndGoesOnAfterAFailedRun() {
		AtomicInteger runs = new AtomicInteger();
		Mono<Long> deleteExpired = Mono.fromCallable(() -> {
			if (runs.incrementAndGet() == 2) {
				throw new IllegalStateException("database away");
			}
			return 5L;
		});

		StepVerifier
			.withVirtualTime(
					() -> ExpiredKeysCleanup.runs(() -> deleteExpired, Duration.ofHours(1), VirtualTimeScheduler.get()))
			.expectSubscription()
			.expectNoEvent(Duration.ofMinutes(59))
			.thenAwait(Duration.ofMinutes(1))
			.expectNext(5L)
			.thenAwait(Duration.ofHours(1))
			.expectNoEvent(Duration.ofMinutes(59))
			.thenAwait(Duration.ofMinutes(1))
			.expectNext(5L)
			.thenCancel()
			.verify();
		assertThat(runs).hasValue(3);
	}

	@Test
	void neverOverlapsRuns() {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		Mono<Long> slowRun = Mono.defer(() -> {
			most.accumulateAndGet(running.incrementAndGet(), Math::max);
			return Mono.delay(Duration.ofMinutes(150), VirtualTimeScheduler.get())
				.map((done) -> (long) running.decrementAndGet() + 1);
		});

		StepVerifier
			.withVirtualTime(
					() -> ExpiredKeysCleanup.runs(() -> slowRun, Duration.ofHours(1), VirtualTimeScheduler.get()))
			.thenAwait(Duration.ofHours(10))
			.expectNextCount(3)
			.thenCancel()
			.verify();
		assertThat(most).hasValue(1);
	}

}
