package dev.intake.system;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LimitsUnitTests {

	@Test
	void bindsEveryLimitUnderOnePrefixWithTheDocumentedDefaults() {
		Limits limits = bind(Map.of());

		assertThat(limits).isEqualTo(Limits.DEFAULTS);
		assertThat(limits.maxConcurrentUploadsPerTenant()).isEqualTo(4);
	}

	@Test
	void bindsTheConcurrentUploadsLimitBesideTheCsvLimits() {
		Limits limits = bind(
				Map.of("intake.limits.max-concurrent-uploads-per-tenant", "2", "intake.limits.max-columns", "50"));

		assertThat(limits.maxConcurrentUploadsPerTenant()).isEqualTo(2);
		assertThat(limits.maxColumns()).isEqualTo(50);
	}

	@Test
	void rejectsATenantLimitThatWouldAdmitNoUpload() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("intake.limits.max-concurrent-uploads-per-tenant", "0")))
			.havingRootCause()
			.withMessageContaining("must be at least 1");
	}

	private static Limits bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("intake.limits", Limits.class);
	}

}
