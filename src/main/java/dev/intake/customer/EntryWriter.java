package dev.intake.customer;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Appends a batch of customer entries of one upload.
 * <p>
 * A batch is written all or nothing, in the caller's transaction: callers run it inside
 * one (a {@code TransactionalOperator}). Entries go to the upload's own table
 * ({@link EntryTables}), which must exist; rows that repeat an earlier row of the file
 * are stored too, and removed when the upload completes.
 */
public interface EntryWriter {

	/**
	 * Writes the entries; the returned mono emits what was written once the batch is
	 * committed, or errors if the database refused it (nothing of the batch is then
	 * stored). Cancelling it may leave the batch either committed or not; the upload
	 * lifecycle cleans up the entries of an upload that does not complete.
	 */
	Mono<EntriesWritten> write(UUID uploadId, List<CustomerEntry> entries);

}
