package dev.intake.ingest;

import java.util.UUID;

import dev.intake.customer.EntryTables;
import dev.intake.customer.PartitionMerges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * What the ingest pipeline left of an upload once its body is read: the rows in the
 * upload's own table and the candidates for repeated rows. The upload lifecycle either
 * {@linkplain #publish publishes} them or {@linkplain #discard discards} them.
 */
@Component
public class IngestedRows {

	private static final Logger log = LoggerFactory.getLogger(IngestedRows.class);

	private final EntryTables tables;

	private final DuplicateCandidates candidates;

	private final RowErrors rowErrors;

	private final PartitionMerges merges;

	IngestedRows(EntryTables tables, DuplicateCandidates candidates, RowErrors rowErrors, PartitionMerges merges) {
		this.tables = tables;
		this.merges = merges;
		this.candidates = candidates;
		this.rowErrors = rowErrors;
	}

	/**
	 * In the caller's transaction: removes the rows that repeat an earlier row of the
	 * file (they become {@code duplicate-row} errors, as rows are rejected), builds the
	 * indexes and attaches the rows to {@code customers}; they become visible when the
	 * transaction commits. Repeats are only searched for when the unique fingerprint
	 * index finds one ({@link EntryTables#attach}). An upload without any batch (a header
	 * alone) gets an empty table. Emits how many rows were repeats.
	 */
	public Mono<Long> publish(UUID uploadId) {
		String table = EntryTables.tableOf(uploadId);
		return this.tables.create(uploadId)
			.then(this.candidates.count(uploadId))
			.flatMap((candidates) -> this.tables.attach(uploadId,
					(candidates > 0) ? this.candidates.deleteRepeats(uploadId, table).then() : null))
			.then(writeRepeats(uploadId))
			.flatMap((repeats) -> this.candidates.deleteAll(uploadId).thenReturn(repeats));
	}

	/** The SQL name of the table that holds an upload's rows until they are published. */
	public static String tableOf(UUID uploadId) {
		return EntryTables.tableOf(uploadId);
	}

	/**
	 * In the caller's transaction: removes the rows that repeat an earlier row of the
	 * file (they become {@code duplicate-row} errors) and leaves the others in the
	 * upload's table, unpublished, for a validation to compare and then
	 * {@linkplain #discard discard}. Emits how many rows were repeats.
	 */
	public Mono<Long> checkRepeats(UUID uploadId) {
		return this.tables.create(uploadId)
			.then(this.candidates.removeRepeats(uploadId, EntryTables.tableOf(uploadId)))
			.flatMap((repeats) -> writeRepeats(uploadId).thenReturn(repeats));
	}

	/** Writes the row errors of the rows found repeated; emits how many there were. */
	private Mono<Long> writeRepeats(UUID uploadId) {
		return this.candidates.repeats(uploadId)
			.concatMap((rows) -> this.rowErrors.writeAll(uploadId, rows).thenReturn((long) rows.size()))
			.reduce(0L, Long::sum);
	}

	/**
	 * Starts merging small uploads' partitions, if there are enough of them, detached
	 * from the caller: call it after an upload's rows were published. A failed merge is
	 * only logged; the next call tries again.
	 */
	public void compact() {
		this.merges.mergeSmall()
			.subscribe(null, (ex) -> log.warn("Could not merge small partitions of customers: {}", ex.toString()));
	}

	/** Emits the uploads that have rows neither published nor discarded yet. */
	public Flux<UUID> unpublished() {
		return this.tables.unattached();
	}

	/**
	 * Drops an upload's rows that were never published, whatever their number, in O(1);
	 * rows of a completed upload are kept.
	 */
	public Mono<Void> discard(UUID uploadId) {
		return this.tables.drop(uploadId).then(this.candidates.deleteAll(uploadId));
	}

}
