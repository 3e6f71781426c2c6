package dev.intake.change.internal;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A customer's entry in one cycle, reduced to what cycles are compared by; never a
 * national ID.
 *
 * @param row the entry's data row in its file
 * @param fullName the name
 * @param amountDue the amount due
 * @param dueDate the due date
 * @param state the state, or {@code null}
 * @param preferredLanguage the preferred language, or {@code null}
 * @param email the email, or {@code null}
 */
record CycleEntry(long row, String fullName, BigDecimal amountDue, LocalDate dueDate, String state,
		String preferredLanguage, String email) {

	/** A compared field's value as text, by its API name; see {@link ComparedFields}. */
	String valueOf(String field) {
		Object value = switch (field) {
			case "fullName" -> this.fullName;
			case "amountDue" -> this.amountDue;
			case "dueDate" -> this.dueDate;
			case "state" -> this.state;
			case "preferredLanguage" -> this.preferredLanguage;
			case "email" -> this.email;
			default -> throw new IllegalArgumentException("Not a compared field: " + field);
		};
		if (value instanceof BigDecimal amount) {
			return amount.toPlainString();
		}
		return (value != null) ? value.toString() : null;
	}

}
