package dev.intake.ingest;

import java.util.List;

import reactor.core.publisher.Flux;

/**
 * Cuts records into batches by rows and by bytes, whichever bound comes first: a batch
 * holds at most {@code maxRows} records and at most {@code maxBytes} of them (estimated
 * by {@link HeapBytes}), except that a single record larger than {@code maxBytes} makes a
 * batch of its own.
 * <p>
 * Emits each batch once the next record would cross a bound, and the last one when the
 * records complete; errors and cancellation pass through (records of an unfinished batch
 * are discarded, not emitted).
 */
final class Batches {

	private Batches() {
	}

	static Flux<List<CsvRecord>> of(Flux<CsvRecord> records, int maxRows, long maxBytes) {
		return Flux.defer(() -> {
			Cut cut = new Cut(maxRows, maxBytes);
			return records.bufferUntil(cut::before, true);
		});
	}

	/** The running size of the batch being filled, for one subscription. */
	private static final class Cut {

		private final int maxRows;

		private final long maxBytes;

		private int rows;

		private long bytes;

		Cut(int maxRows, long maxBytes) {
			this.maxRows = maxRows;
			this.maxBytes = maxBytes;
		}

		/**
		 * Whether the batch so far is emitted before this record, which starts the next.
		 */
		boolean before(CsvRecord record) {
			long size = HeapBytes.ofCells(record.fields());
			boolean full = this.rows > 0 && (this.rows >= this.maxRows || this.bytes + size > this.maxBytes);
			if (full) {
				this.rows = 0;
				this.bytes = 0;
			}
			this.rows++;
			this.bytes += size;
			return full;
		}

	}

}
