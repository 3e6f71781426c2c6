package dev.intake.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a made-up customer CSV for benchmarks: the same bytes for the same seed, in the
 * mixed spellings real lenders' files use, with a chosen share of bad rows. Rows are
 * streamed to the writer one at a time, so any size fits in a few kilobytes of heap.
 * <p>
 * All data is fake: names are combined from short lists, phones are random Indian
 * mobiles, national IDs are random digits with a valid Verhoeff check digit, and emails
 * use the reserved {@code example.com} domain.
 * <p>
 * Run {@code main} with {@code --rows N --bad-share 0.01 --seed 42 --out path}.
 * <p>
 * {@code --cycle 2} (3, ...) writes a later cycle of the same customers, for the changes
 * benchmark: the file of cycle 1 with, among the good rows, {@code --changed-share} of
 * them with their amount raised by 1,000 or their due date moved 30 days (half each),
 * {@code --dropped-share} of them left out, and after {@code --added-share} of them one
 * new customer. Bad rows stay as they are.
 */
public final class CustomerCsvGenerator {

	static final String HEADER = "full_name,primary_phone,national_id,loan_account,amount_due,due_date,state,"
			+ "preferred_language,email";

	/** The bad-row kinds, used in turn, so each is about a quarter of the bad rows. */
	static final String[] BAD_KINDS = { "invalid-phone", "impossible-date", "negative-amount", "wrong-column-count" };

	static final String INVALID_PHONE = "12345";

	static final String IMPOSSIBLE_DATE = "31/02/2024";

	private static final String[] FIRST_NAMES = { "Aarav", "Vivaan", "Aditya", "Vihaan", "Arjun", "Sai", "Reyansh",
			"Ayaan", "Krishna", "Ishaan", "Kiran", "Rohan", "Ananya", "Diya", "Aadhya", "Saanvi", "Pari", "Anika",
			"Navya", "Meera", "Priya", "Lakshmi", "Kavya", "Neha", "Pooja", "Rahul", "Suresh", "Ramesh", "Deepa",
			"Farhan", "Imran", "Sana", "Zoya", "Harpreet", "Gurpreet", "Joseph", "Mary", "Thomas", "Anil", "Sunita" };

	private static final String[] LAST_NAMES = { "Sharma", "Verma", "Gupta", "Rao", "Reddy", "Nair", "Iyer", "Menon",
			"Patel", "Shah", "Mehta", "Desai", "Kulkarni", "Joshi", "Singh", "Kaur", "Khan", "Ahmed", "Das", "Bose",
			"Banerjee", "Chatterjee", "Mukherjee", "Pillai", "Naidu", "Yadav", "Mishra", "Pandey", "Thomas",
			"Fernandes" };

	private static final String[] STATES = { "Maharashtra", "Karnataka", "Tamil Nadu", "Kerala", "Telangana",
			"Andhra Pradesh", "Gujarat", "Rajasthan", "Uttar Pradesh", "West Bengal", "Delhi", "Punjab", "Bihar",
			"Odisha", "Madhya Pradesh" };

	private static final String[] LANGUAGES = { "English", "Hindi", "Marathi", "Kannada", "Tamil", "Telugu",
			"Malayalam", "Bengali", "Gujarati", "Punjabi" };

