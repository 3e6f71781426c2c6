package dev.intake.tenant.internal;

import java.util.List;

import dev.intake.tenant.TenantId;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request of a tenant. Its principal is the {@link TenantId}. An API key
 * has authority {@value #API_KEY}; an access token has only its event scope.
 */
final class TenantAuthentication extends AbstractAuthenticationToken {

	static final String API_KEY = "API_KEY";

	private final TenantId tenant;

	private TenantAuthentication(TenantId tenant, String authority) {
		super(List.of(new SimpleGrantedAuthority(authority)));
		this.tenant = tenant;
		setAuthenticated(true);
	}

	static TenantAuthentication byApiKey(TenantId tenant) {
		return new TenantAuthentication(tenant, API_KEY);
	}

	static TenantAuthentication byAccessToken(TenantId tenant, String scope) {
		return new TenantAuthentication(tenant, scope);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.tenant;
	}

	@Override
	public String getName() {
		return this.tenant.value();
	}

}
