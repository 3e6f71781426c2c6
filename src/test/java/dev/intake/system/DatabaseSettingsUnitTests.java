package dev.intake.system;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatabaseSettingsUnitTests {

	@Test
	void hasDefaultsForEverySetting() {
		DatabaseSettings settings = bind(Map.of());

		assertThat(settings.answerTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.longAnswerTimeout()).isEqualTo(Duration.ofMinutes(30));
		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void rejectsALongAnswerTimeoutShorterThanTheOrdinaryOne() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(
					Map.of("intake.database.answer-timeout", "60s", "intake.database.long-answer-timeout", "30s")))
			.havingRootCause()
			.withMessageContaining("must not be shorter");
	}

	@Test
	void rejectsTimeoutsThatCannotWork() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("intake.database.answer-timeout", "0s")));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("intake.database.connect-timeout", "-1s")));
	}

	private static DatabaseSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("intake.database",
				DatabaseSettings.class);
	}

}
