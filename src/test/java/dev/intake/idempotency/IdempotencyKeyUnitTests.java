package dev.intake.idempotency;

import dev.intake.system.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdempotencyKeyUnitTests {

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "a\tb", "a\nb", "cl\u00e9", "\u0000", "\u007f" })
	void rejectsEmptyBlankAndNonPrintableAsciiKeys(String key) {
		assertThatExceptionOfType(Problem.class).isThrownBy(() -> new IdempotencyKey(key))
			.satisfies((problem) -> assertThat(problem.code()).isEqualTo("invalid-idempotency-key"))
			.satisfies((problem) -> assertThat(problem.getStatusCode().value()).isEqualTo(400));
	}

	@Test
	void rejectsKeysLongerThan255Characters() {
		assertThat(new IdempotencyKey("k".repeat(255)).value()).hasSize(255);
		assertThatExceptionOfType(Problem.class).isThrownBy(() -> new IdempotencyKey("k".repeat(256)));
	}

	@Test
	void acceptsEveryPrintableAsciiCharacter() {
		StringBuilder printable = new StringBuilder();
		for (char c = 0x21; c <= 0x7E; c++) {
			printable.append(c);
		}
		assertThat(new IdempotencyKey(printable + " x").value()).isEqualTo(printable + " x");
	}

	@Test
	void isAbsentWhenTheHeaderIs() {
		assertThat(IdempotencyKey.ofHeader(null)).isNull();
	}

	@Test
	void neverShowsItsValueInLogs() {
		assertThat(new IdempotencyKey("secret-ish-key")).hasToString("IdempotencyKey[14 chars]");
	}

}
