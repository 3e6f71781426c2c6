package dev.intake.ingest;

import java.util.Arrays;

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

	static final int LENGTH = 12;

	private static final int KEPT = 4;

	private NationalIdMasking() {
	}

	/**
	 * Masks every Aadhaar-shaped number.
	 * @param text any text, or {@code null}
	 * @return the text with those numbers masked
	 */
	public static String masked(String text) {
		return (text != null && mayHoldTwelveDigits(text)) ? new Scan(text, false).masked() : text;
	}

	/**
	 * Tells whether the text holds an Aadhaar-shaped number.
	 * @param text any text, or {@code null}
	 * @return whether {@link #masked} would mask something
	 */
	public static boolean holdsNationalId(String text) {
		return text != null && mayHoldTwelveDigits(text) && new Scan(text, false).found();
	}

	/**
	 * Masks every run of twelve or more digits.
	 * @param text any text, or {@code null}
	 * @return the text with those runs masked
	 */
	public static String maskedLongRuns(String text) {
		return (text != null && mayHoldTwelveDigits(text)) ? new Scan(text, true).masked() : text;
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
			if (isDigit(c)) {
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

	static boolean isDigit(int c) {
		return (c >= '0' && c <= '9') || (c > 0x7F && Character.isDigit(c));
	}

	/** The digit's value, 0 to 9, in whatever script it is written. */
	static int valueOf(int digit) {
		return Character.digit(digit, 10);
	}

	static boolean isSeparator(int c) {
		if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '_' || c == '\t') {
			return true;
		}
		if (c < 0x80) {
			return false;
		}
		int type = Character.getType(c);
		return Character.isSpaceChar(c) || type == Character.DASH_PUNCTUATION || type == Character.CONNECTOR_PUNCTUATION
				|| type == Character.FORMAT || c == 0x2212 || c == 0xFF0E || c == 0x00B7 || c == 0x2024 || c == 0x30FB
				|| c == 0xFF0F || c == 0x2044 || c == 0x2215;
	}

	// Most cells have far fewer than twelve digits: count them before scanning runs.
	// Surrogates count, as supplementary scripts have digits too.
	private static boolean mayHoldTwelveDigits(String text) {
		int digits = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (((c >= '0' && c <= '9') || (c > 0x7F && (Character.isDigit(c) || Character.isSurrogate(c))))
					&& ++digits >= LENGTH) {
				return true;
			}
		}
		return false;
	}

	/** One pass over a text, run by run. */
	private static final class Scan {

		private final String text;

		private final boolean everyLongRun;

		// Per digit of the current run: its value and char index; per group: where its
		// digits start in those arrays.
		private int[] values = new int[32];

		private int[] positions = new int[32];

		private int[] groupStarts = new int[16];

		private int digits;

		private int groups;

		private boolean[] toMask;

		private boolean found;

		Scan(String text, boolean everyLongRun) {
			this.text = text;
			this.everyLongRun = everyLongRun;
		}

		boolean found() {
			run();
			return this.found;
		}

		String masked() {
			run();
			if (!this.found) {
				return this.text;
			}
			StringBuilder out = new StringBuilder(this.text.length());
			for (int i = 0; i < this.text.length();) {
				int c = this.text.codePointAt(i);
				int next = i + Character.charCount(c);
				if (this.toMask[i]) {
					out.append('X');
				}
				else {
					out.append(this.text, i, next);
				}
				i = next;
			}
			return out.toString();
		}

		private void run() {
			String text = this.text;
			int i = 0;
			while (i < text.length()) {
				int c = text.codePointAt(i);
				if (!isDigit(c)) {
					i += Character.charCount(c);
					continue;
				}
				i = readRun(i);
				if (this.everyLongRun) {
					if (this.digits >= LENGTH) {
						mask(0, this.digits);
					}
				}
				else {
					findNumbers();
				}
			}
		}

		/** Reads the run starting at a digit; returns the index after its last digit. */
		private int readRun(int from) {
			String text = this.text;
			this.digits = 0;
			this.groups = 0;
			int i = from;
			while (true) {
				addGroupStart();
				while (i < text.length() && isDigit(text.codePointAt(i))) {
					int c = text.codePointAt(i);
					addDigit(valueOf(c), i);
					i += Character.charCount(c);
				}
				int j = i;
				while (j < text.length() && isSeparator(text.codePointAt(j))) {
					j += Character.charCount(text.codePointAt(j));
				}
				if (j == i || j == text.length() || !isDigit(text.codePointAt(j))) {
					return i;
				}
				i = j;
			}
		}

		private void findNumbers() {
			for (int first = 0; first < this.groups; first++) {
				int start = this.groupStarts[first];
				for (int last = first; last < this.groups; last++) {
					int length = groupEnd(last) - start;
					if (length > LENGTH) {
						break;
					}
					if (length == LENGTH) {
						if (Verhoeff.isValid(this.values, start, LENGTH)) {
							mask(start, start + LENGTH);
						}
						break;
					}
				}
			}
		}

		private int groupEnd(int group) {
			return (group + 1 < this.groups) ? this.groupStarts[group + 1] : this.digits;
		}

		/** Masks the digits from one index of the run to another, but the last four. */
		private void mask(int from, int to) {
			this.found = true;
			if (this.toMask == null) {
				this.toMask = new boolean[this.text.length()];
			}
			for (int d = from; d < to - KEPT; d++) {
				this.toMask[this.positions[d]] = true;
			}
		}

		private void addGroupStart() {
			if (this.groups == this.groupStarts.length) {
				this.groupStarts = Arrays.copyOf(this.groupStarts, 2 * this.groups);
			}
			this.groupStarts[this.groups++] = this.digits;
		}

		private void addDigit(int value, int position) {
			if (this.digits == this.values.length) {
				this.values = Arrays.copyOf(this.values, 2 * this.digits);
				this.positions = Arrays.copyOf(this.positions, 2 * this.digits);
			}
			this.values[this.digits] = value;
			this.positions[this.digits++] = position;
		}

	}

}
