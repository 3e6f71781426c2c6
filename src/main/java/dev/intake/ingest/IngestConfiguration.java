package dev.intake.ingest;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the ingest collaborators that need settings to be built. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	NationalIds nationalIds(IngestSettings settings) {
		return new NationalIds(settings.nationalIdKeyBytes());
	}

	@Bean
	InFlightBytes inFlightBytes(IngestSettings settings, MeterRegistry meters) {
		return new InFlightBytes(settings.inFlightBytes()).measuredBy(meters);
	}

}
