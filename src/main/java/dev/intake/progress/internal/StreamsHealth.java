package dev.intake.progress.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code redis} health component: whether progress streams can be published and read
 * right now, not only whether Redis answers a PING. Publishing is proven by appending to
 * this deployment's probe stream (the same command, keys and connection as every progress
 * event, so a cluster that moved the slot, a read-only replica or a missing permission
 * shows); reading by the stream reader's own state. On Redis Cluster, both are checked
 * for every slot group ({@link SlotGroupsHealth}), and the details say which groups fail
 * and which slot ranges have no working master.
 * <p>
 * Emits {@code UP}, or {@link #DEGRADED} (HTTP 200: uploads go on without live events)
 * with what failed, within {@link #PATIENCE} whatever Redis does. Cancelling cancels the
 * probe.
 */
@Component("redisHealthIndicator")
class StreamsHealth implements ReactiveHealthIndicator {

	/** Intake works, but without live progress events. Answered as HTTP 200. */
	static final Status DEGRADED = new Status("DEGRADED",
			"Progress streams cannot be published or read: uploads go on, subscribers poll PostgreSQL");

	static final Duration PATIENCE = Duration.ofSeconds(3);

	private static final Duration PROBE_TTL = Duration.ofHours(1);

	private final StreamCommands commands;

	private final StreamReader reader;

	private final StreamKeys keys;

	private final SlotGroupsHealth slotGroups;

	StreamsHealth(StreamCommands commands, StreamReader reader, StreamKeys keys, RedisConnections redis) {
		this.commands = commands;
		this.reader = reader;
		this.keys = keys;
		this.slotGroups = redis.isCluster()
				? new SlotGroupsHealth(commands, reader, keys, redis, PATIENCE.minusMillis(500)) : null;
	}

	@Override
	public Mono<Health> health() {
		Mono<Health> checked = (this.slotGroups != null) ? this.slotGroups.health() : published().then(reading());
		return checked.timeout(PATIENCE)
			.onErrorResume((ex) -> Mono.just(Health.status(DEGRADED).withException(ex).build()));
	}

	private Mono<Void> published() {
		String probe = this.keys.probes().get(0);
		return this.commands.append(probe, Map.of("at", Instant.now().toString()), 1)
			.then(this.commands.expire(probe, PROBE_TTL));
	}

	private Mono<Health> reading() {
		return this.reader.working()
			.next()
			.map((working) -> working ? Health.up().build()
					: Health.status(DEGRADED).withDetail("reading", "failing").build());
	}

}
