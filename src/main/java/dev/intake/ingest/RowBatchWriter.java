package dev.intake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.intake.customer.CustomerEntry;
import dev.intake.customer.EntriesWritten;
import dev.intake.customer.EntryWriter;
import dev.intake.ingest.IngestEvent.BatchWritten;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Commits one batch of validated rows: the accepted ones as customer entries, the
 * rejected ones (and rows that repeat an earlier row of the file) as row errors.
 * <p>
 * Emits the batch's counts once both writes are done. A database error becomes an
 * {@link IngestFailure} of stage {@code write}.
 */
@Component
class RowBatchWriter {

	private final EntryWriter entries;

	private final RowErrors rowErrors;

	RowBatchWriter(EntryWriter entries, RowErrors rowErrors) {
		this.entries = entries;
		this.rowErrors = rowErrors;
	}

	Mono<BatchWritten> write(UUID uploadId, List<ValidatedRow> batch) {
		return this.entries.write(uploadId, acceptedEntries(batch))
			.flatMap((written) -> writeRejected(uploadId, batch, written))
			.onErrorMap(WriteFailures::isDatabaseError, WriteFailures::of);
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
