package dev.intake.webhook.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where webhooks may point, and how their deliveries are tried.
 *
 * @param allowHttp whether {@code http://} targets are accepted besides {@code https://}
 * @param allowPrivateTargets whether targets may resolve to loopback, private,
 * link-local, multicast or unspecified addresses (and be named {@code localhost})
 * @param allowedNetworks CIDRs (such as {@code 10.1.0.0/16} or {@code 127.0.0.1/32})
 * whose addresses are accepted even though they are private or loopback
 * @param timeout how long one attempt may take, connecting included
 * @param backoffBase the delay after the first failed attempt; each further failure
 * doubles it, with up to a fifth of it at random either way
 * @param backoffMax the longest delay between two attempts
 * @param retryFor how long after its event a delivery is tried; a failed attempt after
 * that marks it dead
 * @param pollInterval how often each instance looks for due deliveries
 * @param concurrency how many attempts one instance runs at once
 * @param maxPerTenant how many endpoints one tenant may have
 * @param rotationGrace how long the previous secret still signs after a rotation
 */
@ConfigurationProperties(prefix = "intake.webhooks")
record WebhookSettings(@DefaultValue("false") boolean allowHttp, @DefaultValue("false") boolean allowPrivateTargets,
		@DefaultValue List<String> allowedNetworks, @DefaultValue("10s") Duration timeout,
		@DefaultValue("30s") Duration backoffBase, @DefaultValue("1h") Duration backoffMax,
		@DefaultValue("24h") Duration retryFor, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("16") int concurrency, @DefaultValue("20") int maxPerTenant,
		@DefaultValue("24h") Duration rotationGrace) {

	public WebhookSettings {
		requirePositive("timeout", timeout);
		requirePositive("backoff-base", backoffBase);
		requirePositive("backoff-max", backoffMax);
		requirePositive("retry-for", retryFor);
		requirePositive("poll-interval", pollInterval);
		if (rotationGrace == null || rotationGrace.isNegative()) {
			throw new IllegalArgumentException("intake.webhooks.rotation-grace must not be negative");
		}
		if (concurrency < 1 || maxPerTenant < 1) {
			throw new IllegalArgumentException("intake.webhooks.concurrency and max-per-tenant must be at least 1");
		}
		allowedNetworks = List.copyOf(allowedNetworks);
	}

	/**
	 * How long a claimed delivery is left to the instance that claimed it: past this,
	 * another instance tries it again (its claimer crashed).
	 */
	public Duration claimLease() {
		return this.timeout.multipliedBy(2).plusSeconds(5);
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("intake.webhooks." + name + " must be positive, not " + value);
		}
	}

}
