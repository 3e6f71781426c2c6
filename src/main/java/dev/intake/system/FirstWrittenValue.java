package dev.intake.system;

import java.time.Duration;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Values that every instance of a deployment shares without being configured: the first
 * instance to ask writes its candidate into a one-row table (a {@code singleton} column
 * with a unique default), every later one reads what the first wrote. Used at startup,
 * after the migrations, so it blocks (never on an event-loop thread); a database that
 * does not answer within 30 s fails the startup.
 */
@Component
@DependsOnDatabaseInitialization
public class FirstWrittenValue {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final DatabaseClient db;

	FirstWrittenValue(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The value of a one-row table's column, written with {@code candidate} first if the
	 * table is empty.
	 * @param table the table, a constant of the caller's (never user input)
	 * @param column its value column, a constant of the caller's
	 */
	public <T> T of(String table, String column, T candidate, Class<T> type) {
		return this.db
			.sql("INSERT INTO %s (%s) VALUES (:value) ON CONFLICT (singleton) DO NOTHING".formatted(table, column))
			.bind("value", candidate)
			.then()
			.then(this.db.sql("SELECT %s FROM %s".formatted(column, table)).map((row) -> row.get(column, type)).one())
			.block(PATIENCE);
	}

}
