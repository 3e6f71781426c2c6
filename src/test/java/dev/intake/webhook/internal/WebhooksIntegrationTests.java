package dev.intake.webhook.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.ingest.FakeAadhaar;
import dev.intake.testing.Csv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.Problems;
import dev.intake.testing.Sql;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import dev.intake.testing.WebhookApi;
import dev.intake.testing.WebhookReceiver;
import dev.intake.testing.WebhookReceiver.Answer;
import dev.intake.testing.WebhookReceiver.Received;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks end to end over real HTTP: a real receiver on 127.0.0.1 (allowed by the test
 * settings, with a 400 ms backoff base and a 2 s timeout), real uploads, and the outbox
 * in PostgreSQL.
 */
@IntakeIntegrationTest
class WebhooksIntegrationTests {

	static final Duration BACKOFF_BASE = Duration.ofMillis(400);

	@Autowired
	WebTestClient http;

	@Autowired
	JsonMapper json;

	@Test
	void retriesAFailingReceiverWithGrowingDelaysUntilItAcceptsTheSameSignedEvent() throws Exception {
		WebhookApi api = WebhookApi.of(this.http);
		String nationalId = FakeAadhaar.random(12);
		try (WebhookReceiver receiver = WebhookReceiver.start(Answer.status(500), Answer.after(Duration.ofSeconds(4)),
				Answer.status(503))) {
			Map<String, Object> webhook = api.create(receiver.url("/hooks/intake"), "upload.completed");
			String secret = (String) webhook.get("secret");
			String filename = TestFilenames.unique("webhook-completed-");
			Map<String, Object> upload = api.upload(filename,
					Csv.standard()
						.row("Asha Verma," + phone() + "," + nationalId + ",LN-1,1500,2024-11-15,,,")
						.row("Bad Row,12,,LN-2,1,x,,,"),
					HttpStatus.CREATED);

			await().atMost(Timeouts.PATIENCE)
				.alias("the timed-out attempt in the delivery log")
				.until(() -> api.deliveries(webhook.get("id")).get(0),
						(delivery) -> String.valueOf(delivery.get("lastError")).contains("No answer within"));
			List<Received> received = receiver.awaitReceived(4, Timeouts.PATIENCE);

			assertThat(received).hasSize(4);
			assertThat(received).extracting(Received::answered).containsExactly(500, 200, 503, 200);
			Received first = received.get(0);
			Map<String, Object> event = event(first.body());
			assertThat(event).containsEntry("type", "upload.completed").containsKeys("id", "createdAt", "data");
			@SuppressWarnings("unchecked")
			Map<String, Object> summary = (Map<String, Object>) ((Map<String, Object>) event.get("data")).get("upload");
			assertThat(summary).containsEntry("id", upload.get("id"))
				.containsEntry("filename", filename)
				.containsEntry("status", "COMPLETED_WITH_ERRORS")
				.containsEntry("rowsTotal", 2)
				.containsEntry("rowsSucceeded", 1)
				.containsEntry("rowsFailed", 1)
				.containsEntry("error", null);
			for (Received attempt : received) {
				assertThat(attempt.body()).as("every attempt's body").isEqualTo(first.body());
				assertThat(attempt.header("Intake-Event-Id")).isEqualTo(event.get("id"));
				assertThat(attempt.header("Intake-Event-Type")).isEqualTo("upload.completed");
				assertThat(attempt.header("Content-Type")).startsWith("application/json");
				assertThat(
						WebhookSignatureCheck.verifies(secret, attempt.header("Intake-Signature"), attempt.body(), 300))
					.as("the signature of %s", attempt.header("Intake-Signature"))
					.isTrue();
				assertThat(WebhookSignatureCheck.verifies("whsec_wrong", attempt.header("Intake-Signature"),
						attempt.body(), 300))
					.isFalse();
				assertThat(attempt.body()).doesNotContain(nationalId).doesNotContain("Asha");
			}
			for (int attempt = 1; attempt < received.size(); attempt++) {
				Duration gap = Duration.between(received.get(attempt - 1).at(), received.get(attempt).at());
				Duration leastBackoff = Duration
					.ofMillis((long) (BACKOFF_BASE.toMillis() * Math.pow(2, attempt - 1) * (1 - Backoff.JITTER)) - 50);
				assertThat(gap).as("the gap before attempt %d", attempt + 1).isGreaterThanOrEqualTo(leastBackoff);
			}

			Map<String, Object> delivered = await().atMost(Timeouts.PATIENCE)
				.until(() -> api.deliveries(webhook.get("id")).get(0),
						(delivery) -> delivery.get("deliveredAt") != null);
			assertThat(delivered).containsEntry("eventId", event.get("id"))
				.containsEntry("type", "upload.completed")
				.containsEntry("uploadId", upload.get("id"))
				.containsEntry("state", "delivered")
				.containsEntry("attempts", 4)
				.containsEntry("lastStatus", 200)
				.containsEntry("lastError", null)
				.containsEntry("nextAttemptAt", null);
			assertThat(receiver.received()).as("nothing after the 2xx").hasSize(4);
			api.delete(webhook.get("id"));
		}
	}

