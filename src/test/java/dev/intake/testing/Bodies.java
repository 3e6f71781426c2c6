package dev.intake.testing;

import org.springframework.test.web.reactive.server.WebTestClient;

/** The whole body of an answer that must be {@code 200 OK}: as bytes or as text. */
public final class Bodies {

	private Bodies() {
	}

	/** Sends the request and expects {@code 200 OK}; the body's bytes. */
	public static byte[] bytes(WebTestClient.RequestHeadersSpec<?> request) {
		return request.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
	}

	/** Sends the request and expects {@code 200 OK}; the body as text. */
	public static String text(WebTestClient.RequestHeadersSpec<?> request) {
		return request.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

}
