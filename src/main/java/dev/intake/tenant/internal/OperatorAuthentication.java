package dev.intake.tenant.internal;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by an operator key: authority {@value #OPERATOR}, which opens
 * the metrics endpoints and nothing of any tenant (it has no tenant).
 */
final class OperatorAuthentication extends AbstractAuthenticationToken {

	static final String OPERATOR = "OPERATOR";

	OperatorAuthentication() {
		super(List.of(new SimpleGrantedAuthority(OPERATOR)));
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return "operator";
	}

}
