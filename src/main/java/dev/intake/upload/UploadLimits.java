package dev.intake.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many uploads one tenant may run at once.
 *
 * @param maxConcurrentUploadsPerTenant the most uploads of one tenant that may be
 * {@code PROCESSING} at the same time, over all instances; one more is answered with 429
 * and {@code Retry-After}
 */
@ConfigurationProperties("intake.limits")
public record UploadLimits(@DefaultValue("4") int maxConcurrentUploadsPerTenant) {

	public UploadLimits {
		if (maxConcurrentUploadsPerTenant < 1) {
			throw new IllegalArgumentException(
					"intake.limits.max-concurrent-uploads-per-tenant must be at least 1, not "
							+ maxConcurrentUploadsPerTenant);
		}
	}

}
