package dev.intake.progress.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a Redis stream entry, {@code <millis>-<sequence>}, ordered as Redis orders
 * them. Subscribers send it back as {@code Last-Event-ID}.
 *
 * @param millis the entry's time part
 * @param sequence the entry's sequence within that millisecond
 */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {

	/** Before every entry. */
	static final StreamId ZERO = new StreamId(0, 0);

	private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})(?:-(\\d{1,19}))?");

	/**
	 * Reads an id as Redis writes it; a bare number means sequence 0.
	 * @throws IllegalArgumentException if it is not a stream id
	 */
	static StreamId parse(String text) {
		Matcher matcher = FORMAT.matcher((text != null) ? text.trim() : "");
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a stream id: " + text);
		}
		try {
			long millis = Long.parseLong(matcher.group(1));
			long sequence = (matcher.group(2) != null) ? Long.parseLong(matcher.group(2)) : 0;
			return new StreamId(millis, sequence);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a stream id: " + text, ex);
		}
	}

	/** The smallest id after this one, for ranges that start after it. */
	StreamId next() {
		return (this.sequence == Long.MAX_VALUE) ? new StreamId(this.millis + 1, 0)
				: new StreamId(this.millis, this.sequence + 1);
	}

	boolean isAfter(StreamId other) {
		return compareTo(other) > 0;
	}

	@Override
	public int compareTo(StreamId other) {
		int byMillis = Long.compare(this.millis, other.millis);
		return (byMillis != 0) ? byMillis : Long.compare(this.sequence, other.sequence);
	}

	@Override
	public String toString() {
		return this.millis + "-" + this.sequence;
	}

}
