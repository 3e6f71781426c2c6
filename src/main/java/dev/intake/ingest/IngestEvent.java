package dev.intake.ingest;

import java.util.List;

/** What the ingest pipeline reports about an upload as it goes. */
public sealed interface IngestEvent {

	/**
	 * The header was read and every required column was found.
	 *
	 * @param header the header cells as given
	 * @param unknownColumns header cells that match no known column; they are ignored
	 */
	record HeaderAccepted(List<String> header, List<String> unknownColumns) implements IngestEvent {

	}

	/**
	 * A batch was committed. The counts are totals since the upload started.
	 *
	 * @param rowsProcessed data rows read so far
	 * @param rowsSucceeded rows stored as customer entries
	 * @param rowsFailed rows rejected with row errors
	 */
	record BatchWritten(long rowsProcessed, long rowsSucceeded, long rowsFailed) implements IngestEvent {

		static final BatchWritten NONE = new BatchWritten(0, 0, 0);

		BatchWritten plus(BatchWritten batch) {
			return new BatchWritten(this.rowsProcessed + batch.rowsProcessed, this.rowsSucceeded + batch.rowsSucceeded,
					this.rowsFailed + batch.rowsFailed);
		}

	}

}
