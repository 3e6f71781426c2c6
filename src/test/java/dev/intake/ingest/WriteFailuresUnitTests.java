package dev.intake.ingest;

import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcRollbackException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.BadSqlGrammarException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write path sees the driver's errors wrapped in Spring's: the code comes from the
 * driver's SQLSTATE however deep it is.
 */
class WriteFailuresUnitTests {

	@Test
	void namesAMissingTableOfTheUploadNoLongerProcessingThroughSpringsWrapper() {
		R2dbcBadGrammarException missing = new R2dbcBadGrammarException("relation does not exist", "42P01");

		assertThat(WriteFailures.of(new BadSqlGrammarException("execute", "COPY", missing)).code())
			.isEqualTo("no-longer-processing");
		assertThat(WriteFailures.of(missing).code()).isEqualTo("no-longer-processing");
	}

	@Test
	void namesRejectedDataByItsSqlStateThroughSpringsWrapper() {
		R2dbcDataIntegrityViolationException unique = new R2dbcDataIntegrityViolationException("duplicate key",
				"23505");

		assertThat(WriteFailures.of(new DataIntegrityViolationException("insert", unique)).code())
			.isEqualTo("data-rejected");
	}

	@Test
	void namesLostConnectionsDeadlocksAndTimeoutsUnavailable() {
		assertThat(WriteFailures
			.of(new DataAccessResourceFailureException("copy", new R2dbcNonTransientResourceException("gone", "08006")))
			.code()).isEqualTo("database-unavailable");
		assertThat(WriteFailures.of(new R2dbcRollbackException("deadlock detected", "40P01")).code())
			.isEqualTo("database-unavailable");
		assertThat(WriteFailures.of(new TimeoutException()).code()).isEqualTo("database-unavailable");
	}

	@Test
	void namesOtherDatabaseErrorsAsSuch() {
		assertThat(WriteFailures
			.of(new BadSqlGrammarException("execute", "COPY", new R2dbcBadGrammarException("syntax error", "42601")))
			.code()).isEqualTo("database-error");
	}

}
