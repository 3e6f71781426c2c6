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
		return registry -> {
			RunningPostgres postgres = Services.postgres();
			registry.add("spring.r2dbc.url", postgres::r2dbcUrl);
			registry.add("spring.r2dbc.username", postgres::username);
			registry.add("spring.r2dbc.password", postgres::password);
			registry.add("spring.flyway.url", postgres::jdbcUrl);
			registry.add("spring.flyway.user", postgres::username);
			registry.add("spring.flyway.password", postgres::password);
			registry.add("spring.flyway.locations", () -> "filesystem:db/migration");
			RunningRedis redis = Services.redis();
			registry.add("spring.data.redis.host", redis::host);
			registry.add("spring.data.redis.port", redis::port);
		};
	}

}
