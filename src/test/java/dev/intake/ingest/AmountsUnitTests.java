package dev.intake.ingest;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AmountsUnitTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "15000|15000.00", "15,000.00|15000.00", "₹15,000|15000.00", "₹ 15,000|15000.00",
					"Rs. 15,000|15000.00", "Rs 15,000|15000.00", "rs.15000|15000.00", "INR 15000|15000.00",
					"inr15000.5|15000.50", "1,00,000|100000.00", "12,34,567.89|1234567.89", "1,00,00,000|10000000.00",
					"1,000,000|1000000.00", "'  15000  '|15000.00", "15,000/-|15000.00", "Rs. 15,000/-|15000.00",
					"15000 INR|15000.00", "0|0.00", "0.5|0.50", "007|7.00", "15000.000|15000.00" })
	void readsEveryCommonWayOfWritingAnAmount(String raw, BigDecimal expected) {
		assertThat(Amounts.parse(raw)).isEqualTo(expected);
	}

	@Test
	void givesEqualAmountsTheSameScaleHoweverWritten() {
		assertThat(Amounts.parse("15000")).isEqualTo(Amounts.parse("₹15,000.00")).hasScaleOf(2);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "  ", "1,0,0", "12abc", "1.2.3", "abc", ",000", "1,000,", "15000.", ".5", "1 000",
			"100,00,000", "1,00,000,000", "12,3456", "1,,000", "₹", "Rs.", "--5", "+5", "15000 USD", "1e5", "١٥٠٠٠" })
	void rejectsAnythingThatIsNotACleanNumber(String raw) {
		assertRejected(raw, "invalid-amount");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-15000", "-₹15,000", "₹-15,000", "Rs. -500", "- 0.01" })
	void rejectsNegativeAmounts(String raw) {
		assertRejected(raw, "negative-amount");
	}

	@ParameterizedTest
	@ValueSource(strings = { "15000.123", "0.001", "1,000.555" })
	void rejectsMoreThanTwoDecimals(String raw) {
		assertRejected(raw, "too-many-decimals");
	}

	@Test
	void acceptsUpToThirteenIntegerDigitsAsNumeric15Scale2Does() {
		assertThat(Amounts.parse("9999999999999.99")).isEqualTo(new BigDecimal("9999999999999.99"));
		assertThat(Amounts.parse("0000000000000000015000")).isEqualTo(new BigDecimal("15000.00"));
		assertRejected("10000000000000", "invalid-amount");
		assertRejected("99,99,99,99,99,99,999", "invalid-amount");
	}

	@Test
	void neverEchoesTheValueInMessages() {
		assertThatExceptionOfType(CellRejected.class).isThrownBy(() -> Amounts.parse("12345abc"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("12345"));
	}

	private static void assertRejected(String raw, String code) {
		assertThatExceptionOfType(CellRejected.class).isThrownBy(() -> Amounts.parse(raw))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(code))
			.satisfies((ex) -> assertThat(ex.getStackTrace()).isEmpty());
	}

}
