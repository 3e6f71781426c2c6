package dev.intake.ingest;

import java.util.List;

import dev.intake.customer.CustomerEntry;

/**
 * A row whose every cell passed validation. Its raw cells, national IDs masked, are made
 * only when asked for ({@link #raw()}): for the few rows that may repeat an earlier one,
 * not for every row.
 */
final class AcceptedRow implements ValidatedRow {

	private final long row;

	private final CustomerEntry entry;

	private final List<String> fields;

	private final RawCells rawCells;

	/**
	 * A row that passed validation.
	 * @param row the row number
	 * @param entry the normalised entry
	 * @param fields the cells as read
	 * @param rawCells how the cells are masked when stored, its phone being valid
	 */
	AcceptedRow(long row, CustomerEntry entry, List<String> fields, RawCells rawCells) {
		this.row = row;
		this.entry = entry;
		this.fields = fields;
		this.rawCells = rawCells;
	}

	@Override
	public long row() {
		return this.row;
	}

	/** Returns the normalised entry. */
	CustomerEntry entry() {
		return this.entry;
	}

	@Override
	public List<String> raw() {
		return this.rawCells.of(this.fields, true);
	}

}
