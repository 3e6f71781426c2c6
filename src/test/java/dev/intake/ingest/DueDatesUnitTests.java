package dev.intake.ingest;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DueDatesUnitTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "2024-11-15|2024-11-15", "2024/11/15|2024-11-15", "15/11/2024|2024-11-15",
			"15-11-2024|2024-11-15", "15.11.2024|2024-11-15", "15 Nov 2024|2024-11-15", "15 nov 2024|2024-11-15",
			"15 NOV 2024|2024-11-15", "5 Nov 2024|2024-11-05", "15-Nov-2024|2024-11-15", "15  Nov  2024|2024-11-15",
			"15 November 2024|2024-11-15", "5 Sept 2024|2024-09-05", "5 sep 2024|2024-09-05", "5/1/2024|2024-01-05",
			"'  2024-11-15 '|2024-11-15", "2024-1-5|2024-01-05" })
	void readsEveryAcceptedFormat(String raw, LocalDate expected) {
		assertThat(DueDates.parse(raw)).isEqualTo(expected);
	}

	@Test
	void readsTheDayBeforeTheMonth() {
		assertThat(DueDates.parse("01/02/2024")).isEqualTo(LocalDate.of(2024, 2, 1));
	}

	@Test
	void acceptsTheLeapDayOfALeapYear() {
		assertThat(DueDates.parse("29/02/2024")).isEqualTo(LocalDate.of(2024, 2, 29));
	}

	@ParameterizedTest
	@ValueSource(strings = { "31/02/2024", "29/02/2023", "2024-02-30", "2024-13-01", "00/11/2024", "15/00/2024",
			"32 Jan 2024", "31-04-2024", "15/11/0024", "15/11/9999" })
	void rejectsImpossibleDate(String raw) {
		assertRejected(raw, "impossible-date");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "tomorrow", "15/11/24", "2024-11-15T10:00", "15 Nox 2024", "15/11-2024",
			"123/11/2024", "15//11/2024", "Nov 15 2024", "15 Novem 2024", "2024-11", "15112024", "15 Nov", "2024.11.15",
			"15/11/2024 extra", "१५/११/२०२४" })
	void rejectsTextThatIsNotADate(String raw) {
		assertRejected(raw, "invalid-date");
	}

	@Test
	void neverEchoesTheValueInMessages() {
		assertThatExceptionOfType(CellRejected.class).isThrownBy(() -> DueDates.parse("31/02/2024"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("31/02"));
	}

	private static void assertRejected(String raw, String code) {
		assertThatExceptionOfType(CellRejected.class).isThrownBy(() -> DueDates.parse(raw))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(code));
	}

}
