package dev.intake.ingest;

/**
 * One problem of one row, for people to fix the file: its message says what is expected
 * and never repeats the cell's value.
 *
 * @param row the row number, 1 for the first row after the header
 * @param column the canonical column name, like {@code amount_due}, or {@code null} when
 * the problem is the whole row's
 * @param code a stable machine-readable reason, like {@code invalid-phone}
 * @param message what is wrong, for people
 */
record RowError(long row, String column, String code, String message) {

}
