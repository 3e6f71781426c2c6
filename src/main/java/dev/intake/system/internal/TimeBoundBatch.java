package dev.intake.system.internal;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import org.reactivestreams.Publisher;

/** A batch of a {@link TimeBoundConnection}: its results are bounded too. */
final class TimeBoundBatch implements Batch {

	private final Batch delegate;

	private final TimeBoundConnection connection;

	TimeBoundBatch(Batch delegate, TimeBoundConnection connection) {
		this.delegate = delegate;
		this.connection = connection;
	}

	@Override
	public Batch add(String sql) {
		this.delegate.add(sql);
		return this;
	}

	@Override
	public Publisher<? extends Result> execute() {
		return this.connection.bounded(this.delegate.execute())
			.map((result) -> new TimeBoundResult(result, this.connection));
	}

}
