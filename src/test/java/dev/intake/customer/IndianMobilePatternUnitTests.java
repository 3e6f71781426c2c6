package dev.intake.customer;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndianMobilePatternUnitTests {

	@Test
	void readsTheMobilePatternFromLibphonenumbersMetadata() {
		Pattern mobile = IndianMobilePattern.load();

		assertThat(mobile).as("the shortcut must be in force with this libphonenumber version").isNotNull();
		assertThat(mobile.matcher("9876543210").matches()).isTrue();
		assertThat(mobile.matcher("1234567890").matches()).isFalse();
		assertThat(mobile.matcher("2223456789").matches()).as("a Mumbai fixed line").isFalse();
	}

}
