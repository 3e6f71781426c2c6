package dev.intake.tenant.internal;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * What a request presented, not yet checked: an API key (header) or an access token
 * ({@code ?access_token=}).
 */
final class PresentedCredentials extends AbstractAuthenticationToken {

	enum Kind {

		API_KEY, ACCESS_TOKEN

	}

	private final Kind kind;

	private final String secret;

	PresentedCredentials(Kind kind, String secret) {
		super(List.of());
		this.kind = kind;
		this.secret = secret;
	}

	Kind kind() {
		return this.kind;
	}

	@Override
	public Object getCredentials() {
		return this.secret;
	}

	@Override
	public Object getPrincipal() {
		return this.kind;
	}

	@Override
	public String toString() {
		return "PresentedCredentials[" + this.kind + "]";
	}

}
