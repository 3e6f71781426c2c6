package dev.intake.change.internal;

/**
 * One compared field that differs between the previous cycle and this one, as text:
 * amounts with two decimals ({@code 15000.00}), dates as ISO dates.
 *
 * @param field the field's API name, such as {@code amountDue}
 * @param from the previous cycle's value, or {@code null} if it had none
 * @param to this cycle's value, or {@code null} if it has none
 */
public record FieldChange(String field, String from, String to) {

}
