package dev.intake.testing;

import java.util.List;
import java.util.Map;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The typed test client of the upload endpoints. For tests that need an upload done, each
 * call sends one CSV, checks that it was taken ({@code 201 Created}, or {@code 200 OK}
 * for content and reads) and returns the upload's summary. For tests of what a body may
 * be (encoded, compressed, in a charset), {@code send} and {@code sendPart} send one
 * body, raw or as the {@code file} part, and return the {@link Answer} of whatever
 * status.
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
		return filePart(filename, TEXT_CSV, csv);
	}

	/** A multipart body of one part {@code file} of this name and type. */
	public static MultiValueMap<String, HttpEntity<?>> filePart(String filename, MediaType type, byte[] content) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return filename;
			}
		}).contentType(type);
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

	/**
	 * Posts a raw body of this {@code Content-Type} with these extra headers (name,
	 * value, ...); the answer of whatever status.
	 */
	public Answer send(String contentType, byte[] body, String... headers) {
		return send("/api/v1/uploads?filename=raw.csv", contentType, body, headers);
	}

	/** Posts a raw body to {@code path} (a query, say) with these extra headers. */
	public Answer send(String path, String contentType, byte[] body, String... headers) {
		return answer(this.http.post()
			.uri(path)
			.headers((sent) -> add(sent, headers))
			.contentType(MediaType.parseMediaType(contentType))
			.bodyValue(body));
	}

	/**
	 * Posts a multipart body whose {@code file} part has this name and type; the answer
	 * of whatever status.
	 */
	public Answer sendPart(String filename, String partType, byte[] content) {
		return sendPart("/api/v1/uploads", filename, partType, content);
	}

	/**
	 * Posts a multipart body to {@code path} whose {@code file} part has this name and
	 * type.
	 */
	public Answer sendPart(String path, String filename, String partType, byte[] content) {
		return answer(this.http.post()
			.uri(path)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(filePart(filename, MediaType.parseMediaType(partType), content))));
	}

	/** The full names of the upload's stored entries, in file order. */
	public List<String> storedNames(Object id) {
		return Json.items(Json.get(this.http, "/api/v1/uploads/{id}/entries?limit=1000", id))
			.stream()
			.map((entry) -> (String) entry.get("fullName"))
			.toList();
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

	private static Answer answer(WebTestClient.RequestHeadersSpec<?> request) {
		EntityExchangeResult<Map<String, Object>> result = request.exchange().expectBody(Json.OBJECT).returnResult();
		return new Answer(result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders());
	}

	private static void add(HttpHeaders sent, String... headers) {
		for (int i = 0; i + 1 < headers.length; i += 2) {
			sent.add(headers[i], headers[i + 1]);
		}
	}

	/**
	 * One answer of whatever status.
	 *
	 * @param status the HTTP status
	 * @param body the JSON body: a summary or a problem
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
