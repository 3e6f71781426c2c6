package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.intake.customer.PhoneNumbers;
import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.system.Limits;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the pipeline reads the body only as fast as batches are written: with a slow
 * writer and an endless body, what is pulled from the body stays within a few batches.
 */
class IngestionBackpressureUnitTests {

	static final int BATCH_SIZE = 500;

	static final String ROW = "Asha Verma,9876543210,,LN-1,15000,2024-11-15,,,\n";

	final AtomicLong rowsPulled = new AtomicLong();

	final AtomicInteger batchesInFlight = new AtomicInteger();

	final AtomicInteger mostBatchesInFlight = new AtomicInteger();

	@Test
	void readsNoFurtherAheadThanAFewBatchesWhenTheWriterIsSlow() {
		Ingestion ingestion = ingestion(new SlowWriter(Duration.ofMillis(50)));

		StepVerifier.create(ingestion.ingest(UUID.randomUUID(), endlessBody()))
			.expectNextMatches(IngestEvent.HeaderAccepted.class::isInstance)
			.expectNextCount(10)
			.thenCancel()
			.verify(Duration.ofSeconds(30));

		long written = 10L * BATCH_SIZE;
		assertThat(this.rowsPulled.get() - written).as("rows pulled from the body beyond those written")
			.isLessThan(8L * BATCH_SIZE);
		assertThat(this.mostBatchesInFlight.get()).as("batches written at once").isEqualTo(2);
	}

	@Test
	void countsEveryRowOnceAcrossBatches() {
		Ingestion ingestion = ingestion(new SlowWriter(Duration.ZERO));
		Flux<DataBuffer> body = Flux.concat(Flux.just(text(Csv.HEADER)), Flux.range(0, 2_345).map((i) -> text(ROW)));

		StepVerifier.create(ingestion.ingest(UUID.randomUUID(), body).last())
			.expectNext(new BatchWritten(2_345, 2_345, 0))
			.verifyComplete();
	}

	private Ingestion ingestion(RowBatchWriter writer) {
		IngestSettings settings = new IngestSettings(BATCH_SIZE, null);
		return new Ingestion(new CsvDecoder(Limits.DEFAULTS), writer, new PhoneNumbers("IN"),
				new NationalIds(settings.nationalIdKeyBytes()), settings, new InFlightBytes(Long.MAX_VALUE),
				Limits.DEFAULTS);
	}

	private Flux<DataBuffer> endlessBody() {
		String chunk = ROW.repeat(100);
		return Flux.concat(Flux.just(text(Csv.HEADER)), Flux.<DataBuffer>generate((sink) -> {
			this.rowsPulled.addAndGet(100);
			sink.next(text(chunk));
		}));
	}

	private static DataBuffer text(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Stands in for the database writer: takes its time, and counts overlapping writes.
	 */
	final class SlowWriter extends RowBatchWriter {

		private final Duration delay;

		SlowWriter(Duration delay) {
			super(null, null, null, null, null, null);
			this.delay = delay;
		}

		@Override
		Mono<Void> createTable(UUID uploadId) {
			return Mono.empty();
		}

		@Override
		Mono<BatchWritten> write(UUID uploadId, SortedBatch batch) {
			return Mono.fromCallable(() -> {
				int inFlight = IngestionBackpressureUnitTests.this.batchesInFlight.incrementAndGet();
				IngestionBackpressureUnitTests.this.mostBatchesInFlight.accumulateAndGet(inFlight, Math::max);
				return new BatchWritten(batch.size(), batch.size(), 0);
			})
				.delayElement(this.delay)
				.doOnSuccess((written) -> IngestionBackpressureUnitTests.this.batchesInFlight.decrementAndGet())
				.doOnCancel(() -> IngestionBackpressureUnitTests.this.batchesInFlight.decrementAndGet());
		}

	}

	/** The canonical header. */
	static final class Csv {

		static final String HEADER = "full_name,primary_phone,national_id,loan_account,amount_due,due_date,state,"
				+ "preferred_language,email\n";

		private Csv() {
		}

	}

}
