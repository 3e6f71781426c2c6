package dev.intake.idempotency;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes expired idempotency keys every {@code intake.idempotency.cleanup-interval}
 * while the application runs. Each run is one non-blocking statement started from a timer
 * thread, never on an event loop, and runs never overlap. A failed run is logged and the
 * next one comes on time; stopping the application cancels the timer and a run in flight.
 * Several instances may all run it: deleting twice is harmless.
 */
@Component
class ExpiredKeysCleanup implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ExpiredKeysCleanup.class);

	private final IdempotencyKeys keys;

	private final IdempotencySettings settings;

	private volatile Disposable running;

	ExpiredKeysCleanup(IdempotencyKeys keys, IdempotencySettings settings) {
		this.keys = keys;
		this.settings = settings;
	}

	/**
	 * Emits how many keys each run deleted, one run per interval, the first after one
	 * interval; a run that fails emits nothing and the runs go on.
	 */
	static Flux<Long> runs(Supplier<Mono<Long>> deleteExpired, Duration interval, Scheduler timer) {
		return Flux.interval(interval, interval, timer)
			.onBackpressureDrop()
			.concatMap((tick) -> deleteExpired.get()
				.doOnError((ex) -> log.warn("Expired idempotency keys could not be deleted; will retry", ex))
				.onErrorComplete(), 1);
	}

	@Override
	public void start() {
		this.running = runs(this.keys::deleteExpired, this.settings.cleanupInterval(), Schedulers.parallel())
			.filter((deleted) -> deleted > 0)
			.subscribe((deleted) -> log.info("Deleted {} expired idempotency keys", deleted));
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
