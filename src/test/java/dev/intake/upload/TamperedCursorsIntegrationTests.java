package dev.intake.upload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.Csv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list endpoint answers a cursor it never handed out with 400
 * {@code invalid-cursor}, whatever the cursor decodes to: never a 500 from the database
 * refusing its values.
 */
@IntakeIntegrationTest
class TamperedCursorsIntegrationTests {

	static final String UUID_TEXT = UUID.randomUUID().toString();

	@Autowired
	WebTestClient http;

	@Test
	void refusesTamperedUploadListCursors() {
		assertRefused("/api/v1/uploads",
				List.of(token("+300000-01-01T00:00Z|" + UUID_TEXT), token("-290000-01-01T00:00Z|" + UUID_TEXT),
						token("+10000-01-01T00:00Z|" + UUID_TEXT), token("2024-01-01T00:00Z|not-a-uuid"),
						token("2024-01-01T00:00Z"), token("|" + UUID_TEXT),
						token("2024-01-01T00:00Z|" + UUID_TEXT + "|more"), "not base64!", "%%%", "\u0000", ""));
	}

	@Test
	void refusesTamperedRowErrorAndEntryCursors() {
		String id = completedUploadWithOneError();
		List<String> numbers = List.of("x", "1", "1.", ".1", "1.x", "-1.0", "1.-2", "99999999999999999999.0",
				"1.99999999999", "1.0.0", "\u0661.0", "");
		assertRefused("/api/v1/uploads/" + id + "/errors", numbers);
		assertRefused("/api/v1/uploads/" + id + "/entries",
				List.of("x", "-1", "99999999999999999999", "1.0", "0x10", "\u0661", ""));
	}

	@Test
	void refusesTamperedChangeCursors() {
		String id = completedUploadWithOneError();
		assertRefused("/api/v1/uploads/" + id + "/changes",
				List.of(token("15:new:-1:0"), token("15:new:0:-1"), token("15:bogus:0:0"), token("15:new:0"),
						token("99999999999:new:0:0"), token("15:new:99999999999999999999:0"), token("1:new:0:0"),
						"not base64!", ""));
	}

	@Test
	void keepsHonouringTheCursorsItHandsOut() {
		completedUploadWithOneError();
		completedUploadWithOneError();
		Map<String, Object> first = get("/api/v1/uploads?limit=1");
		String next = (String) first.get("next");
		assertThat(next).isNotNull();
		this.http.get()
			.uri((uri) -> uri.path("/api/v1/uploads").queryParam("limit", 1).queryParam("cursor", "{c}").build(next))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private void assertRefused(String path, List<String> cursors) {
		for (String cursor : cursors) {
			this.http.get()
				.uri((uri) -> uri.path(path).queryParam("cursor", "{cursor}").build(cursor))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid-cursor");
		}
	}

	private String completedUploadWithOneError() {
		String phone = "93" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000000));
		Map<String, Object> upload = this.http.post()
			.uri("/api/v1/uploads?filename=cursors.csv")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(Csv.standard()
				.row("Cursor Test," + phone + ",,LN-1,100,2024-11-15,,,")
				.row("No Phone,,,LN-2,100,2024-11-15,,,")
				.bytes())
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS").containsEntry("rowsFailed", 1);
		return (String) upload.get("id");
	}

	private Map<String, Object> get(String path) {
		return Json.get(this.http, path);
	}

	private static String token(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
