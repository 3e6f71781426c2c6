package dev.intake.ingest.internal;

/**
 * The Verhoeff check digit, which Aadhaar numbers end with: it catches every single-digit
 * typo and every swap of two adjacent digits.
 */
public final class Verhoeff {

	private static final byte[][] MULTIPLICATION = { { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 },
			{ 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 }, { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 },
			{ 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 }, { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 },
			{ 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 }, { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 } };

	// Position i of a number (from the right) is permuted by the i-th power of this
	// permutation; deriving the powers avoids copying seven more rows by hand.
	private static final byte[][] PERMUTATION = powersOf(new byte[] { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, 8);

	private static final byte[] INVERSE = { 0, 4, 3, 2, 1, 5, 6, 7, 8, 9 };

	private Verhoeff() {
	}

	/**
	 * Tells whether the ASCII digits end with their correct check digit.
	 * @param digits the ASCII digits {@code '0'}–{@code '9'}, check digit last
	 * @return whether the check digit is right
	 */
	public static boolean isValid(byte[] digits) {
		int check = 0;
		for (int i = 0; i < digits.length; i++) {
			int digit = digits[digits.length - 1 - i] - '0';
			check = MULTIPLICATION[check][PERMUTATION[i % 8][digit]];
		}
		return check == 0;
	}

	/**
	 * Tells whether some digits end with their correct check digit.
	 * @param values digit values, 0 to 9
	 * @param from the index of the first digit
	 * @param length how many digits, check digit last
	 * @return whether the check digit is right
	 */
	public static boolean isValid(int[] values, int from, int length) {
		int check = 0;
		for (int i = 0; i < length; i++) {
			check = MULTIPLICATION[check][PERMUTATION[i % 8][values[from + length - 1 - i]]];
		}
		return check == 0;
	}

	/**
	 * Tells whether the digits end with their correct check digit.
	 * @param digits digits only, check digit last
	 * @return whether the check digit is right
	 */
	public static boolean isValid(CharSequence digits) {
		return isValid(ascii(digits));
	}

	/**
	 * Computes the check digit to append to the digits.
	 * @param digits digits only, without check digit
	 * @return the check digit, 0 to 9
	 */
	public static int checkDigit(CharSequence digits) {
		byte[] ascii = ascii(digits);
		int check = 0;
		for (int i = 0; i < ascii.length; i++) {
			int digit = ascii[ascii.length - 1 - i] - '0';
			check = MULTIPLICATION[check][PERMUTATION[(i + 1) % 8][digit]];
		}
		return INVERSE[check];
	}

	private static byte[][] powersOf(byte[] permutation, int count) {
		byte[][] powers = new byte[count][permutation.length];
		for (int digit = 0; digit < permutation.length; digit++) {
			powers[0][digit] = (byte) digit;
		}
		for (int power = 1; power < count; power++) {
			for (int digit = 0; digit < permutation.length; digit++) {
				powers[power][digit] = permutation[powers[power - 1][digit]];
			}
		}
		return powers;
	}

	private static byte[] ascii(CharSequence digits) {
		byte[] ascii = new byte[digits.length()];
		for (int i = 0; i < ascii.length; i++) {
			char c = digits.charAt(i);
			if (c < '0' || c > '9') {
				throw new IllegalArgumentException("Verhoeff works on digits only");
			}
			ascii[i] = (byte) c;
		}
		return ascii;
	}

}
