package dev.intake.upload.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Fails the uploads still in flight when the instance shuts down, after the graceful
 * shutdown of the web server let them finish for up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase}: each ends {@code FAILED} with
 * stage {@code receive} and code {@code shutdown}, and its entries are removed, before
 * the web server stops and before the database connections close. Blocks the shutdown
 * thread (never an event loop) for at most {@code intake.recovery.fail-timeout}; an
 * upload that could not be failed by then is left to another instance's recovery sweeper.
 * {@link UploadFailures} fails them (and interrupts those sent in pieces).
 */
@Component
class InFlightShutdown implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InFlightShutdown.class);

	private final UploadFailures failures;

	private final InFlightUploads inFlight;

	private final RecoverySettings settings;

	private volatile boolean running;

	InFlightShutdown(UploadFailures failures, InFlightUploads inFlight, RecoverySettings settings) {
		this.failures = failures;
		this.inFlight = inFlight;
		this.settings = settings;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		int left = this.inFlight.runs().size();
		if (left == 0) {
			return;
		}
		log.warn("Shutting down with {} upload(s) in flight: failing them", left);
		Duration wait = this.settings.failTimeout().plusSeconds(1);
		try {
			this.failures.failInFlight().block(wait);
		}
		catch (RuntimeException ex) {
			log.warn("Uploads in flight could not all be failed on shutdown; recovery will fail them", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the web server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024})
	 * and before the web server stops ({@code DEFAULT_PHASE - 2048}).
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1536;
	}

}
