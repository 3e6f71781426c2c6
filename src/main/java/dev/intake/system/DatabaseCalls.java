package dev.intake.system;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Marks database work whose duration grows with the data it touches (an upload's change
 * count, its completion), so that each of its calls may wait
 * {@link DatabaseSettings#longAnswerTimeout()} for PostgreSQL's first answer instead of
 * {@link DatabaseSettings#answerTimeout()}. Every other call keeps the short bound.
 */
public final class DatabaseCalls {

	private static final Object LONG_RUNNING = DatabaseCalls.class.getName() + ".longRunning";

	private DatabaseCalls() {
	}

	/** The same work, its database calls allowed the long answer timeout. */
	public static <T> Mono<T> longRunning(Mono<T> work) {
		return work.contextWrite((context) -> context.put(LONG_RUNNING, Boolean.TRUE));
	}

	/** The same work, its database calls allowed the long answer timeout. */
	public static <T> Flux<T> longRunning(Flux<T> work) {
		return work.contextWrite((context) -> context.put(LONG_RUNNING, Boolean.TRUE));
	}

	/** Whether the subscriber of a database call marked it long-running. */
	public static boolean isLongRunning(ContextView context) {
		return context.getOrDefault(LONG_RUNNING, Boolean.FALSE);
	}

}
