package dev.intake.browser;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.intake.testing.Csv;

/**
 * A made-up customer CSV on disk, for a browser to pick: every row a different customer
 * (phones from a random block, so runs do not share customers), and four bad rows in
 * every thousand, each with one known error.
 */
final class CustomersFile {

	static final List<String> ERROR_CODES = List.of("invalid-phone", "invalid-date", "invalid-national-id",
			"invalid-amount");

	private static final int BAD_EVERY = 1_000;

	/** The valid national ID of the first customer. */
	static final String NATIONAL_ID = Verhoeff.withCheckDigit("23456789012");

	/** The same number with a wrong check digit. */
	static final String WRONG_NATIONAL_ID = NATIONAL_ID.substring(0, 11) + (NATIONAL_ID.charAt(11) - '0' + 1) % 10;

	/** What customer 2 owes in the next cycle (1500 before). */
	static final String CHANGED_AMOUNT = "2000";

	final Path path;

	final int rows;

	final long firstPhone;

	private CustomersFile(Path path, int rows, long firstPhone) {
		this.path = path;
		this.rows = rows;
		this.firstPhone = firstPhone;
	}

	static CustomersFile write(Path path, int rows) throws IOException {
		long firstPhone = 9_800_000_001L + ThreadLocalRandom.current().nextLong(99_000_000L - rows - 1);
		try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
			out.write(Csv.HEADER + "\n");
			for (int i = 1; i <= rows; i++) {
				out.write(row(i, firstPhone + i - 1, "1500") + "\n");
			}
		}
		return new CustomersFile(path, rows, firstPhone);
	}

	/**
	 * The next cycle of the same customers: customer 2 owes {@link #CHANGED_AMOUNT} now,
	 * customer 3 is gone, and one customer is new (after the last row).
	 */
	CustomersFile nextCycle(Path next) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
			out.write(Csv.HEADER + "\n");
			for (int i = 1; i <= this.rows + 1; i++) {
				if (i != 3) {
					out.write(row(i, this.firstPhone + i - 1, (i == 2) ? CHANGED_AMOUNT : "1500") + "\n");
				}
			}
		}
		return new CustomersFile(next, this.rows, this.firstPhone);
	}

	/** The rows that fail: four in every thousand. */
	int rowsFailed() {
		return this.rows / BAD_EVERY * ERROR_CODES.size();
	}

	private static String row(int i, long phone, String amountDue) {
		String phoneCell = Long.toString(phone);
		String nationalId = (i == 1) ? NATIONAL_ID : "";
		String amount = amountDue;
		String due = "2024-11-15";
		switch (i % BAD_EVERY) {
			case 250 -> phoneCell = "12345";
			case 500 -> due = "someday";
			case 750 -> nationalId = WRONG_NATIONAL_ID;
			case 0 -> amount = "a lot";
			default -> {
			}
		}
		return "Customer " + i + "," + phoneCell + "," + nationalId + ",LN-" + i + "," + amount + "," + due + ",,,";
	}

	/** The Verhoeff check digit, which Aadhaar numbers end with. */
	private static final class Verhoeff {

		private static final int[][] MULTIPLICATION = { { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
				{ 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 }, { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 },
				{ 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 }, { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 },
				{ 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 }, { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 } };

		private static final int[] PERMUTATION = { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 };

		private static final int[] INVERSE = { 0, 4, 3, 2, 1, 5, 6, 7, 8, 9 };

		static String withCheckDigit(String digits) {
			int check = 0;
			for (int i = 0; i < digits.length(); i++) {
				int digit = digits.charAt(digits.length() - 1 - i) - '0';
				check = MULTIPLICATION[check][permuted(i + 1, digit)];
			}
			return digits + INVERSE[check];
		}

		private static int permuted(int times, int digit) {
			int result = digit;
			for (int i = 0; i < times % 8; i++) {
				result = PERMUTATION[result];
			}
			return result;
		}

	}

}
