package dev.intake.testing;

import java.util.List;
import java.util.Map;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A typed client of the upload endpoints for tests that need an upload done rather than
 * tests of the request itself: each call sends one CSV, checks that it was taken
 * ({@code 201 Created}, or {@code 200 OK} for content and reads) and returns the upload's
 * summary. For answers of any status, see {@link UploadRequests}.
 */
public final class UploadClient {

	/** The type of every CSV body these calls send. */
	public static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	private final WebTestClient http;

	private UploadClient(WebTestClient http) {
		this.http = http;
	}

	public static UploadClient of(WebTestClient http) {
		return new UploadClient(http);
	}

	/** The same client as another tenant. */
	public UploadClient as(TestTenant tenant) {
		return new UploadClient(tenant.on(this.http));
	}

	/** Posts the file as a raw {@code text/csv} body named by the query. */
	public UploadSummary raw(String filename, byte[] csv) {
		return taken(
				this.http.post().uri("/api/v1/uploads?filename={name}", filename).contentType(TEXT_CSV).bodyValue(csv),
				HttpStatus.CREATED);
	}

	/** Posts the file as a raw {@code text/csv} body named by the query. */
	public UploadSummary raw(String filename, Csv csv) {
		return raw(filename, csv.bytes());
	}

	/** Posts the file as the {@code text/csv} part {@code file} of a multipart body. */
	public UploadSummary multipart(String filename, byte[] csv) {
		return taken(this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(filePart(filename, csv))), HttpStatus.CREATED);
	}

	/**
	 * A multipart body of one {@code text/csv} part {@code file}, named {@code filename}.
	 */
	public static MultiValueMap<String, HttpEntity<?>> filePart(String filename, byte[] csv) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("file", new ByteArrayResource(csv) {
			@Override
			public String getFilename() {
				return filename;
			}
		}).contentType(TEXT_CSV);
		return body.build();
	}

	/** Creates an upload that awaits its content. */
	public UploadSummary create(String filename) {
		return taken(this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("filename", filename)), HttpStatus.CREATED);
	}

	/** Sends the whole content of a created upload and waits until it is processed. */
	public UploadSummary content(Object id, byte[] csv) {
		return taken(this.http.put().uri("/api/v1/uploads/{id}/content", id).contentType(TEXT_CSV).bodyValue(csv),
				HttpStatus.OK);
	}

	/** The stored upload. */
	public UploadSummary get(Object id) {
		return UploadSummary.of(Json.get(this.http, "/api/v1/uploads/{id}", id));
	}

	/**
	 * Posts the file as a raw {@code text/csv} body named by the query, expecting this
	 * status; returns the JSON answer (a summary or a problem).
	 */
	public Map<String, Object> rawAnswer(String filename, byte[] csv, int status) {
		return this.http.post()
			.uri("/api/v1/uploads?filename={name}", filename)
			.contentType(TEXT_CSV)
			.bodyValue(csv)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/** A customer's history across uploads, as the API answers it. */
	public Map<String, Object> history(String phone) {
		return Json.get(this.http, "/api/v1/customers/{phone}/entries", phone);
	}

	/** The {@code entries} of a customer's history. */
	public List<Map<String, Object>> historyEntries(String phone) {
		return Json.list(history(phone), "entries");
	}

	private static UploadSummary taken(WebTestClient.RequestHeadersSpec<?> request, HttpStatus status) {
		return UploadSummary.of(request.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody());
	}

}
