package dev.intake.system.internal;

import dev.intake.system.DatabaseSettings;
import io.r2dbc.spi.ConnectionFactoryOptions;

import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds every wait on PostgreSQL ({@link DatabaseSettings}): opening the TCP connection,
 * each call's first answer (a {@link TimeBoundConnectionFactory} inside the pool), and
 * each statement on the server ({@code statement_timeout}). Taking a connection from the
 * pool and the whole of opening one are bounded by {@code spring.r2dbc.pool.*}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	ConnectionFactoryDecorator timeBoundConnections(DatabaseSettings settings) {
		FirstAnswers answers = new FirstAnswers(settings);
		return (connections) -> new TimeBoundConnectionFactory(connections, answers);
	}

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer databaseTimeouts(DatabaseSettings settings) {
		return (options) -> options.option(ConnectionFactoryOptions.CONNECT_TIMEOUT, settings.connectTimeout())
			.option(ConnectionFactoryOptions.STATEMENT_TIMEOUT, settings.longAnswerTimeout());
	}

}
