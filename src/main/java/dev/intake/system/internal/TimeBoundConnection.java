package dev.intake.system.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One PostgreSQL connection whose every call is bounded by {@link FirstAnswers}. After a
 * call timed out the connection is closed and reports itself invalid: its protocol stream
 * still waits for the lost answer, so no later call may queue behind it. Vendor calls
 * (COPY) are reached through {@link #unwrap()} and bound themselves.
 */
final class TimeBoundConnection implements Connection, Wrapped<Connection> {

	private final Connection delegate;

	private final FirstAnswers answers;

	private final AtomicBoolean broken = new AtomicBoolean();

	TimeBoundConnection(Connection delegate, FirstAnswers answers) {
		this.delegate = delegate;
		this.answers = answers;
	}

	<T> Flux<T> bounded(Publisher<T> call) {
		return this.answers.bounded(call, this::breakOff);
	}

	@Override
	public Publisher<Void> beginTransaction() {
		return bounded(this.delegate.beginTransaction());
	}

	@Override
	public Publisher<Void> beginTransaction(TransactionDefinition definition) {
		return bounded(this.delegate.beginTransaction(definition));
	}

	@Override
	public Publisher<Void> close() {
		return this.broken.get() ? Mono.empty() : bounded(this.delegate.close());
	}

	@Override
	public Publisher<Void> commitTransaction() {
		return bounded(this.delegate.commitTransaction());
	}

	@Override
	public Batch createBatch() {
		return new TimeBoundBatch(this.delegate.createBatch(), this);
	}

	@Override
	public Publisher<Void> createSavepoint(String name) {
		return bounded(this.delegate.createSavepoint(name));
	}

	@Override
	public Statement createStatement(String sql) {
		return new TimeBoundStatement(this.delegate.createStatement(sql), this);
	}

	@Override
	public boolean isAutoCommit() {
		return this.delegate.isAutoCommit();
	}

	@Override
	public ConnectionMetadata getMetadata() {
		return this.delegate.getMetadata();
	}

	@Override
	public IsolationLevel getTransactionIsolationLevel() {
		return this.delegate.getTransactionIsolationLevel();
	}

	@Override
	public Publisher<Void> releaseSavepoint(String name) {
		return bounded(this.delegate.releaseSavepoint(name));
	}

	@Override
	public Publisher<Void> rollbackTransaction() {
		return bounded(this.delegate.rollbackTransaction());
	}

	@Override
	public Publisher<Void> rollbackTransactionToSavepoint(String name) {
		return bounded(this.delegate.rollbackTransactionToSavepoint(name));
	}

	@Override
	public Publisher<Void> setAutoCommit(boolean autoCommit) {
		return bounded(this.delegate.setAutoCommit(autoCommit));
	}

	@Override
	public Publisher<Void> setLockWaitTimeout(Duration timeout) {
		return bounded(this.delegate.setLockWaitTimeout(timeout));
	}

	@Override
	public Publisher<Void> setStatementTimeout(Duration timeout) {
		return bounded(this.delegate.setStatementTimeout(timeout));
	}

	@Override
	public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
		return bounded(this.delegate.setTransactionIsolationLevel(level));
	}

	@Override
	public Publisher<Boolean> validate(ValidationDepth depth) {
		return this.broken.get() ? Mono.just(false) : bounded(this.delegate.validate(depth));
	}

	@Override
	public Connection unwrap() {
		return this.delegate;
	}

	// Closing does not wait for the lost answer: the transport is torn down.
	private void breakOff() {
		if (this.broken.compareAndSet(false, true)) {
			Mono.from(this.delegate.close()).onErrorResume((ex) -> Mono.empty()).subscribe();
		}
	}

}
