package dev.intake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.intake.customer.PhoneNumbers;
import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.ingest.IngestEvent.HeaderAccepted;
import dev.intake.system.Limits;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Service;

/**
 * The ingest pipeline: body bytes → CSV records → batches → validated rows → committed
 * writes, under backpressure end to end.
 * <p>
 * Emits one {@link HeaderAccepted}, then one {@link BatchWritten} per committed batch,
 * and completes when the last batch is committed. Records are cut into batches by rows
 * and by bytes ({@link Batches}), parsed on one worker and validated on parallel workers,
 * at most two batches at once, while up to two batches are written, each in its own
 * transaction (a resumable upload's one at a time, in file order): a slow database slows
 * the reading of the body instead of growing the heap. Before the body is read, the
 * upload reserves the most bytes its pipeline can hold ({@link #footprint()}) from the
 * instance's {@link InFlightBytes}, waiting up to {@code intake.ingest.admission-timeout}
 * for them (then it fails with code {@code server-busy}); the reservation is returned
 * when the flux ends, however it ends. A fatal problem ends the flux with an
 * {@link IngestFailure} naming its stage; batches committed before it stay stored, for
 * the upload lifecycle to clean up. On cancel, the body is cancelled and the batch in
 * flight is abandoned.
 * <p>
 * Rows go to the upload's own table, created with the first batch; nothing is visible
 * until the upload lifecycle publishes them ({@link IngestedRows#publish}).
 */
@Service
public class Ingestion {

	/**
	 * Batches validated at once while the previous one is written: bounded read-ahead.
	 */
	private static final int VALIDATING_BATCHES = 2;

	/**
	 * Batches of a whole file written at once, each in its own transaction on its own
	 * connection: one's COPY overlaps the other's commit and row-error writes.
	 */
	private static final int WRITING_BATCHES = 2;

	/** The code of an upload that waited too long for its bytes to be reserved. */
	public static final String SERVER_BUSY = "server-busy";

	/** How long a client is asked to wait before retrying an upload refused as busy. */
	public static final long RETRY_AFTER_SECONDS = 10;

	private final CsvDecoder decoder;

	private final RowBatchWriter writer;

	private final PhoneNumbers phones;

	private final NationalIds nationalIds;

	private final IngestSettings settings;

	private final UploadFootprint footprint;

	Ingestion(CsvDecoder decoder, RowBatchWriter writer, PhoneNumbers phones, NationalIds nationalIds,
			IngestSettings settings, InFlightBytes inFlight, Limits limits) {
		this.decoder = decoder;
		this.writer = writer;
		this.phones = phones;
		this.nationalIds = nationalIds;
		this.settings = settings;
		this.footprint = new UploadFootprint(settings, limits, inFlight);
	}

	public Flux<IngestEvent> ingest(UUID uploadId, Flux<DataBuffer> body) {
		return ingest(uploadId, body, null);
	}

	/**
	 * As {@link #ingest(UUID, Flux)}, for a body whose length is announced: its filter of
	 * repeated rows is sized for it from the start, which saves work per row.
	 * @param uploadId the upload
	 * @param body the body
	 * @param bytesExpected the body's announced length, or {@code null}
	 * @return the events of the ingest, as {@link #ingest(UUID, Flux)}
	 */
	public Flux<IngestEvent> ingest(UUID uploadId, Flux<DataBuffer> body, Long bytesExpected) {
		return Flux.usingWhen(this.footprint.reserved(),
				(reservation) -> decoded(uploadId, body, DuplicateFilter.forBody(bytesExpected)),
				(reservation) -> Mono.fromRunnable(reservation::release));
	}

	/**
	 * Ingests one piece of a resumable upload's file, as {@link #ingest(UUID, Flux)} does
	 * a whole file, from where the piece starts: a piece at offset 0 begins with the
	 * header; a later one is mapped with the stored header, numbers its rows on from
	 * {@link Piece#nextRow()}, and finds rows that repeat one of an earlier piece too
	 * (the upload's stored fingerprints seed its filter). Each batch stores its
	 * {@link Checkpoint} through {@code checkpoints} in its own transaction.
	 * <p>
	 * Emits {@link HeaderAccepted} for a piece at offset 0 that holds the header, and one
	 * {@link BatchWritten} per committed batch with the totals of the whole file so far.
	 * A piece that is not the last ends after its last complete record; one holding none
	 * emits nothing. Errors, cancellation and the reservation as
	 * {@link #ingest(UUID, Flux)}.
	 */
	public Flux<IngestEvent> ingest(UUID uploadId, Piece piece, Flux<DataBuffer> body, Checkpoints checkpoints) {
		return Flux.usingWhen(this.footprint.reserved(), (reservation) -> decoded(uploadId, piece, body, checkpoints),
				(reservation) -> Mono.fromRunnable(reservation::release));
	}

