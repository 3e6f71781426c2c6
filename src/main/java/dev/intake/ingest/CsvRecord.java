package dev.intake.ingest;

import java.util.List;

/**
 * One CSV record as read from the file, before validation.
 *
 * @param number 0 for the header, then 1, 2, … for the data rows; blank lines are not
 * counted
 * @param fields the cells, unquoted
 */
record CsvRecord(long number, List<String> fields) {

	boolean isHeader() {
		return this.number == 0;
	}

}
