package dev.intake.system;

import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The identity of this deployment: every instance on one database shares it, another
 * deployment (another database) has another. The first instance to start makes it (a
 * random id in table {@code deployment}); the others read it. Read once, at startup,
 * after the migrations.
 */
@Component
@DependsOnDatabaseInitialization
public class Deployment {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final UUID id;

	Deployment(DatabaseClient db) {
		this.id = db.sql("INSERT INTO deployment (id) VALUES (:id) ON CONFLICT (singleton) DO NOTHING")
			.bind("id", UUID.randomUUID())
			.then()
			.then(db.sql("SELECT id FROM deployment").map((row) -> row.get("id", UUID.class)).one())
			.block(PATIENCE);
	}

	/** Eight hex digits naming this deployment, the same on every instance. */
	public String shortId() {
		return this.id.toString().substring(0, 8);
	}

}
