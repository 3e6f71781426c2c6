package dev.intake.ingest.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.intake.ingest.internal.CsvTemplates;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntakeIntegrationTest
class CsvTemplatesIntegrationTests {

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	@Autowired
	WebTestClient http;

	@Test
	void servesTheTemplateAsAnAttachmentWithTheCanonicalHeaderOnly() {
		String template = download("/api/v1/templates/customers.csv", "customers.csv");

		assertThat(template).isEqualTo("full_name,primary_phone,amount_due,due_date,national_id,loan_account,state,"
				+ "preferred_language,email\r\n");
	}

	@Test
	void templateUploadsAsAnEmptyButValidFile() {
		Map<String, Object> upload = upload(download("/api/v1/templates/customers.csv", "customers.csv"));

		assertThat(upload).containsEntry("status", "COMPLETED")
			.containsEntry("rowsTotal", 0)
			.containsEntry("unknownColumns", List.of());
	}

	@Test
	void sampleUploadsWithItsAcceptedRowsAndOneErrorForEachBadRow() {
		String sample = download("/api/v1/templates/sample.csv", "sample.csv");

		Map<String, Object> upload = upload(sample);

		assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS")
			.containsEntry("rowsSucceeded", CsvTemplates.SAMPLE_ACCEPTED_ROWS)
			.containsEntry("rowsFailed", CsvTemplates.SAMPLE_ERROR_CODES.size());
		Map<String, Object> errors = Json.get(this.http, "/api/v1/uploads/{id}/errors", upload.get("id"));
		assertThat((List<Map<String, Object>>) errors.get("items")).extracting((error) -> error.get("code"))
			.containsExactlyElementsOf(CsvTemplates.SAMPLE_ERROR_CODES);
	}

	@Test
	void sampleHoldsNoRealLookingEmailsAndTheSameBytesEveryTime() {
		String first = download("/api/v1/templates/sample.csv", "sample.csv");
		String second = download("/api/v1/templates/sample.csv", "sample.csv");

		assertThat(first).isEqualTo(second);
		List<String> domains = Pattern.compile("@([^,\\s]+)")
			.matcher(first)
			.results()
			.map((at) -> at.group(1))
			.toList();
		assertThat(domains).isNotEmpty().containsOnly("example.com");
	}

	private String download(String path, String filename) {
		return this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(TEXT_CSV)
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private Map<String, Object> upload(String csv) {
		return this.http.post()
			.uri("/api/v1/uploads?filename=sample.csv")
			.contentType(TEXT_CSV)
			.bodyValue(csv)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

}
