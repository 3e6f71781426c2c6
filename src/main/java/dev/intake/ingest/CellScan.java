package dev.intake.ingest;

/**
 * What one pass over a cell finds, so that a row's checks read each of its cells once
 * instead of once per check: whether it holds characters {@link Texts#clean} removes, a
 * NUL (which PostgreSQL cannot store), and enough digits of any script to be a national
 * ID ({@link NationalIdMasking}). The answer is a set of flags; a flag that is clear
 * proves its check would find nothing, a flag that is set sends the cell to the full
 * check. Never throws.
 */
final class CellScan {

	/** The cell holds a character {@link Texts#clean} removes or replaces. */
	static final int UNWANTED = 1;

	/** The cell holds a NUL character. */
	static final int NUL = 2;

	/**
	 * The cell holds at least twelve digits (surrogates counted, as supplementary scripts
	 * have digits too).
	 */
	static final int MANY_DIGITS = 4;

	private CellScan() {
	}

	/**
	 * Scans a cell.
	 * @param cell the cell, or {@code null}
	 * @return the flags of what it holds, 0 for {@code null}
	 */
	static int of(String cell) {
		if (cell == null) {
			return 0;
		}
		int flags = 0;
		int digits = 0;
		for (int i = 0, length = cell.length(); i < length; i++) {
			char c = cell.charAt(i);
			if (c >= '0' && c <= '9') {
				digits++;
			}
			else if (c < ' ') {
				flags |= (c == '\u0000') ? UNWANTED | NUL : UNWANTED;
			}
			else if (c >= '\u007F') {
				if (Texts.isUnwanted(c)) {
					flags |= UNWANTED;
				}
				else if (Character.isDigit(c) || Character.isSurrogate(c)) {
					digits++;
				}
			}
		}
		return (digits >= NationalIdScan.LENGTH) ? flags | MANY_DIGITS : flags;
	}

	/** Whether every flag of {@code flag} is set in {@code flags}. */
	static boolean has(int flags, int flag) {
		return (flags & flag) == flag;
	}

}
