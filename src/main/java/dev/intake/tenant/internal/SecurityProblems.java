package dev.intake.tenant.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.intake.system.Problem;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers authentication problems as RFC 9457 {@code application/problem+json}, like
 * every other error: 401 with {@code WWW-Authenticate} when credentials are missing,
 * wrong, expired, or do not grant the request (an access token of another stream), and
 * 503 when the stored keys cannot be read. It never says whether a key or an upload
 * exists.
 */
final class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private static final String REALM = "Bearer realm=\"intake\"";

	private final JsonMapper json;

	private static final String RETRY_AFTER_SECONDS = "5";

	SecurityProblems(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		if (ex instanceof AuthenticationServiceException) {
			return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "authentication-unavailable",
					"Authentication unavailable", "API keys cannot be checked right now; try again shortly", null);
		}
		if (ex instanceof BadCredentialsException) {
			return write(exchange, HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
					"The API key or access token is not valid, or has expired", REALM + ", error=\"invalid_token\"");
		}
		return write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
				"This request needs an API key: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'", REALM);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange,
			org.springframework.security.access.AccessDeniedException denied) {
		if (exchange.getRequest().getPath().value().startsWith("/actuator/")) {
			return write(exchange, HttpStatus.FORBIDDEN, "operator-key-required", "Operator key required",
					"The metrics count every tenant's uploads: they need a key of intake.security.operator-keys", null);
		}
		return write(exchange, HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
				"These credentials do not grant this request; an access token opens only the event stream "
						+ "it was minted for",
				REALM + ", error=\"invalid_token\"");
	}

	private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String title, String detail,
			String challenge) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().setCacheControl("no-store");
		if (challenge != null) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", Problem.typeOf(code).toString());
		body.put("title", title);
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("instance", exchange.getRequest().getPath().value());
		body.put("code", code);
		byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

}
