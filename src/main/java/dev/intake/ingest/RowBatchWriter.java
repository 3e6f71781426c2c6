package dev.intake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.intake.customer.CustomerEntry;
import dev.intake.customer.EntryTables;
import dev.intake.customer.EntryWriter;
import dev.intake.ingest.IngestEvent.BatchWritten;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Commits one batch of validated rows: the accepted ones as customer entries in the
 * upload's own table, the rejected ones as row errors, and the accepted rows that may
 * repeat an earlier row of the file (its {@link DuplicateFilter} tells) as candidates,
 * checked at completion.
 * <p>
 * Emits the batch's counts once the writes are committed. A database error becomes an
 * {@link IngestFailure} of stage {@code write}; so does a missing table of the upload
 * (code {@code no-longer-processing}: it was failed elsewhere, which drops its table).
 */
@Component
class RowBatchWriter {

	private final EntryWriter entries;

	private final RowErrors rowErrors;

	private final DuplicateCandidates candidates;

	private final TransactionalOperator transactions;

	private final DatabaseClient db;

	private final EntryTables tables;

	RowBatchWriter(EntryWriter entries, RowErrors rowErrors, DuplicateCandidates candidates,
			TransactionalOperator transactions, DatabaseClient db, EntryTables tables) {
		this.tables = tables;
		this.entries = entries;
		this.rowErrors = rowErrors;
		this.candidates = candidates;
		this.transactions = transactions;
		this.db = db;
	}

	/**
	 * Creates the upload's table, empty, before its batches are written side by side.
	 */
	Mono<Void> createTable(UUID uploadId) {
		return this.tables.create(uploadId).onErrorMap(WriteFailures::isDatabaseError, WriteFailures::of);
	}

	/**
	 * Sorts a batch's rows by what is written of them and runs the accepted ones through
	 * the upload's filter, on a parallel worker, not on the database connection's event
	 * loop, which the previous batch's commit completes on. Call it for one batch at a
	 * time, in file order: the filter remembers the rows before.
	 */
	Mono<SortedBatch> sorted(DuplicateFilter filter, List<ValidatedRow> batch) {
		return Mono.fromCallable(() -> SortedBatch.of(filter, batch)).subscribeOn(Schedulers.parallel());
	}

	/**
	 * Writes a sorted batch into the upload's existing table, in a transaction of its
	 * own; batches may be written side by side.
	 */
	Mono<BatchWritten> write(UUID uploadId, SortedBatch batch) {
		return write(uploadId, false, batch, (counts) -> Mono.empty());
	}

	/**
	 * Writes a batch, running {@code alsoCommitted} with the batch's counts in the
	 * batch's transaction, after its rows are written; the {@code first} one of an upload
	 * also creates the upload's table, in the same transaction. Batches written this way
	 * go one at a time, in file order.
	 */
	Mono<BatchWritten> write(UUID uploadId, DuplicateFilter filter, boolean first, List<ValidatedRow> batch,
			Function<BatchWritten, Mono<Void>> alsoCommitted) {
		return sorted(filter, batch).flatMap((sorted) -> write(uploadId, first, sorted, alsoCommitted));
	}

	private Mono<BatchWritten> write(UUID uploadId, boolean first, SortedBatch batch,
			Function<BatchWritten, Mono<Void>> alsoCommitted) {
		Mono<Void> table = first ? this.tables.create(uploadId) : Mono.empty();
		return asynchronousCommit().then(table)
			.then(this.entries.write(uploadId, batch.accepted()))
			.flatMap((written) -> this.rowErrors.writeAll(uploadId, batch.rejected())
				.then(this.candidates.writeAll(uploadId, batch.mayRepeat()))
				.then(Mono.defer(() -> {
					BatchWritten counts = new BatchWritten(batch.size(), written.written(), batch.rejected().size());
					return alsoCommitted.apply(counts).thenReturn(counts);
				})))
			.as(this.transactions::transactional)
			.onErrorMap(WriteFailures::isDatabaseError, WriteFailures::of);
	}

	/**
	 * A duplicate filter that knows every row an upload stored so far, for a piece that
	 * resumes it: the fingerprints are read from the upload's own table, in one pass.
	 */
	Mono<DuplicateFilter> filterOf(UUID uploadId) {
		return this.tables.fingerprints(uploadId)
			.collect(DuplicateFilter::new, (filter, fingerprint) -> filter.mayRepeat(fingerprint))
			.onErrorMap(WriteFailures::isDatabaseError, WriteFailures::of);
	}

	/**
	 * Lets the batch's commit return before its WAL is flushed to disk. Nothing is lost
	 * that was promised: the upload's final status is committed synchronously, which
	 * flushes every batch before it, and an upload cut short by a crash is failed and
	 * cleaned up.
	 */
	private Mono<Void> asynchronousCommit() {
		return this.db.sql("SET LOCAL synchronous_commit TO off").then();
	}

	/**
	 * A batch's rows by what is written of them: entries, row errors, and the accepted
	 * rows that may repeat an earlier row of the file.
	 */
	record SortedBatch(int size, List<CustomerEntry> accepted, List<AcceptedRow> mayRepeat,
			List<RejectedRow> rejected) {

		static SortedBatch of(DuplicateFilter filter, List<ValidatedRow> batch) {
			List<CustomerEntry> accepted = new ArrayList<>(batch.size());
			List<AcceptedRow> mayRepeat = new ArrayList<>();
			List<RejectedRow> rejected = new ArrayList<>();
			for (ValidatedRow row : batch) {
				if (row instanceof AcceptedRow acceptedRow) {
					accepted.add(acceptedRow.entry());
					if (filter.mayRepeat(acceptedRow.entry().fingerprint())) {
						mayRepeat.add(acceptedRow);
					}
				}
				else {
					rejected.add((RejectedRow) row);
				}
			}
			return new SortedBatch(batch.size(), accepted, mayRepeat, rejected);
		}

	}

}
