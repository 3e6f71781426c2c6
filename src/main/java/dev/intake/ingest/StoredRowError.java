package dev.intake.ingest;

/**
 * A row error as stored.
 *
 * @param row the data row number, 1 for the first row after the header
 * @param seq the error's place among the errors of its row
 * @param column the canonical column name, or {@code null} for a problem of the whole row
 * @param code a stable machine code, such as {@code invalid-phone}
 * @param message what is wrong, for people; it never holds a national ID
 * @param rawRow the original row as one CSV line, with any national ID masked;
 * {@code null} where it was not read (pages of errors never read it)
 */
public record StoredRowError(long row, int seq, String column, String code, String message, String rawRow) {

}
