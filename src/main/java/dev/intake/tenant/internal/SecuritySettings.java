package dev.intake.tenant.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How clients authenticate.
 *
 * @param apiKeys API keys from configuration, as {@code tenantA=keyA,tenantB=keyB}
 * ({@code INTAKE_API_KEYS}); keys can also be stored hashed in table {@code api_keys}
 * @param tokenSecret the secret that signs event-stream access tokens; {@code null} falls
 * back to the deployment's own secret, made once and kept in PostgreSQL
 * ({@link StoredTokenSecret}), so tokens work on every instance without any setting
 * @param tokenTtl how long an access token is accepted after it is minted
 * @param operatorKeys the keys of operators, comma-separated
 * ({@code INTAKE_OPERATOR_KEYS}): only they read the instance-wide metrics
 * ({@code /actuator/metrics}, {@code /actuator/prometheus}), which count every tenant's
 * uploads; they open no tenant's data
 */
@ConfigurationProperties("intake.security")
record SecuritySettings(String apiKeys, String tokenSecret, @DefaultValue("5m") Duration tokenTtl,
		String operatorKeys) {

	SecuritySettings {
		if (tokenTtl.isNegative() || tokenTtl.isZero()) {
			throw new IllegalArgumentException("intake.security.token-ttl must be positive, not " + tokenTtl);
		}
	}

	// The record's own toString would print the secrets.
	@Override
	public String toString() {
		return "SecuritySettings[apiKeys=******, tokenSecret=******, tokenTtl=" + this.tokenTtl
				+ ", operatorKeys=******]";
	}

}
