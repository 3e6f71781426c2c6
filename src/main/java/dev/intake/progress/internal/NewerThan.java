package dev.intake.progress.internal;

import java.util.function.Predicate;

/**
 * Lets through, for one subscriber, only stream events newer than the last one it let
 * through, so a catch-up and the live events that overlap it join without a duplicate. It
 * compares stream entry ids only: states read from PostgreSQL always pass (and do not
 * move it), {@link UploadPositions} joins them with the stream's events. Not thread-safe:
 * one per subscription, used in its (serial) pipeline.
 */
final class NewerThan implements Predicate<StreamedEvent> {

	private StreamId last;

	NewerThan(StreamId start) {
		this.last = start;
	}

	@Override
	public boolean test(StreamedEvent event) {
		StreamId id = event.streamId();
		if (id == null || event.stored()) {
			return true;
		}
		if (this.last != null && !id.isAfter(this.last)) {
			return false;
		}
		this.last = id;
		return true;
	}

}
