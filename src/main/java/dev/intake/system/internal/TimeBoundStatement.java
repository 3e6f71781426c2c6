package dev.intake.system.internal;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;

/** A statement of a {@link TimeBoundConnection}: its results are bounded too. */
final class TimeBoundStatement implements Statement {

	private final Statement delegate;

	private final TimeBoundConnection connection;

	TimeBoundStatement(Statement delegate, TimeBoundConnection connection) {
		this.delegate = delegate;
		this.connection = connection;
	}

	@Override
	public Statement add() {
		this.delegate.add();
		return this;
	}

	@Override
	public Statement bind(int index, Object value) {
		this.delegate.bind(index, value);
		return this;
	}

	@Override
	public Statement bind(String name, Object value) {
		this.delegate.bind(name, value);
		return this;
	}

	@Override
	public Statement bindNull(int index, Class<?> type) {
		this.delegate.bindNull(index, type);
		return this;
	}

	@Override
	public Statement bindNull(String name, Class<?> type) {
		this.delegate.bindNull(name, type);
		return this;
	}

	@Override
	public Statement returnGeneratedValues(String... columns) {
		this.delegate.returnGeneratedValues(columns);
		return this;
	}

	@Override
	public Statement fetchSize(int rows) {
		this.delegate.fetchSize(rows);
		return this;
	}

	@Override
	public Publisher<? extends Result> execute() {
		return this.connection.bounded(this.delegate.execute())
			.map((result) -> new TimeBoundResult(result, this.connection));
	}

}
