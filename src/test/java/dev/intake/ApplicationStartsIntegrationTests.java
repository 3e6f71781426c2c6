package dev.intake;

import dev.intake.testing.DevServices;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;

@SpringBootTest
@Import(DevServices.class)
class ApplicationStartsIntegrationTests {

	@Autowired
	DatabaseClient db;

	@Test
	void migratesTheSchema() {
		StepVerifier
			.create(this.db.sql("SELECT success FROM flyway_schema_history WHERE version = '1'")
				.map((row) -> row.get(0, Boolean.class))
				.one())
			.expectNext(true)
			.verifyComplete();
	}

}
