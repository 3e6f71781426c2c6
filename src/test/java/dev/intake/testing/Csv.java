package dev.intake.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Builds small CSV bodies for tests, line by line. */
public final class Csv {

	public static final String HEADER = "full_name,primary_phone,national_id,loan_account,amount_due,due_date,state,"
			+ "preferred_language,email";

	private final List<String> lines = new ArrayList<>();

	private String lineBreak = "\n";

	private Csv(String header) {
		this.lines.add(header);
	}

	public static Csv withHeader(String header) {
		return new Csv(header);
	}

	public static Csv standard() {
		return new Csv(HEADER);
	}

	/** A standard file of one customer of this name, with a phone no other test uses. */
	public static Csv oneCustomer(String name) {
		return standard().row(name + "," + randomPhone() + ",,LN-1,100,2024-11-15,,,");
	}

	/** A mobile number no other test uses (most likely): {@code 98} and eight digits. */
	public static String randomPhone() {
		return randomPhone("98");
	}

	/** A mobile number no other test uses (most likely): the prefix and eight digits. */
	public static String randomPhone(String prefix) {
		return prefix + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	public Csv row(String line) {
		this.lines.add(line);
		return this;
	}

	public Csv crlf() {
		this.lineBreak = "\r\n";
		return this;
	}

	public String text() {
		return String.join(this.lineBreak, this.lines) + this.lineBreak;
	}

	public byte[] bytes() {
		return text().getBytes(StandardCharsets.UTF_8);
	}

}
