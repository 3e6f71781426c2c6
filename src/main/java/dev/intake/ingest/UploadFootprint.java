package dev.intake.ingest;

import java.util.Map;

import dev.intake.system.Limits;
import reactor.core.publisher.Mono;

/**
 * The most bytes one upload's pipeline can hold, and their reservation from the
 * instance's {@link InFlightBytes} before the upload's body is read.
 */
final class UploadFootprint {

	/**
	 * Batches one upload may hold at once, counted in copies of a batch: the one being
	 * filled, two validating (cells plus the rows made of them), one waiting and two
	 * being written (their rows, their CSV lines, and the encoded frames).
	 */
	private static final int BATCH_COPIES_HELD = 10;

	/** Body bytes read ahead of the parser and the parser's own buffers, at most. */
	private static final long READ_AHEAD_BYTES = 1024 * 1024;

	private final IngestSettings settings;

	private final InFlightBytes inFlight;

	private final long bytes;

	UploadFootprint(IngestSettings settings, Limits limits, InFlightBytes inFlight) {
		this.settings = settings;
		this.inFlight = inFlight;
		this.bytes = bytesOf(settings, limits);
	}

	/** The bytes reserved per upload. */
	long bytes() {
		return this.bytes;
	}

	private static long bytesOf(IngestSettings settings, Limits limits) {
		long largestRecord = HeapBytes.ofLargestRecord(limits.maxRecordLength(), limits.maxColumns());
		long largestBatch = Math.max(settings.batchBytes().toBytes(), largestRecord);
		return BATCH_COPIES_HELD * largestBatch + largestRecord + READ_AHEAD_BYTES;
	}

	/**
	 * Emits the reservation of the footprint once it fits, or fails with code
	 * {@link Ingestion#SERVER_BUSY} after {@code intake.ingest.admission-timeout}.
	 */
	Mono<InFlightBytes.Reservation> reserved() {
		return this.inFlight.reserve(this.bytes)
			.timeout(this.settings.admissionTimeout(), Mono.error(UploadFootprint::serverBusy));
	}

	private static IngestFailure serverBusy() {
		return new IngestFailure(IngestFailure.Stage.RECEIVE, Ingestion.SERVER_BUSY,
				"Intake is processing as many bytes as it may (intake.ingest.max-in-flight-bytes); retry later", null,
				Map.of("retryAfterSeconds", Ingestion.RETRY_AFTER_SECONDS));
	}

}
