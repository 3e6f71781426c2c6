package dev.intake;

import dev.intake.testing.DevServices;

import org.springframework.boot.SpringApplication;

/**
 * Runs Intake for development with real PostgreSQL and Redis started for it: containers
 * when Docker is up, embedded servers otherwise. Started by
 * {@code ./mvnw spring-boot:test-run}.
 */
public final class TestIntakeApplication {

	private TestIntakeApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(IntakeApplication::main).with(DevServices.class).run(args);
	}

}
