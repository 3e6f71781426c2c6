package dev.intake;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is a product module: only its top-level types are its API, and
 * modules depend on each other without cycles.
 */
class ModularityTests {

	@Test
	void modulesKeepTheirBoundaries() {
		ApplicationModules.of(IntakeApplication.class).verify();
	}

}
