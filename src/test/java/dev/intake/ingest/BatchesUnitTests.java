package dev.intake.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;

class BatchesUnitTests {

	static final String SMALL = "x".repeat(10);

	static final long SMALL_BYTES = HeapBytes.ofCells(List.of(SMALL));

	@Test
	void cutsByRowsWhenRowsAreSmall() {
		StepVerifier.create(Batches.of(records(SMALL, 7), 3, Long.MAX_VALUE).map(List::size))
			.expectNext(3, 3, 1)
			.verifyComplete();
	}

	@Test
	void cutsByBytesBeforeTheRecordThatWouldCrossThem() {
		long maxBytes = 2 * SMALL_BYTES;

		StepVerifier.create(Batches.of(records(SMALL, 5), 1000, maxBytes).map(List::size))
			.expectNext(2, 2, 1)
			.verifyComplete();
	}

	@Test
	void keepsEveryBatchWithinItsBytesWhenRowsAreHuge() {
		String huge = "y".repeat(99_990);
		List<CsvRecord> input = new ArrayList<>();
		for (int i = 1; i <= 60; i++) {
			input.add(new CsvRecord(i, List.of("Asha", huge, huge, huge, huge, huge, huge, huge, huge, huge, huge)));
		}
		long maxBytes = 4L * 1024 * 1024;

		List<List<CsvRecord>> batches = Batches.of(Flux.fromIterable(input), 5000, maxBytes).collectList().block();

		assertThat(batches).allSatisfy((batch) -> assertThat(bytes(batch)).isLessThanOrEqualTo(maxBytes));
		assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(60);
		assertThat(batches).hasSizeGreaterThan(20);
	}

	@Test
	void givesARecordLargerThanTheBoundABatchOfItsOwn() {
		String huge = "z".repeat(1000);
		Flux<CsvRecord> input = Flux.just(record(SMALL), record(huge), record(SMALL));

		StepVerifier.create(Batches.of(input, 1000, 100).map(List::size)).expectNext(1, 1, 1).verifyComplete();
	}

	@Test
	void emitsNothingForNoRecords() {
		StepVerifier.create(Batches.of(Flux.empty(), 10, 100)).verifyComplete();
	}

	@Test
	void passesAnUpstreamErrorOnAfterTheBatchesBeforeIt() {
		Flux<CsvRecord> input = Flux.concat(records(SMALL, 3), Flux.error(new IllegalStateException("broken")));

		StepVerifier.create(Batches.of(input, 2, Long.MAX_VALUE).map(List::size))
			.expectNext(2)
			.verifyErrorMessage("broken");
	}

	@Test
	void cancelsUpstreamAndDiscardsTheUnfinishedBatchOnCancel() {
		TestPublisher<CsvRecord> input = TestPublisher.create();

		StepVerifier.create(Batches.of(input.flux(), 3, Long.MAX_VALUE))
			.then(() -> input.next(record(SMALL), record(SMALL)))
			.thenCancel()
			.verifyThenAssertThat(Duration.ofSeconds(5))
			.hasDiscardedElementsMatching((discarded) -> discarded.size() == 2);
		input.assertCancelled();
	}

	@Test
	void startsEachSubscriptionWithAnEmptyBatch() {
		Flux<List<CsvRecord>> batches = Batches.of(records(SMALL, 4), 3, Long.MAX_VALUE);

		StepVerifier.create(batches.map(List::size)).expectNext(3, 1).verifyComplete();
		StepVerifier.create(batches.map(List::size)).expectNext(3, 1).verifyComplete();
	}

	private static long bytes(List<CsvRecord> batch) {
		return batch.stream().mapToLong((record) -> HeapBytes.ofCells(record.fields())).sum();
	}

	private static Flux<CsvRecord> records(String cell, int count) {
		return Flux.range(1, count).map((i) -> new CsvRecord(i, List.of(cell)));
	}

	private static CsvRecord record(String cell) {
		return new CsvRecord(1, List.of(cell));
	}

}
