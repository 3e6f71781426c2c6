package dev.intake.ingest;

import java.math.BigDecimal;

/**
 * Reads amounts as Indian lenders write them: {@code 15000}, {@code 15,000.00},
 * {@code ₹15,000}, {@code Rs. 1,00,000}, {@code INR 15000}, {@code 15,000/-}.
 * <p>
 * A hand-written scanner rather than a regex or {@code DecimalFormat}: it runs for every
 * row, and grouping must be checked (a stray comma is more likely a typo than a number).
 */
final class Amounts {

	// numeric(15, 2) leaves 13 digits before the decimal point.
	static final int MAX_INTEGER_DIGITS = 13;

	private static final int SCALE = 2;

	private Amounts() {
	}

	/**
	 * Returns the amount with a scale of two, so equal amounts are equal however written.
	 * @param raw the cell
	 * @return the amount, at least zero
	 * @throws CellRejected with code {@code invalid-amount}, {@code negative-amount} or
	 * {@code too-many-decimals}
	 */
	static BigDecimal parse(String raw) {
		if (raw == null) {
			throw invalid();
		}
		Scan scan = new Scan(raw);
		scan.trim();
		boolean negative = scan.skipMinus();
		scan.skipCurrencyPrefix();
		if (!negative) {
			negative = scan.skipMinus();
		}
		scan.skipSuffixes();
		long hundredths = scan.number();
		if (negative && hundredths != 0) {
			throw new CellRejected("negative-amount", "must not be negative");
		}
		if (scan.extraDecimals) {
			throw new CellRejected("too-many-decimals", "must have at most 2 decimals, like 15000.50");
		}
		return BigDecimal.valueOf(hundredths, SCALE);
	}

	private static CellRejected invalid() {
		return new CellRejected("invalid-amount",
				"must be a number of at least 0 with at most 2 decimals, like 15000 or 15,000.00");
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * A cursor over one cell, narrowed from both ends as prefixes and suffixes are read.
	 */
	private static final class Scan {

		private final String text;

		private int start;

		private int end;

		private boolean extraDecimals;

		Scan(String text) {
			this.text = text;
			this.end = text.length();
		}

		void trim() {
			while (this.start < this.end && Texts.isBlank(this.text.charAt(this.start))) {
				this.start++;
			}
			while (this.end > this.start && Texts.isBlank(this.text.charAt(this.end - 1))) {
				this.end--;
			}
		}

		boolean skipMinus() {
			if (this.start < this.end && this.text.charAt(this.start) == '-') {
				this.start++;
				trim();
				return true;
			}
			return false;
		}

		void skipCurrencyPrefix() {
			if (startsWithDigit()) {
				return;
			}
			if (startsWith("\u20B9")) {
				this.start += 1;
			}
			else if (startsWith("INR")) {
				this.start += 3;
			}
			else if (startsWith("Rs.")) {
				this.start += 3;
			}
			else if (startsWith("Rs")) {
				this.start += 2;
			}
			trim();
		}

		void skipSuffixes() {
			if (endsWithDigit()) {
				return;
			}
			if (endsWith("/-")) {
				this.end -= 2;
				trim();
			}
			if (endsWith("INR")) {
				this.end -= 3;
				trim();
			}
		}

		// Most amounts are bare numbers: no currency prefix starts, and no suffix ends,
		// with a digit.
		private boolean startsWithDigit() {
			return this.start < this.end && isDigit(this.text.charAt(this.start));
		}

		private boolean endsWithDigit() {
			return this.end > this.start && isDigit(this.text.charAt(this.end - 1));
		}

		private boolean startsWith(String prefix) {
			return this.end - this.start >= prefix.length()
					&& this.text.regionMatches(true, this.start, prefix, 0, prefix.length());
		}

		private boolean endsWith(String suffix) {
			return this.end - this.start >= suffix.length()
					&& this.text.regionMatches(true, this.end - suffix.length(), suffix, 0, suffix.length());
		}

		/** Reads the rest as a grouped decimal number, in hundredths. */
		long number() {
			long value = 0;
			int significantDigits = 0;
			int groupLength = 0;
			int firstGroupLength = -1;
			int middleGroupLength = -1;
			int i = this.start;
			for (; i < this.end; i++) {
				char c = this.text.charAt(i);
				if (isDigit(c)) {
					if ((value != 0 || c != '0') && ++significantDigits > MAX_INTEGER_DIGITS) {
						throw invalid();
					}
					value = value * 10 + (c - '0');
					groupLength++;
				}
				else if (c == ',') {
					if (firstGroupLength < 0) {
						if (groupLength < 1 || groupLength > 3) {
							throw invalid();
						}
						firstGroupLength = groupLength;
					}
					else if ((groupLength != 2 && groupLength != 3)
							|| (middleGroupLength >= 0 && groupLength != middleGroupLength)) {
						throw invalid();
					}
					else {
						middleGroupLength = groupLength;
					}
					groupLength = 0;
				}
				else {
					break;
				}
			}
			if (groupLength == 0 || !isWellGrouped(firstGroupLength, middleGroupLength, groupLength)) {
				throw invalid();
			}
			return withFraction(value, i);
		}

		// Western grouping is 1,234,567; Indian grouping is 12,34,567: the last group has
		// three digits, the ones before it two, and the first one or two.
		private static boolean isWellGrouped(int firstGroupLength, int middleGroupLength, int lastGroupLength) {
			if (firstGroupLength < 0) {
				return true;
			}
			return lastGroupLength == 3 && (middleGroupLength != 2 || firstGroupLength <= 2);
		}

		private long withFraction(long integerPart, int from) {
			long value = integerPart;
			int i = from;
			int decimals = 0;
			if (i < this.end && this.text.charAt(i) == '.') {
				for (i++; i < this.end && isDigit(this.text.charAt(i)); i++) {
					char c = this.text.charAt(i);
					if (decimals < SCALE) {
						value = value * 10 + (c - '0');
					}
					else if (c != '0') {
						this.extraDecimals = true;
					}
					decimals++;
				}
				if (decimals == 0) {
					throw invalid();
				}
			}
			if (i != this.end) {
				throw invalid();
			}
			for (; decimals < SCALE; decimals++) {
				value *= 10;
			}
			return value;
		}

	}

}
