package dev.intake.system.internal;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.reactivestreams.Publisher;

/** A result of a {@link TimeBoundConnection}: the wait for its first row is bounded. */
final class TimeBoundResult implements Result {

	private final Result delegate;

	private final TimeBoundConnection connection;

	TimeBoundResult(Result delegate, TimeBoundConnection connection) {
		this.delegate = delegate;
		this.connection = connection;
	}

	@Override
	public Publisher<Long> getRowsUpdated() {
		return this.connection.bounded(this.delegate.getRowsUpdated());
	}

	@Override
	public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
		return this.connection.bounded(this.delegate.map(mapping));
	}

	@Override
	public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
		return this.connection.bounded(this.delegate.map(mapping));
	}

	@Override
	public Result filter(Predicate<Segment> filter) {
		return new TimeBoundResult(this.delegate.filter(filter), this.connection);
	}

	@Override
	public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
		return this.connection.bounded(this.delegate.flatMap(mapping));
	}

}
