package dev.intake.ingest;

import java.util.List;
import java.util.UUID;

import dev.intake.ingest.IngestEvent.BatchWritten;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The writes of a resumable upload's piece: its batches one at a time, in file order,
 * each storing its {@link Checkpoint} in its own transaction, and the totals committed so
 * far, going on from those of earlier pieces.
 */
final class ResumedPiece {

	private final Checkpoints checkpoints;

	private final BatchWritten before;

	private volatile BatchWritten totals;

	private volatile List<String> header;

	private volatile List<String> unknownColumns;

	/**
	 * Starts the writes of a piece.
	 * @param checkpoints where each batch stores its checkpoint
	 * @param before the totals of the earlier pieces
	 * @param header the header to store with the first checkpoint, or {@code null} when
	 * it is stored already
	 * @param unknownColumns the unknown columns to store with it, or {@code null}
	 */
	ResumedPiece(Checkpoints checkpoints, BatchWritten before, List<String> header, List<String> unknownColumns) {
		this.checkpoints = checkpoints;
		this.before = before;
		this.totals = before;
		this.header = header;
		this.unknownColumns = unknownColumns;
	}

	/**
	 * Writes the validated batches one at a time (checkpoints must commit in file order),
	 * the first creating the upload's table when {@code createsTable}. Emits one
	 * {@link BatchWritten} per committed batch with the totals of the whole file so far.
	 */
	Flux<IngestEvent> written(Flux<ValidatedBatch> validated, RowBatchWriter writer, UUID uploadId,
			DuplicateFilter filter, boolean createsTable) {
		return validated.index()
			.concatMap((batch) -> write(writer, uploadId, filter, createsTable && batch.getT1() == 0, batch.getT2()), 1)
			.scan(this.before, BatchWritten::plus)
			.skip(1)
			.cast(IngestEvent.class);
	}

	private Mono<BatchWritten> write(RowBatchWriter writer, UUID uploadId, DuplicateFilter filter, boolean first,
			ValidatedBatch batch) {
		return writer.write(uploadId, filter, first, batch.rows(), (counts) -> {
			Checkpoint checkpoint = after(batch, counts);
			return this.checkpoints.store(uploadId, checkpoint);
		}).doOnNext(this::committed);
	}

	/** The checkpoint that committing {@code counts} of {@code batch} reaches. */
	private Checkpoint after(ValidatedBatch batch, BatchWritten counts) {
		return new Checkpoint(batch.end(), batch.lastRow() + 1, this.totals.plus(counts), this.header,
				this.unknownColumns);
	}

	/** Takes the totals on once a batch committed; the header is stored by then. */
	private void committed(BatchWritten counts) {
		this.totals = this.totals.plus(counts);
		this.header = null;
		this.unknownColumns = null;
	}

}
