package dev.intake.ingest;

import java.util.Locale;

/**
 * Checks that an email cell looks like one address, without pretending to implement RFC
 * 5322: mail servers are the real judges, this only catches typos and pasted notes.
 */
final class Emails {

	static final int MAX_LENGTH = 254;

	private static final String NOT_ALLOWED = " \"(),:;<>[\\]";

	private Emails() {
	}

	/**
	 * Returns the address with its domain in lower case.
	 * @param cleaned the cell, already trimmed, not empty
	 * @return the address
	 * @throws CellRejected with code {@code invalid-email}
	 */
	static String parse(String cleaned) {
		int at = cleaned.indexOf('@');
		if (at <= 0 || at != cleaned.lastIndexOf('@') || !hasValidLocalPart(cleaned, at)
				|| !hasValidDomain(cleaned, at + 1)) {
			throw new CellRejected("invalid-email", "must be one email address, like name@example.com");
		}
		return hasUpperCase(cleaned, at + 1)
				? cleaned.substring(0, at + 1) + cleaned.substring(at + 1).toLowerCase(Locale.ROOT) : cleaned;
	}

	private static boolean hasValidLocalPart(String email, int at) {
		for (int i = 0; i < at; i++) {
			char c = email.charAt(i);
			if (!isAsciiLetterOrDigit(c)
					&& (Character.isWhitespace(c) || Character.isSpaceChar(c) || NOT_ALLOWED.indexOf(c) >= 0)) {
				return false;
			}
		}
		return true;
	}

	private static boolean hasValidDomain(String email, int start) {
		int end = email.length();
		int lastDot = -1;
		for (int i = start; i < end; i++) {
			char c = email.charAt(i);
			if (c == '.') {
				if (i == start || i == lastDot + 1 || i == end - 1) {
					return false;
				}
				lastDot = i;
			}
			else if (c != '-' && !isAsciiLetterOrDigit(c) && (c < '\u0080' || !Character.isLetterOrDigit(c))) {
				return false;
			}
		}
		return lastDot > 0 && end - lastDot > 2;
	}

	private static boolean hasUpperCase(String email, int start) {
		for (int i = start; i < email.length(); i++) {
			char c = email.charAt(i);
			if ((c >= 'A' && c <= 'Z') || (c >= '\u0080' && Character.isUpperCase(c))) {
				return true;
			}
		}
		return false;
	}

	// The common case, decided without Character's tables; for these, Character's
	// answers are the same.
	private static boolean isAsciiLetterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
	}

}
