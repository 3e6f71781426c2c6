package dev.intake.system.internal;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.boot.data.redis.health.DataRedisReactiveHealthIndicator;
import org.springframework.boot.r2dbc.health.ConnectionFactoryHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Intake's health components: {@code db} (PostgreSQL over R2DBC; Spring Boot's own
 * {@code r2dbc} component is switched off in {@code application.yml}) and {@code redis}
 * ({@link RedisHealth}), each answering within a few seconds whatever the server does.
 * The liveness and readiness groups are configured there too.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	/** Named {@code db}; bounded by {@link DatabaseHealth#PATIENCE}. */
	@Bean
	DatabaseHealth dbHealthIndicator(ConnectionFactory connections) {
		return new DatabaseHealth(new ConnectionFactoryHealthIndicator(connections));
	}

	/** Named so that Spring Boot's own Redis health indicator backs off. */
	@Bean
	RedisHealth redisHealthIndicator(ReactiveRedisConnectionFactory connections) {
		return new RedisHealth(new DataRedisReactiveHealthIndicator(connections));
	}

}
