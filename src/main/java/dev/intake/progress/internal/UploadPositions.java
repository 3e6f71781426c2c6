package dev.intake.progress.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What one subscriber has been sent, so that events from Redis and states read from
 * PostgreSQL join without a duplicate the subscriber could see, in either order and
 * across outages.
 * <p>
 * Each upload's events have a position: its rows read so far, terminal events after all
 * others. An event whose upload was already sent an event at the same or a later position
 * is dropped: the same state from the other source, or an older one that came late.
 * Stream entries without a position (written before Intake stored one) pass.
 * <p>
 * Ids: a stream entry keeps its Redis id. A state read from PostgreSQL by
 * {@link StateChecks} (which gives it {@code <millis>-0} of when it was stored) gets that
 * id, or the newest id sent so far if that is later, so the ids a subscriber gets never
 * go back, and a {@code Last-Event-ID} of either kind is a position in time for both
 * sources: Redis returns the entries after it, PostgreSQL the states stored in a later
 * millisecond. This holds as far as the clocks of Redis and PostgreSQL agree (NTP keeps
 * them within milliseconds). The state an upload's subscriber gets first when its stream
 * has no event yet, or last when the stream has expired, keeps no id, as before: it is no
 * position.
 * <p>
 * One per subscription, used by its serial pipeline; the newest id is also read by the
 * PostgreSQL polls, from other threads. Remembers the last {@value #REMEMBERED} uploads.
 */
final class UploadPositions {

	/** Uploads remembered per subscriber: far more than a tenant runs at once. */
	static final int REMEMBERED = 1024;

	private final Map<UUID, Position> sent = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<UUID, Position> eldest) {
			return size() > REMEMBERED;
		}

	};

	private final long floorMillis;

	private volatile StreamId newest;

	/**
	 * What a new subscriber has been sent: nothing yet.
	 * @param after the subscriber's {@code Last-Event-ID}, or {@code null}
	 * @param subscribedAt when it subscribed: without an id, it gets what changes from
	 * then on
	 */
	UploadPositions(StreamId after, Instant subscribedAt) {
		this.newest = (after != null) ? after : new StreamId(subscribedAt.toEpochMilli(), 0);
		this.floorMillis = (after != null) ? after.millis() + 1 : subscribedAt.toEpochMilli();
	}

	/**
	 * The event as the subscriber is to get it (a state read from PostgreSQL with its
	 * id), or {@code null} if the subscriber has it, or a newer one of its upload.
	 */
	synchronized StreamedEvent admit(StreamedEvent event) {
		Position position = Position.of(event);
		if (position != null) {
			Position before = this.sent.get(event.uploadId());
			if (before != null && !position.isAfter(before)) {
				return null;
			}
			this.sent.put(event.uploadId(), position);
		}
		StreamedEvent admitted = (event.stored() && event.id() != null) ? event.withId(idOfState(event.streamId()))
				: event;
		StreamId id = admitted.streamId();
		if (id != null && id.isAfter(this.newest)) {
			this.newest = id;
		}
		return admitted;
	}

	/**
	 * From when PostgreSQL is to be read for states the subscriber may lack: a little
	 * before the newest id sent, for changes committed late, but never before what the
	 * subscriber had when it subscribed.
	 */
	Instant readFrom(Duration readBack) {
		return Instant.ofEpochMilli(Math.max(this.floorMillis, this.newest.millis() - readBack.toMillis()));
	}

	private StreamId idOfState(StreamId storedAt) {
		StreamId newestSent = this.newest;
		return newestSent.isAfter(storedAt) ? newestSent : storedAt;
	}

	/** Where an event is among its upload's events. */
	private record Position(boolean terminal, long rows) {

		static Position of(StreamedEvent event) {
			return (event.rowsProcessed() != null) ? new Position(event.isTerminal(), event.rowsProcessed()) : null;
		}

		boolean isAfter(Position other) {
			if (this.terminal != other.terminal) {
				return this.terminal;
			}
			return !this.terminal && this.rows > other.rows;
		}

	}

}
