package dev.intake.tenant.internal;

import reactor.core.publisher.Mono;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * Who may open an event stream: an API key, or an access token minted for exactly this
 * stream (the upload of the path's {@code id}, or the feed when there is no id).
 */
final class EventStreamAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		Object id = context.getVariables().get("id");
		String scope = (id != null) ? EventScope.uploadOrNull(id) : EventScope.FEED;
		return authentication.filter(Authentication::isAuthenticated)
			.map((granted) -> granted.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.anyMatch((authority) -> TenantAuthentication.API_KEY.equals(authority) || authority.equals(scope)))
			.defaultIfEmpty(false)
			.map(AuthorizationDecision::new);
	}

}