	/**
	 * Returns the most bytes one upload's pipeline can hold: what it reserves before its
	 * body is read.
	 * @return the bytes reserved per upload
	 */
	public long footprint() {
		return this.footprint.bytes();
	}

	private Flux<IngestEvent> decoded(UUID uploadId, Flux<DataBuffer> body, DuplicateFilter filter) {
		return this.decoder.decode(body)
			.switchOnFirst((first, records) -> afterHeader(uploadId, first, records.skip(1), null, filter));
	}

	private Flux<IngestEvent> decoded(UUID uploadId, Piece piece, Flux<DataBuffer> body, Checkpoints checkpoints) {
		Flux<CsvRecord> records = this.decoder.decode(body, piece.offset(), piece.nextRow(), piece.last());
		if (piece.offset() == 0) {
			return records.switchOnFirst((first, rest) -> (first.hasValue() || first.hasError() || piece.last())
					? afterHeader(uploadId, first, rest.skip(1), checkpoints, new DuplicateFilter()) : Flux.empty());
		}
		ColumnMapping mapping = HeaderCheck.mappingOf(new CsvRecord(0, piece.header()));
		RowValidator validator = new RowValidator(uploadId, mapping, this.phones, this.nationalIds);
		ResumedPiece resumed = new ResumedPiece(checkpoints, piece.totals(), null, null);
		return this.writer.filterOf(uploadId)
			.flatMapMany((filter) -> rows(uploadId, validator, records, filter, false, resumed));
	}

	private Flux<IngestEvent> afterHeader(UUID uploadId, Signal<? extends CsvRecord> first, Flux<CsvRecord> records,
			Checkpoints checkpoints, DuplicateFilter filter) {
		if (!first.hasValue()) {
			return first.hasError() ? Flux.error(first.getThrowable()) : Flux.error(HeaderCheck.emptyFile());
		}
		ColumnMapping mapping = HeaderCheck.mappingOf(HeaderCheck.withoutNationalIds(first.get()));
		RowValidator validator = new RowValidator(uploadId, mapping, this.phones, this.nationalIds);
		ResumedPiece resumed = (checkpoints != null)
				? new ResumedPiece(checkpoints, BatchWritten.NONE, mapping.header(), mapping.unknownColumns()) : null;
		return rows(uploadId, validator, records, filter, true, resumed)
			.startWith(new HeaderAccepted(mapping.header(), mapping.unknownColumns()));
	}

	/**
	 * Validates and writes the records in batches: a whole file's batches up to
	 * {@link #WRITING_BATCHES} at once into its table, created first; with
	 * {@code resumed}, as {@link ResumedPiece#written} writes a piece's: one at a time,
	 * each also storing its checkpoint, the totals going on from those of earlier pieces.
	 */
	private Flux<IngestEvent> rows(UUID uploadId, RowValidator validator, Flux<CsvRecord> records,
			DuplicateFilter filter, boolean createsTable, ResumedPiece resumed) {
		Flux<ValidatedBatch> validated = Batches
			.of(records, this.settings.batchSize(), this.settings.batchBytes().toBytes())
			.flatMapSequential((batch) -> validated(validator, batch), VALIDATING_BATCHES, 1);
		if (resumed != null) {
			return resumed.written(validated, this.writer, uploadId, filter, createsTable);
		}
		Mono<Void> table = createsTable ? this.writer.createTable(uploadId) : Mono.empty();
		return table.thenMany(validated)
			.concatMap((batch) -> this.writer.sorted(filter, batch.rows()), 1)
			.flatMapSequential((sorted) -> this.writer.write(uploadId, sorted), WRITING_BATCHES, 1)
			.onErrorMap(Exceptions::isMultiple, Ingestion::firstFailure)
			.scan(BatchWritten.NONE, BatchWritten::plus)
			.skip(1)
			.cast(IngestEvent.class);
	}

	/**
	 * The failure of the first of the batches written side by side when both failed (a
	 * database cut catches both): Reactor joins them into one composite error, which is
	 * no upload failure.
	 */
	private static Throwable firstFailure(Throwable multiple) {
		return Exceptions.unwrapMultiple(multiple).get(0);
	}

	/**
	 * Validates a batch on a parallel worker, so parsing and validation use both cores.
	 */
	private static Mono<ValidatedBatch> validated(RowValidator validator, List<CsvRecord> batch) {
		return Mono.fromCallable(() -> {
			List<ValidatedRow> rows = new ArrayList<>(batch.size());
			for (CsvRecord record : batch) {
				rows.add(validator.validate(record.number(), record.fields()));
			}
			CsvRecord last = batch.get(batch.size() - 1);
			return new ValidatedBatch(rows, last.end(), last.number());
		}).subscribeOn(Schedulers.parallel());
	}

}
