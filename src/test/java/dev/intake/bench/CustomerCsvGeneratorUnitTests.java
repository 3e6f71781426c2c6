package dev.intake.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.intake.bench.CustomerCsvGenerator.Summary;
import dev.intake.customer.PhoneNumbers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerCsvGeneratorUnitTests {

	// Verhoeff's tables as published, kept apart from the generator's so this test checks
	// its check digits independently.
	private static final int[][] D = { { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 },
			{ 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 }, { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 },
			{ 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 }, { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 },
			{ 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 }, { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 } };

	private static final int[][] P = { { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 },
			{ 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 }, { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 },
			{ 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 }, { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 } };

	private static final int NATIONAL_ID = 2;

	private static final int COLUMNS = 9;

	@Test
	void writesTheSameBytesForTheSameSeed() throws IOException {
		String first = generate(42, 0.01, 1000).text();
		String again = generate(42, 0.01, 1000).text();
		String otherSeed = generate(43, 0.01, 1000).text();
		assertThat(again).isEqualTo(first);
		assertThat(otherSeed).isNotEqualTo(first);
		assertThat(first).startsWith(CustomerCsvGenerator.HEADER + "\n");
		assertThat(first.lines()).hasSize(1001);
	}

	@Test
	void makesTheConfiguredShareOfBadRowsOfEveryKind() throws IOException {
		Generated generated = generate(7, 0.05, 10_000);
		List<List<String>> rows = generated.rows();
		assertThat(generated.summary().badRows()).isEqualTo(500);
		assertThat(rows.stream().filter(CustomerCsvGeneratorUnitTests::isBad)).hasSize(500);
		assertThat(rows.stream().filter((row) -> row.size() != COLUMNS)).hasSize(125);
		assertThat(rows.stream().filter((row) -> row.get(1).equals(CustomerCsvGenerator.INVALID_PHONE))).hasSize(125);
		assertThat(rows.stream().filter((row) -> row.get(5).equals(CustomerCsvGenerator.IMPOSSIBLE_DATE))).hasSize(125);
		assertThat(rows.stream().filter((row) -> row.get(4).startsWith("-"))).hasSize(125);
	}

	@Test
	void makesNoBadRowsWhenTheShareIsZero() throws IOException {
		Generated generated = generate(7, 0, 2000);
		assertThat(generated.summary().badRows()).isZero();
		assertThat(generated.rows().stream().filter(CustomerCsvGeneratorUnitTests::isBad)).isEmpty();
	}

	@Test
	void computesTheCheckDigitOfThePublishedExample() {
		assertThat(CustomerCsvGenerator.verhoeffCheckDigit("236".toCharArray(), 3)).isEqualTo(3);
		assertThat(isVerhoeffValid("2363")).isTrue();
		assertThat(isVerhoeffValid("2364")).isFalse();
	}

	@Test
	void givesAboutThirtyPercentOfRowsANationalIdWithAValidVerhoeffCheckDigit() throws IOException {
		List<String> ids = generate(11, 0.01, 10_000).rows()
			.stream()
			.map((row) -> row.get(NATIONAL_ID))
			.filter((id) -> !id.isEmpty())
			.toList();
		assertThat(ids.size()).isBetween(2700, 3300);
		assertThat(ids).allSatisfy((id) -> {
			assertThat(id).matches("[2-9][0-9]{11}");
			assertThat(isVerhoeffValid(id)).as("Verhoeff check of %s", id).isTrue();
		});
	}

	@Test
	void writesPhonesThatNormaliseToIndianMobiles() throws IOException {
		PhoneNumbers phones = new PhoneNumbers("IN");
		List<String> goodPhones = generate(5, 0.01, 5000).rows()
			.stream()
			.filter((row) -> !isBad(row))
			.map((row) -> row.get(1))
			.toList();
		assertThat(goodPhones).allSatisfy((phone) -> assertThat(phones.toE164(phone))
			.hasValueSatisfying((e164) -> assertThat(e164).matches("\\+91[6-9][0-9]{9}")));
		assertThat(goodPhones).anyMatch((phone) -> phone.matches("[6-9][0-9]{9}"))
			.anyMatch((phone) -> phone.matches("\\+91 [0-9]{5} [0-9]{5}"))
			.anyMatch((phone) -> phone.matches("0[0-9]{10}"))
			.anyMatch((phone) -> phone.matches("\\+91-[0-9]{5}-[0-9]{5}"))
			.anyMatch((phone) -> phone.matches("91[0-9]{10}"));
	}

	@Test
	void mixesAmountDateAndNameSpellings() throws IOException {
		List<List<String>> rows = generate(3, 0.01, 5000).rows();
		assertThat(rows).anyMatch((row) -> row.get(4).matches("[0-9]+"))
			.anyMatch((row) -> row.get(4).matches("[0-9]{1,3}(,[0-9]{3})+\\.00"))
			.anyMatch((row) -> row.get(4).matches("₹[0-9,]+"))
			.anyMatch((row) -> row.get(4).matches("[0-9]{1,2},[0-9]{2},[0-9]{3}"))
			.anyMatch((row) -> row.get(4).matches("[0-9]+\\.[1-9]"));
		assertThat(rows).anyMatch((row) -> row.get(5).matches("2\\d{3}-\\d{2}-\\d{2}"))
			.anyMatch((row) -> row.get(5).matches("\\d{2}/\\d{2}/2\\d{3}"))
			.anyMatch((row) -> row.get(5).matches("\\d{2}-\\d{2}-2\\d{3}"))
			.anyMatch((row) -> row.get(5).matches("\\d{1,2} [A-Z][a-z]{2} 2\\d{3}"));
		assertThat(rows).anyMatch((row) -> row.get(0).contains(", "));
		assertThat(rows).anyMatch((row) -> row.size() == COLUMNS && row.get(8).isEmpty());
	}

	@Test
	void writesAboutOneHundredBytesPerRow() throws IOException {
		Generated generated = generate(42, 0.01, 10_000);
		int bytes = generated.text().getBytes(StandardCharsets.UTF_8).length;
		assertThat(bytes / 10_000).isBetween(85, 115);
	}

	private static boolean isBad(List<String> row) {
		return row.size() != COLUMNS || row.get(1).equals(CustomerCsvGenerator.INVALID_PHONE)
				|| row.get(5).equals(CustomerCsvGenerator.IMPOSSIBLE_DATE) || row.get(4).startsWith("-");
	}

	private static boolean isVerhoeffValid(String digits) {
		int check = 0;
		for (int i = 0; i < digits.length(); i++) {
			check = D[check][P[i % 8][digits.charAt(digits.length() - 1 - i) - '0']];
		}
		return check == 0;
	}

	@Test
	void writesALaterCycleOfTheSameCustomersWithSomeChangedDroppedAndAdded() throws IOException {
		List<List<String>> first = generate(5, 0.01, 10_000).rows();
		StringWriter writer = new StringWriter();
		new CustomerCsvGenerator(5, 0.01, new CustomerCsvGenerator.Cycle(2, 0.10, 0.05, 0.03)).write(writer, 10_000);
		List<List<String>> second = new Generated(writer.toString(), null).rows();

		java.util.Map<String, List<String>> firstByAccount = new java.util.HashMap<>();
		first.forEach((row) -> firstByAccount.put(row.get(3), row));
		long kept = second.stream().filter((row) -> firstByAccount.containsKey(row.get(3))).count();
		long added = second.stream().filter((row) -> row.get(3).startsWith("LN-C2-")).count();
		long changed = second.stream()
			.filter((row) -> firstByAccount.containsKey(row.get(3)))
			.filter((row) -> !row.equals(firstByAccount.get(row.get(3))))
			.count();
		assertThat(kept + added).isEqualTo(second.size());
		assertThat(first.size() - kept).isBetween(400L, 600L);
		assertThat(added).isBetween(200L, 400L);
		assertThat(changed).isBetween(850L, 1150L);
		assertThat(second.stream().filter((row) -> firstByAccount.containsKey(row.get(3))))
			.allSatisfy((row) -> assertThat(row.get(1)).isEqualTo(firstByAccount.get(row.get(3)).get(1)));
	}

	private static Generated generate(long seed, double badShare, int rows) throws IOException {
		StringWriter writer = new StringWriter();
		Summary summary = new CustomerCsvGenerator(seed, badShare).write(writer, rows);
		assertThat(summary.rows()).isEqualTo(rows);
		return new Generated(writer.toString(), summary);
	}

	/** A generated file, and its data rows split into cells. */
	private record Generated(String text, Summary summary) {

		List<List<String>> rows() {
			return text().lines().skip(1).map(Generated::cells).toList();
		}

		// Just enough CSV for the generator's output: quoted cells hold no quotes.
		private static List<String> cells(String line) {
			List<String> cells = new ArrayList<>();
			StringBuilder cell = new StringBuilder();
			boolean quoted = false;
			for (int i = 0; i < line.length(); i++) {
				char c = line.charAt(i);
				if (c == '"') {
					quoted = !quoted;
				}
				else if (c == ',' && !quoted) {
					cells.add(cell.toString());
					cell.setLength(0);
				}
				else {
					cell.append(c);
				}
			}
			cells.add(cell.toString());
			return cells;
		}

	}

}
