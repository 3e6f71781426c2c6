package dev.intake.upload;

import java.time.Duration;
import java.util.Map;

import dev.intake.upload.internal.RecoverySettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecoverySettingsUnitTests {

	@Test
	void hasDefaultsForEverySetting() {
		RecoverySettings settings = bind(Map.of());

		assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(3));
		assertThat(settings.leaseExpiry()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.sweepInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.sweepBatch()).isEqualTo(100);
		assertThat(settings.failTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void rejectsALeaseShorterThanTwoHeartbeats() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("intake.recovery.heartbeat", "10s", "intake.recovery.lease-expiry", "15s")))
			.havingRootCause()
			.withMessageContaining("at least two heartbeats");
	}

	@Test
	void rejectsSettingsThatCannotWork() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("intake.recovery.sweep-interval", "0s")));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("intake.recovery.sweep-batch", "0")));
	}

	private static RecoverySettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("intake.recovery",
				RecoverySettings.class);
	}

}
