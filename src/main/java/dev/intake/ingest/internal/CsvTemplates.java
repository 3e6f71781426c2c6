package dev.intake.ingest.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The CSV files a lender can start from: a template with the canonical header only, and a
 * small sample that uploads with a few accepted rows and two row errors, to show both.
 * <p>
 * The sample holds no real personal data: names are common first and last names put
 * together, phones and national IDs are digits from a seeded generator (the national IDs
 * with a valid Verhoeff check digit), and emails use the reserved {@code example.com}
 * domain. Both files are made once and are the same on every call.
 */
@Component
public class CsvTemplates {

	/** The rows of the sample that are rejected, with the error code each gets. */
	public static final List<String> SAMPLE_ERROR_CODES = List.of("invalid-phone", "impossible-date");

	/** How many rows of the sample are accepted. */
	public static final int SAMPLE_ACCEPTED_ROWS = 4;

	private static final long SEED = 20241115L;

	private final String header = Arrays.stream(Column.values())
		.map(Column::canonicalName)
		.collect(Collectors.joining(",")) + "\r\n";

	private final String sample = sample(new Random(SEED));

	/** Returns the template: the canonical header line, required columns first. */
	public String header() {
		return this.header;
	}

	/**
	 * Returns the sample: the header, four rows in the spellings lenders use, and two
	 * rows with an error each ({@link #SAMPLE_ERROR_CODES}).
	 */
	public String sample() {
		return this.sample;
	}

	private String sample(Random random) {
		String aadhaar = fakeAadhaar(random);
		return this.header + String.join("\r\n",
				row("Aarav Sharma", "+91 " + grouped(mobile(random)), "15000", "2024-11-15", grouped4(aadhaar),
						"LN-0001", "Maharashtra", "Marathi", "aarav.sharma@example.com"),
				row("Diya Nair", "0" + mobile(random), "\"15,000.50\"", "15/11/2024", "", "LN-0002", "Kerala",
						"Malayalam", ""),
				row("Kiran Rao", mobile(random), "\"1,00,000\"", "15 Nov 2024", fakeAadhaar(random), "LN-0003",
						"Karnataka", "Kannada", "kiran.rao@example.com"),
				row("Meera Iyer", "+91" + mobile(random), "\"₹2,500\"", "01-12-2024", "", "LN-0004", "Tamil Nadu",
						"Tamil", ""),
				row("Rohan Verma", "12345", "8000", "2024-12-05", "", "LN-0005", "Delhi", "Hindi", ""),
				row("Sana Khan", mobile(random), "4200", "31/02/2024", "", "LN-0006", "Telangana", "Telugu", ""))
				+ "\r\n";
	}

	private static String row(String... cells) {
		return String.join(",", cells);
	}

	private static String mobile(Random random) {
		StringBuilder digits = new StringBuilder().append(7 + random.nextInt(3));
		for (int i = 1; i < 10; i++) {
			digits.append(random.nextInt(10));
		}
		return digits.toString();
	}

	private static String fakeAadhaar(Random random) {
		StringBuilder digits = new StringBuilder().append(2 + random.nextInt(8));
		for (int i = 1; i < 11; i++) {
			digits.append(random.nextInt(10));
		}
		return digits.toString() + Verhoeff.checkDigit(digits);
	}

	private static String grouped(String mobile) {
		return mobile.substring(0, 5) + " " + mobile.substring(5);
	}

	private static String grouped4(String aadhaar) {
		return aadhaar.substring(0, 4) + " " + aadhaar.substring(4, 8) + " " + aadhaar.substring(8);
	}

}
