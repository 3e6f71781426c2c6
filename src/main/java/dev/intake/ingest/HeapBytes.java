package dev.intake.ingest;

import java.util.List;

/**
 * Estimates the heap bytes of a row's cells, on the safe side: two bytes a character (as
 * if no string were compact) and a String, its array and a list slot per cell. Batches
 * and reservations are bounded in these bytes, never only by a count of rows.
 */
final class HeapBytes {

	/** A String's header, its array's header and its list slot. */
	static final int PER_CELL = 48;

	/** A record's header, its list and its number. */
	static final int PER_ROW = 64;

	private HeapBytes() {
	}

	static long ofCells(List<String> cells) {
		long bytes = PER_ROW;
		for (int i = 0; i < cells.size(); i++) {
			String cell = cells.get(i);
			bytes += PER_CELL + ((cell != null) ? 2L * cell.length() : 0);
		}
		return bytes;
	}

	/** The most a record within the record and column limits can take. */
	static long ofLargestRecord(int maxRecordLength, int maxColumns) {
		return PER_ROW + 2L * maxRecordLength + (long) PER_CELL * maxColumns;
	}

}
