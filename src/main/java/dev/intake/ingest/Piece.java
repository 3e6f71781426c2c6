package dev.intake.ingest;

import java.util.List;

import dev.intake.ingest.IngestEvent.BatchWritten;

/**
 * Where a piece of a resumable upload's file starts, as the last committed
 * {@link Checkpoint} left it.
 *
 * @param offset the byte offset in the file of the piece's first byte: 0, or just after a
 * record whose batch was committed
 * @param nextRow the number of the piece's first record (0 at offset 0: the header)
 * @param header the header cells as stored with the first batch; {@code null} at offset 0
 * @param totals the counts committed before the piece
 * @param last whether the piece ends the file ({@code Upload-Complete: ?1})
 */
public record Piece(long offset, long nextRow, List<String> header, BatchWritten totals, boolean last) {

	/** The first piece of a file. */
	public static Piece first(boolean last) {
		return new Piece(0, 0, null, BatchWritten.NONE, last);
	}

}
