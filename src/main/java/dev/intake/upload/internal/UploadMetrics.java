package dev.intake.upload.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.upload.Upload;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The upload meters that operators scrape: rows ingested and rejected as batches commit,
 * uploads in progress, and each upload's processing time by outcome ({@code completed},
 * {@code completed_with_errors}, {@code failed}).
 */
@Component
class UploadMetrics {

	static final String OUTCOME = "outcome";

	private final MeterRegistry meters;

	private final Counter rowsIngested;

	private final Counter rowsRejected;

	private final AtomicInteger active = new AtomicInteger();

	UploadMetrics(MeterRegistry meters) {
		this.meters = meters;
		this.rowsIngested = Counter.builder("intake.rows.ingested")
			.description("Data rows stored as customer entries, counted as their batch commits")
			.register(meters);
		this.rowsRejected = Counter.builder("intake.rows.rejected")
			.description("Data rows rejected with row errors, counted as their batch commits")
			.register(meters);
		Gauge.builder("intake.uploads.active", this.active, AtomicInteger::get)
			.description("Uploads whose content is being processed on this instance")
			.register(meters);
	}

	/**
	 * Measures one upload's processing: it is active from subscription to its end, and
	 * its duration is recorded with the final status as outcome, or {@code failed} on
	 * error or cancel. Emits and errors as the given processing does.
	 */
	Mono<Upload> measured(Mono<Upload> processing) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			this.active.incrementAndGet();
			return processing.doOnNext((upload) -> record(start, upload.status().name()))
				.doOnError((ex) -> record(start, "failed"))
				.doOnCancel(() -> record(start, "failed"))
				.doFinally((signal) -> this.active.decrementAndGet());
		});
	}

	/**
	 * Counts the rows of one committed batch, as {@link UploadRun#committed} gives them.
	 */
	void batchWritten(BatchWritten batch) {
		this.rowsIngested.increment(batch.rowsSucceeded());
		this.rowsRejected.increment(batch.rowsFailed());
	}

	private void record(long start, String outcome) {
		Timer.builder("intake.upload.duration")
			.description("How long uploads take, from the first byte of content to the final status")
			.tag(OUTCOME, outcome.toLowerCase(Locale.ROOT))
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofHours(1))
			.register(this.meters)
			.record(Duration.ofNanos(System.nanoTime() - start));
	}

}
