package dev.intake.ingest;

import java.util.List;

/**
 * One data row after validation: either accepted as a customer entry or rejected with its
 * errors.
 */
sealed interface ValidatedRow permits AcceptedRow, RejectedRow {

	/**
	 * Returns the row's number in its file, 1 for the first row after the header.
	 * @return the row number
	 */
	long row();

	/**
	 * Returns the row's cells as read, except that national IDs are masked, so it can be
	 * stored and exported.
	 * @return the cells, unmodifiable, possibly with {@code null} cells
	 */
	List<String> raw();

}
