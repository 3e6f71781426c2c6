package dev.intake.ingest;

/**
 * The one rule for national IDs (Aadhaar numbers) in text that Intake stores, shows or
 * publishes: every writer of such text calls it, so the rule changes in one place.
 * <p>
 * Digits are the decimal digits of any script ({@link Character#isDigit(int)}: ASCII,
 * Devanagari, Bengali, Tamil, Arabic-Indic, fullwidth, ...). A <em>run</em> is digits
 * joined by separators: spaces of any kind (NBSP, thin, ideographic), tabs, dashes and
 * minus signs, dots, slashes, underscores and invisible format characters (zero-width
 * spaces and joiners, soft hyphens, bidi marks). Within a run, a <em>group</em> is digits
 * with nothing between them.
 * <ul>
 * <li>{@link #masked} and {@link #holdsNationalId} find Aadhaar-shaped numbers: one or
 * more consecutive groups of a run with twelve digits together, ending with a valid
 * Verhoeff check digit. A twelve-digit number inside a longer group (a 16-digit account
 * number) is not one.</li>
 * <li>{@link #maskedLongRuns} is stricter, for text whose meaning is unknown (unknown
 * columns, rows whose cells have shifted, header cells): every run of twelve or more
 * digits, check digit or not.</li>
 * </ul>
 * Masking keeps the last four digits and replaces every other digit of the number with
 * {@code X}, separators unchanged. Methods return the same instance when nothing is
 * masked, and never throw.
 */
public final class NationalIdMasking {

	private NationalIdMasking() {
	}

	/**
	 * Masks every Aadhaar-shaped number.
	 * @param text any text, or {@code null}
	 * @return the text with those numbers masked
	 */
	public static String masked(String text) {
		return (text != null && mayHoldTwelveDigits(text)) ? new NationalIdScan(text, false).masked() : text;
	}

	/**
	 * Tells whether the text holds an Aadhaar-shaped number.
	 * @param text any text, or {@code null}
	 * @return whether {@link #masked} would mask something
	 */
	public static boolean holdsNationalId(String text) {
		return text != null && mayHoldTwelveDigits(text) && new NationalIdScan(text, false).found();
	}

	/**
	 * Masks every run of twelve or more digits.
	 * @param text any text, or {@code null}
	 * @return the text with those runs masked
	 */
	public static String maskedLongRuns(String text) {
		return (text != null && mayHoldTwelveDigits(text)) ? new NationalIdScan(text, true).masked() : text;
	}

	/**
	 * Masks every digit of any script.
	 * @param text any text, or {@code null}
	 * @return the text with each digit replaced by {@code X}
	 */
	static String maskedDigits(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder out = null;
		for (int i = 0; i < text.length();) {
			int c = text.codePointAt(i);
			int next = i + Character.charCount(c);
			if (NationalIdCharacters.isDigit(c)) {
				out = (out != null) ? out : new StringBuilder(text.length()).append(text, 0, i);
				out.append('X');
			}
			else if (out != null) {
				out.append(text, i, next);
			}
			i = next;
		}
		return (out != null) ? out.toString() : text;
	}

	// Most cells have far fewer than twelve digits: count them before scanning runs, by
	// the same count a row's checks use to skip this (CellScan).
	private static boolean mayHoldTwelveDigits(String text) {
		return CellScan.has(CellScan.of(text), CellScan.MANY_DIGITS);
	}

}
