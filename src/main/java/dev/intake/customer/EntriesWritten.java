package dev.intake.customer;

/**
 * What one batch write stored.
 *
 * @param written how many entries were stored
 */
public record EntriesWritten(int written) {

}
