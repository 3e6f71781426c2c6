package dev.intake.system.internal;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.boot.data.redis.health.DataRedisReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Redis's health as Intake sees it: Redis only carries progress events, and uploads go on
 * without it, so Redis being away makes Intake {@link #DEGRADED}, not down.
 * <p>
 * Emits Spring Boot's Redis health with {@code DOWN} turned into {@code DEGRADED} (the
 * same details); a check that does not answer within {@link #PATIENCE} or errors is
 * {@code DEGRADED} too. Cancelling cancels the check.
 */
class RedisHealth implements ReactiveHealthIndicator {

	/** Intake works, but without live progress events. Answered as HTTP 200. */
	static final Status DEGRADED = new Status("DEGRADED",
			"Redis is unavailable: uploads go on, " + "live progress events are replaced by polling PostgreSQL");

	static final Duration PATIENCE = Duration.ofSeconds(3);

	private final DataRedisReactiveHealthIndicator redis;

	RedisHealth(DataRedisReactiveHealthIndicator redis) {
		this.redis = redis;
	}

	@Override
	public Mono<Health> health() {
		return this.redis.health()
			.timeout(PATIENCE)
			.onErrorResume((ex) -> Mono.just(Health.down().withException(ex).build()))
			.map(RedisHealth::degradedWhenDown);
	}

	private static Health degradedWhenDown(Health health) {
		if (!Status.DOWN.equals(health.getStatus())) {
			return health;
		}
		return Health.status(DEGRADED).withDetails(health.getDetails()).build();
	}

}
