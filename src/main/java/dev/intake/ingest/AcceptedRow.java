package dev.intake.ingest;

import java.util.List;

import dev.intake.customer.CustomerEntry;

/**
 * A row whose every cell passed validation.
 *
 * @param row the row number
 * @param entry the normalised entry
 * @param raw the cells, national IDs masked
 */
record AcceptedRow(long row, CustomerEntry entry, List<String> raw) implements ValidatedRow {

}
