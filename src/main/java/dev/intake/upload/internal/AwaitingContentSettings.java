package dev.intake.upload.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on uploads created to wait for their content ({@code POST /api/v1/uploads} with
 * JSON, then {@code PUT .../content}).
 *
 * @param maxPerTenant the most uploads of one tenant that may be {@code AWAITING_CONTENT}
 * at once, over all instances; one more is answered with 429
 * {@code too-many-awaiting-uploads}
 * @param expiry how long an upload may wait for its content; then it is failed with stage
 * {@code receive} and code {@code content-not-received}
 * @param sweepInterval how often each instance looks for uploads that waited too long
 * @param sweepBatch how many of them one sweep fails at most
 */
@ConfigurationProperties("intake.uploads.awaiting-content")
record AwaitingContentSettings(@DefaultValue("100") int maxPerTenant, @DefaultValue("24h") Duration expiry,
		@DefaultValue("1m") Duration sweepInterval, @DefaultValue("100") int sweepBatch) {

	public AwaitingContentSettings {
		if (maxPerTenant < 1 || sweepBatch < 1) {
			throw new IllegalArgumentException("intake.uploads.awaiting-content.max-per-tenant and sweep-batch "
					+ "must be at least 1, not " + maxPerTenant + " and " + sweepBatch);
		}
		if (expiry == null || expiry.isNegative() || expiry.isZero() || sweepInterval == null
				|| sweepInterval.isNegative() || sweepInterval.isZero()) {
			throw new IllegalArgumentException("intake.uploads.awaiting-content.expiry and sweep-interval must be "
					+ "positive, not " + expiry + " and " + sweepInterval);
		}
	}

}
