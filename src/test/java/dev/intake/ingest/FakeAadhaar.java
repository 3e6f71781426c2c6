package dev.intake.ingest;

import java.util.Random;

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

}
