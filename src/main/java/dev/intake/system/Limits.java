package dev.intake.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The explicit limits on what a client may send; crossing one is answered with a problem,
 * never with a growing heap.
 *
 * @param maxBodySize the largest upload body; a bigger one is refused with 413 as soon as
 * its announced length or its received bytes cross it
 * @param maxFieldLength the longest CSV cell, in characters; a longer one fails the
 * upload with 422 {@code field-too-large} without being read whole
 * @param maxColumns the most cells in one CSV record; more fails the upload with 422
 * {@code too-many-columns}
 * @param maxRecordLength the most characters in all cells of one CSV record together;
 * more fails the upload with 422 {@code record-too-large}
 * @param readTimeout the longest wait for the next bytes of an upload body; a client that
 * sends nothing for longer fails the upload with 408 {@code read-timeout}
 * @param maxInflationRatio the most bytes a gzip body may inflate to per compressed byte
 * received, checked once it has inflated past a small floor; more fails the upload with
 * 413 {@code inflation-ratio-exceeded}
 * @param maxConcurrentUploadsPerTenant the most uploads of one tenant that may be
 * {@code PROCESSING} at the same time, over all instances; one more is answered with 429
 * and {@code Retry-After}
 */
@ConfigurationProperties("intake.limits")
public record Limits(@DefaultValue("2GB") DataSize maxBodySize, @DefaultValue("100000") int maxFieldLength,
		@DefaultValue("200") int maxColumns, @DefaultValue("1000000") int maxRecordLength,
		@DefaultValue("30s") Duration readTimeout, @DefaultValue("100") int maxInflationRatio,
		@DefaultValue("4") int maxConcurrentUploadsPerTenant) {

	/** The defaults, for code that runs without Spring. */
	public static final Limits DEFAULTS = new Limits(DataSize.ofGigabytes(2), 100_000, 200, 1_000_000,
			Duration.ofSeconds(30), 100, 4);

	public Limits {
		if (maxConcurrentUploadsPerTenant < 1) {
			throw new IllegalArgumentException(
					"intake.limits.max-concurrent-uploads-per-tenant must be at least 1, not "
							+ maxConcurrentUploadsPerTenant);
		}
	}

}
