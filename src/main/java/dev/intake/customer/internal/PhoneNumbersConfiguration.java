package dev.intake.customer.internal;

import dev.intake.customer.PhoneNumbers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes one shared {@link PhoneNumbers} for the configured default region. */
@Configuration(proxyBeanMethods = false)
class PhoneNumbersConfiguration {

	@Bean
	PhoneNumbers phoneNumbers(PhoneSettings settings) {
		return new PhoneNumbers(settings.defaultRegion());
	}

}
