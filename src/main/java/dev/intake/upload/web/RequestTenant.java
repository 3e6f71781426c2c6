package dev.intake.upload.web;

import reactor.core.publisher.Mono;

/**
 * The tenant a request acts for: the one place the upload endpoints learn it. Until
 * tenancy ({@code dev.intake.tenant.CurrentTenant}) is on main every request acts for the
 * {@value #UNTIL_TENANCY} tenant; then this is wired to it.
 */
final class RequestTenant {

	static final String UNTIL_TENANCY = "default";

	private RequestTenant() {
	}

	static Mono<String> current() {
		return Mono.just(UNTIL_TENANCY);
	}

}
