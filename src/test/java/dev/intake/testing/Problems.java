package dev.intake.testing;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What tests expect of a problem answer (RFC 9457): its status and its type
 * {@code application/problem+json}, and its {@code code}.
 */
public final class Problems {

	private Problems() {
	}

	/**
	 * Expects a problem of this status and code; the body, for the problem's other
	 * fields.
	 */
	public static WebTestClient.BodyContentSpec expect(WebTestClient.ResponseSpec response, HttpStatus status,
			String code) {
		return expectType(response, status).expectBody().jsonPath("$.code").isEqualTo(code);
	}

	/**
	 * Expects a problem of this status, whatever its code; the response, for its headers.
	 */
	public static WebTestClient.ResponseSpec expectType(WebTestClient.ResponseSpec response, HttpStatus status) {
		return response.expectStatus().isEqualTo(status).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
