package dev.intake.customer;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PhoneNumbersUnitTests {

	private final PhoneNumbers phones = new PhoneNumbers("IN");

	@ParameterizedTest
	@ValueSource(strings = { "+91 98765 43210", "09876543210", "9876543210", "919876543210", "+91-98765-43210",
			"+919876543210", " 98765 43210 ", "(+91) 98765-43210", "0091 98765 43210" })
	void normalisesEveryIndianFormatToOneE164Number(String raw) {
		assertThat(this.phones.toE164(raw)).contains("+919876543210");
	}

	@Test
	void keepsTheCountryCodeANumberCarries() {
		assertThat(this.phones.toE164("+1 650-253-0000")).contains("+16502530000");
	}

	@Test
	void readsNumbersWithoutCountryCodeAsNumbersOfTheDefaultRegion() {
		assertThat(new PhoneNumbers("US").toE164("(650) 253-0000")).contains("+16502530000");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "not a phone", "98765", "+91 98765", "98765 4321", "98765 43210 98765 43210 1",
			"12", "---", "+91 00000 00000" })
	void rejectsJunkAndInvalidNumbers(String raw) {
		assertThat(this.phones.toE164(raw)).isEmpty();
	}

	@Test
	void readsIndianNumbersExactlyAsLibphonenumberParsesThem() {
		Random random = new Random(42);
		String[] prefixes = { "", "0", "00", "+91", "+91 ", "91", "+910", "091", "+1 ", "+44", "(0)", "+ 91-" };
		String[] separators = { "", " ", "-", ".", "  ", ")", "(" };
		int valid = 0;
		for (int i = 0; i < 20_000; i++) {
			StringBuilder raw = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
			boolean mobileLike = random.nextBoolean();
			int digits = mobileLike ? 10 : 6 + random.nextInt(9);
			for (int d = 0; d < digits; d++) {
				if (d > 0 && random.nextInt(4) == 0) {
					raw.append(separators[random.nextInt(separators.length)]);
				}
				raw.append((char) ('0' + ((d == 0 && mobileLike) ? 6 + random.nextInt(4) : random.nextInt(10))));
			}
			String number = raw.toString();
			Optional<String> e164 = this.phones.toE164(number);
			assertThat(e164).as(number).isEqualTo(this.phones.parsed(number));
			valid += e164.isPresent() ? 1 : 0;
		}
		assertThat(valid).as("valid numbers among the samples").isGreaterThan(4000);
	}

	@Test
	void masksAllButTheCountryCodeAndTheLastFourDigits() {
		assertThat(PhoneNumbers.mask("+919876543210")).isEqualTo("+91******3210");
		assertThat(PhoneNumbers.mask("+16502530000")).isEqualTo("+1******0000");
		assertThat(PhoneNumbers.mask(null)).isNull();
	}

	@Test
	void refusesARegionLibphonenumberDoesNotKnow() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers("XX"));
		assertThatIllegalArgumentException().isThrownBy(() -> new PhoneNumbers(null));
	}

	@Test
	void isSafeToShareAcrossThreads() {
		List<String> numbers = IntStream.range(0, 20_000)
			.parallel()
			.mapToObj((i) -> this.phones.toE164((i % 2 == 0) ? "+91 98765 43210" : "09876543210").orElseThrow())
			.distinct()
			.toList();
		assertThat(numbers).containsExactly("+919876543210");
	}

}
