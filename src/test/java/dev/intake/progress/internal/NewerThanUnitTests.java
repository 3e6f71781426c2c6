package dev.intake.progress.internal;

import java.util.UUID;

import dev.intake.progress.ProgressEvent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class NewerThanUnitTests {

	static final UUID UPLOAD = UUID.randomUUID();

	@Test
	void joinsCatchUpAndOverlappingLiveEventsWithoutDuplicates() {
		Flux<StreamedEvent> catchUp = Flux.just(at(3), at(4), at(5));
		Flux<StreamedEvent> live = Flux.just(at(4), at(5), at(6), at(7));

		StepVerifier
			.create(catchUp.concatWith(live).filter(new NewerThan(StreamId.parse("2-0"))).map(StreamedEvent::id))
			.expectNext("3-0", "4-0", "5-0", "6-0", "7-0")
			.verifyComplete();
	}

	@Test
	void dropsEventsUpToTheStart() {
		StepVerifier.create(Flux.just(at(1), at(2), at(3)).filter(new NewerThan(StreamId.parse("2-0"))))
			.expectNextMatches((event) -> event.id().equals("3-0"))
			.verifyComplete();
	}

	@Test
	void letsStatesWithoutIdThrough() {
		StreamedEvent state = new StreamedEvent(null, ProgressEvent.PROGRESS, UPLOAD, "{}");

		StepVerifier.create(Flux.just(at(5), state, at(4), state).filter(new NewerThan(null)))
			.expectNext(at(5), state, state)
			.verifyComplete();
	}

	private static StreamedEvent at(long millis) {
		return Events.streamed(ProgressEvent.PROGRESS, UPLOAD, millis);
	}

}
