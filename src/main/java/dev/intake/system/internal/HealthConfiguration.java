package dev.intake.system.internal;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.boot.r2dbc.health.ConnectionFactoryHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Intake's health components: {@code db} (PostgreSQL over R2DBC; Spring Boot's own
 * {@code r2dbc} component is switched off in {@code application.yml}), bounded in time.
 * The {@code redis} component is the progress module's: whether its streams can be
 * published and read. The liveness and readiness groups are configured there too.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	/** Named {@code db}; bounded by {@link DatabaseHealth#PATIENCE}. */
	@Bean
	DatabaseHealth dbHealthIndicator(ConnectionFactory connections) {
		return new DatabaseHealth(new ConnectionFactoryHealthIndicator(connections));
	}

}
