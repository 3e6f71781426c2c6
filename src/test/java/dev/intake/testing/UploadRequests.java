package dev.intake.testing;

import java.util.List;
import java.util.Map;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A typed client of the upload endpoints for tests of what a body may be (encoded,
 * compressed, in a charset): each call sends one body, raw or as the {@code file} part,
 * and returns the status with the Json.OBJECT answer (a summary or a problem), and reads
 * back what the upload stored.
 */
public final class UploadRequests {

	private final WebTestClient http;

	private UploadRequests(WebTestClient http) {
		this.http = http;
	}

	public static UploadRequests of(WebTestClient http) {
		return new UploadRequests(http);
	}

	/** Posts a raw body of this {@code Content-Type} with these extra headers. */
	public Answer raw(String contentType, byte[] body, String... headers) {
		return raw("/api/v1/uploads?filename=raw.csv", contentType, body, headers);
	}

	/** Posts a raw body to {@code path} (a query, say) with these extra headers. */
	public Answer raw(String path, String contentType, byte[] body, String... headers) {
		return answer(this.http.post()
			.uri(path)
			.headers((sent) -> add(sent, headers))
			.contentType(MediaType.parseMediaType(contentType))
			.bodyValue(body)
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult());
	}

	/** Posts a multipart body whose {@code file} part has this name and type. */
	public Answer multipart(String filename, String partType, byte[] content) {
		return multipart("/api/v1/uploads", filename, partType, content);
	}

	/**
	 * Posts a multipart body to {@code path} whose {@code file} part has this name and
	 * type.
	 */
	public Answer multipart(String path, String filename, String partType, byte[] content) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return filename;
			}
		}).contentType(MediaType.parseMediaType(partType));
		return answer(this.http.post()
			.uri(path)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(body.build()))
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult());
	}

	/** The stored upload. */
	public Map<String, Object> upload(Object id) {
		return this.http.get()
			.uri("/api/v1/uploads/{id}", id)
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/** The full names of the upload's stored entries, in file order. */
	@SuppressWarnings("unchecked")
	public List<String> storedNames(Object id) {
		Map<String, Object> page = this.http.get()
			.uri("/api/v1/uploads/{id}/entries?limit=1000", id)
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		return ((List<Map<String, Object>>) page.get("items")).stream()
			.map((entry) -> (String) entry.get("fullName"))
			.toList();
	}

	private static void add(HttpHeaders sent, String... headers) {
		for (int i = 0; i + 1 < headers.length; i += 2) {
			sent.add(headers[i], headers[i + 1]);
		}
	}

	private static Answer answer(EntityExchangeResult<Map<String, Object>> result) {
		return new Answer(result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders());
	}

	/**
	 * One answer.
	 *
	 * @param status the HTTP status
	 * @param body the Json.OBJECT body
	 * @param headers the response headers
	 */
	public record Answer(int status, Map<String, Object> body, HttpHeaders headers) {

		/** The problem's or the summary's field. */
		public Object get(String field) {
			return this.body.get(field);
		}

		/**
		 * The upload this answer is about: a summary's {@code id} or a problem's
		 * {@code uploadId}.
		 */
		public Object uploadId() {
			return this.body.containsKey("uploadId") ? this.body.get("uploadId") : this.body.get("id");
		}

	}

}
