package dev.intake.upload;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.ChildIntake;
import dev.intake.testing.Csv;
import dev.intake.testing.FaultTest;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Invariants;
import dev.intake.testing.Json;
import dev.intake.testing.Sql;
import dev.intake.testing.StoredUploads;
import dev.intake.testing.StreamingUpload;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.TestTenant;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failover with the default heartbeat and lease: a second Intake, in a child JVM, is
 * killed with SIGKILL in the middle of an upload of a tenant that may run one upload at a
 * time; this test's instance, whose recovery sweeper does not run during the test, must
 * admit the tenant again and run a retry with the same {@code Idempotency-Key} as soon as
 * the dead instance's lease has run out. (In a full build, other test contexts in this
 * JVM share the database and sweep it: the timings hold either way.)
 */
@IntakeIntegrationTest
@TestPropertySource(
		properties = { "intake.recovery.sweep-interval=1h", "intake.limits.max-concurrent-uploads-per-tenant=1" })
class FailoverIntegrationTests {

	static final TestTenant TENANT = TestTenant.FAILOVER;

	/** The default lease: what users get without a setting. */
	static final Duration LEASE = Duration.ofSeconds(10);

	/** Room for a busy machine: a poll interval, a request, a slow heartbeat query. */
	static final Duration MARGIN = Duration.ofSeconds(10);

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	@Autowired
	WebTestClient http;

	@Test
	void admitsTheTenantAndRunsAnIdempotentRetryAsSoonAsAKilledInstancesLeaseRunsOut() throws Exception {
		String filename = TestFilenames.unique("failover-");
		String key = TestFilenames.unique("retry-");
		byte[] body = GeneratedCsv.of(20_000, 1000).bytes();
		UUID dead;
		long killedAt;
		try (ChildIntake child = ChildIntake.start(Map.of("intake.ingest.batch-size", "" + FaultTest.BATCH_SIZE,
				"intake.limits.max-concurrent-uploads-per-tenant", "1", "intake.recovery.sweep-interval", "1h"));
				StreamingUpload upload = StreamingUpload.post(child.port(), filename, body, TENANT,
						Map.of("Idempotency-Key", key))) {
			upload.sendUpTo(0.3);
			Map<String, Object> running = StoredUploads.awaitFirstBatch(filename, "batches committed by the child");
			dead = (UUID) running.get("id");
			child.kill();
			killedAt = System.nanoTime();
		}

		if (leaseLeft(dead).compareTo(Duration.ofSeconds(3)) > 0) {
			assertThat(statusOf(retry(key, filename, body))).as("the same key, while the dead upload's lease is alive")
				.isEqualTo(HttpStatus.CONFLICT);
			assertThat(statusOf(postSmall())).as("the tenant, meanwhile").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		}
		else {
			System.out.println("Failover: the machine is too slow to ask before the lease runs out; not asked");
		}

		await().atMost(LEASE.plus(MARGIN))
			.pollInterval(Duration.ofMillis(100))
			.alias("the tenant admitted again")
			.until(() -> statusOf(postSmall()) == HttpStatus.CREATED);
		Duration admitted = since(killedAt);
		Duration admittedAfterHeartbeat = Duration.ofMillis(Sql.number(
				"SELECT (extract(epoch FROM now() - heartbeat_at) * 1000)::bigint FROM uploads WHERE id = ?", dead));

		Duration retriedAt = since(killedAt);
		WebTestClient.ResponseSpec retried = retry(key, filename, body);
		Duration answered = since(killedAt);
		Map<String, Object> summary = retried.expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist("Idempotent-Replayed")
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();

		assertThat(summary).containsEntry("status", "COMPLETED_WITH_ERRORS")
			.containsEntry("rowsTotal", 20_000)
			.containsEntry("rowsFailed", 20);
		assertThat(summary.get("id")).isNotEqualTo(dead.toString());
		assertThat(Sql.rows("SELECT status, error_stage, error_code FROM uploads WHERE id = ?", dead))
			.as("failed by the retry (or by the sweeper of another test context sharing the database)")
			.containsExactly(Map.of("status", "FAILED", "error_stage", "recovery", "error_code", "lease-expired"));
		assertThat(admittedAfterHeartbeat).as("admitted only once the lease ran out").isGreaterThanOrEqualTo(LEASE);
		System.out.printf("Failover: tenant admitted %d ms after the kill (%d ms after the last heartbeat); "
				+ "the idempotent retry started %d ms after the kill and was answered (completed) %d ms after it%n",
				admitted.toMillis(), admittedAfterHeartbeat.toMillis(), retriedAt.toMillis(), answered.toMillis());
		Invariants.assertHold();
	}

	private WebTestClient.ResponseSpec postSmall() {
		return TENANT.on(this.http)
			.post()
			.uri("/api/v1/uploads?filename={name}", TestFilenames.unique("probe-"))
			.contentType(TEXT_CSV)
			.bodyValue(Csv.standard().row("Probe Person,9876543210,,LN-1,100,2024-11-15,,,").bytes())
			.exchange();
	}

	private WebTestClient.ResponseSpec retry(String key, String filename, byte[] body) {
		return TENANT.on(this.http)
			.post()
			.uri("/api/v1/uploads?filename={name}", filename)
			.header("Idempotency-Key", key)
			.contentType(TEXT_CSV)
			.bodyValue(body)
			.exchange();
	}

	private static Duration leaseLeft(UUID upload) {
		return Duration.ofMillis(Sql.number(
				"SELECT (extract(epoch FROM lease_expires_at - now()) * 1000)::bigint FROM uploads WHERE id = ?",
				upload));
	}

	private static HttpStatus statusOf(WebTestClient.ResponseSpec response) {
		return HttpStatus.valueOf(response.expectBody().returnResult().getStatus().value());
	}

	private static Duration since(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos);
	}

}
