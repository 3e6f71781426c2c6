package dev.intake.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long idempotency keys are kept.
 *
 * @param retention how long a key is remembered after it was claimed; a key older than
 * this starts a new upload
 * @param cleanupInterval how often keys older than the retention are deleted
 */
@ConfigurationProperties("intake.idempotency")
record IdempotencySettings(@DefaultValue("24h") Duration retention, @DefaultValue("1h") Duration cleanupInterval) {

	public IdempotencySettings {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("intake.idempotency.retention must be positive, not " + retention);
		}
		if (cleanupInterval.isNegative() || cleanupInterval.isZero()) {
			throw new IllegalArgumentException(
					"intake.idempotency.cleanup-interval must be positive, not " + cleanupInterval);
		}
	}

	double retentionSeconds() {
		return this.retention.toMillis() / 1000.0;
	}

}
