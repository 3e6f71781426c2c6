package dev.intake.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Intake waits for PostgreSQL. Every call through the application's connection
 * factory must get its first answer within {@code answerTimeout}; calls marked with
 * {@link DatabaseCalls#longRunning} (work that grows with an upload, such as counting its
 * changes) within {@code longAnswerTimeout}, which is also PostgreSQL's own
 * {@code statement_timeout}. Opening a connection and taking one from the pool are
 * bounded by {@code spring.r2dbc.pool.*} ({@code application.yml}).
 *
 * @param answerTimeout how long an ordinary call may wait for PostgreSQL's first answer
 * @param longAnswerTimeout how long a call marked long-running may wait; also the
 * server-side {@code statement_timeout}
 * @param connectTimeout how long opening the TCP connection to PostgreSQL may take
 */
@ConfigurationProperties("intake.database")
public record DatabaseSettings(@DefaultValue("30s") Duration answerTimeout,
		@DefaultValue("30m") Duration longAnswerTimeout, @DefaultValue("5s") Duration connectTimeout) {

	public DatabaseSettings {
		requirePositive("answer-timeout", answerTimeout);
		requirePositive("long-answer-timeout", longAnswerTimeout);
		requirePositive("connect-timeout", connectTimeout);
		if (longAnswerTimeout.compareTo(answerTimeout) < 0) {
			throw new IllegalArgumentException("intake.database.long-answer-timeout (" + longAnswerTimeout
					+ ") must not be shorter than intake.database.answer-timeout (" + answerTimeout + ")");
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("intake.database." + name + " must be positive, not " + value);
		}
	}

}
