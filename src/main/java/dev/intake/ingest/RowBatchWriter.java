package dev.intake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.intake.customer.CustomerEntry;
import dev.intake.customer.EntriesWritten;
import dev.intake.customer.EntryWriter;
import dev.intake.ingest.IngestEvent.BatchWritten;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Commits one batch of validated rows: the accepted ones as customer entries, the
 * rejected ones (and rows that repeat an earlier row of the file) as row errors.
 * <p>
 * Emits the batch's counts once both writes are done. A database error becomes an
 * {@link IngestFailure} of stage {@code write}, and so does an upload that is no longer
 * processing (code {@code no-longer-processing}).
 */
@Component
class RowBatchWriter {

	private final EntryWriter entries;

	private final RowErrors rowErrors;

	private final TransactionalOperator transactions;

	private final DatabaseClient db;

	RowBatchWriter(EntryWriter entries, RowErrors rowErrors, TransactionalOperator transactions, DatabaseClient db) {
		this.entries = entries;
		this.rowErrors = rowErrors;
		this.transactions = transactions;
		this.db = db;
	}

	Mono<BatchWritten> write(UUID uploadId, List<ValidatedRow> batch) {
		return asynchronousCommit().then(stillProcessing(uploadId))
			.then(this.entries.write(uploadId, acceptedEntries(batch)))
			.flatMap((written) -> writeRejected(uploadId, batch, written))
			.as(this.transactions::transactional)
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
	 * Fails the batch if the upload is not processing any more (recovery or shutdown
	 * failed it meanwhile), so the pipeline stops instead of adding entries to a failed
	 * upload. No row lock (the upload's progress is recorded while the next batch is
	 * written): a batch that commits while the upload is failed leaves entries that the
	 * pipeline removes when it stops on the next check.
	 */
	private Mono<Void> stillProcessing(UUID uploadId) {
		return this.db.sql("SELECT id FROM uploads WHERE id = :id AND status = 'PROCESSING'")
			.bind("id", uploadId)
			.fetch()
			.first()
			.switchIfEmpty(Mono.error(() -> new IngestFailure(IngestFailure.Stage.WRITE, "no-longer-processing",
					"The upload was failed elsewhere while its rows were being written")))
			.then();
	}

	private Mono<BatchWritten> writeRejected(UUID uploadId, List<ValidatedRow> batch, EntriesWritten written) {
		List<RejectedRow> rejected = rejectedRows(batch, written);
		return this.rowErrors.writeAll(uploadId, rejected)
			.thenReturn(new BatchWritten(batch.size(), written.written(), rejected.size()));
	}

	private static List<CustomerEntry> acceptedEntries(List<ValidatedRow> batch) {
		List<CustomerEntry> accepted = new ArrayList<>(batch.size());
		for (ValidatedRow row : batch) {
			if (row instanceof AcceptedRow acceptedRow) {
				accepted.add(acceptedRow.entry());
			}
		}
		return accepted;
	}

	private static List<RejectedRow> rejectedRows(List<ValidatedRow> batch, EntriesWritten written) {
		List<RejectedRow> rejected = new ArrayList<>();
		for (ValidatedRow row : batch) {
			if (row instanceof RejectedRow rejectedRow) {
				rejected.add(rejectedRow);
			}
			else if (written.duplicateRows().contains(row.row())) {
				rejected.add(duplicate(row));
			}
		}
		return rejected;
	}

	private static RejectedRow duplicate(ValidatedRow row) {
		RowError error = new RowError(row.row(), null, "duplicate-row",
				"This row repeats an earlier row of the same file; only the first one is kept");
		return new RejectedRow(row.row(), List.of(error), row.raw());
	}

}
