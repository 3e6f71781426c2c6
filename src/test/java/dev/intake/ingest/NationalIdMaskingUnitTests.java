package dev.intake.ingest;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NationalIdMaskingUnitTests {

	private static final String FAKE = FakeAadhaar.withCheckDigit("23456789012");

	private static final String LAST4 = FAKE.substring(8);

	private static final List<String> SEPARATORS = List.of("", " ", "-", ".", "/", "_", "\u00A0", "\u202F", "\u2009",
			"\u2007", "\u3000", "\u2010", "\u2011", "\u2013", "\u2212", "\uFF0D", "\u200B", "\u00AD", " - ", "\t");

	@Test
	void masksAnAadhaarNumberInEveryDigitScriptWithEverySeparator() {
		for (int zero : FakeAadhaar.SCRIPT_ZEROS) {
			for (String separator : SEPARATORS) {
				String number = FakeAadhaar.inScript(FakeAadhaar.grouped(FAKE, separator), zero);
				String expected = "XXXX" + separator + "XXXX" + separator + FakeAadhaar.inScript(LAST4, zero);

				assertThat(NationalIdMasking.masked("Asha " + number + " Rao")).as(number)
					.isEqualTo("Asha " + expected + " Rao");
				assertThat(NationalIdMasking.holdsNationalId("LN-" + number)).as(number).isTrue();
				assertThat(NationalIdMasking.maskedLongRuns(number)).as(number).isEqualTo(expected);
			}
		}
	}

	@Test
	void masksNumbersGluedToLettersOrJoinedToOtherDigitGroups() {
		assertThat(NationalIdMasking.masked("LN" + FAKE + "x@example.com"))
			.isEqualTo("LNXXXXXXXX" + LAST4 + "x@example.com");
		assertThat(NationalIdMasking.masked("2024-11-15 " + FakeAadhaar.grouped(FAKE, " ")))
			.endsWith(" XXXX XXXX " + LAST4);
		assertThat(NationalIdMasking.masked(FakeAadhaar.grouped(FAKE, "-") + "-7"))
			.isEqualTo("XXXX-XXXX-" + LAST4 + "-7");
		assertThat(NationalIdMasking.masked(FAKE.substring(0, 6) + " " + FAKE.substring(6)))
			.isEqualTo("XXXXXX XX" + LAST4);
	}

	@Test
	void masksEveryNumberOfAText() {
		String other = FakeAadhaar.random(42);
		assertThat(NationalIdMasking.masked(FAKE + "," + other))
			.isEqualTo("XXXXXXXX" + LAST4 + ",XXXXXXXX" + other.substring(8));
	}

	@Test
	void leavesNumbersWithoutAValidCheckDigitOrInsideLongerGroupsAlone() {
		for (String text : List.of(FakeAadhaar.withWrongCheckDigit(FAKE), FAKE + "7", "9" + FAKE, "4111 1111 1111 1111",
				"98765 43210, 15,000.00 on 2024-11-15", "LN-1001", "", "x")) {
			assertThat(NationalIdMasking.masked(text)).isSameAs(text);
			assertThat(NationalIdMasking.holdsNationalId(text)).as(text).isFalse();
		}
		assertThat(NationalIdMasking.masked(null)).isNull();
		assertThat(NationalIdMasking.holdsNationalId(null)).isFalse();
	}

	@Test
	void masksEveryLongRunOfDigitsWhenAskedToWhateverItsCheckDigit() {
		String wrong = FakeAadhaar.withWrongCheckDigit(FAKE);
		assertThat(NationalIdMasking.maskedLongRuns("id " + wrong + " ok"))
			.isEqualTo("id XXXXXXXX" + wrong.substring(8) + " ok");
		assertThat(NationalIdMasking.maskedLongRuns(FakeAadhaar.grouped(FAKE, " - ")))
			.isEqualTo("XXXX - XXXX - " + LAST4);
		assertThat(NationalIdMasking.maskedLongRuns("a" + FAKE + "7b"))
			.isEqualTo("aXXXXXXXXX" + FAKE.substring(9) + "7b");
		String shorter = "98765 43210, 15,000.00 on 2024-11-15";
		assertThat(NationalIdMasking.maskedLongRuns(shorter)).isSameAs(shorter);
		assertThat(NationalIdMasking.maskedLongRuns(null)).isNull();
	}

	@Test
	void neverLetsAGeneratedNumberThroughInAnyScriptSeparatorOrSurroundingText() {
		Random random = new Random(20261201);
		String[] before = { "", "Asha ", "LN-", "x", "2024-11-15 ", "+91 ", "₹", "(", "\u200D" };
		// Not a digit right after the number: that would make it part of a longer group.
		String[] after = { "", " Rao", "@example.com", "x", ")", " 2024-11-15", "\u200D", ".csv" };
		for (int i = 0; i < 5000; i++) {
			String number = FakeAadhaar.random(random.nextLong());
			int zero = FakeAadhaar.SCRIPT_ZEROS[random.nextInt(FakeAadhaar.SCRIPT_ZEROS.length)];
			String separator = SEPARATORS.get(random.nextInt(SEPARATORS.size()));
			String written = FakeAadhaar.inScript(FakeAadhaar.grouped(number, separator), zero);
			String text = before[random.nextInt(before.length)] + written + after[random.nextInt(after.length)];

			assertThat(digitsOf(NationalIdMasking.masked(text))).as(text).doesNotContain(number);
			assertThat(NationalIdMasking.holdsNationalId(text)).as(text).isTrue();
		}
	}

	@Test
	void masksEveryDigitOfAnyScript() {
		assertThat(NationalIdMasking.maskedDigits("ID " + FakeAadhaar.inScript("12", 0x1D7CE) + "३"))
			.isEqualTo("ID XXX");
		assertThat(NationalIdMasking.maskedDigits("none")).isEqualTo("none");
	}

	/** The ASCII value of every digit of the text, in order, without anything else. */
	private static String digitsOf(String text) {
		StringBuilder digits = new StringBuilder();
		text.codePoints().filter(Character::isDigit).forEach((c) -> digits.append(Character.digit(c, 10)));
		return digits.toString();
	}

}
