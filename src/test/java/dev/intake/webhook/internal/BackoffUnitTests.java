package dev.intake.webhook.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffUnitTests {

	static final Duration BASE = Duration.ofSeconds(30);

	static final Duration MAX = Duration.ofHours(1);

	@Test
	void doublesTheDelayAfterEachFailedAttempt() {
		Backoff backoff = new Backoff(BASE, MAX, () -> 0.5);
		assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(120));
		assertThat(backoff.after(7)).isEqualTo(Duration.ofSeconds(30 * 64));
	}

	@Test
	void neverWaitsLongerThanTheMaximumHoweverManyAttempts() {
		Backoff backoff = new Backoff(BASE, MAX, () -> 0.5);
		assertThat(backoff.after(8)).isEqualTo(MAX);
		assertThat(backoff.after(1_000)).isEqualTo(MAX);
		assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(MAX);
	}

	@Test
	void jittersByAFifthEitherWay() {
		assertThat(new Backoff(BASE, MAX, () -> 0.0).after(2)).isEqualTo(Duration.ofSeconds(48));
		assertThat(new Backoff(BASE, MAX, () -> 0.999_999).after(2)).isEqualTo(Duration.ofSeconds(72));
	}

	@Test
	void growsEvenWithTheWorstJitter() {
		Backoff low = new Backoff(BASE, MAX, () -> 0.0);
		Backoff high = new Backoff(BASE, MAX, () -> 0.999_999);
		for (int attempt = 1; attempt < 7; attempt++) {
			assertThat(low.after(attempt + 1)).isGreaterThan(high.after(attempt));
		}
	}

	@Test
	void keepsTryingForAtLeastADayWithTheDefaults() {
		WebhookSettings defaults = new WebhookSettings(false, false, java.util.List.of(), Duration.ofSeconds(10), BASE,
				MAX, Duration.ofHours(24), Duration.ofSeconds(1), 16, 20, Duration.ofHours(24));
		Backoff backoff = new Backoff(defaults.backoffBase(), defaults.backoffMax(), () -> 1.0);
		Duration elapsed = Duration.ZERO;
		int attempt = 1;
		while (elapsed.compareTo(defaults.retryFor()) < 0) {
			elapsed = elapsed.plus(backoff.after(attempt++));
		}
		assertThat(attempt).as("attempts within the first day, at the longest delays").isBetween(20, 40);
	}

}
