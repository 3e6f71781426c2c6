package dev.intake.progress.internal;

import java.time.Duration;
import java.util.UUID;

import dev.intake.progress.ProgressEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class TapUnitTests {

	static final UUID UPLOAD = UUID.randomUUID();

	Counter conflated = new SimpleMeterRegistry().counter("conflated");

	Channel channel = new Channel("stream");

	@Test
	void relaysEventsInOrderAsTheSubscriberAsks() {
		Tap tap = this.channel.newTap(8, this.conflated);

		StepVerifier.create(tap.events(), 0)
			.then(() -> tap.offer(progress(1)))
			.then(() -> tap.offer(progress(2)))
			.expectNoEvent(Duration.ZERO)
			.thenRequest(1)
			.expectNextMatches((event) -> event.id().equals("1-0"))
			.thenRequest(5)
			.expectNextMatches((event) -> event.id().equals("2-0"))
			.then(() -> tap.offer(progress(3)))
			.expectNextMatches((event) -> event.id().equals("3-0"))
			.thenCancel()
			.verify();
	}

	@Test
	void keepsWhatArrivesBeforeTheSubscriberComes() {
		Tap tap = this.channel.newTap(8, this.conflated);
		tap.offer(progress(1));
		tap.offer(progress(2));

		StepVerifier.create(tap.events())
			.expectNextMatches((event) -> event.id().equals("1-0"))
			.expectNextMatches((event) -> event.id().equals("2-0"))
			.thenCancel()
			.verify();
	}

	@Test
	void conflatesProgressForASlowSubscriberButKeepsTheTerminalEvent() {
		Tap tap = this.channel.newTap(4, this.conflated);

		StepVerifier.create(tap.events(), 0).then(() -> {
			for (int i = 1; i <= 100; i++) {
				tap.offer(progress(i));
			}
			tap.offer(Events.streamed(ProgressEvent.COMPLETED, UPLOAD, 101));
		})
			.thenRequest(Long.MAX_VALUE)
			.expectNextMatches((event) -> event.id().equals("98-0"))
			.expectNextMatches((event) -> event.id().equals("99-0"))
			.expectNextMatches((event) -> event.id().equals("100-0"))
			.expectNextMatches(StreamedEvent::isTerminal)
			.thenCancel()
			.verify();
		assertThat(this.conflated.count()).isEqualTo(97);
	}

	@Test
	void aSlowSubscriberDoesNotHoldUpAFastOne() {
		Tap slow = this.channel.newTap(2, this.conflated);
		Tap fast = this.channel.newTap(2, this.conflated);
		this.channel.positionAt(StreamId.ZERO);

		StepVerifier.create(fast.events()).then(() -> {
			for (int i = 1; i <= 50; i++) {
				this.channel.deliver(new StreamId(i, 0), progress(i));
			}
		}).expectNextCount(50).thenCancel().verify();
		StepVerifier.create(slow.events()).expectNextCount(2).thenCancel().verify();
	}

	private static StreamedEvent progress(long millis) {
		return Events.streamed(ProgressEvent.PROGRESS, UPLOAD, millis);
	}

}
