package dev.intake.upload.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How uploads in flight are leased, and how uploads left behind by a crashed instance are
 * recovered.
 *
 * The defaults let another instance take a dead instance's work over within seconds: its
 * uploads stop counting against their tenant's concurrency limit, and a retry with the
 * same {@code Idempotency-Key} runs, as soon as their lease runs out, at most
 * {@code lease-expiry} (10 s) after the instance died; the sweeper fails them at most
 * {@code sweep-interval} (2 s) later.
 *
 * @param heartbeat how often this instance renews the lease of the uploads it processes
 * @param leaseExpiry how old a processing upload's last heartbeat may be before any
 * instance's recovery sweeper fails it; several heartbeats long, so a live instance loses
 * no lease to a slow heartbeat
 * @param sweepInterval how often the recovery sweeper looks for expired leases (it also
 * looks once at startup)
 * @param sweepBatch how many uploads one sweep fails at most
 * @param failTimeout how long failing an upload may be retried (the database may be away)
 * before it is left to the recovery sweeper; also how long shutdown waits for it
 */
@ConfigurationProperties(prefix = "intake.recovery")
public record RecoverySettings(@DefaultValue("3s") Duration heartbeat, @DefaultValue("10s") Duration leaseExpiry,
		@DefaultValue("2s") Duration sweepInterval, @DefaultValue("100") int sweepBatch,
		@DefaultValue("30s") Duration failTimeout) {

	public RecoverySettings {
		requirePositive("heartbeat", heartbeat);
		requirePositive("lease-expiry", leaseExpiry);
		requirePositive("sweep-interval", sweepInterval);
		requirePositive("fail-timeout", failTimeout);
		if (leaseExpiry.compareTo(heartbeat.multipliedBy(2)) < 0) {
			throw new IllegalArgumentException("intake.recovery.lease-expiry (" + leaseExpiry
					+ ") must be at least two heartbeats (" + heartbeat + ")");
		}
		if (sweepBatch < 1) {
			throw new IllegalArgumentException("intake.recovery.sweep-batch must be at least 1, not " + sweepBatch);
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("intake.recovery." + name + " must be positive, not " + value);
		}
	}

}
