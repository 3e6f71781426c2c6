package dev.intake.progress;

import java.time.Duration;
import java.util.Map;

import dev.intake.progress.internal.ProgressSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProgressSettingsUnitTests {

	@Test
	void hasDefaultsForEverySetting() {
		ProgressSettings settings = bind(Map.of());

		assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(15));
		assertThat(settings.uploadStreamLength()).isEqualTo(1000);
		assertThat(settings.feedStreamLength()).isEqualTo(10_000);
		assertThat(settings.finishedTtl()).isEqualTo(Duration.ofHours(1));
		assertThat(settings.publishTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(settings.readBlock()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void takesSettingsInTheirUsualSpelling() {
		ProgressSettings settings = bind(Map.of("intake.progress.heartbeat", "5s", "intake.progress.subscriber-buffer",
				"32", "intake.progress.finished-ttl", "10m"));

		assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.subscriberBuffer()).isEqualTo(32);
		assertThat(settings.finishedTtl()).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void rejectsSettingsThatCannotWork() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of("intake.progress.heartbeat", "0s")))
			.havingRootCause()
			.withMessageContaining("intake.progress.heartbeat");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("intake.progress.publish-buffer", "0")))
			.havingRootCause()
			.withMessageContaining("intake.progress.publish-buffer");
	}

	private static ProgressSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("intake.progress",
				ProgressSettings.class);
	}

}
