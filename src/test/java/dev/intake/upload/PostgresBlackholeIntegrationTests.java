package dev.intake.upload;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.Csv;
import dev.intake.testing.FaultTest;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Invariants;
import dev.intake.testing.Json;
import dev.intake.testing.PostgresThroughAProxy;
import dev.intake.testing.Sql;
import dev.intake.testing.StoredUploads;
import dev.intake.testing.StreamingUpload;
import dev.intake.testing.TcpProxy;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's R2DBC pool reaches the real PostgreSQL through a TCP proxy that the
 * test turns into a blackhole: connections stay open, new ones are taken, and nothing
 * ever answers, as in a network partition without resets. Every wait is bounded by the
 * (shortened) {@code intake.database.*} and pool settings below. The lease is longer than
 * the blackhole lasts, so that the recovery sweeper of another instance (the other test
 * contexts share the database) does not take the upload while this one cannot renew it:
 * the upload is to fail here, with the database's code.
 */
@IntakeIntegrationTest
@TestPropertySource(properties = { "intake.database.answer-timeout=3s", "spring.r2dbc.pool.max-acquire-time=4s",
		"spring.r2dbc.pool.max-create-connection-time=3s", "intake.ingest.batch-size=" + FaultTest.BATCH_SIZE,
		"intake.recovery.fail-timeout=60s", "intake.recovery.lease-expiry=60s" })
@Import(PostgresThroughAProxy.class)
@DirtiesContext
class PostgresBlackholeIntegrationTests {

	/**
	 * The answer must come within the configured bounds, with room for a loaded machine.
	 */
	static final Duration BOUND = Duration.ofSeconds(20);

	@Autowired
	TcpProxy postgresProxy;

	@Autowired
	WebTestClient http;

	@Autowired
	UploadClient uploads;

	@LocalServerPort
	int port;

	@Test
	void answersDatabaseUnavailableWithinBoundedTimeAndRecoversByItself() {
		WebTestClient bounded = this.http.mutate().responseTimeout(BOUND).build();
		Map<String, Object> list;
		Map<String, Object> unknownKey;
		long started = System.nanoTime();
		this.postgresProxy.blackhole();
		try {
			list = problem(bounded.get().uri("/api/v1/uploads").exchange());
			unknownKey = problem(TestTenant.anonymous(bounded)
				.get()
				.uri("/api/v1/uploads")
				.header(TestTenant.API_KEY_HEADER, "unknown-key-" + UUID.randomUUID())
				.exchange());
		}
		finally {
			this.postgresProxy.restore();
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(list).containsEntry("code", "database-unavailable").containsEntry("status", 503);
		assertThat(unknownKey).containsEntry("code", "authentication-unavailable").containsEntry("status", 503);
		assertThat(took).as("both answered within the bounds").isLessThan(BOUND.multipliedBy(2));
		await().atMost(Timeouts.PATIENCE)
			.alias("the instance recovers by itself once PostgreSQL answers")
			.untilAsserted(() -> this.http.get().uri("/api/v1/uploads").exchange().expectStatus().isOk());
	}

	@Test
	void failsAnUploadCaughtInTheBlackholeAndLeavesNothingVisible() {
		String filename = TestFilenames.unique("postgres-blackhole-");
		String response;
		try (StreamingUpload upload = StreamingUpload.postUntilFirstBatch(this.port, filename,
				"batches committed before the blackhole")) {
			this.postgresProxy.blackhole();
			try {
				response = upload.finish();
			}
			finally {
				this.postgresProxy.restore();
			}
		}

		StreamingUpload.assertNoAnswerOr(503, response);
		Map<String, Object> failed = StoredUploads.awaitFailed(filename);
		assertThat(failed).containsEntry("error_code", "database-unavailable");
		assertThat(Sql.entriesOf(failed.get("id"))).as("rows written before the blackhole, removed").isZero();
		await().atMost(Timeouts.PATIENCE)
			.untilAsserted(
					() -> assertThat(this.uploads.raw("after-the-blackhole.csv", Csv.oneCustomer("Back Again")).json())
						.containsEntry("status", "COMPLETED"));
		Invariants.assertHold();
	}

	private static Map<String, Object> problem(WebTestClient.ResponseSpec response) {
		return response.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("Retry-After")
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

}
