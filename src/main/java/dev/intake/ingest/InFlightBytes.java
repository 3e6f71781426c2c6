package dev.intake.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The bytes that the uploads of this instance may hold together: each upload reserves its
 * worst case before its body is read and gives it back when it ends, however it ends.
 * <p>
 * Reservations are granted first come, first served: one that does not fit waits (its
 * body is not read meanwhile) until earlier ones are released. Cancelling a waiting
 * reservation withdraws it; a reservation granted after its subscriber went away is
 * released at once. A reservation larger than the whole budget is taken as the whole
 * budget, so it runs alone instead of never.
 */
final class InFlightBytes {

	private final long capacity;

	private final Deque<Waiter> waiting = new ArrayDeque<>();

	private long reserved;

	InFlightBytes(long capacity) {
		this.capacity = capacity;
	}

	/** Publishes the reserved bytes and the waiting uploads as gauges. */
	InFlightBytes measuredBy(MeterRegistry meters) {
		Gauge.builder("intake.ingest.in.flight.bytes", this, InFlightBytes::reserved)
			.description("Bytes reserved by the uploads this instance is processing")
			.baseUnit("bytes")
			.register(meters);
		Gauge.builder("intake.ingest.waiting.uploads", this, InFlightBytes::waitingCount)
			.description("Uploads waiting for their bytes to be reserved")
			.register(meters);
		return this;
	}

	long capacity() {
		return this.capacity;
	}

	synchronized long reserved() {
		return this.reserved;
	}

	synchronized int waitingCount() {
		return this.waiting.size();
	}

	/**
	 * Emits a reservation of {@code bytes} once they fit; release it when done.
	 * @param bytes the bytes to reserve, at least 1
	 * @return the reservation, when granted
	 */
	Mono<Reservation> reserve(long bytes) {
		long wanted = Math.max(1, Math.min(bytes, this.capacity));
		return Mono.<Reservation>create((sink) -> {
			Waiter waiter = new Waiter(wanted, sink);
			sink.onCancel(() -> withdraw(waiter));
			if (grantNow(waiter)) {
				waiter.grant();
			}
		}).doOnDiscard(Reservation.class, Reservation::release);
	}

	private synchronized boolean grantNow(Waiter waiter) {
		if (this.waiting.isEmpty() && this.reserved + waiter.bytes <= this.capacity) {
			this.reserved += waiter.bytes;
			return true;
		}
		this.waiting.addLast(waiter);
		return false;
	}

	private void withdraw(Waiter waiter) {
		boolean removed;
		synchronized (this) {
			removed = this.waiting.remove(waiter);
		}
		if (removed) {
			// A waiter at the head may have held back smaller ones behind it.
			grantWaiting(0);
		}
	}

	private void grantWaiting(long released) {
		List<Waiter> granted = new ArrayList<>();
		synchronized (this) {
			this.reserved -= released;
			while (!this.waiting.isEmpty() && this.reserved + this.waiting.peekFirst().bytes <= this.capacity) {
				Waiter next = this.waiting.removeFirst();
				this.reserved += next.bytes;
				granted.add(next);
			}
		}
		granted.forEach(Waiter::grant);
	}

	/** Bytes held until {@link #release}, which may be called more than once. */
	final class Reservation {

		private final long bytes;

		private final AtomicBoolean released = new AtomicBoolean();

		private Reservation(long bytes) {
			this.bytes = bytes;
		}

		long bytes() {
			return this.bytes;
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				grantWaiting(this.bytes);
			}
		}

	}

	private final class Waiter {

		private final long bytes;

		private final MonoSink<Reservation> sink;

		private Waiter(long bytes, MonoSink<Reservation> sink) {
			this.bytes = bytes;
			this.sink = sink;
		}

		void grant() {
			this.sink.success(new Reservation(this.bytes));
		}

	}

}
