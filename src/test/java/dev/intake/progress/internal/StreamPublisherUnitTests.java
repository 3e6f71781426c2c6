package dev.intake.progress.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.intake.progress.ProgressEvent;
import dev.intake.tenant.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class StreamPublisherUnitTests {

	static final TenantId TENANT = TenantId.of("test");

	static final UUID A = UUID.randomUUID();

	static final UUID B = UUID.randomUUID();

	SimpleMeterRegistry meters = new SimpleMeterRegistry();

	ManualWriter writer = new ManualWriter();

	StreamPublisher publisher = new StreamPublisher(this.writer, 4, this.meters);

	@Test
	void writesTheEventsOfAnUploadInOrderOneAtATime() {
		this.publisher.publish(TENANT, event(ProgressEvent.STARTED, A, 0));
		this.publisher.publish(TENANT, event(ProgressEvent.PROGRESS, A, 5000));
		this.publisher.publish(TENANT, event(ProgressEvent.COMPLETED, A, 7000));

		assertThat(this.writer.inFlight).hasSize(1);
		this.writer.finishAll();

		assertThat(this.writer.written).extracting(ProgressEvent::rowsProcessed).containsExactly(0L, 5000L, 7000L);
	}

	@Test
	void conflatesProgressWhileWritingFallsBehindButWritesTheTerminalEvent() {
		this.publisher.publish(TENANT, event(ProgressEvent.STARTED, A, 0));
		for (int batch = 1; batch <= 100; batch++) {
			this.publisher.publish(TENANT, event(ProgressEvent.PROGRESS, A, batch));
		}
		this.publisher.publish(TENANT, event(ProgressEvent.COMPLETED, A, 100));
		this.writer.finishAll();

		assertThat(this.writer.written).extracting(ProgressEvent::type)
			.containsExactly(ProgressEvent.STARTED, ProgressEvent.PROGRESS, ProgressEvent.PROGRESS,
					ProgressEvent.PROGRESS, ProgressEvent.COMPLETED);
		assertThat(this.writer.written).extracting(ProgressEvent::rowsProcessed)
			.containsExactly(0L, 98L, 99L, 100L, 100L);
		assertThat(this.meters.counter("intake.progress.conflated", "side", "publisher").count()).isEqualTo(97);
	}

	@Test
	void neverMakesTheCallerWaitForRedis() {
		StreamPublisher stuck = new StreamPublisher((tenant, event) -> Mono.never(), 4, this.meters);

		for (int batch = 0; batch < 10_000; batch++) {
			stuck.publish(TENANT, event(ProgressEvent.PROGRESS, A, batch));
		}
		stuck.publish(TENANT, event(ProgressEvent.COMPLETED, A, 10_000));

		assertThat(stuck.busyUploads()).isOne();
	}

	@Test
	void writesEachUploadInItsOwnLane() {
		this.publisher.publish(TENANT, event(ProgressEvent.STARTED, A, 0));
		this.publisher.publish(TENANT, event(ProgressEvent.STARTED, B, 0));

		assertThat(this.writer.inFlight).hasSize(2);
	}

	@Test
	void goesOnAfterFailedWritesAndCountsEachOne() {
		AtomicInteger attempts = new AtomicInteger();
		List<ProgressEvent> written = new ArrayList<>();
		StreamPublisher flaky = new StreamPublisher((tenant, event) -> (attempts.incrementAndGet() <= 3)
				? Mono.error(new IllegalStateException("Redis is away")) : Mono.fromRunnable(() -> written.add(event)),
				4, this.meters);

		for (int batch = 1; batch <= 5; batch++) {
			flaky.publish(TENANT, event(ProgressEvent.PROGRESS, A, batch));
		}

		assertThat(written).extracting(ProgressEvent::rowsProcessed).containsExactly(4L, 5L);
		assertThat(this.meters.counter("intake.progress.publish.failures").count()).isEqualTo(3);
	}

	@Test
	void forgetsAnUploadOnceItsEventsAreWritten() {
		this.publisher.publish(TENANT, event(ProgressEvent.STARTED, A, 0));
		this.publisher.publish(TENANT, event(ProgressEvent.COMPLETED, A, 1));
		assertThat(this.publisher.busyUploads()).isOne();

		this.writer.finishAll();

		assertThat(this.publisher.busyUploads()).isZero();
	}

	private static ProgressEvent event(String type, UUID upload, long rows) {
		return Events.event(type, upload, rows);
	}

	/** Writes when the test says so. */
	static final class ManualWriter implements EventWriter {

		final Queue<Sinks.Empty<Void>> inFlight = new ConcurrentLinkedQueue<>();

		final List<ProgressEvent> written = new CopyOnWriteArrayList<>();

		@Override
		public Mono<Void> write(TenantId tenant, ProgressEvent event) {
			Sinks.Empty<Void> done = Sinks.empty();
			this.inFlight.add(done);
			return done.asMono().doOnSuccess((ignored) -> this.written.add(event));
		}

		void finishAll() {
			Sinks.Empty<Void> next;
			while ((next = this.inFlight.poll()) != null) {
				next.tryEmitEmpty();
			}
		}

	}

}
