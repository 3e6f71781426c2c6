package dev.intake.ingest;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.intake.ingest.internal.Column;

/**
 * Makes the copy of a row's cells that is stored beside its errors and shown in error
 * reports: national IDs masked by {@link NationalIdMasking}, and NUL characters, which
 * PostgreSQL cannot store in text, replaced by U+FFFD.
 * <p>
 * The national ID column's cell keeps only its last four digits; a valid phone in the
 * phone column stays as written (the phone rule decides, see {@link NationalIdMasking});
 * unknown columns, whose meaning nobody checked, have every long digit run masked; every
 * other cell has its Aadhaar-shaped numbers masked.
 */
final class RawCells {

	private final int nationalIdAt;

	private final int phoneAt;

	private final boolean[] known;

	RawCells(ColumnMapping mapping) {
		this.nationalIdAt = mapping.indexOf(Column.NATIONAL_ID);
		this.phoneAt = mapping.indexOf(Column.PRIMARY_PHONE);
		this.known = new boolean[mapping.width()];
		for (Column column : Column.values()) {
			int at = mapping.indexOf(column);
			if (at >= 0) {
				this.known[at] = true;
			}
		}
	}

	/**
	 * The cells of a row that fits the header.
	 * @param fields the cells as read
	 * @param validPhone whether the phone column's cell is a valid phone number
	 * @return the cells to store
	 */
	List<String> of(List<String> fields, boolean validPhone) {
		String[] cells = new String[fields.size()];
		for (int i = 0; i < cells.length; i++) {
			String cell = fields.get(i);
			if (i == this.nationalIdAt) {
				cell = NationalIds.mask(cell);
			}
			else if (i == this.phoneAt) {
				cell = validPhone ? cell : NationalIdMasking.masked(cell);
			}
			else if (i < this.known.length && this.known[i]) {
				cell = NationalIdMasking.masked(cell);
			}
			else {
				cell = NationalIdMasking.maskedLongRuns(cell);
			}
			cells[i] = storable(cell);
		}
		return Collections.unmodifiableList(Arrays.asList(cells));
	}

	/**
	 * The cells of a row with the wrong number of cells: they may have shifted, so any of
	 * them could be the national ID.
	 * @param fields the cells as read
	 * @return the cells to store
	 */
	static List<String> ragged(List<String> fields) {
		String[] cells = new String[fields.size()];
		for (int i = 0; i < cells.length; i++) {
			cells[i] = storable(NationalIdMasking.maskedLongRuns(fields.get(i)));
		}
		return Collections.unmodifiableList(Arrays.asList(cells));
	}

	/** Whether PostgreSQL can store the text: it refuses NUL characters. */
	static boolean isStorable(String text) {
		return text == null || text.indexOf('\u0000') < 0;
	}

	static String storable(String text) {
		return isStorable(text) ? text : text.replace('\u0000', '\uFFFD');
	}

}
