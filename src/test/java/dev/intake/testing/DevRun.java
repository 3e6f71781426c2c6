package dev.intake.testing;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The development run: real PostgreSQL and Redis started for it (see {@link Services}),
 * and, unless API keys are configured ({@code INTAKE_API_KEYS}), a random API key of
 * tenant {@value #TENANT} made for this run and printed once the application is ready.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevRun {

	static final String TENANT = "dev";

	private static final Logger log = LoggerFactory.getLogger(DevRun.class);

	private final String key = newKey();

	@Bean
	DynamicPropertyRegistrar devServerProperties(Environment environment) {
		boolean configured = !environment.getProperty("intake.security.api-keys", "").isBlank();
		return (registry) -> {
			Services.serverProperties().forEach((name, value) -> registry.add(name, () -> value));
			if (!configured) {
				registry.add("intake.security.api-keys", () -> TENANT + "=" + this.key);
			}
		};
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> printDevKey(Environment environment) {
		return (ready) -> {
			if (environment.getProperty("intake.security.api-keys", "").equals(TENANT + "=" + this.key)) {
				String port = environment.getProperty("local.server.port", "8080");
				log.warn("""


						=====================================================================================
						  Development API key of tenant '{}' (made for this run only):

						    export KEY={}
						    curl -H "X-API-Key: $KEY" http://localhost:{}/api/v1/uploads
						=====================================================================================
						""", TENANT, this.key, port);
			}
		};
	}

	static String newKey() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return "dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
