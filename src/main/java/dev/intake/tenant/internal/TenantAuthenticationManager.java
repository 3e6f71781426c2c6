package dev.intake.tenant.internal;

import dev.intake.tenant.internal.PresentedCredentials.Kind;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;

/**
 * Checks presented credentials. An API key is looked up by its SHA-256, first among the
 * operator keys ({@link OperatorAuthentication}), then the configured tenant keys, then
 * in table {@code api_keys}; an access token is checked by its signature and expiry.
 * Emits a {@link TenantAuthentication}, or errors with {@link BadCredentialsException}
 * for unknown keys and bad tokens, and with {@link AuthenticationServiceException} when
 * the database cannot be asked.
 */
final class TenantAuthenticationManager implements ReactiveAuthenticationManager {

	// Longer than any key worth hashing: refused without work.
	private static final int MAX_KEY_LENGTH = 512;

	private final ConfiguredApiKeys configured;

	private final StoredApiKeys stored;

	private final AccessTokens tokens;

	private final OperatorKeys operators;

	TenantAuthenticationManager(ConfiguredApiKeys configured, StoredApiKeys stored, AccessTokens tokens,
			OperatorKeys operators) {
		this.configured = configured;
		this.stored = stored;
		this.tokens = tokens;
		this.operators = operators;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		PresentedCredentials presented = (PresentedCredentials) authentication;
		String secret = (String) presented.getCredentials();
		if (secret.isEmpty() || secret.length() > MAX_KEY_LENGTH) {
			return Mono.error(() -> new BadCredentialsException("Invalid credentials"));
		}
		return (presented.kind() == Kind.API_KEY) ? byApiKey(secret) : byAccessToken(secret);
	}

	private Mono<Authentication> byApiKey(String key) {
		byte[] hash = KeyHashes.of(key);
		if (this.operators.contains(hash)) {
			return Mono.just(new OperatorAuthentication());
		}
		return Mono.justOrEmpty(this.configured.tenantOf(hash))
			.switchIfEmpty(Mono.defer(() -> this.stored.tenantOf(hash)))
			.onErrorMap((ex) -> new AuthenticationServiceException("API keys could not be read", ex))
			.map(TenantAuthentication::byApiKey)
			.cast(Authentication.class)
			.switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown API key")));
	}

	private Mono<Authentication> byAccessToken(String token) {
		return Mono.justOrEmpty(this.tokens.verify(token))
			.map((grant) -> TenantAuthentication.byAccessToken(grant.tenant(), grant.scope()))
			.cast(Authentication.class)
			.switchIfEmpty(Mono.error(() -> new BadCredentialsException("Invalid or expired access token")));
	}

}
