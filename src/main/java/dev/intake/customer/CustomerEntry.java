package dev.intake.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One accepted CSV row, normalised: a dated entry of one customer in one upload cycle.
 * <p>
 * It never holds a full national ID: only its last four digits and a keyed HMAC of it.
 *
 * @param rowNumber the data row number in its file, 1 for the first row after the header
 * @param fullName the customer's name as given, trimmed
 * @param primaryPhone the phone in E.164, for example {@code +919876543210}
 * @param nationalIdLast4 the last four digits of the national ID, or {@code null}
 * @param nationalIdHmac the keyed HMAC-SHA256 of the national ID, or {@code null}
 * @param loanAccount the loan account, or {@code null}
 * @param amountDue the amount due, at least zero, with at most two decimals
 * @param dueDate the due date
 * @param state the state, or {@code null}
 * @param preferredLanguage the preferred language, or {@code null}
 * @param email the email, or {@code null}
 * @param fingerprint identifies this entry: unique across all entries of all uploads
 */
public record CustomerEntry(long rowNumber, String fullName, String primaryPhone, String nationalIdLast4,
		byte[] nationalIdHmac, String loanAccount, BigDecimal amountDue, LocalDate dueDate, String state,
		String preferredLanguage, String email, UUID fingerprint) {

}
