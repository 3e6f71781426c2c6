package dev.intake.upload;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.Csv;
import dev.intake.testing.Gzipped;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.Sql;
import dev.intake.testing.UploadClient;
import dev.intake.testing.UploadClient.Answer;
import dev.intake.testing.WebhookApi;
import dev.intake.testing.WebhookReceiver;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mode=validate} over real HTTP: every check runs and the answer is the summary of
 * what would be stored, with the changes it would make against the previous cycle; no
 * customer entry is made, the upload never counts as a cycle, and its row errors and its
 * {@code upload.validated} webhook are there as for any upload.
 */
@IntakeIntegrationTest
class ValidateOnlyIntegrationTests {

	private static final String VALIDATE = "/api/v1/uploads?mode=validate&filename=check.csv";

	@Autowired
	WebTestClient http;

	@Autowired
	UploadClient uploads;

	private final String asha = phone();

	private final String ravi = phone();

	private final String meena = phone();

	private final String kiran = phone();

	@Test
	void validatesARawBodyCountingRowsRepeatsAndTheChangesItWouldMakeWithoutStoringAnEntry() {
		Answer cycle = this.uploads.send("text/csv", previousCycle());
		Answer validated = this.uploads.send(VALIDATE, "text/csv", nextCycle());

		assertThat(validated.status()).as("%s", validated.body()).isEqualTo(201);
		assertThat(validated.body()).containsEntry("status", "VALIDATED")
			.containsEntry("rowsTotal", 5)
			.containsEntry("rowsSucceeded", 3)
			.containsEntry("rowsFailed", 2);
		assertThat((String) validated.get("message")).contains("nothing was stored");
		assertThat(changes(validated)).containsEntry("previousUploadId", cycle.uploadId())
			.containsEntry("new", 1)
			.containsEntry("changed", 1)
			.containsEntry("unchanged", 1)
			.containsEntry("missing", 1);
		assertThat(errorCodes(validated.uploadId())).containsExactlyInAnyOrder("invalid-phone", "duplicate-row");
		assertNothingStored(validated.uploadId());
	}

	@Test
	void validatesAMultipartFilePartGzipOrNotTheSameWay() {
		this.uploads.send("text/csv", previousCycle());
		Answer plain = this.uploads.sendPart(VALIDATE, "next.csv", "text/csv", nextCycle());
		Answer gzipped = this.uploads.sendPart(VALIDATE, "next.csv.gz", "application/gzip", Gzipped.of(nextCycle()));

		for (Answer answer : new Answer[] { plain, gzipped }) {
			assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
			assertThat(answer.body()).containsEntry("status", "VALIDATED")
				.containsEntry("rowsSucceeded", 3)
				.containsEntry("rowsFailed", 2);
			assertThat(changes(answer)).containsEntry("new", 1).containsEntry("changed", 1);
			assertNothingStored(answer.uploadId());
		}
	}

	@Test
	void neverCountsAsACycleForHistoryChangesOrTheNextUpload() {
		Answer cycle = this.uploads.send("text/csv", previousCycle());
		Answer validated = this.uploads.send(VALIDATE, "text/csv", nextCycle());
		Answer next = this.uploads.send("text/csv", previousCycle());

		assertThat(history(this.asha)).extracting((entry) -> entry.get("uploadId"))
			.containsExactly(next.uploadId(), cycle.uploadId());
		assertThat(history(this.kiran)).isEmpty();
		this.http.get()
			.uri("/api/v1/uploads/{id}/changes", validated.uploadId())
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("upload-not-completed");
		assertThat(this.uploads.get(next.uploadId()).json()).extracting("changes")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("previousUploadId", cycle.uploadId());
		assertThat(this.uploads.get(validated.uploadId()).json()).containsEntry("status", "VALIDATED")
			.extracting("links")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.doesNotContainKeys("entries", "changes");
	}

	@Test
	void emitsUploadValidatedToEndpointsSubscribedToIt() throws Exception {
		WebhookApi api = WebhookApi.of(this.http);
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			Map<String, Object> webhook = api.create(receiver.url("/validated"), "upload.validated");
			this.uploads.send("text/csv", previousCycle());
			Answer validated = this.uploads.send(VALIDATE, "text/csv", nextCycle());

			WebhookReceiver.Received received = receiver.awaitReceived(1, Duration.ofSeconds(60)).get(0);

			assertThat(received.body()).contains("\"type\":\"upload.validated\"")
				.contains("\"status\":\"VALIDATED\"")
				.contains(validated.uploadId().toString());
			api.delete(webhook.get("id"));
		}
	}

	@Test
	void refusesAnUnknownModeBeforeReadingTheBody() {
		Answer refused = this.uploads.send("/api/v1/uploads?mode=dry-run", "text/csv", previousCycle());

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.get("code")).isEqualTo("invalid-parameter");
		assertThat(refused.uploadId()).isNull();
	}

	private byte[] previousCycle() {
		return Csv.standard()
			.row("Asha Verma," + this.asha + ",,LN-1,1500,15/11/2024,,,")
			.row("Ravi Kumar," + this.ravi + ",,LN-2,2500,15/11/2024,,,")
			.row("Meena Iyer," + this.meena + ",,LN-3,3500,15/11/2024,,,")
			.bytes();
	}

	/**
	 * Asha changed, Ravi the same, Meena missing, Kiran new; a bad phone and a repeated
	 * row.
	 */
	private byte[] nextCycle() {
		return Csv.standard()
			.row("Asha Verma," + this.asha + ",,LN-1,9999,15/12/2024,,,")
			.row("Ravi Kumar," + this.ravi + ",,LN-2,2500,15/11/2024,,,")
			.row("Kiran Rao," + this.kiran + ",,LN-4,100,15/12/2024,,,")
			.row("Nobody,12,,LN-5,100,15/12/2024,,,")
			.row("Kiran Rao," + this.kiran + ",,LN-4,100,15/12/2024,,,")
			.bytes();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> changes(Answer answer) {
		return (Map<String, Object>) answer.get("changes");
	}

	private void assertNothingStored(Object uploadId) {
		UUID id = UUID.fromString(uploadId.toString());
		assertThat(Sql.rows("SELECT count(*) AS n FROM customers WHERE upload_id = ?", id)).singleElement()
			.satisfies((row) -> assertThat(((Number) row.get("n")).longValue()).isZero());
		assertThat(Sql.rows("SELECT relname FROM pg_class WHERE relname = ?",
				"customers_" + id.toString().replace("-", "")))
			.as("the upload's own table is dropped")
			.isEmpty();
		assertThat(history(this.kiran)).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private List<String> errorCodes(Object uploadId) {
		Map<String, Object> page = Json.get(this.http, "/api/v1/uploads/{id}/errors?limit=100", uploadId);
		return ((List<Map<String, Object>>) page.get("items")).stream()
			.map((error) -> (String) error.get("code"))
			.toList();
	}

	private List<Map<String, Object>> history(String phone) {
		return this.uploads.historyEntries(phone);
	}

	private static String phone() {
		return "98" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100_000_000));
	}

}
