package dev.intake.tenant;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * The tenant of the request being handled, as its API key or access token named it.
 */
public final class CurrentTenant {

	private CurrentTenant() {
	}

	/**
	 * Emits the tenant of the current request, read from the reactive security context.
	 * Errors with a 401 problem when there is none: only code outside an authenticated
	 * request can get there.
	 */
	public static Mono<TenantId> get() {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.map(Authentication::getPrincipal)
			.ofType(TenantId.class)
			.switchIfEmpty(Mono.error(NoTenant::new));
	}

}
