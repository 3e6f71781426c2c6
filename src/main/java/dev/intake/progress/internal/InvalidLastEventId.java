package dev.intake.progress.internal;

import dev.intake.system.Problem;

import org.springframework.http.HttpStatus;

/** A {@code Last-Event-ID} that is no event id this API sent. */
public final class InvalidLastEventId extends Problem {

	/** This problem's code. */
	public static final String CODE = "invalid-last-event-id";

	InvalidLastEventId() {
		super(HttpStatus.BAD_REQUEST, CODE, "Invalid Last-Event-ID",
				"Last-Event-ID (or lastEventId) must be an event id sent by this API, such as 1718000000000-0");
	}

	/**
	 * Reads a {@code Last-Event-ID}.
	 * @return the stream id, or {@code null} when there is none
	 * @throws InvalidLastEventId if it is not a stream id
	 */
	static StreamId parse(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return StreamId.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidLastEventId();
		}
	}

}
