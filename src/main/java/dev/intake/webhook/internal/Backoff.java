package dev.intake.webhook.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The delay before the next attempt of a delivery: {@code base × 2^(attempt − 1)}, at
 * most {@code max}, times a random factor from 0.8 to 1.2 so that endpoints that failed
 * together are not all tried again at the same moment.
 */
final class Backoff {

	static final double JITTER = 0.2;

	private final Duration base;

	private final Duration max;

	private final DoubleSupplier random;

	Backoff(Duration base, Duration max, DoubleSupplier random) {
		this.base = base;
		this.max = max;
		this.random = random;
	}

	/** The delay after the given failed attempt (1 for the first). */
	Duration after(int attempt) {
		int doublings = Math.min(Math.max(attempt, 1) - 1, 40);
		double millis = Math.min((double) this.max.toMillis(), this.base.toMillis() * Math.pow(2, doublings));
		double factor = 1 - JITTER + 2 * JITTER * this.random.getAsDouble();
		return Duration.ofMillis(Math.round(millis * factor));
	}

}
