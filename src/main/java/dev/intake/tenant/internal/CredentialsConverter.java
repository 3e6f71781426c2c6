package dev.intake.tenant.internal;

import dev.intake.tenant.internal.PresentedCredentials.Kind;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds what a request presents: an API key as {@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}, or else an {@code access_token} query parameter. Emits
 * nothing when there is none.
 */
final class CredentialsConverter implements ServerAuthenticationConverter {

	static final String API_KEY_HEADER = "X-API-Key";

	static final String ACCESS_TOKEN = "access_token";

	private static final String BEARER = "bearer ";

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		return Mono.justOrEmpty(presented(exchange));
	}

	private static Authentication presented(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		String apiKey = headers.getFirst(API_KEY_HEADER);
		if (apiKey != null) {
			return new PresentedCredentials(Kind.API_KEY, apiKey.strip());
		}
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return new PresentedCredentials(Kind.API_KEY, authorization.substring(BEARER.length()).strip());
		}
		if (authorization != null) {
			// Another scheme (Basic, say) is never accepted: fail rather than ignore it.
			return new PresentedCredentials(Kind.API_KEY, "");
		}
		String token = exchange.getRequest().getQueryParams().getFirst(ACCESS_TOKEN);
		if (token != null) {
			return new PresentedCredentials(Kind.ACCESS_TOKEN, token);
		}
		return null;
	}

}
