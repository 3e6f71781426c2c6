package dev.intake.system.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.intake.system.DatabaseCalls;
import dev.intake.system.DatabaseSettings;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class FirstAnswersUnitTests {

	static final DatabaseSettings SETTINGS = new DatabaseSettings(Duration.ofSeconds(30), Duration.ofMinutes(30),
			Duration.ofSeconds(5));

	final FirstAnswers answers = new FirstAnswers(SETTINGS);

	final AtomicInteger timeouts = new AtomicInteger();

	@Test
	void endsACallThatGetsNoAnswerWithATransientTimeoutAndBreaksTheConnectionOff() {
		StepVerifier.withVirtualTime(() -> this.answers.bounded(Mono.never(), this.timeouts::incrementAndGet))
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(29))
			.thenAwait(Duration.ofSeconds(1))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(R2dbcTimeoutException.class)
				.hasMessageContaining("did not answer within PT30S"))
			.verify();
		assertThat(this.timeouts).hasValue(1);
	}

	@Test
	void boundsOnlyTheFirstAnswerNotASlowReaderOfLaterRows() {
		StepVerifier
			.withVirtualTime(() -> this.answers.bounded(
					Flux.just(1).concatWith(Flux.just(2).delayElements(Duration.ofMinutes(10))),
					this.timeouts::incrementAndGet))
			.expectNext(1)
			.thenAwait(Duration.ofMinutes(10))
			.expectNext(2)
			.verifyComplete();
		assertThat(this.timeouts).hasValue(0);
	}

	@Test
	void letsACallThatAnswersNothingCompleteInTime() {
		StepVerifier
			.withVirtualTime(() -> this.answers.bounded(Mono.<Void>empty().delaySubscription(Duration.ofSeconds(29)),
					this.timeouts::incrementAndGet))
			.thenAwait(Duration.ofSeconds(29))
			.verifyComplete();
		assertThat(this.timeouts).hasValue(0);
	}

	@Test
	void givesLongRunningWorkTheLongAnswerTimeout() {
		StepVerifier
			.withVirtualTime(() -> DatabaseCalls.longRunning(this.answers
				.bounded(Mono.just(7).delayElement(Duration.ofMinutes(29)), this.timeouts::incrementAndGet)))
			.thenAwait(Duration.ofMinutes(29))
			.expectNext(7)
			.verifyComplete();
		StepVerifier
			.withVirtualTime(
					() -> DatabaseCalls.longRunning(this.answers.bounded(Mono.never(), this.timeouts::incrementAndGet)))
			.thenAwait(Duration.ofMinutes(30))
			.expectError(R2dbcTimeoutException.class)
			.verify();
	}

	@Test
	void passesTheCallsOwnErrorOn() {
		StepVerifier
			.create(this.answers.bounded(Mono.error(new IllegalStateException("refused")),
					this.timeouts::incrementAndGet))
			.expectErrorMessage("refused")
			.verify();
		assertThat(this.timeouts).hasValue(0);
	}

	@Test
	void cancelsTheCallWhenCancelled() {
		AtomicInteger cancelled = new AtomicInteger();
		StepVerifier
			.create(this.answers.bounded(Mono.never().doOnCancel(cancelled::incrementAndGet),
					this.timeouts::incrementAndGet))
			.thenCancel()
			.verify();
		assertThat(cancelled).hasValue(1);
	}

}
