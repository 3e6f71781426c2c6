package dev.intake.ingest;

import java.util.List;
import java.util.UUID;

import dev.intake.customer.PhoneNumbers;

/**
 * Turns the cells of one upload's data rows into normalised customer entries, or into
 * every problem the row has, so a file can be fixed in one pass.
 * <p>
 * Made once per upload. Thread-safe, and built for millions of rows: no regex and no
 * exception on the happy path. A row that does not fit the header or holds nothing is
 * rejected here; the rest go through the column checks of {@link RowCheck}.
 */
final class RowValidator {

	private final RowRules rules;

	private final int width;

	private final int namedWidth;

	RowValidator(UUID uploadId, ColumnMapping mapping, PhoneNumbers phones, NationalIds nationalIds) {
		this.rules = new RowRules(mapping, new ColumnIndexes(mapping), phones, nationalIds, new RawCells(mapping),
				new EntryFingerprints(uploadId));
		this.width = mapping.width();
		this.namedWidth = mapping.namedWidth();
	}

	/**
	 * Validates one data row.
	 * @param rowNumber the row's number, 1 for the first row after the header
	 * @param fields the row's cells, as read
	 * @return the accepted entry, or every problem of the row
	 */
	ValidatedRow validate(long rowNumber, List<String> fields) {
		if (!fitsHeader(fields)) {
			String message = "Row has " + fields.size() + " columns, the header has " + this.width;
			return new RejectedRow(rowNumber, List.of(new RowError(rowNumber, null, "wrong-column-count", message)),
					RawCells.ragged(fields));
		}
		if (isBlankRow(fields)) {
			return new RejectedRow(rowNumber,
					List.of(new RowError(rowNumber, null, "empty-row",
							"Row has no values; remove it or fill in the required columns")),
					this.rules.rawCells().of(fields, false));
		}
		return new RowCheck(this.rules, rowNumber, fields).validate();
	}

	// Spreadsheets pad rows with empty cells past the header, and some drop the empty
	// cells under blank header cells; neither shifts the data.
	private boolean fitsHeader(List<String> fields) {
		int size = fields.size();
		if (size < this.namedWidth) {
			return false;
		}
		for (int i = this.width; i < size; i++) {
			if (!Texts.isBlank(fields.get(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isBlankRow(List<String> fields) {
		for (int i = 0; i < fields.size(); i++) {
			if (!Texts.isBlank(fields.get(i))) {
				return false;
			}
		}
		return true;
	}

}
