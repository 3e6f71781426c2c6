package dev.intake.ingest;

/**
 * Cleans free-text cells, so what is stored prints and compares sanely: trimmed, without
 * control characters, and bounded in length.
 */
final class Texts {

	static final int MAX_LENGTH = 500;

	private Texts() {
	}

	/**
	 * Returns the cell trimmed, with line breaks and tabs turned into spaces and other
	 * control characters removed.
	 * @param raw the cell, or {@code null}
	 * @param maxLength the most characters the cleaned value may have
	 * @param scan the cell's {@link CellScan} flags: without {@link CellScan#UNWANTED},
	 * the cell is not searched for characters to remove
	 * @return the cleaned value, empty for a blank or {@code null} cell
	 * @throws CellRejected with code {@code value-too-long}
	 */
	static String clean(String raw, int maxLength, int scan) {
		if (raw == null) {
			return "";
		}
		int start = 0;
		int end = raw.length();
		while (start < end && isBlank(raw.charAt(start))) {
			start++;
		}
		while (end > start && isBlank(raw.charAt(end - 1))) {
			end--;
		}
		String cleaned = (CellScan.has(scan, CellScan.UNWANTED) && hasUnwanted(raw, start, end))
				? withoutUnwanted(raw, start, end) : raw.substring(start, end);
		if (cleaned.length() > maxLength) {
			throw new CellRejected("value-too-long", "must be at most " + maxLength + " characters long");
		}
		return cleaned;
	}

	/** Whether a cell is absent or holds nothing but blanks. */
	static boolean isBlank(String cell) {
		if (cell == null) {
			return true;
		}
		for (int i = 0; i < cell.length(); i++) {
			if (!isBlank(cell.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	static boolean isBlank(char c) {
		if (c > ' ' && c < '\u007F') {
			// Printable ASCII, most characters of most cells: none is blank.
			return false;
		}
		return c <= ' ' || isUnwanted(c) || Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	// C0 and C1 controls, the byte order mark, the zero-width space, and the bidi marks,
	// embeddings, overrides and isolates that can make a name display as another
	// ("Trojan Source"). Zero-width (non-)joiners stay: Indic scripts need them.
	static boolean isUnwanted(char c) {
		return c < ' ' || (c >= '\u007F' && c <= '\u009F') || c == '\uFEFF' || c == '\u200B' || isBidiControl(c);
	}

	private static boolean isBidiControl(char c) {
		return c == '\u200E' || c == '\u200F' || c == '\u061C' || (c >= '\u202A' && c <= '\u202E')
				|| (c >= '\u2066' && c <= '\u2069');
	}

	private static boolean hasUnwanted(String raw, int start, int end) {
		for (int i = start; i < end; i++) {
			if (isUnwanted(raw.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static String withoutUnwanted(String raw, int start, int end) {
		StringBuilder cleaned = new StringBuilder(end - start);
		for (int i = start; i < end; i++) {
			char c = raw.charAt(i);
			if (c == '\t' || c == '\n' || c == '\r') {
				cleaned.append(' ');
			}
			else if (!isUnwanted(c)) {
				cleaned.append(c);
			}
		}
		return cleaned.toString();
	}

}
