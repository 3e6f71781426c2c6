package dev.intake.ingest;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightBytesUnitTests {

	final InFlightBytes budget = new InFlightBytes(100);

	@Test
	void grantsWhatFitsAtOnce() {
		StepVerifier.create(this.budget.reserve(60)).expectNextMatches((r) -> r.bytes() == 60).verifyComplete();
		StepVerifier.create(this.budget.reserve(40)).expectNextCount(1).verifyComplete();

		assertThat(this.budget.reserved()).isEqualTo(100);
	}

	@Test
	void makesAReservationThatDoesNotFitWaitUntilBytesAreReleased() {
		InFlightBytes.Reservation first = this.budget.reserve(70).block();

		StepVerifier.create(this.budget.reserve(50))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(100))
			.then(first::release)
			.expectNextMatches((r) -> r.bytes() == 50)
			.verifyComplete();
		assertThat(this.budget.reserved()).isEqualTo(50);
	}

	@Test
	void grantsInTheOrderAsked() {
		InFlightBytes.Reservation first = this.budget.reserve(90).block();
		Mono<InFlightBytes.Reservation> big = this.budget.reserve(80).cache();
		big.subscribe();

		StepVerifier.create(this.budget.reserve(5))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(50))
			.thenCancel()
			.verify();
		first.release();

		StepVerifier.create(big).expectNextMatches((r) -> r.bytes() == 80).verifyComplete();
		assertThat(this.budget.waitingCount()).isZero();
	}

	@Test
	void withdrawsAWaitingReservationOnCancel() {
		InFlightBytes.Reservation first = this.budget.reserve(100).block();

		StepVerifier.create(this.budget.reserve(10).timeout(Duration.ofMillis(50), Mono.empty())).verifyComplete();
		assertThat(this.budget.waitingCount()).isZero();
		first.release();
		assertThat(this.budget.reserved()).isZero();
	}

	@Test
	void releasesOnceWhateverHowOftenReleased() {
		InFlightBytes.Reservation reservation = this.budget.reserve(30).block();

		reservation.release();
		reservation.release();

		assertThat(this.budget.reserved()).isZero();
	}

	@Test
	void takesAReservationLargerThanTheBudgetAsTheWholeBudget() {
		StepVerifier.create(this.budget.reserve(1_000)).expectNextMatches((r) -> r.bytes() == 100).verifyComplete();
	}

}
