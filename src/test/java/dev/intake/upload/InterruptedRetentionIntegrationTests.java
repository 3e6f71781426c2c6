package dev.intake.upload;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Invariants;
import dev.intake.testing.Json;
import dev.intake.testing.Sql;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.TestTenant;
import dev.intake.upload.internal.UploadNotResumable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An upload left interrupted longer than {@code intake.uploads.interrupted-retention} is
 * failed and its rows dropped. The context is closed after the test, so its short
 * retention never fails other tests' uploads.
 */
@IntakeIntegrationTest
@TestPropertySource(properties = { "intake.ingest.batch-size=500", "intake.uploads.interrupted-retention=3s",
		"intake.uploads.interrupted-sweep-interval=250ms" })
@DirtiesContext
class InterruptedRetentionIntegrationTests {

	@Autowired
	WebTestClient anyone;

	@Test
	void failsAnUploadInterruptedLongerThanTheRetentionWithNothingVisible() {
		WebTestClient http = TestTenant.TEST.on(this.anyone);
		Map<String, Object> created = http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("filename", TestFilenames.unique("retention-") + ".csv"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		String id = created.get("id").toString();
		byte[] file = GeneratedCsv.of(5_000, 100).bytes();
		http.patch()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(MediaType.parseMediaType("application/partial-upload"))
			.header("Upload-Offset", "0")
			.header("Upload-Complete", "?0")
			.bodyValue(Arrays.copyOfRange(file, 0, file.length / 2))
			.exchange()
			.expectStatus()
			.isNoContent();
		Map<String, Object> interrupted = upload(id);
		assertThat(interrupted).containsEntry("status", "INTERRUPTED");
		assertThat(((Number) interrupted.get("rows_total")).longValue()).isPositive();
		assertThat(Sql.entriesOf(id)).as("rows kept for the next piece").isPositive();
		http.head()
			.uri("/api/v1/uploads/{id}/content", id)
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.value("Upload-Limit", (limit) -> assertThat(limit).contains("max-age="));

		Map<String, Object> failed = await().atMost(Duration.ofSeconds(30))
			.until(() -> upload(id), (stored) -> "FAILED".equals(stored.get("status")));
		assertThat(failed).containsEntry("error_stage", "receive").containsEntry("error_code", "upload-not-resumed");
		assertThat(Sql.entriesOf(id)).as("rows dropped").isZero();
		http.patch()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(MediaType.parseMediaType("application/partial-upload"))
			.header("Upload-Offset", interrupted.get("content_offset").toString())
			.header("Upload-Complete", "?1")
			.bodyValue(Arrays.copyOfRange(file, ((Number) interrupted.get("content_offset")).intValue(), file.length))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(UploadNotResumable.CODE)
			.jsonPath("$.status")
			.isEqualTo("FAILED");
		Invariants.assertHold();
	}

	private static Map<String, Object> upload(String id) {
		return Sql.rows("SELECT * FROM uploads WHERE id = ?::uuid", id).get(0);
	}

}
