package dev.intake.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import dev.intake.ingest.internal.Verhoeff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NationalIdsUnitTests {

	private static final String FAKE = FakeAadhaar.withCheckDigit("23456789012");

	private final NationalIds nationalIds = new NationalIds(key("test-key-one"));

	@Test
	void computesTheVerhoeffCheckDigitOfTheTextbookExamples() {
		assertThat(Verhoeff.checkDigit("236")).isEqualTo(3);
		assertThat(Verhoeff.checkDigit("12345")).isEqualTo(1);
		assertThat(Verhoeff.checkDigit("142857")).isZero();
		assertThat(Verhoeff.isValid("2363")).isTrue();
		assertThat(Verhoeff.isValid("2364")).isFalse();
	}

	@Test
	void verhoeffCatchesEverySingleDigitTypoAndAdjacentSwap() {
		for (long seed = 0; seed < 50; seed++) {
			String valid = FakeAadhaar.random(seed);
			assertThat(Verhoeff.isValid(valid)).isTrue();
			for (int i = 0; i < valid.length(); i++) {
				for (char digit = '0'; digit <= '9'; digit++) {
					if (digit != valid.charAt(i)) {
						String typo = valid.substring(0, i) + digit + valid.substring(i + 1);
						assertThat(Verhoeff.isValid(typo)).isFalse();
					}
				}
				if (i + 1 < valid.length() && valid.charAt(i) != valid.charAt(i + 1)) {
					String swapped = valid.substring(0, i) + valid.charAt(i + 1) + valid.charAt(i)
							+ valid.substring(i + 2);
					assertThat(Verhoeff.isValid(swapped)).isFalse();
				}
			}
		}
	}

	@Test
	void acceptsAValidNumberInAnyGrouping() {
		String last4 = FAKE.substring(8);
		assertThat(this.nationalIds.parse(FAKE).last4()).isEqualTo(last4);
		assertThat(this.nationalIds.parse(FakeAadhaar.grouped(FAKE, " ")).last4()).isEqualTo(last4);
		assertThat(this.nationalIds.parse(FakeAadhaar.grouped(FAKE, "-")).last4()).isEqualTo(last4);
		assertThat(this.nationalIds.parse("  " + FAKE + " ").last4()).isEqualTo(last4);
	}

	@Test
	void rejectsAWrongCheckDigit() {
		assertInvalid(FakeAadhaar.withWrongCheckDigit(FAKE));
	}

	@Test
	void rejectsNumbersStartingWithZeroOrOne() {
		assertInvalid(FakeAadhaar.withCheckDigit("03456789012"));
		assertInvalid(FakeAadhaar.withCheckDigit("13456789012"));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "  ", "2345678901", "23456789012345", "2345 6789 012X", "ABCD EFGH IJKL", "2345.6789.0123",
			"2.34568E+11" })
	void rejectsAnythingButTwelveDigits(String raw) {
		assertInvalid(raw);
	}

	@Test
	void rejectsTooManyDigitsEvenIfTheFirstTwelveAreValid() {
		assertInvalid(FAKE + "7");
	}

	@Test
	void neverEchoesNationalIdInMessages() {
		for (String raw : List.of(FakeAadhaar.withWrongCheckDigit(FAKE), FAKE + "7", FAKE.substring(1))) {
			assertThatExceptionOfType(CellRejected.class).isThrownBy(() -> this.nationalIds.parse(raw))
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContainPattern("[0-9]"))
				.satisfies((ex) -> assertThat(ex.toString()).doesNotContainPattern("[0-9]"));
		}
	}

	@Test
	void keepsTheHmacStableForOneKeyWhateverTheGrouping() {
		byte[] hmac = this.nationalIds.parse(FAKE).hmac();
		assertThat(hmac).hasSize(32);
		assertThat(new NationalIds(key("test-key-one")).parse(FakeAadhaar.grouped(FAKE, " ")).hmac()).isEqualTo(hmac);
		assertThat(this.nationalIds.parse(FAKE)).isEqualTo(this.nationalIds.parse(FakeAadhaar.grouped(FAKE, "-")));
	}

	@Test
	void makesAnotherHmacWithAnotherKey() {
		byte[] other = new NationalIds(key("test-key-two")).parse(FAKE).hmac();
		assertThat(other).isNotEqualTo(this.nationalIds.parse(FAKE).hmac());
	}

	@Test
	void makesAnotherHmacForAnotherNumber() {
		assertThat(this.nationalIds.parse(FakeAadhaar.random(7)).hmac())
			.isNotEqualTo(this.nationalIds.parse(FAKE).hmac());
	}

	@Test
	void isSafeToShareAcrossThreads() {
		byte[] expected = this.nationalIds.parse(FAKE).hmac();
		assertThat(IntStream.range(0, 10_000).parallel().mapToObj((i) -> this.nationalIds.parse(FAKE).hmac()))
			.allSatisfy((hmac) -> assertThat(hmac).isEqualTo(expected));
	}

	@Test
	void refusesAnEmptyKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NationalIds(new byte[0]));
	}

	@Test
	void masksATwelveDigitCellKeepingTheLastFour() {
		String masked = "XXXXXXXX" + FAKE.substring(8);
		assertThat(NationalIds.mask(FAKE)).isEqualTo(masked);
		assertThat(NationalIds.mask(FakeAadhaar.grouped(FAKE, " "))).isEqualTo(masked);
		assertThat(NationalIds.mask(FakeAadhaar.withWrongCheckDigit(FAKE))).startsWith("XXXXXXXX");
	}

	@Test
	void masksEveryDigitOfACellThatIsNotTwelveDigits() {
		assertThat(NationalIds.mask(FAKE.substring(1))).isEqualTo("XXXXXXXXXXX");
		assertThat(NationalIds.mask(FAKE + "5")).isEqualTo("XXXXXXXXXXXXX");
		assertThat(NationalIds.mask("ID " + FakeAadhaar.grouped(FAKE, "/"))).isEqualTo("ID XXXX/XXXX/XXXX");
		assertThat(NationalIds.mask("unknown")).isEqualTo("unknown");
		assertThat(NationalIds.mask("")).isEmpty();
		assertThat(NationalIds.mask(null)).isNull();
	}

	@Test
	void readsAndMasksTheNationalIdColumnInEveryDigitScript() {
		byte[] hmac = this.nationalIds.parse(FAKE).hmac();
		for (int zero : FakeAadhaar.SCRIPT_ZEROS) {
			String written = FakeAadhaar.inScript(FakeAadhaar.grouped(FAKE, "\u00A0"), zero);
			assertThat(this.nationalIds.parse(written).hmac()).as(written).isEqualTo(hmac);
			assertThat(this.nationalIds.parse(written).last4()).isEqualTo(FAKE.substring(8));
			assertThat(NationalIds.mask(written)).isEqualTo("XXXXXXXX" + FAKE.substring(8));
			assertThat(NationalIds.mask(FakeAadhaar.inScript("ID " + FAKE.substring(1), zero)))
				.isEqualTo("ID XXXXXXXXXXX");
		}
	}

	private static byte[] key(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private void assertInvalid(String raw) {
		assertThatExceptionOfType(CellRejected.class).isThrownBy(() -> this.nationalIds.parse(raw))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("invalid-national-id"));
	}

}
