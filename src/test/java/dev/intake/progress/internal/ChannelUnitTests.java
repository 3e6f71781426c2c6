package dev.intake.progress.internal;

import java.time.Duration;
import java.util.UUID;

import dev.intake.progress.ProgressEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelUnitTests {

	static final UUID UPLOAD = UUID.randomUUID();

	Channel channel = new Channel("stream");

	Tap tap = this.channel.newTap(8, new SimpleMeterRegistry().counter("conflated"));

	@Test
	void deliversNothingBeforeItKnowsWhereToStart() {
		this.channel.deliver(new StreamId(1, 0), progress(1));

		assertThat(this.channel.isPositioned()).isFalse();
		StepVerifier.create(this.tap.events()).expectSubscription().expectNoEvent(Duration.ZERO).thenCancel().verify();
	}

	@Test
	void keepsTheFirstPositionItIsGiven() {
		assertThat(this.channel.positionAt(new StreamId(5, 0))).isTrue();
		assertThat(this.channel.positionAt(new StreamId(9, 0))).isFalse();

		assertThat(this.channel.cursor()).isEqualTo(new StreamId(5, 0));
		StepVerifier.create(this.tap.positioned()).verifyComplete();
	}

	@Test
	void ignoresEntriesAtOrBeforeItsPosition() {
		this.channel.positionAt(new StreamId(5, 0));
		this.channel.deliver(new StreamId(4, 0), progress(4));
		this.channel.deliver(new StreamId(5, 0), progress(5));
		this.channel.deliver(new StreamId(6, 0), progress(6));
		this.channel.deliver(new StreamId(6, 0), progress(6));

		StepVerifier.create(this.tap.events())
			.expectNextMatches((event) -> event.id().equals("6-0"))
			.expectNoEvent(Duration.ZERO)
			.thenCancel()
			.verify();
	}

	@Test
	void movesPastAnEntryItSkips() {
		this.channel.positionAt(StreamId.ZERO);
		this.channel.deliver(new StreamId(3, 0), null);

		assertThat(this.channel.cursor()).isEqualTo(new StreamId(3, 0));
	}

	@Test
	void forgetsATapThatLeft() {
		this.channel.remove(this.tap);

		assertThat(this.channel.hasTaps()).isFalse();
	}

	private static StreamedEvent progress(long millis) {
		return Events.streamed(ProgressEvent.PROGRESS, UPLOAD, millis);
	}

}
