package dev.intake.ingest;

import dev.intake.customer.PhoneNumbers;

/**
 * What the checks of one upload's rows need, made once per upload.
 *
 * @param mapping the header's mapping of cells to columns
 * @param columns where each column sits
 * @param phones the phone normaliser
 * @param nationalIds the national ID parser
 * @param rawCells how a row's raw cells are kept beside its errors
 * @param fingerprints the fingerprints of the upload's entries
 */
record RowRules(ColumnMapping mapping, ColumnIndexes columns, PhoneNumbers phones, NationalIds nationalIds,
		RawCells rawCells, EntryFingerprints fingerprints) {

}
