package dev.intake.customer.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How phone numbers are read.
 *
 * @param defaultRegion the ISO region a number without a country code belongs to
 */
@ConfigurationProperties("intake.phones")
record PhoneSettings(@DefaultValue("IN") String defaultRegion) {

}
