package dev.intake.change.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One customer compared with the previous cycle. The entry fields are this cycle's, or
 * for a {@code missing} customer the previous cycle's; a national ID is never part of it.
 *
 * @param kind how the customer compares
 * @param primaryPhone the phone in E.164, half of the customer's key
 * @param loanAccount the loan account, the other half, or {@code null}
 * @param fullName the name
 * @param amountDue the amount due
 * @param dueDate the due date
 * @param state the state, or {@code null}
 * @param preferredLanguage the preferred language, or {@code null}
 * @param email the email, or {@code null}
 * @param row the customer's data row in this upload, or {@code null} when missing
 * @param previousRow its data row in the previous upload, or {@code null} when new
 * @param changes the fields that differ, in a fixed order; empty unless {@code changed}
 */
public record Change(ChangeKind kind, String primaryPhone, String loanAccount, String fullName, BigDecimal amountDue,
		LocalDate dueDate, String state, String preferredLanguage, String email, Long row, Long previousRow,
		List<FieldChange> changes) {

	static Change of(ChangeKind kind, String primaryPhone, String loanAccount, CycleEntry current, CycleEntry previous,
			List<String> changedFields) {
		CycleEntry shown = (current != null) ? current : previous;
		List<FieldChange> changes = changedFields.stream()
			.map((field) -> new FieldChange(field, previous.valueOf(field), current.valueOf(field)))
			.toList();
		return new Change(kind, primaryPhone, loanAccount, shown.fullName(), shown.amountDue(), shown.dueDate(),
				shown.state(), shown.preferredLanguage(), shown.email(), (current != null) ? current.row() : null,
				(previous != null) ? previous.row() : null, changes);
	}

}