	@Test
	void failedUploadsEmitUploadFailedToEndpointsSubscribedToIt() throws Exception {
		WebhookApi api = WebhookApi.of(this.http);
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			Map<String, Object> webhook = api.create(receiver.url("/failed"), "upload.failed");
			api.upload(TestFilenames.unique("webhook-fine-"),
					Csv.standard().row("Ravi Kumar," + phone() + ",,LN-1,100,2024-11-15,,,"), HttpStatus.CREATED);
			String filename = TestFilenames.unique("webhook-failing-");
			api.upload(filename, Csv.withHeader("full_name,amount_due").row("Ravi Kumar,100"),
					HttpStatus.UNPROCESSABLE_CONTENT);

			Received received = receiver.awaitReceived(1, Timeouts.PATIENCE).get(0);
			Map<String, Object> event = event(received.body());
			assertThat(event).containsEntry("type", "upload.failed");
			assertThat(received.body()).contains("\"status\":\"FAILED\"")
				.contains("\"filename\":\"" + filename + "\"")
				.contains("\"code\":\"missing-columns\"")
				.contains("\"stage\":\"header\"");
			Thread.sleep(1500);
			assertThat(receiver.received()).as("the completed upload is not sent to it").hasSize(1);
			assertThat(api.deliveries(webhook.get("id"))).singleElement()
				.satisfies((delivery) -> assertThat(delivery).containsEntry("state", "delivered"));
			api.delete(webhook.get("id"));
		}
	}

	@Test
	void createsListsReadsRotatesAndDeletesEndpointsShowingTheSecretOnlyWhenMade() throws Exception {
		WebhookApi api = WebhookApi.of(TestTenant.IDLE.on(this.http));
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			Map<String, Object> older = api.create(receiver.url("/a"), "upload.completed", "upload.failed");
			Map<String, Object> newer = api.create(receiver.url("/b"), "upload.validated");
			assertThat((String) older.get("secret")).startsWith("whsec_").hasSizeGreaterThan(40);
			assertThat(older.get("events")).isEqualTo(List.of("upload.completed", "upload.failed"));

			Map<String, Object> read = api.get("/api/v1/webhooks/" + older.get("id"));
			assertThat(read).doesNotContainKey("secret").containsEntry("url", receiver.url("/a"));

			Map<String, Object> firstPage = api.get("/api/v1/webhooks?limit=1");
			assertThat(firstPage.get("items").toString()).contains(newer.get("id").toString());
			assertThat(firstPage.toString()).doesNotContain("whsec_");
			Map<String, Object> secondPage = api.get("/api/v1/webhooks?limit=1&cursor=" + firstPage.get("next"));
			assertThat(secondPage.get("items").toString()).contains(older.get("id").toString());

			Map<String, Object> rotated = api.http()
				.post()
				.uri("/api/v1/webhooks/{id}/secret", older.get("id"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			assertThat(rotated.get("secret")).isNotNull().isNotEqualTo(older.get("secret"));
			assertThat(rotated.get("previousSecretExpiresAt")).isNotNull();

			api.upload(TestFilenames.unique("webhook-rotated-"),
					Csv.standard().row("Ravi Kumar," + phone() + ",,LN-1,100,2024-11-15,,,"), HttpStatus.CREATED);
			Received received = receiver.awaitReceived(1, Timeouts.PATIENCE).get(0);
			String signature = received.header("Intake-Signature");
			assertThat(signature.split(",")).as("t and one v1 per secret").hasSize(3);
			assertThat(WebhookSignatureCheck.verifies((String) rotated.get("secret"), signature, received.body(), 300))
				.isTrue();
			assertThat(WebhookSignatureCheck.verifies((String) older.get("secret"), signature, received.body(), 300))
				.as("the old secret, within the grace period")
				.isTrue();

			api.http().delete().uri("/api/v1/webhooks/{id}", older.get("id")).exchange().expectStatus().isNoContent();
			Problems.expect(api.http().get().uri("/api/v1/webhooks/{id}", older.get("id")).exchange(),
					HttpStatus.NOT_FOUND, "webhook-not-found");
			api.delete(newer.get("id"));
		}
	}

	@Test
	void anotherTenantsWebhookIsNotFoundAndItsUploadsAreNotSentThere() throws Exception {
		WebhookApi owner = WebhookApi.of(this.http);
		WebhookApi intruder = WebhookApi.of(TestTenant.OTHER.on(this.http));
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			Map<String, Object> webhook = owner.create(receiver.url("/mine"), "upload.completed", "upload.failed");
			Object id = webhook.get("id");
			for (String path : List.of("/api/v1/webhooks/" + id, "/api/v1/webhooks/" + id + "/deliveries")) {
				Problems.expect(intruder.http().get().uri(path).exchange(), HttpStatus.NOT_FOUND, "webhook-not-found");
			}
			intruder.http().post().uri("/api/v1/webhooks/{id}/secret", id).exchange().expectStatus().isNotFound();
			intruder.http().delete().uri("/api/v1/webhooks/{id}", id).exchange().expectStatus().isNotFound();
			intruder.http()
				.get()
				.uri("/api/v1/webhooks/{id}", UUID.randomUUID())
				.exchange()
				.expectStatus()
				.isNotFound();
			assertThat(intruder.get("/api/v1/webhooks?limit=1000").get("items").toString())
				.doesNotContain(id.toString());

			intruder.upload(TestFilenames.unique("webhook-other-"),
					Csv.standard().row("Ravi Kumar," + phone() + ",,LN-1,100,2024-11-15,,,"), HttpStatus.CREATED);
			Thread.sleep(1500);
			assertThat(receiver.received()).as("another tenant's upload").isEmpty();
			assertThat(owner.deliveries(id)).isEmpty();
			owner.http().get().uri("/api/v1/webhooks/{id}", id).exchange().expectStatus().isOk();
			owner.delete(id);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "http://10.0.0.1/hook, private", "http://169.254.169.254/latest/meta-data, link-local",
			"http://[::1]:8080/hook, loopback", "http://localhost:8080/hook, loopback",
			"https://127.0.0.2/hook, loopback", "http://192.168.1.10/hook, private", "http://[fd00::1]/hook, private",
			"http://224.0.0.1/hook, multicast", "http://0.0.0.0/hook, unspecified" })
	void refusesTargetsThatResolveToNonPublicAddresses(String url, String reason) {
		Map<String, Object> problem = WebhookApi.of(this.http).refused(url, "upload.completed");
		assertThat(problem).containsEntry("code", "webhook-target-refused")
			.containsEntry("reason", reason)
			.containsEntry("status", 400);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "ftp://example.com/hook, upload.completed, invalid-webhook-url",
			"'', upload.completed, invalid-webhook-url",
			"https://user:pass@example.com/hook, upload.completed, invalid-webhook-url",
			"http://127.0.0.1:1/hook, upload.finished, invalid-webhook-events" })
	void refusesMalformedEndpoints(String url, String event, String code) {
		assertThat(WebhookApi.of(this.http).refused(url, event)).containsEntry("code", code);
	}

	@Test
	void marksADeliveryDeadOnceItsEventIsOlderThanTheRetryPeriodAndCountsIt() throws Exception {
		WebhookApi api = WebhookApi.of(TestTenant.BUSY.on(this.http));
		double deadBefore = deadDeliveriesCounted();
		try (WebhookReceiver receiver = WebhookReceiver.start().otherwise((index) -> Answer.status(500))) {
			Map<String, Object> webhook = api.create(receiver.url("/down"), "upload.completed");
			api.upload(TestFilenames.unique("webhook-dead-"),
					Csv.standard().row("Ravi Kumar," + phone() + ",,LN-1,100,2024-11-15,,,"), HttpStatus.CREATED);
			receiver.awaitReceived(1, Timeouts.PATIENCE);
			Sql.rows(
					"UPDATE webhook_events SET created_at = created_at - interval '25 hours' WHERE id IN "
							+ "(SELECT event_id FROM webhook_deliveries WHERE endpoint_id = ?) RETURNING id",
					UUID.fromString((String) webhook.get("id")));

			Map<String, Object> dead = await().atMost(Timeouts.PATIENCE)
				.until(() -> api.deliveries(webhook.get("id")).get(0),
						(delivery) -> "dead".equals(delivery.get("state")));
			assertThat(dead).containsEntry("lastStatus", 500)
				.containsEntry("nextAttemptAt", null)
				.containsEntry("deliveredAt", null);
			assertThat(dead.get("deadAt")).isNotNull();
			int attempts = receiver.received().size();
			Thread.sleep(1500);
			assertThat(receiver.received()).as("no attempt after it is dead").hasSize(attempts);
			// Any running instance may make the last attempt (other test contexts share
			// the
			// database), so the count is read across every registry in this JVM.
			await().atMost(Timeouts.PATIENCE)
				.until(WebhooksIntegrationTests::deadDeliveriesCounted, (count) -> count > deadBefore);
			api.delete(webhook.get("id"));
		}
	}

	@Test
	void claimsDueDeliveriesThroughThePartialIndexHoweverLongTheHistory() {
		UUID endpoint = UUID.randomUUID();
		Sql.execute("INSERT INTO webhook_endpoints (id, tenant_id, url, events, secret) "
				+ "VALUES (?, 'history', 'https://example.com/', '{upload.completed}', 'whsec_x')", endpoint);
		try {
			Sql.execute("""
					WITH events AS (
					  INSERT INTO webhook_events (id, tenant_id, type, upload_id, body, created_at)
					  SELECT gen_random_uuid(), 'history', 'upload.completed', gen_random_uuid(), '{}', now()
					  FROM generate_series(1, 50000)
					  RETURNING id)
					INSERT INTO webhook_deliveries (endpoint_id, event_id, attempts, next_attempt_at, delivered_at)
					SELECT ?, id, 1, now() - interval '1 day', now() - interval '1 day' FROM events""", endpoint);
			Sql.execute("ANALYZE webhook_deliveries");
			String plan = Sql.rows("EXPLAIN " + Deliveries.DUE.replace(":limit", "16"))
				.stream()
				.map((row) -> row.values().iterator().next().toString())
				.reduce("", (all, line) -> all + line + "\n");
			assertThat(plan).as("the claim's plan with 50,000 delivered rows")
				.contains("ix_webhook_deliveries_due")
				.doesNotContain("Seq Scan");
		}
		finally {
			Sql.execute("DELETE FROM webhook_endpoints WHERE id = ?", endpoint);
			Sql.execute("DELETE FROM webhook_events WHERE tenant_id = 'history'");
		}
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> event(String body) {
		return this.json.readValue(body, Map.class);
	}

	private static String phone() {
		return "98" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100_000_000));
	}

	/**
	 * Dead deliveries counted by every Intake context in this JVM (Boot adds each
	 * registry to the global one).
	 */
	private static double deadDeliveriesCounted() {
		return Metrics.globalRegistry.getRegistries()
			.stream()
			.flatMap(
					(registry) -> registry.find("intake.webhook.deliveries").tag("outcome", "dead").counters().stream())
			.mapToDouble(Counter::count)
			.sum();
	}

}
