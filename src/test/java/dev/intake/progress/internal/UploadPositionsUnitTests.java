package dev.intake.progress.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class UploadPositionsUnitTests {

	static final UUID UPLOAD = UUID.randomUUID();

	static final UUID OTHER = UUID.randomUUID();

	static final Instant SUBSCRIBED = Instant.ofEpochMilli(1_000);

	@Test
	void joinsStreamEventsAndStoredStatesOfTheSameUploadWithoutDuplicates() {
		UploadPositions positions = new UploadPositions(null, SUBSCRIBED);
		Flux<StreamedEvent> events = Flux.just(entry("2000-0", "started", UPLOAD, 0),
				stored(1_900, "progress", UPLOAD, 0), entry("2100-0", "progress", UPLOAD, 1000),
				stored(2_050, "progress", UPLOAD, 1000), stored(2_300, "progress", UPLOAD, 2000),
				entry("2200-0", "progress", UPLOAD, 2000), entry("2400-0", "completed", UPLOAD, 2500),
				stored(2_350, "completed", UPLOAD, 2500));

		StepVerifier.create(events.mapNotNull(positions::admit).map((event) -> event.type() + "@" + event.id()))
			.expectNext("started@2000-0", "progress@2100-0", "progress@2300-0", "completed@2400-0")
			.verifyComplete();
	}

	@Test
	void dropsAnOlderStateThatComesLate() {
		UploadPositions positions = new UploadPositions(null, SUBSCRIBED);

		assertThat(positions.admit(stored(2_000, "progress", UPLOAD, 5000))).isNotNull();
		assertThat(positions.admit(entry("1999-0", "progress", UPLOAD, 4000))).isNull();
		assertThat(positions.admit(entry("2001-0", "progress", OTHER, 4000))).as("another upload").isNotNull();
	}

	@Test
	void givesAStoredStateAnIdThatNeverGoesBack() {
		UploadPositions positions = new UploadPositions(null, SUBSCRIBED);
		positions.admit(entry("5000-3", "progress", OTHER, 1000));

		assertThat(positions.admit(stored(4_000, "progress", UPLOAD, 1000)).id()).isEqualTo("5000-3");
		assertThat(positions.admit(stored(6_000, "progress", UPLOAD, 2000)).id()).isEqualTo("6000-0");
		assertThat(new UploadPositions(null, SUBSCRIBED).admit(stored(500, "progress", UPLOAD, 0)).id())
			.as("stored before subscribing")
			.isEqualTo("1000-0");
	}

	@Test
	void leavesAStateWithoutIdWithoutId() {
		UploadPositions positions = new UploadPositions(null, SUBSCRIBED);
		StreamedEvent first = new StreamedEvent(null, "progress", UPLOAD, 0L, true, "{}");

		assertThat(positions.admit(first).id()).isNull();
	}

	@Test
	void letsEntriesWithoutAPositionThrough() {
		UploadPositions positions = new UploadPositions(null, SUBSCRIBED);
		StreamedEvent old = new StreamedEvent("3000-0", "progress", UPLOAD, "{}");

		assertThat(positions.admit(old)).isEqualTo(old);
		assertThat(positions.admit(old)).isEqualTo(old);
	}

	@Test
	void readsPostgresFromALittleBeforeTheNewestIdButNeverBeforeTheLastEventId() {
		UploadPositions resumed = new UploadPositions(StreamId.parse("10000-2"), SUBSCRIBED);
		assertThat(resumed.readFrom(Duration.ofSeconds(2))).isEqualTo(Instant.ofEpochMilli(10_001));

		resumed.admit(entry("20000-0", "progress", UPLOAD, 1000));
		assertThat(resumed.readFrom(Duration.ofSeconds(2))).isEqualTo(Instant.ofEpochMilli(18_000));
		assertThat(new UploadPositions(null, SUBSCRIBED).readFrom(Duration.ofSeconds(2))).isEqualTo(SUBSCRIBED);
	}

	private static StreamedEvent entry(String id, String type, UUID upload, long rows) {
		return new StreamedEvent(id, type, upload, rows, false, "{}");
	}

	private static StreamedEvent stored(long millis, String type, UUID upload, long rows) {
		return new StreamedEvent(millis + "-0", type, upload, rows, true, "{}");
	}

}
