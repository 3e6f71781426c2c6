package dev.intake.system.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * PostgreSQL's health, bounded in time: a probe must answer even when the database or the
 * connection pool does not.
 * <p>
 * Emits the wrapped check's health, or {@code DOWN} (with the timeout as its exception)
 * when it does not answer within {@link #PATIENCE}. Cancelling cancels the check.
 */
class DatabaseHealth implements ReactiveHealthIndicator {

	static final Duration PATIENCE = Duration.ofSeconds(5);

	private final ReactiveHealthIndicator database;

	DatabaseHealth(ReactiveHealthIndicator database) {
		this.database = database;
	}

	@Override
	public Mono<Health> health() {
		return this.database.health().timeout(PATIENCE, Mono.fromSupplier(DatabaseHealth::noAnswer));
	}

	private static Health noAnswer() {
		return Health.down(new TimeoutException("PostgreSQL did not answer within " + PATIENCE)).build();
	}

}
