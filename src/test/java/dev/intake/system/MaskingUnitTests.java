package dev.intake.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingUnitTests {

	@Test
	void masksPhonesInEveryFormatButTheLastTwoDigits() {
		assertThat(Masking.masked("/api/v1/customers/+91%2098765%2043210/entries"))
			.isEqualTo("/api/v1/customers/+XX%XXXXXXX%XXXXX10/entries");
		assertThat(Masking.masked("phone 9876543210 and 098765-43210")).isEqualTo("phone XXXXXXXX10 and XXXXXX-XXX10");
	}

	@Test
	void masksNationalIdsAndKeepsShortNumbers() {
		// Dates are eight digits too: masking them in logs is the price of catching
		// hyphenated phones.
		assertThat(Masking.masked("id 2341 2341 2346, row 12, 2024-11-15"))
			.isEqualTo("id XXXX XXXX XX46, row 12, XXXX-XX-15");
	}

	@Test
	void leavesTextWithoutLongDigitRunsAlone() {
		assertThat(Masking.masked("Upload 5d1c failed at stage write")).isEqualTo("Upload 5d1c failed at stage write");
		assertThat(Masking.masked(null)).isNull();
	}

}
