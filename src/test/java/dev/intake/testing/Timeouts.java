package dev.intake.testing;

import java.time.Duration;

/** How long integration tests wait, so that every test waits the same. */
public final class Timeouts {

	/**
	 * How long a test waits for an answer, an event or a state: far longer than it takes
	 * on a loaded machine, so that only a hang runs into it.
	 */
	public static final Duration PATIENCE = Duration.ofSeconds(60);

	private Timeouts() {
	}

}
