package dev.intake.system;

import java.time.Duration;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;

/**
 * A sweep that runs on every instance from the application's start to its stop: once at
 * start, then every interval. Runs never overlap: a tick that comes while a run is still
 * going is dropped. A run that errors is logged as a warning (by the subclass's logger)
 * and the next tick tries again; nothing is emitted to anyone. On stop, the run in
 * progress is cancelled.
 */
public abstract class PeriodicSweep implements SmartLifecycle {

	private final Logger log = LoggerFactory.getLogger(getClass());

	private final String activity;

	private volatile Disposable sweeps;

	/**
	 * A sweep named for the log.
	 * @param activity what a run does, for the log, such as "Expiring interrupted
	 * uploads"
	 */
	protected PeriodicSweep(String activity) {
		this.activity = activity;
	}

	/** How long from one run's start to the next tick. */
	protected abstract Duration interval();

	/** One run: subscribed to at every tick that finds no run going. */
	protected abstract Publisher<?> sweepOnce();

	@Override
	public void start() {
		Duration interval = interval();
		this.sweeps = Flux.interval(Duration.ZERO, interval)
			.onBackpressureDrop()
			.concatMap((tick) -> Flux.from(sweepOnce()).onErrorResume((ex) -> {
				this.log.warn("{} failed; trying again in {}: {}", this.activity, interval, ex.toString());
				return Flux.empty();
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.sweeps;
		if (running != null) {
			running.dispose();
		}
		this.sweeps = null;
	}

	@Override
	public boolean isRunning() {
		return this.sweeps != null;
	}

}
