package dev.intake.webhook.internal;

import java.util.Map;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/**
 * A webhook target Intake will not call: its host is (or resolves to) a loopback,
 * private, link-local, multicast, unspecified or reserved address, and no setting allows
 * it. The {@code reason} names which.
 */
public class WebhookTargetRefused extends Problem {

	public static final String CODE = "webhook-target-refused";

	private final String reason;

	WebhookTargetRefused(String host, String reason, String address) {
		super(HttpStatus.BAD_REQUEST, CODE, "Webhook target refused",
				"The host %s resolves to a %s address (%s); webhooks may only call public addresses unless "
					.formatted(host, reason, address)
						+ "intake.webhooks.allow-private-targets or intake.webhooks.allowed-networks allows it",
				Map.of("reason", reason, "host", host), null);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
