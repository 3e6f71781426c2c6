package dev.intake.system.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The connections PostgreSQL gives, each call on them bounded by {@link FirstAnswers}.
 * Sits inside the pool (a Spring Boot {@code ConnectionFactoryDecorator}), so the pool
 * drops a connection whose call timed out ({@link TimeBoundConnection#validate} says it
 * is no longer valid) instead of handing it out again behind a call that never ends.
 * Opening a connection is bounded by the pool's {@code max-create-connection-time}.
 */
final class TimeBoundConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

	private final ConnectionFactory delegate;

	private final FirstAnswers answers;

	TimeBoundConnectionFactory(ConnectionFactory delegate, FirstAnswers answers) {
		this.delegate = delegate;
		this.answers = answers;
	}

	@Override
	public Publisher<? extends Connection> create() {
		return Mono.from(this.delegate.create()).map((connection) -> new TimeBoundConnection(connection, this.answers));
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.delegate.getMetadata();
	}

	@Override
	public ConnectionFactory unwrap() {
		return this.delegate;
	}

}
