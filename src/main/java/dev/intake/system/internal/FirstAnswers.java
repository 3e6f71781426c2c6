package dev.intake.system.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.intake.system.DatabaseCalls;
import dev.intake.system.DatabaseSettings;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds the wait for PostgreSQL's first answer to one call: the first row, the update
 * count, or the completion of a call that answers nothing. Later rows are not bounded: a
 * slow reader of a long result is not PostgreSQL being away.
 * <p>
 * Emits what the call emits; when no answer comes in time it cancels the call, runs
 * {@code onTimeout} and ends with an {@link R2dbcTimeoutException} (a transient R2DBC
 * error, which Spring translates to {@code QueryTimeoutException}).
 */
final class FirstAnswers {

	private final DatabaseSettings settings;

	FirstAnswers(DatabaseSettings settings) {
		this.settings = settings;
	}

	<T> Flux<T> bounded(Publisher<T> call, Runnable onTimeout) {
		return Flux.deferContextual((context) -> {
			Duration limit = DatabaseCalls.isLongRunning(context) ? this.settings.longAnswerTimeout()
					: this.settings.answerTimeout();
			return Flux.from(call)
				.timeout(Mono.delay(limit), (answer) -> Mono.never())
				.onErrorMap(TimeoutException.class, (ex) -> timedOut(limit, ex, onTimeout));
		});
	}

	private static R2dbcTimeoutException timedOut(Duration limit, TimeoutException ex, Runnable onTimeout) {
		onTimeout.run();
		return new R2dbcTimeoutException("PostgreSQL did not answer within " + limit, ex);
	}

}
