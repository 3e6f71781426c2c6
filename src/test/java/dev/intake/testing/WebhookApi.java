package dev.intake.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A typed client of the webhook endpoints and of the uploads that emit their events, over
 * real HTTP: {@link #of} a test's {@link WebTestClient}, or {@link #at} any running
 * instance (a {@link ChildIntake}) as a tenant.
 */
public final class WebhookApi {

	private final WebTestClient http;

	private WebhookApi(WebTestClient http) {
		this.http = http;
	}

	public static WebhookApi of(WebTestClient http) {
		return new WebhookApi(http);
	}

	/** The API of an instance listening on {@code port} on this machine, as a tenant. */
	public static WebhookApi at(int port, TestTenant tenant) {
		return new WebhookApi(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofMinutes(2))
			.defaultHeader(TestTenant.API_KEY_HEADER, tenant.key())
			.build());
	}

	public WebTestClient http() {
		return this.http;
	}

	/** Creates an endpoint; emits the answer (with its {@code secret}). */
	public Map<String, Object> create(String url, String... events) {
		return this.http.post()
			.uri("/api/v1/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("url", url, "events", List.of(events)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/** Tries to create an endpoint that must be refused; emits the problem. */
	public Map<String, Object> refused(String url, String... events) {
		return this.http.post()
			.uri("/api/v1/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("url", url, "events", List.of(events)))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/** Deletes an endpoint, so that its deliveries stop. */
	public void delete(Object webhookId) {
		this.http.delete().uri("/api/v1/webhooks/{id}", webhookId).exchange().expectStatus().isNoContent();
	}

	/** The first page of an endpoint's delivery log. */
	@SuppressWarnings("unchecked")
	public List<Map<String, Object>> deliveries(Object webhookId) {
		return (List<Map<String, Object>>) get("/api/v1/webhooks/" + webhookId + "/deliveries").get("items");
	}

	public Map<String, Object> get(String path) {
		return Json.get(this.http, path);
	}

	/** Uploads a CSV as a raw body and waits for its summary, whatever its status. */
	public Map<String, Object> upload(String filename, Csv csv, HttpStatus expected) {
		return this.http.post()
			.uri("/api/v1/uploads?filename={name}", filename)
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.bytes())
			.exchange()
			.expectStatus()
			.isEqualTo(expected)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

}
