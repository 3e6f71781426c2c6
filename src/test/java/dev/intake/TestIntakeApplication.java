package dev.intake;

import dev.intake.testing.DevRun;

import org.springframework.boot.SpringApplication;

/**
 * Runs Intake for development with real PostgreSQL and Redis started for it: containers
 * when Docker is up, embedded servers otherwise. Started by
 * {@code ./mvnw spring-boot:test-run}. Unless {@code INTAKE_API_KEYS} is set, it makes an
 * API key of tenant {@code dev} for the run and prints it.
 */
public final class TestIntakeApplication {

	private TestIntakeApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(IntakeApplication::main).with(DevRun.class).run(args);
	}

}
