package dev.intake.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One stored entry of a customer, as shown to API clients: never a full national ID.
 *
 * @param uploadId the upload the entry came with
 * @param filename that upload's file name
 * @param uploadedAt when that upload was created
 * @param rowNumber the data row of the entry in that file
 * @param fullName the customer's name
 * @param primaryPhone the phone in E.164
 * @param nationalId the national ID masked to its last four digits, or {@code null}
 * @param loanAccount the loan account, or {@code null}
 * @param amountDue the amount due
 * @param dueDate the due date
 * @param state the state, or {@code null}
 * @param preferredLanguage the preferred language, or {@code null}
 * @param email the email, or {@code null}
 * @param fingerprint the entry's unique fingerprint
 */
public record CustomerHistoryEntry(UUID uploadId, String filename, Instant uploadedAt, long rowNumber, String fullName,
		String primaryPhone, String nationalId, String loanAccount, BigDecimal amountDue, LocalDate dueDate,
		String state, String preferredLanguage, String email, UUID fingerprint) {

	/**
	 * Shows only the last four digits of a national ID, the way the product displays it.
	 */
	public static String maskNationalId(String last4) {
		return (last4 != null) ? "XXXX XXXX " + last4 : null;
	}

}
