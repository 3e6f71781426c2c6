package dev.intake.testing;

import io.r2dbc.spi.ConnectionFactoryOptions;

import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Points the application's R2DBC connections (not Flyway's) at a {@link TcpProxy} to the
 * PostgreSQL of {@link Services}, for tests that cut it or turn it into a blackhole: they
 * autowire the proxy. It is closed with the context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresThroughAProxy {

	@Bean
	TcpProxy postgresProxy() {
		return TcpProxy.to(Services.postgres().host(), Services.postgres().port());
	}

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer throughThePostgresProxy(TcpProxy postgresProxy) {
		return (options) -> options.option(ConnectionFactoryOptions.HOST, postgresProxy.host())
			.option(ConnectionFactoryOptions.PORT, postgresProxy.port());
	}

}
