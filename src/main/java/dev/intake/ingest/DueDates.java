package dev.intake.ingest;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads due dates as Indian lenders write them: ISO {@code 2024-11-15}, day first
 * {@code 15/11/2024}, {@code 15-11-2024}, {@code 15.11.2024}, or with an English month
 * name {@code 15 Nov 2024}, {@code 15-Nov-2024}, {@code 15 November 2024}.
 * <p>
 * The shape is recognised by a small scanner instead of trying one
 * {@code DateTimeFormatter} after another: this runs for every row, and a failed
 * formatter costs an exception. The date is then built by {@link LocalDate#of}, which is
 * as strict as {@code ResolverStyle.STRICT}: {@code 31/02/2024} is rejected, never
 * adjusted.
 */
final class DueDates {

	static final int MIN_YEAR = 1900;

	static final int MAX_YEAR = 2999;

	private static final String[] MONTHS = { "january", "february", "march", "april", "may", "june", "july", "august",
			"september", "october", "november", "december" };

	private DueDates() {
	}

	/**
	 * Returns the date the cell names.
	 * @param raw the cell
	 * @return the date
	 * @throws CellRejected with code {@code invalid-date} or {@code impossible-date}
	 */
	static LocalDate parse(String raw) {
		if (raw == null) {
			throw invalid();
		}
		Scan scan = new Scan(raw);
		int first = scan.number(1, 4);
		if (scan.digits == 4) {
			char separator = scan.separator("-/");
			int month = scan.number(1, 2);
			scan.expect(separator);
			int day = scan.number(1, 2);
			scan.end();
			return date(first, month, day);
		}
		if (scan.digits > 2) {
			throw invalid();
		}
		char separator = scan.separator("/-. ");
		int month = scan.isAtDigit() ? scan.number(1, 2) : scan.monthName();
		if (separator == ' ') {
			scan.skipSpaces();
		}
		else {
			scan.expect(separator);
		}
		int year = scan.number(4, 4);
		scan.end();
		return date(year, month, first);
	}

	private static LocalDate date(int year, int month, int day) {
		if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1
				|| day > Month.of(month).length(Year.isLeap(year))) {
			throw new CellRejected("impossible-date",
					"must be a real calendar date between the years " + MIN_YEAR + " and " + MAX_YEAR);
		}
		return LocalDate.of(year, month, day);
	}

	private static CellRejected invalid() {
		return new CellRejected("invalid-date", "must be a date like 2024-11-15, 15/11/2024 or 15 Nov 2024");
	}

	/** A cursor over one trimmed cell. */
	private static final class Scan {

		private final String text;

		private final int end;

		private int at;

		private int digits;

		Scan(String raw) {
			int start = 0;
			int end = raw.length();
			while (start < end && Texts.isBlank(raw.charAt(start))) {
				start++;
			}
			while (end > start && Texts.isBlank(raw.charAt(end - 1))) {
				end--;
			}
			this.text = raw;
			this.at = start;
			this.end = end;
		}

		boolean isAtDigit() {
			return this.at < this.end && isDigit(this.text.charAt(this.at));
		}

		int number(int minDigits, int maxDigits) {
			int value = 0;
			this.digits = 0;
			while (isAtDigit()) {
				if (++this.digits > maxDigits) {
					throw invalid();
				}
				value = value * 10 + (this.text.charAt(this.at++) - '0');
			}
			if (this.digits < minDigits) {
				throw invalid();
			}
			return value;
		}

		char separator(String allowed) {
			if (this.at >= this.end || allowed.indexOf(this.text.charAt(this.at)) < 0) {
				throw invalid();
			}
			char separator = this.text.charAt(this.at++);
			while (separator == ' ' && this.at < this.end && this.text.charAt(this.at) == ' ') {
				this.at++;
			}
			return separator;
		}

		void expect(char separator) {
			if (this.at >= this.end || this.text.charAt(this.at) != separator) {
				throw invalid();
			}
			this.at++;
		}

		void skipSpaces() {
			int from = this.at;
			while (this.at < this.end && this.text.charAt(this.at) == ' ') {
				this.at++;
			}
			if (this.at == from) {
				throw invalid();
			}
		}

		/** Reads an English month name: three letters, "Sept", or in full; any case. */
		int monthName() {
			int from = this.at;
			while (this.at < this.end && isAsciiLetter(this.text.charAt(this.at))) {
				this.at++;
			}
			int length = this.at - from;
			for (int i = 0; i < MONTHS.length; i++) {
				String month = MONTHS[i];
				boolean fits = length == 3 || length == month.length() || (i == 8 && length == 4);
				if (fits && length <= month.length() && month.regionMatches(true, 0, this.text, from, length)) {
					return i + 1;
				}
			}
			throw invalid();
		}

		void end() {
			if (this.at != this.end) {
				throw invalid();
			}
		}

		private static boolean isDigit(char c) {
			return c >= '0' && c <= '9';
		}

		private static boolean isAsciiLetter(char c) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		}

	}

}
