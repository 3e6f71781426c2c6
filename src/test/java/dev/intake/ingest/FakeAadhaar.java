package dev.intake.ingest;

import java.util.Random;

import dev.intake.ingest.internal.Verhoeff;

/**
 * Makes made-up Aadhaar-shaped numbers with a valid Verhoeff check digit, so tests never
 * hold a real person's number.
 */
public final class FakeAadhaar {

	private FakeAadhaar() {
	}

	/** Appends the check digit to an 11-digit made-up prefix. */
	public static String withCheckDigit(String prefix) {
		return prefix + Verhoeff.checkDigit(prefix);
	}

	/** Returns a valid number made of random digits, seeded for repeatable tests. */
	public static String random(long seed) {
		Random random = new Random(seed);
		StringBuilder prefix = new StringBuilder().append(2 + random.nextInt(8));
		for (int i = 1; i < 11; i++) {
			prefix.append(random.nextInt(10));
		}
		return withCheckDigit(prefix.toString());
	}

	/** Returns the number with a wrong check digit. */
	public static String withWrongCheckDigit(String valid) {
		char last = valid.charAt(11);
		return valid.substring(0, 11) + (char) ('0' + (last - '0' + 1) % 10);
	}

	/** Groups the twelve digits in fours, like printed on the card. */
	public static String grouped(String digits, String separator) {
		return digits.substring(0, 4) + separator + digits.substring(4, 8) + separator + digits.substring(8);
	}

	/**
	 * The zeros of decimal digit scripts an Indian file may use: Devanagari, Bengali,
	 * Gurmukhi, Gujarati, Odia, Tamil, Telugu, Kannada, Malayalam, Arabic-Indic, Extended
	 * Arabic-Indic, fullwidth, and one outside the Basic Multilingual Plane (mathematical
	 * bold), each followed by nine more digits.
	 */
	public static final int[] SCRIPT_ZEROS = { 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
			0x0660, 0x06F0, 0xFF10, 0x1D7CE };

	/** Writes the ASCII digits of a text in the script whose zero is given. */
	public static String inScript(String text, int zero) {
		StringBuilder out = new StringBuilder();
		text.codePoints().forEach((c) -> {
			if (c >= '0' && c <= '9') {
				out.appendCodePoint(zero + (c - '0'));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

}
