package dev.intake.progress.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A bounded first-in first-out queue of events for one consumer that may fall behind.
 * When it is full, the oldest progress event makes room, preferably one of the same
 * upload as the newcomer, so the latest counts of every upload survive. Lifecycle events
 * ({@code started}, {@code completed}, {@code failed}) are never dropped: with them the
 * queue may go beyond its capacity, one event per upload at most in practice.
 * <p>
 * Thread-safe.
 *
 * @param <T> the type of event
 */
final class ConflatingQueue<T> {

	private final ArrayDeque<T> events = new ArrayDeque<>();

	private final int capacity;

	private final Predicate<T> droppable;

	private final Function<T, UUID> uploadOf;

	ConflatingQueue(int capacity, Predicate<T> droppable, Function<T, UUID> uploadOf) {
		this.capacity = capacity;
		this.droppable = droppable;
		this.uploadOf = uploadOf;
	}

	/**
	 * Adds an event at the end, dropping one progress event when the queue is full.
	 * @return how many events were dropped: 0 or 1
	 */
	synchronized int add(T event) {
		if (this.events.size() < this.capacity) {
			this.events.add(event);
			return 0;
		}
		if (removeOldestDroppable(this.uploadOf.apply(event)) || removeOldestDroppable(null)) {
			this.events.add(event);
			return 1;
		}
		if (this.droppable.test(event)) {
			return 1;
		}
		this.events.add(event);
		return 0;
	}

	synchronized T poll() {
		return this.events.poll();
	}

	synchronized boolean isEmpty() {
		return this.events.isEmpty();
	}

	synchronized int size() {
		return this.events.size();
	}

	private boolean removeOldestDroppable(UUID upload) {
		Iterator<T> queued = this.events.iterator();
		while (queued.hasNext()) {
			T event = queued.next();
			if (this.droppable.test(event) && (upload == null || upload.equals(this.uploadOf.apply(event)))) {
				queued.remove();
				return true;
			}
		}
		return false;
	}

}
