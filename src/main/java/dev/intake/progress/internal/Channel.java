package dev.intake.progress.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One stream that this instance reads for its subscribers: how far reading has got, and
 * the {@link Tap}s that get every entry read after that. A new channel has no position
 * until the newest entry id of its stream is known; it is read from there on.
 */
final class Channel {

	private final String key;

	private final Set<Tap> taps = ConcurrentHashMap.newKeySet();

	private final Sinks.Empty<Void> positioned = Sinks.empty();

	private volatile StreamId cursor;

	Channel(String key) {
		this.key = key;
	}

	String key() {
		return this.key;
	}

	Tap newTap(int capacity, Counter conflated) {
		Tap tap = new Tap(this, capacity, conflated);
		this.taps.add(tap);
		return tap;
	}

	void remove(Tap tap) {
		this.taps.remove(tap);
	}

	boolean hasTaps() {
		return !this.taps.isEmpty();
	}

	int tapCount() {
		return this.taps.size();
	}

	boolean isPositioned() {
		return this.cursor != null;
	}

	Mono<Void> positioned() {
		return this.positioned.asMono();
	}

	/**
	 * Sets where reading starts, unless it is set already.
	 * @return whether this call set it
	 */
	synchronized boolean positionAt(StreamId start) {
		if (this.cursor != null) {
			return false;
		}
		this.cursor = start;
		this.positioned.tryEmitEmpty();
		return true;
	}

	StreamId cursor() {
		return this.cursor;
	}

	/**
	 * Moves past an entry just read and hands its event to every tap; an entry at or
	 * before the position (read twice) is ignored.
	 * @param event the entry's event, or {@code null} for an entry that is skipped
	 */
	void deliver(StreamId id, StreamedEvent event) {
		StreamId current = this.cursor;
		if (current == null || !id.isAfter(current)) {
			return;
		}
		this.cursor = id;
		if (event != null) {
			this.taps.forEach((tap) -> tap.offer(event));
		}
	}

}
