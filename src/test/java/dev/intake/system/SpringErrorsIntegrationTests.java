package dev.intake.system;

import java.nio.charset.StandardCharsets;

import dev.intake.testing.IntakeIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Errors that Spring itself raises, before or around Intake's handlers, answer the same
 * problem+json as Intake's own: a status, a title and a stable {@code code}.
 */
@IntakeIntegrationTest
class SpringErrorsIntegrationTests {

	@Autowired
	WebTestClient http;

	@Test
	void answersAnUnknownPathWithNotFound() {
		assertProblem(this.http.get().uri("/api/v1/nothing-here").exchange(), HttpStatus.NOT_FOUND, "not-found");
		assertProblem(this.http.get().uri("/no-such-page.txt").exchange(), HttpStatus.NOT_FOUND, "not-found");
	}

	@Test
	void answersAnUnsupportedMethodWithMethodNotAllowed() {
		assertProblem(this.http.delete().uri("/api/v1/uploads").exchange(), HttpStatus.METHOD_NOT_ALLOWED,
				"method-not-allowed");
	}

	@Test
	void answersAnUnacceptableMediaTypeWithNotAcceptable() {
		assertProblem(this.http.get().uri("/api/v1/uploads").accept(MediaType.IMAGE_PNG).exchange(),
				HttpStatus.NOT_ACCEPTABLE, "not-acceptable");
	}

	@Test
	void answersAnUnsupportedContentTypeWithUnsupportedMediaType() {
		assertProblem(this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_XML)
			.bodyValue("<csv/>")
			.exchange(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
	}

	@Test
	void answersAParameterOfTheWrongTypeWithBadRequest() {
		assertProblem(this.http.get().uri("/api/v1/uploads/not-a-uuid").exchange(), HttpStatus.BAD_REQUEST,
				"invalid-parameter");
		assertProblem(this.http.get().uri("/api/v1/uploads?status=NOT_A_STATUS").exchange(), HttpStatus.BAD_REQUEST,
				"invalid-parameter");
		assertProblem(this.http.get().uri("/api/v1/uploads?limit=many").exchange(), HttpStatus.BAD_REQUEST,
				"invalid-parameter");
	}

	@Test
	void answersMalformedJsonWithBadRequest() {
		assertProblem(this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"filename\": ")
			.exchange(), HttpStatus.BAD_REQUEST, "malformed-request");
		assertProblem(this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("[1, 2]")
			.exchange(), HttpStatus.BAD_REQUEST, "malformed-request");
	}

	@Test
	void answersAMultipartPartHeaderOverTheLimitWithContentTooLarge() {
		String boundary = "b0undary";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
				+ "X-Padding: " + "p".repeat(10 * 1024) + "\r\nContent-Type: text/csv\r\n\r\nfull_name\r\n--" + boundary
				+ "--\r\n";
		assertProblem(this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
			.bodyValue(body.getBytes(StandardCharsets.UTF_8))
			.exchange(), HttpStatus.CONTENT_TOO_LARGE, "too-large");
	}

	private static void assertProblem(WebTestClient.ResponseSpec response, HttpStatus status, String code) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status.value())
			.jsonPath("$.code")
			.isEqualTo(code)
			.jsonPath("$.title")
			.isNotEmpty();
	}

}
