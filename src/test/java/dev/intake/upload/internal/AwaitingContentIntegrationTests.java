package dev.intake.upload.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.Csv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.TestTenant;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Uploads created to wait for their content are capped per tenant and expire. The context
 * is closed after the test, so its short expiry never fails other tests' uploads.
 */
@IntakeIntegrationTest
@TestPropertySource(properties = { "intake.uploads.awaiting-content.max-per-tenant=3",
		"intake.uploads.awaiting-content.expiry=8s", "intake.uploads.awaiting-content.sweep-interval=250ms" })
@DirtiesContext
class AwaitingContentIntegrationTests {

	@Autowired
	WebTestClient http;

	@Test
	void capsATenantsUploadsAwaitingContentAndFailsThemOnceExpired() {
		WebTestClient idle = TestTenant.IDLE.on(this.http);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Map<String, Object> created = create(idle, null).expectStatus()
				.isCreated()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			assertThat(created).containsEntry("status", "AWAITING_CONTENT");
			ids.add(created.get("id").toString());
		}
		create(idle, null).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(TooManyAwaitingUploads.CODE);
		create(idle, UUID.randomUUID().toString()).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		// another tenant's count is its own (not TEST's: other tests leave uploads of
		// TEST awaiting content, up to this context's cap of 3)
		create(TestTenant.BUSY.on(this.http), null).expectStatus().isCreated();

		for (String id : ids) {
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> idle.get()
					.uri("/api/v1/uploads/{id}", id)
					.exchange()
					.expectBody()
					.jsonPath("$.status")
					.isEqualTo("FAILED")
					.jsonPath("$.error.code")
					.isEqualTo(AwaitingContent.EXPIRED)
					.jsonPath("$.error.stage")
					.isEqualTo("receive"));
		}
		idle.put()
			.uri("/api/v1/uploads/{id}/content", ids.get(0))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(Csv.standard().row("Late Content,9876501234,,LN-1,100,2024-11-15,,,").bytes())
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
		// expired uploads no longer count
		create(idle, null).expectStatus().isCreated();
	}

	private static WebTestClient.ResponseSpec create(WebTestClient client, String idempotencyKey) {
		return client.post().uri("/api/v1/uploads").contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (idempotencyKey != null) {
				headers.set("Idempotency-Key", idempotencyKey);
			}
		}).bodyValue("{\"filename\":\"awaiting.csv\"}").exchange();
	}

}
