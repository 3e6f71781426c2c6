package dev.intake.customer;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndianMobileNumbersUnitTests {

	private static final Pattern LIBPHONENUMBER = IndianMobilePattern.load();

	private final IndianMobileNumbers mobiles = IndianMobileNumbers.load();

	@Test
	void compilesLibphonenumbersMobilePatternIntoAnAutomaton() {
		assertThat(LIBPHONENUMBER).isNotNull();
		assertThat(this.mobiles.isCompiled()).isTrue();
	}

	@Test
	void agreesWithLibphonenumbersRegexOnEveryFiveDigitPrefix() {
		long[] suffixes = { 0, 99_999, 12_345, 70_000, 80_000, 19_000, 90_909 };
		for (long prefix = 10_000; prefix <= 99_999; prefix++) {
			for (long suffix : suffixes) {
				assertAgrees(prefix * 100_000 + suffix);
			}
		}
	}

	@Test
	void agreesWithLibphonenumbersRegexOnRandomTenDigitNumbers() {
		SplittableRandom random = new SplittableRandom(11);
		for (int i = 0; i < 1_000_000; i++) {
			assertAgrees(random.nextLong(1_000_000_000L, 10_000_000_000L));
		}
	}

	@Test
	void refusesNumbersThatAreNotTenDigitsLong() {
		assertThat(this.mobiles.matches(987_654_321L)).isFalse();
		assertThat(this.mobiles.matches(98_765_432_100L)).isFalse();
		assertThat(this.mobiles.matches(-9_876_543_210L)).isFalse();
	}

	@Test
	void matchesAPatternBeyondThePlainSubsetAsAJavaRegex() {
		IndianMobileNumbers lookahead = IndianMobileNumbers.of(Pattern.compile("(?=9)\\d{10}"));
		assertThat(lookahead.isCompiled()).isFalse();
		assertThat(lookahead.matches(9_876_543_210L)).isTrue();
		assertThat(lookahead.matches(8_876_543_210L)).isFalse();
	}

	@Test
	void matchesAPlainPatternTheSameCompiledOrNot() {
		IndianMobileNumbers plain = IndianMobileNumbers.of(Pattern.compile("(?:9[0-8]|7\\d)\\d{8}"));
		assertThat(plain.isCompiled()).isTrue();
		assertThat(plain.matches(9_876_543_210L)).isTrue();
		assertThat(plain.matches(7_076_543_210L)).isTrue();
		assertThat(plain.matches(9_976_543_210L)).isFalse();
		assertThat(plain.matches(8_876_543_210L)).isFalse();
	}

	private void assertAgrees(long national) {
		boolean regex = LIBPHONENUMBER.matcher(Long.toString(national)).matches();
		assertThat(this.mobiles.matches(national)).as("%d", national).isEqualTo(regex);
	}

}
