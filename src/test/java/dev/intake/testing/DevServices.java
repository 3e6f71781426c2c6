package dev.intake.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Points the application at real PostgreSQL and Redis servers started for this JVM (see
 * {@link Services}), with the API keys of every {@link TestTenant}, and makes every
 * auto-configured {@code WebTestClient} send the key of {@link TestTenant#TEST}, as does
 * the {@link UploadClient} integration tests can autowire. Used by every integration
 * test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevServices {

	@Bean
	DynamicPropertyRegistrar serviceProperties() {
		return (registry) -> Services.applicationProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Bean
	WebTestClientBuilderCustomizer testTenantKey() {
		return (builder) -> builder.defaultHeader(TestTenant.API_KEY_HEADER, TestTenant.TEST.key());
	}

	// Lazy: a context without a WebTestClient (no web server) never makes one.
	@Bean
	@Lazy
	UploadClient uploadClient(WebTestClient http) {
		return UploadClient.of(http);
	}

}
