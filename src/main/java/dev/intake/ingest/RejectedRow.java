package dev.intake.ingest;

import java.util.List;

/**
 * A row with at least one problem; none of it is stored as a customer entry.
 *
 * @param row the row number
 * @param errors every problem found in the row
 * @param raw the cells, national IDs masked
 */
record RejectedRow(long row, List<RowError> errors, List<String> raw) implements ValidatedRow {

}
