package dev.intake.progress.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.intake.progress.ProgressEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConflatingQueueUnitTests {

	static final UUID A = UUID.randomUUID();

	static final UUID B = UUID.randomUUID();

	ConflatingQueue<StreamedEvent> queue = new ConflatingQueue<>(3, StreamedEvent::isProgress, StreamedEvent::uploadId);

	@Test
	void keepsOrderWhileThereIsRoom() {
		assertThat(this.queue.add(progress(A, 1))).isZero();
		assertThat(this.queue.add(progress(A, 2))).isZero();

		assertThat(drained()).extracting(StreamedEvent::id).containsExactly("1-0", "2-0");
	}

	@Test
	void dropsTheOldestProgressOfTheSameUploadWhenFull() {
		this.queue.add(progress(B, 1));
		this.queue.add(progress(A, 2));
		this.queue.add(progress(A, 3));

		assertThat(this.queue.add(progress(A, 4))).isOne();

		assertThat(drained()).extracting(StreamedEvent::id).containsExactly("1-0", "3-0", "4-0");
	}

	@Test
	void dropsTheOldestProgressOfAnotherUploadWhenTheSameHasNone() {
		this.queue.add(progress(B, 1));
		this.queue.add(progress(B, 2));
		this.queue.add(lifecycle(ProgressEvent.STARTED, A, 3));

		assertThat(this.queue.add(progress(A, 4))).isOne();

		assertThat(drained()).extracting(StreamedEvent::id).containsExactly("2-0", "3-0", "4-0");
	}

	@Test
	void neverDropsLifecycleEvents() {
		this.queue.add(lifecycle(ProgressEvent.STARTED, A, 1));
		this.queue.add(lifecycle(ProgressEvent.STARTED, B, 2));
		this.queue.add(lifecycle(ProgressEvent.COMPLETED, A, 3));

		assertThat(this.queue.add(lifecycle(ProgressEvent.FAILED, B, 4))).isZero();
		assertThat(this.queue.add(progress(A, 5))).isOne();

		assertThat(drained()).extracting(StreamedEvent::type)
			.containsExactly(ProgressEvent.STARTED, ProgressEvent.STARTED, ProgressEvent.COMPLETED,
					ProgressEvent.FAILED);
	}

	@Test
	void keepsATerminalEventBehindManyProgressEvents() {
		for (int i = 1; i <= 100; i++) {
			this.queue.add(progress(A, i));
		}
		this.queue.add(lifecycle(ProgressEvent.COMPLETED, A, 101));

		assertThat(drained()).extracting(StreamedEvent::id).containsExactly("99-0", "100-0", "101-0");
	}

	private List<StreamedEvent> drained() {
		List<StreamedEvent> events = new ArrayList<>();
		StreamedEvent next;
		while ((next = this.queue.poll()) != null) {
			events.add(next);
		}
		return events;
	}

	private static StreamedEvent progress(UUID upload, long millis) {
		return Events.streamed(ProgressEvent.PROGRESS, upload, millis);
	}

	private static StreamedEvent lifecycle(String type, UUID upload, long millis) {
		return Events.streamed(type, upload, millis);
	}

}