	private static final String[] MONTHS = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
			"Nov", "Dec" };

	private static final LocalDate FIRST_DUE_DATE = LocalDate.of(2024, 1, 1);

	private static final int DUE_DATE_DAYS = 730;

	private static final int DATE_FORMATS = 4;

	// Every due date in every spelling, made once: formatting dates per row would
	// dominate the generator's time.
	private static final String[] DATES = dates();

	// Verhoeff's dihedral-group multiplication, position permutation and inverse tables.
	private static final int[][] MULTIPLICATION = { { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 },
			{ 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 }, { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 },
			{ 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 }, { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 },
			{ 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 }, { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 } };

	private static final int[][] PERMUTATION = { { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 },
			{ 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 }, { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 },
			{ 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 }, { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 } };

	private static final int[] INVERSE = { 0, 4, 3, 2, 1, 5, 6, 7, 8, 9 };

	private SplittableRandom random;

	private final double badShare;

	private final StringBuilder line = new StringBuilder(256);

	private final Cycle cycle;

	// Decides what a later cycle does to each row; separate from the row's own random, so
	// the rows of every cycle stay those of cycle 1.
	private final SplittableRandom cycleRandom;

	private boolean raiseAmount;

	private boolean moveDueDate;

	private final char[] digits = new char[12];

	CustomerCsvGenerator(long seed, double badShare) {
		this(seed, badShare, Cycle.FIRST);
	}

	CustomerCsvGenerator(long seed, double badShare, Cycle cycle) {
		if (badShare < 0 || badShare > 1) {
			throw new IllegalArgumentException("The bad-row share must be between 0 and 1, got " + badShare);
		}
		this.random = new SplittableRandom(seed);
		this.badShare = badShare;
		this.cycle = cycle;
		this.cycleRandom = new SplittableRandom(seed * 31 + cycle.number());
	}

	public static void main(String[] args) throws IOException {
		long rows = 1_000_000;
		double badShare = 0.01;
		long seed = 42;
		Path out = null;
		int cycle = 1;
		double changedShare = 0.05;
		double droppedShare = 0.02;
		double addedShare = 0.02;
		for (int i = 0; i < args.length; i++) {
			String value = (i + 1 < args.length) ? args[i + 1] : null;
			switch (args[i]) {
				case "--rows" -> rows = Long.parseLong(value.replace("_", ""));
				case "--bad-share" -> badShare = Double.parseDouble(value);
				case "--seed" -> seed = Long.parseLong(value);
				case "--out" -> out = Path.of(value);
				case "--cycle" -> cycle = Integer.parseInt(value);
				case "--changed-share" -> changedShare = Double.parseDouble(value);
				case "--dropped-share" -> droppedShare = Double.parseDouble(value);
				case "--added-share" -> addedShare = Double.parseDouble(value);
				default -> throw new IllegalArgumentException(
						"Unknown option " + args[i] + "; use --rows N --bad-share 0.01 --seed 42 --out path "
								+ "[--cycle N --changed-share 0.05 --dropped-share 0.02 --added-share 0.02]");
			}
			i++;
		}
		if (out == null) {
			throw new IllegalArgumentException("--out path is required");
		}
		long started = System.nanoTime();
		// Written beside the target and moved at the end, so a file that exists is whole.
		Path partial = out.resolveSibling(out.getFileName() + ".partial");
		Summary summary;
		try (OutputStream stream = Files.newOutputStream(partial);
				Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
			Cycle shares = (cycle == 1) ? Cycle.FIRST : new Cycle(cycle, changedShare, droppedShare, addedShare);
			summary = new CustomerCsvGenerator(seed, badShare, shares).write(writer, rows);
		}
		Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		System.out.printf("rows=%d badRows=%d bytes=%d seconds=%.1f file=%s%n", summary.rows(), summary.badRows(),
				Files.size(out), (System.nanoTime() - started) / 1e9, out);
	}

	/**
	 * Writes the header and the data rows; does not close the writer.
	 * @param writer where to write, best buffered
	 * @param rows how many data rows of cycle 1 (a later cycle drops and adds some)
	 * @return how many rows were written, and how many of them are bad
	 */
	Summary write(Writer writer, long rows) throws IOException {
		writer.write(HEADER);
		writer.write('\n');
		long bad = 0;
		long written = 0;
		for (long row = 1; row <= rows; row++) {
			// Exactly floor(rows * share) bad rows, spread evenly through the file.
			boolean isBad = (long) (row * this.badShare) > (long) ((row - 1) * this.badShare);
			double fate = isBad ? 1 : this.cycle.roll(this.cycleRandom);
			boolean dropped = fate < this.cycle.droppedShare();
			boolean changed = !dropped && fate < this.cycle.droppedShare() + this.cycle.changedShare();
			this.raiseAmount = changed && this.cycleRandom.nextBoolean();
			this.moveDueDate = changed && !this.raiseAmount;
			this.line.setLength(0);
			row(row, isBad ? (int) (bad++ % BAD_KINDS.length) : -1, "LN-");
			this.raiseAmount = false;
			this.moveDueDate = false;
			if (!dropped) {
				this.line.append('\n');
				writer.append(this.line);
				written++;
			}
			if (!isBad && this.cycle.roll(this.cycleRandom) < this.cycle.addedShare()) {
				writer.append(added(row));
				written++;
			}
		}
		return new Summary(written, bad);
	}

	/** A customer who was not in cycle 1, made from the cycle's own random. */
	private CharSequence added(long row) {
		SplittableRandom rowRandom = this.random;
		this.random = this.cycleRandom;
		try {
			this.line.setLength(0);
			row(row, -1, "LN-C" + this.cycle.number() + "-");
			return this.line.append('\n');
		}
		finally {
			this.random = rowRandom;
		}
	}

	private void row(long row, int badKind, String loanPrefix) {
		StringBuilder out = this.line;
		String first = pick(FIRST_NAMES);
		String last = pick(LAST_NAMES);
		if (this.random.nextInt(20) == 0) {
			out.append('"').append(last).append(", ").append(first).append('"');
		}
		else {
			out.append(first).append(' ').append(last);
		}
		out.append(',');
		if (badKind == 0) {
			out.append(INVALID_PHONE);
		}
		else {
			phone();
		}
		out.append(',');
		if (this.random.nextInt(10) < 3) {
			nationalId();
		}
		out.append(',').append(loanPrefix);
		padded(row, 8);
		out.append(',');
		amount(badKind == 2);
		out.append(',');
		int day = this.random.nextInt(DATES.length);
		String date = DATES[this.moveDueDate ? (day + 30 * DATE_FORMATS) % DATES.length : day];
		out.append((badKind == 1) ? IMPOSSIBLE_DATE : date);
		if (badKind == 3) {
			return;
		}
		out.append(',').append(pick(STATES)).append(',').append(pick(LANGUAGES)).append(',');
		if (this.random.nextInt(10) < 6) {
			email(first, last, row);
		}
	}

	/** A mobile number of ten digits starting with 6 to 9, in one of five spellings. */
	private void phone() {
		StringBuilder out = this.line;
		long number = (6 + this.random.nextInt(4)) * 1_000_000_000L + this.random.nextLong(1_000_000_000L);
		String national = Long.toString(number);
		switch (this.random.nextInt(5)) {
			case 0 -> out.append(national);
			case 1 -> out.append("+91 ").append(national, 0, 5).append(' ').append(national, 5, 10);
			case 2 -> out.append('0').append(national);
			case 3 -> out.append("+91-").append(national, 0, 5).append('-').append(national, 5, 10);
			default -> out.append("91").append(national);
		}
	}

	/**
	 * Twelve digits, the first 2 to 9, the last a Verhoeff check digit: Aadhaar-shaped.
	 */
	private void nationalId() {
		this.digits[0] = (char) ('2' + this.random.nextInt(8));
		for (int i = 1; i < 11; i++) {
			this.digits[i] = (char) ('0' + this.random.nextInt(10));
		}
		this.digits[11] = (char) ('0' + verhoeffCheckDigit(this.digits, 11));
		this.line.append(this.digits);
	}

	/**
	 * Returns the Verhoeff check digit of the first {@code length} digits.
	 * @param digits ASCII digits
	 * @param length how many of them to use
	 * @return the digit to append, 0 to 9
	 */
	static int verhoeffCheckDigit(char[] digits, int length) {
		int check = 0;
		for (int i = 0; i < length; i++) {
			int digit = digits[length - 1 - i] - '0';
			check = MULTIPLICATION[check][PERMUTATION[(i + 1) % 8][digit]];
		}
		return INVERSE[check];
	}

	/** Rupees from 500 to 5,00,000, in one of five spellings, or negative. */
	private void amount(boolean negative) {
		StringBuilder out = this.line;
		long rupees = 500 + this.random.nextLong(499_501) + (this.raiseAmount ? 1000 : 0);
		if (negative) {
			out.append('-').append(rupees);
			return;
		}
		int spelling = this.random.nextInt(5);
		// Grouping commas need the cell quoted, as spreadsheets do.
		boolean quoted = spelling >= 1 && spelling <= 3 && rupees >= 1000;
		if (quoted) {
			out.append('"');
		}
		switch (spelling) {
			case 0 -> out.append(rupees);
			case 1 -> grouped(rupees, false, out).append(".00");
			case 2 -> grouped(rupees, false, out.append('\u20B9'));
			case 3 -> grouped(rupees, true, out);
			default -> out.append(rupees).append('.').append(1 + this.random.nextInt(9));
		}
		if (quoted) {
			out.append('"');
		}
	}

	/** Appends the number grouped by thousands, or the Indian way (1,00,000). */
	private static StringBuilder grouped(long value, boolean indian, StringBuilder out) {
		String plain = Long.toString(value);
		int length = plain.length();
		for (int i = 0; i < length; i++) {
			int left = length - i;
			if (i > 0 && isGroupStart(left, indian)) {
				out.append(',');
			}
			out.append(plain.charAt(i));
		}
		return out;
	}

	private static boolean isGroupStart(int digitsLeft, boolean indian) {
		if (digitsLeft == 3) {
			return true;
		}
		return indian ? (digitsLeft > 3 && digitsLeft % 2 == 1) : (digitsLeft > 3 && digitsLeft % 3 == 0);
	}

	private void email(String first, String last, long row) {
		this.line.append(first.toLowerCase(Locale.ROOT))
			.append('.')
			.append(last.toLowerCase(Locale.ROOT))
			.append(row % 1000)
			.append("@example.com");
	}

	private void padded(long value, int width) {
		String text = Long.toString(value);
		for (int i = text.length(); i < width; i++) {
			this.line.append('0');
		}
		this.line.append(text);
	}

	private String pick(String[] values) {
		return values[this.random.nextInt(values.length)];
	}

	private static String[] dates() {
		String[] dates = new String[DUE_DATE_DAYS * DATE_FORMATS];
		for (int day = 0; day < DUE_DATE_DAYS; day++) {
			LocalDate date = FIRST_DUE_DATE.plusDays(day);
			String dd = twoDigits(date.getDayOfMonth());
			String mm = twoDigits(date.getMonthValue());
			int year = date.getYear();
			dates[day * DATE_FORMATS] = year + "-" + mm + "-" + dd;
			dates[day * DATE_FORMATS + 1] = dd + "/" + mm + "/" + year;
			dates[day * DATE_FORMATS + 2] = dd + "-" + mm + "-" + year;
			dates[day * DATE_FORMATS + 3] = date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1] + " " + year;
		}
		return dates;
	}

	private static String twoDigits(int value) {
		return (value < 10) ? "0" + value : Integer.toString(value);
	}

	/**
	 * What a later cycle does to the rows of cycle 1.
	 *
	 * @param number the cycle, 1 for the first
	 * @param changedShare share of good rows with their amount or due date changed
	 * @param droppedShare share of good rows left out
	 * @param addedShare share of good rows followed by a new customer
	 */
	record Cycle(int number, double changedShare, double droppedShare, double addedShare) {

		static final Cycle FIRST = new Cycle(1, 0, 0, 0);

		/** A number in [0, 1) from the cycle's random, or 1 in cycle 1, using none. */
		double roll(SplittableRandom random) {
			return (this.number == 1) ? 1 : random.nextDouble();
		}

	}

	/**
	 * What was written.
	 *
	 * @param rows data rows written
	 * @param badRows how many of them are bad on purpose
	 */
	record Summary(long rows, long badRows) {

	}

}
