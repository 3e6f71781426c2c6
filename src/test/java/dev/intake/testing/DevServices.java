package dev.intake.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the application at real PostgreSQL and Redis servers started for this JVM (see
 * {@link Services}). Used by the development run and by every integration test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevServices {

	@Bean
	DynamicPropertyRegistrar serviceProperties() {
		return (registry) -> Services.applicationProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

}
