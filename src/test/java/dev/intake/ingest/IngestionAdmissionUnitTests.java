package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.intake.customer.PhoneNumbers;
import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.system.Limits;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload's pipeline holds its reserved bytes exactly while it runs, and waits for them
 * without reading its body.
 */
class IngestionAdmissionUnitTests {

	static final String HEADER = "full_name,primary_phone,national_id,loan_account,amount_due,due_date,state,"
			+ "preferred_language,email\n";

	static final String ROW = "Asha Verma,9876543210,,LN-1,15000,2024-11-15,,,\n";

	final IngestSettings settings = new IngestSettings(500, DataSize.ofMegabytes(4), null, Duration.ofMillis(300),
			null);

	@Test
	void holdsItsFootprintWhileRunningAndReleasesItWhenDone() {
		InFlightBytes budget = new InFlightBytes(Long.MAX_VALUE);
		Ingestion ingestion = ingestion(budget, writer(() -> assertThat(budget.reserved()).isPositive()));

		StepVerifier.create(ingestion.ingest(UUID.randomUUID(), body(3)).last())
			.expectNext(new BatchWritten(3, 3, 0))
			.verifyComplete();
		assertThat(budget.reserved()).isZero();
		assertThat(ingestion.footprint()).isGreaterThan(8 * DataSize.ofMegabytes(4).toBytes());
	}

	@Test
	void releasesItsBytesOnAFatalProblem() {
		InFlightBytes budget = new InFlightBytes(Long.MAX_VALUE);
		Ingestion ingestion = ingestion(budget, writer(() -> {
		}));

		StepVerifier.create(ingestion.ingest(UUID.randomUUID(), Flux.just(text("name\n"))))
			.expectError(IngestFailure.class)
			.verify(Duration.ofSeconds(10));
		assertThat(budget.reserved()).isZero();
	}

	@Test
	void releasesItsBytesOnCancel() {
		InFlightBytes budget = new InFlightBytes(Long.MAX_VALUE);
		Ingestion ingestion = ingestion(budget, writer(() -> {
		}));

		// More than the 8 KB the sniffer looks at, then a body that never ends.
		StepVerifier.create(ingestion.ingest(UUID.randomUUID(), Flux.concat(body(500), Flux.never())))
			.expectNextMatches(IngestEvent.HeaderAccepted.class::isInstance)
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		assertThat(budget.reserved()).isZero();
	}

	@Test
	void failsWithServerBusyWithoutReadingTheBodyWhenTheBytesStayTaken() {
		InFlightBytes budget = new InFlightBytes(1024);
		InFlightBytes.Reservation taken = budget.reserve(1024).block();
		AtomicBoolean read = new AtomicBoolean();
		Ingestion ingestion = ingestion(budget, writer(() -> {
		}));

		StepVerifier.create(ingestion.ingest(UUID.randomUUID(), body(1).doOnSubscribe((s) -> read.set(true))))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(IngestFailure.class,
					(failure) -> assertThat(failure.code()).isEqualTo(Ingestion.SERVER_BUSY)))
			.verify(Duration.ofSeconds(10));
		assertThat(read).as("body subscribed").isFalse();
		assertThat(budget.waitingCount()).isZero();
		taken.release();
		assertThat(budget.reserved()).isZero();
	}

	@Test
	void startsOnceTheBytesAreReleasedWithinTheAdmissionTimeout() {
		InFlightBytes budget = new InFlightBytes(1024);
		InFlightBytes.Reservation taken = budget.reserve(1024).block();
		Ingestion ingestion = ingestion(budget, writer(() -> {
		}));
		Mono.delay(Duration.ofMillis(100)).subscribe((tick) -> taken.release());

		StepVerifier.create(ingestion.ingest(UUID.randomUUID(), body(2)).last())
			.expectNext(new BatchWritten(2, 2, 0))
			.verifyComplete();
		assertThat(budget.reserved()).isZero();
	}

	private Ingestion ingestion(InFlightBytes budget, RowBatchWriter writer) {
		return new Ingestion(new CsvDecoder(Limits.DEFAULTS), writer, new PhoneNumbers("IN"),
				new NationalIds(this.settings.nationalIdKeyBytes()), this.settings, budget, Limits.DEFAULTS);
	}

	private static RowBatchWriter writer(Runnable check) {
		return new RowBatchWriter(null, null, null, null, null, null) {

			@Override
			Mono<Void> createTable(UUID uploadId) {
				return Mono.empty();
			}

			@Override
			Mono<BatchWritten> write(UUID uploadId, SortedBatch batch) {
				return Mono.fromCallable(() -> {
					check.run();
					return new BatchWritten(batch.size(), batch.size(), 0);
				});
			}

		};
	}

	private static Flux<DataBuffer> body(int rows) {
		return Flux.concat(Flux.just(text(HEADER)), Flux.range(0, rows).map((i) -> text(ROW)));
	}

	private static DataBuffer text(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
