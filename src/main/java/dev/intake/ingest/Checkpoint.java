package dev.intake.ingest;

import java.util.List;

import dev.intake.ingest.IngestEvent.BatchWritten;

/**
 * How far a resumable upload's file is stored once a batch commits: written in the
 * batch's own transaction, so the rows, the row errors and this point are committed
 * together or not at all.
 *
 * @param offset the byte offset in the file just after the batch's last record
 * @param nextRow the number of the record after it
 * @param totals the counts so far, this batch included
 * @param header the header cells, with the upload's first batch only; else {@code null}
 * @param unknownColumns the header cells that name no known column, with the header
 */
public record Checkpoint(long offset, long nextRow, BatchWritten totals, List<String> header,
		List<String> unknownColumns) {

}
