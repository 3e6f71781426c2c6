package dev.intake.ingest;

import java.util.List;

/**
 * One CSV record as read from the file, before validation.
 *
 * @param number 0 for the header, then 1, 2, … for the data rows; blank lines are not
 * counted
 * @param fields the cells, unquoted
 * @param end the byte offset in the file just after the record (and its line ending),
 * when the body is decoded as a piece of a resumable upload; {@code -1} otherwise
 */
record CsvRecord(long number, List<String> fields, long end) {

	CsvRecord(long number, List<String> fields) {
		this(number, fields, -1);
	}

	boolean isHeader() {
		return this.number == 0;
	}

}
