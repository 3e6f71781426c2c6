package dev.intake.upload.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * How long an upload sent in pieces ({@code PATCH /api/v1/uploads/{id}/content}) may stay
 * {@code INTERRUPTED}.
 *
 * @param interruptedRetention how long after its last interruption an upload may be
 * resumed; then it is failed with stage {@code receive} and code
 * {@code upload-not-resumed}, and its rows dropped
 * @param sweepInterval how often each instance looks for uploads interrupted too long
 * ({@code intake.uploads.interrupted-sweep-interval})
 * @param sweepBatch how many of them one sweep fails at most
 * ({@code intake.uploads.interrupted-sweep-batch})
 */
@ConfigurationProperties("intake.uploads")
record ResumableSettings(@DefaultValue("24h") Duration interruptedRetention,
		@DefaultValue("1m") @Name("interrupted-sweep-interval") Duration sweepInterval,
		@DefaultValue("100") @Name("interrupted-sweep-batch") int sweepBatch) {

	public ResumableSettings {
		if (sweepBatch < 1) {
			throw new IllegalArgumentException(
					"intake.uploads.interrupted-sweep-batch must be at least 1, not " + sweepBatch);
		}
		if (interruptedRetention == null || interruptedRetention.isNegative() || interruptedRetention.isZero()
				|| sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
			throw new IllegalArgumentException("intake.uploads.interrupted-retention and interrupted-sweep-interval "
					+ "must be positive, not " + interruptedRetention + " and " + sweepInterval);
		}
	}

}
