package dev.intake.upload.web;

import dev.intake.tenant.CurrentTenant;
import dev.intake.tenant.TenantId;
import reactor.core.publisher.Mono;

/**
 * The tenant a request acts for: the one place the upload endpoints learn it, from the
 * API key that authenticated the request ({@link CurrentTenant}).
 */
final class RequestTenant {

	private RequestTenant() {
	}

	static Mono<TenantId> current() {
		return CurrentTenant.get();
	}

}
