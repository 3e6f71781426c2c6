package dev.intake.ingest;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;

/**
 * Maps database errors on the write path to fatal failures of stage {@code write}, by
 * SQLSTATE class, in one place. Messages name the class of problem, never row data.
 */
final class WriteFailures {

	/** The upload's own table is gone: failing the upload dropped it. */
	private static final String UNDEFINED_TABLE = "42P01";

	private WriteFailures() {
	}

	static boolean isDatabaseError(Throwable ex) {
		return !(ex instanceof IngestFailure);
	}

	static IngestFailure of(Throwable ex) {
		// Spring's DatabaseClient wraps the driver's error in a DataAccessException.
		R2dbcException db = CsvFailures.causeOf(ex, R2dbcException.class);
		if (db != null && UNDEFINED_TABLE.equals(db.getSqlState())) {
			return new IngestFailure(IngestFailure.Stage.WRITE, "no-longer-processing",
					"The upload was failed elsewhere while its rows were being written", ex);
		}
		return new IngestFailure(IngestFailure.Stage.WRITE, codeOf(db), messageOf(db), ex);
	}

	private static String codeOf(R2dbcException ex) {
		if (ex == null || ex instanceof R2dbcTransientException || ex instanceof R2dbcNonTransientResourceException) {
			return "database-unavailable";
		}
		String state = ex.getSqlState();
		if (state == null) {
			return "database-unavailable";
		}
		return switch (state.substring(0, 2)) {
			case "08", "57", "53" -> "database-unavailable";
			case "22", "23" -> "data-rejected";
			default -> "database-error";
		};
	}

	private static String messageOf(R2dbcException ex) {
		return switch (codeOf(ex)) {
			case "database-unavailable" -> "The database became unavailable while rows were being written";
			case "data-rejected" -> "The database rejected a batch of rows";
			default -> "The database failed while rows were being written";
		};
	}

}
