package dev.intake.customer;

import java.util.SplittableRandom;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValidNationalNumbersUnitTests {

	private static final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private final ValidNationalNumbers india = ValidNationalNumbers.of("IN");

	@Test
	void compilesLibphonenumbersIndianMetadataIntoAnAutomaton() {
		assertThat(this.india).as("the shortcut must be in force with this libphonenumber version").isNotNull();
		assertThat(this.india.isValid(9_876_543_210L)).as("a mobile").isTrue();
		assertThat(this.india.isValid(2_223_456_789L)).as("a Mumbai fixed line").isTrue();
		assertThat(this.india.isValid(5_555_555)).as("too short").isFalse();
	}

	@Test
	void agreesWithLibphonenumberOnEveryFourDigitPrefixOfEveryLength() {
		long[] suffixes = { 0, 1, 5, 9, 17, 70, 123, 987, 5_000, 99_999_999 };
		for (int length = 5; length <= 15; length++) {
			long scale = pow10(length - 4);
			for (long prefix = 1_000; prefix <= 9_999; prefix++) {
				for (long suffix : suffixes) {
					assertAgrees(prefix * scale + suffix % scale);
				}
			}
		}
	}

	@Test
	void agreesWithLibphonenumberOnEveryFiveDigitPrefixOfTenDigitNumbers() {
		long[] suffixes = { 0, 99_999, 12_345, 70_000, 80_000 };
		for (long prefix = 10_000; prefix <= 99_999; prefix++) {
			for (long suffix : suffixes) {
				assertAgrees(prefix * 100_000 + suffix);
			}
		}
	}

	@Test
	void agreesWithLibphonenumberOnRandomNumbersOfEveryLength() {
		SplittableRandom random = new SplittableRandom(11);
		for (int i = 0; i < 300_000; i++) {
			int length = 1 + random.nextInt(17);
			assertAgrees(random.nextLong(pow10(length - 1), pow10(length)));
		}
	}

	@Test
	void refusesZeroAndNegativeNumbers() {
		assertThat(this.india.isValid(0)).isFalse();
		assertThat(this.india.isValid(-9_876_543_210L)).isFalse();
	}

	@Test
	void needsTheGeneralPatternAndOneTypesPatternWithinTheirLengths() {
		PhoneMetadata metadata = new PhoneMetadata().setId("ZZ")
			.setGeneralDesc(desc("[1-9]\\d{7,9}", 8, 9, 10))
			.setFixedLine(desc("[2-5]\\d{9}", 10))
			.setMobile(desc("9\\d{9}|8\\d{7}", 10))
			.setTollFree(desc("1800\\d{4,6}"));
		ValidNationalNumbers valid = ValidNationalNumbers.of(metadata);

		assertThat(valid.isValid(2_123_456_789L)).as("fixed line").isTrue();
		assertThat(valid.isValid(9_123_456_789L)).as("mobile").isTrue();
		assertThat(valid.isValid(81_234_567L)).as("mobile pattern, but not a mobile length").isFalse();
		assertThat(valid.isValid(18_001_234L)).as("toll free, any general length").isTrue();
		assertThat(valid.isValid(18_001_234_567L)).as("toll free beyond the general lengths").isFalse();
		assertThat(valid.isValid(7_123_456_789L)).as("general pattern, but no type").isFalse();
	}

	@Test
	void buildsNoAutomatonForAPatternBeyondThePlainSubset() {
		PhoneMetadata metadata = new PhoneMetadata().setId("ZZ")
			.setGeneralDesc(desc("(?=9)\\d{10}", 10))
			.setMobile(desc("9\\d{9}", 10));
		assertThat(ValidNationalNumbers.of(metadata)).isNull();
	}

	private void assertAgrees(long national) {
		boolean libphonenumber = util.isValidNumber(new PhoneNumber().setCountryCode(91).setNationalNumber(national));
		if (this.india.isValid(national) != libphonenumber) {
			assertThat(this.india.isValid(national)).as("%d", national).isEqualTo(libphonenumber);
		}
	}

	private static PhoneNumberDesc desc(String pattern, int... lengths) {
		PhoneNumberDesc desc = new PhoneNumberDesc().setNationalNumberPattern(pattern);
		for (int length : lengths) {
			desc.addPossibleLength(length);
		}
		return desc;
	}

	private static long pow10(int exponent) {
		long power = 1;
		for (int i = 0; i < exponent; i++) {
			power *= 10;
		}
		return power;
	}

}
