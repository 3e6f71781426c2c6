package dev.intake.progress.internal;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One kind of Redis trouble, such as publishing or reading: every failure is counted, but
 * only the first failure of an outage is logged, and so is the recovery. Whether Redis
 * works is also offered as a stream, for subscribers that fall back to PostgreSQL
 * meanwhile. Thread-safe.
 */
final class Outage {

	private static final Logger log = LoggerFactory.getLogger(Outage.class);

	private final String activity;

	private final Counter failures;

	private final Sinks.Many<Boolean> working = Sinks.many().replay().latest();

	private volatile boolean down;

	private long failuresSinceDown;

	/**
	 * An outage tracker that starts with Redis working.
	 * @param activity what fails, for the log, such as "Publishing progress events"
	 * @param failures counts every failure
	 */
	Outage(String activity, Counter failures) {
		this.activity = activity;
		this.failures = failures;
		this.working.tryEmitNext(true);
	}

	void failed(Throwable ex) {
		this.failures.increment();
		synchronized (this) {
			this.failuresSinceDown++;
			if (!this.down) {
				this.down = true;
				log.warn("{} failed ({}); uploads go on, and further failures are only counted until Redis works again",
						this.activity, ex.toString());
				this.working.tryEmitNext(false);
			}
		}
	}

	void recovered() {
		if (!this.down) {
			return;
		}
		synchronized (this) {
			if (this.down) {
				this.down = false;
				log.info("{} works again after {} failures", this.activity, this.failuresSinceDown);
				this.failuresSinceDown = 0;
				this.working.tryEmitNext(true);
			}
		}
	}

	boolean isDown() {
		return this.down;
	}

	/** Emits whether Redis works now, then every change. */
	Flux<Boolean> working() {
		return this.working.asFlux();
	}

}
