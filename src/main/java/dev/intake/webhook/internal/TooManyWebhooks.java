package dev.intake.webhook.internal;

import java.util.Map;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/**
 * The tenant has as many webhook endpoints as it may
 * ({@code intake.webhooks.max-per-tenant}).
 */
public class TooManyWebhooks extends Problem {

	public static final String CODE = "too-many-webhooks";

	TooManyWebhooks(int max) {
		super(HttpStatus.CONFLICT, CODE, "Too many webhooks", "A tenant may have at most " + max
				+ " webhook endpoints (intake.webhooks.max-per-tenant); " + "delete one first",
				Map.of("maxWebhooks", max), null);
	}

}
