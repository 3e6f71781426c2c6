package dev.intake.customer;

import java.util.Set;

/**
 * What one batch write stored.
 *
 * @param written how many entries were stored
 * @param duplicateRows the row numbers skipped because an equal row of the same upload
 * was stored before them
 */
public record EntriesWritten(int written, Set<Long> duplicateRows) {

}
