package dev.intake.corpus;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.intake.testing.Bodies;
import dev.intake.testing.Csv;
import dev.intake.testing.HeapWatch;
import dev.intake.testing.HostileInputTest;
import dev.intake.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every input of the bad-input corpus
 * ({@code src/test/resources/dev/intake/corpus}) and checks that Intake answers as
 * {@code cases.csv} says: the status and problem code, the stored upload's status and row
 * errors, the stored file name; never a 500, never a hang, never a heap spike. Completed
 * uploads are also checked for what they show: an error report without formula cells, and
 * names without control or bidi characters.
 */
@HostileInputTest
class BadInputCorpusIntegrationTests {

	private static final Duration HANG = Duration.ofSeconds(60);

	/** Far above what any case needs, far below what buffering a 100 MB line takes. */
	private static final long HEAP_SPIKE = 64L * 1024 * 1024;

	private static final long RETAINED = 32L * 1024 * 1024;

	@Autowired
	WebTestClient http;

	@LocalServerPort
	int port;

	static List<CorpusCase> cases() {
		return CorpusCase.all();
	}

	@Test
	void listsAtLeastThirtyCasesAndEveryFileOfTheCorpus() throws URISyntaxException {
		File folder = new File(Objects.requireNonNull(getClass().getResource(CorpusCase.FOLDER)).toURI());
		List<String> listed = cases().stream().map(CorpusCase::source).toList();

		assertThat(cases()).hasSizeGreaterThanOrEqualTo(30);
		assertThat(Arrays.stream(folder.list()).filter((name) -> name.endsWith(".csv") && !name.equals("cases.csv")))
			.allSatisfy((file) -> assertThat(listed).contains(file));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void answersEveryInputAsTheCorpusExpects(CorpusCase input) {
		HeapWatch heap = input.generated() ? HeapWatch.start() : null;

		CompletableFuture<Outcome> sent = CompletableFuture.supplyAsync(() -> sendOrThrow(input));
		assertThat(sent).as(input.name() + " hung").succeedsWithin(HANG);
		Outcome outcome = sent.join();

		assertThat(outcome.status()).as("status of %s: %s", input.name(), outcome.body())
			.isLessThan(500)
			.isEqualTo(input.status());
		if (!input.code().isEmpty()) {
			assertThat(outcome.body()).as("problem of " + input.name()).containsEntry("code", input.code());
		}
		String uploadId = outcome.uploadId();
		if (input.uploadStatus().isEmpty()) {
			assertThat(uploadId).as("no upload is made for " + input.name()).isNull();
		}
		else {
			assertThat(uploadId).as("upload of " + input.name()).isNotNull();
			checkUpload(input, uploadId);
		}
		if (heap != null) {
			long peak = heap.tenuredPeakGrowth();
			long retained = heap.retainedGrowth();
			System.out.printf("corpus heap %s: tenured peak +%d KB, retained after GC %+d KB%n", input.name(),
					peak / 1024, retained / 1024);
			assertThat(peak).as("tenured heap peak growth").isLessThan(HEAP_SPIKE);
			assertThat(retained).as("heap retained after GC").isLessThan(RETAINED);
		}
	}

	private void checkUpload(CorpusCase input, String uploadId) {
		Map<String, Object> upload = getJson("/api/v1/uploads/" + uploadId);
		assertThat(upload).containsEntry("status", input.uploadStatus());
		if (input.uploadStatus().equals("FAILED")) {
			assertThat((Map<String, Object>) upload.get("error")).containsEntry("code", input.code());
			return;
		}
		if (!input.storedFilename().isEmpty()) {
			assertThat(upload).containsEntry("filename", input.storedFilename());
		}
		List<Map<String, Object>> errors = items("/api/v1/uploads/" + uploadId + "/errors?limit=1000");
		assertThat(errors).extracting((error) -> error.get("code")).containsAll(input.rowErrors());
		assertNoFormulaCellIn(errorReport(uploadId));
		assertThat(items("/api/v1/uploads/" + uploadId + "/entries?limit=1000"))
			.extracting((entry) -> (String) entry.get("fullName"))
			.allSatisfy((name) -> assertThat(name.codePoints()).noneMatch(BadInputCorpusIntegrationTests::hidden));
	}

	private Outcome sendOrThrow(CorpusCase input) {
		try {
			return send(input);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Outcome send(CorpusCase input) throws IOException, InterruptedException {
		return switch (input.send()) {
			case "csv" -> exchange(this.http.post()
				.uri((uri) -> uri.path("/api/v1/uploads")
					.queryParamIfPresent("filename",
							java.util.Optional.of(input.filename()).filter((name) -> !name.isEmpty()))
					.build())
				.contentType(MediaType.parseMediaType("text/csv"))
				.bodyValue(CorpusBodies.bytes(input)));
			case "octet" -> exchange(this.http.post()
				.uri("/api/v1/uploads")
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.bodyValue(CorpusBodies.bytes(input)));
			case "gzip" -> exchange(this.http.post()
				.uri("/api/v1/uploads")
				.contentType(MediaType.parseMediaType("text/csv"))
				.header(HttpHeaders.CONTENT_ENCODING, "gzip")
				.bodyValue(CorpusBodies.bytes(input)));
			case "encodings" -> exchange(this.http.post()
				.uri("/api/v1/uploads")
				.contentType(MediaType.parseMediaType("text/csv"))
				.header(HttpHeaders.CONTENT_ENCODING, "identity", "gzip")
				.bodyValue(CorpusBodies.bytes(input)));
			case "multipart" -> multipart(fileOnly(input));
			case "parts" -> multipart(parts(input));
			case "stream" -> streamed(input);
			case "announce" -> announced();
			case "drip" -> dripped();
			case "bigheaders" -> withHugeHeaders();
			default -> throw new IllegalArgumentException("Unknown send " + input.send());
		};
	}

	private Outcome streamed(CorpusCase input) throws IOException, InterruptedException {
		AtomicLong sent = new AtomicLong();
		try (RawHttp raw = RawHttp.connect(this.port, Duration.ofSeconds(30))) {
			raw.head("POST /api/v1/uploads HTTP/1.1", "Content-Type: text/csv", "Transfer-Encoding: chunked");
			Thread writer = new Thread(() -> {
				try {
					for (byte[] chunk : (Iterable<byte[]>) CorpusBodies.chunks(input)::iterator) {
						raw.chunk(chunk);
						sent.addAndGet(chunk.length);
					}
					raw.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException ex) {
					// The server answered and closed the connection: stop sending.
				}
			});
			writer.setDaemon(true);
			writer.start();
			RawHttp.Response response = raw.readToEnd();
			raw.close();
			writer.join(10_000);
			assertThat(response.closed()).as("connection closed").isTrue();
			// Socket buffers on both sides hold some megabytes: far less than the body.
			assertThat(sent.get()).as("bytes sent before the answer").isLessThan(16 * HostileInputTest.MAX_BODY_SIZE);
			return Outcome.of(response.status(), response.body());
		}
	}

	private Outcome announced() throws IOException {
		try (RawHttp raw = RawHttp.connect(this.port, Duration.ofSeconds(20))) {
			raw.head("POST /api/v1/uploads HTTP/1.1", "Content-Type: text/csv", "Content-Length: 10737418240")
				.write((Csv.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
			RawHttp.Response response = raw.readToEnd();
			assertThat(response.closed()).as("connection closed instead of draining 10 GB").isTrue();
			return Outcome.of(response.status(), response.body());
		}
	}

	// Answered by the HTTP server itself (431), before Intake sees the request.
	private Outcome withHugeHeaders() throws IOException {
		try (RawHttp raw = RawHttp.connect(this.port, Duration.ofSeconds(20))) {
			raw.head("POST /api/v1/uploads HTTP/1.1", "Content-Type: text/csv", "Content-Length: 0",
					"X-Padding: " + "p".repeat(20 * 1024));
			RawHttp.Response response = raw.readToEnd();
			return Outcome.of(response.status(), response.body());
		}
	}

	private Outcome dripped() throws IOException, InterruptedException {
		try (RawHttp raw = RawHttp.connect(this.port, Duration.ofSeconds(20))) {
			raw.head("POST /api/v1/uploads HTTP/1.1", "Content-Type: text/csv", "Transfer-Encoding: chunked")
				.chunk((Csv.HEADER + "\nAsha").getBytes(StandardCharsets.UTF_8));
			long start = System.nanoTime();
			for (int i = 0; i < 10; i++) {
				Thread.sleep(1500);
				try {
					raw.chunk(new byte[] { 'a' });
				}
				catch (IOException ex) {
					break;
				}
			}
			RawHttp.Response response = raw.readToEnd();
			assertThat(response.closed()).as("connection closed").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			return Outcome.of(response.status(), response.body());
		}
	}

	private MultipartBodyBuilder fileOnly(CorpusCase input) {
		MultipartBodyBuilder builder = new MultipartBodyBuilder();
		builder.part("file", CorpusBodies.bytes(input))
			.filename(input.filename().isEmpty() ? "upload.csv" : input.filename())
			.contentType(MediaType.parseMediaType("text/csv"));
		return builder;
	}

	private static MultipartBodyBuilder parts(CorpusCase input) {
		MultipartBodyBuilder builder = new MultipartBodyBuilder();
		switch (input.generator()) {
			case "many-parts" -> {
				for (int i = 0; i < 20; i++) {
					builder.part("note" + i, "x");
				}
				builder.part("file", (Csv.HEADER + "\n").getBytes(StandardCharsets.UTF_8)).filename("a.csv");
			}
			case "no-file-part" -> builder.part("note", "no file here");
			default -> throw new IllegalArgumentException("No parts generator " + input.source());
		}
		return builder;
	}

	private Outcome multipart(MultipartBodyBuilder builder) {
		return exchange(this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(builder.build())));
	}

	private Outcome exchange(WebTestClient.RequestHeadersSpec<?> request) {
		EntityExchangeResult<byte[]> result = request.exchange().expectBody(byte[].class).returnResult();
		byte[] body = result.getResponseBody();
		return Outcome.of(result.getStatus().value(), (body != null) ? new String(body, StandardCharsets.UTF_8) : "");
	}

	private Map<String, Object> getJson(String path) {
		byte[] body = Bodies.bytes(this.http.get().uri(path));
		return JsonMapper.shared().readValue(body, Map.class);
	}

	private List<Map<String, Object>> items(String path) {
		return (List<Map<String, Object>>) getJson(path).get("items");
	}

	private List<List<String>> errorReport(String uploadId) {
		// Reports of records near the limit run to megabytes.
		byte[] csv = Bodies.bytes(this.http.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
			.build()
			.get()
			.uri("/api/v1/uploads/" + uploadId + "/errors")
			.accept(MediaType.parseMediaType("text/csv")));
		CsvMapper mapper = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
		return mapper.readerFor(List.class).<List<String>>readValues(csv).readAll();
	}

	private static void assertNoFormulaCellIn(List<List<String>> report) {
		assertThat(report)
			.allSatisfy((line) -> assertThat(line).allSatisfy((cell) -> assertThat(cell).as("error report cell")
				.doesNotStartWith("=")
				.doesNotStartWith("+")
				.doesNotStartWith("-")
				.doesNotStartWith("@")
				.doesNotStartWith("\t")
				.doesNotStartWith("\r")));
	}

	private static boolean hidden(int c) {
		return Character.isISOControl(c) || c == 0x200B || c == 0xFEFF || c == 0x200E || c == 0x200F
				|| (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
	}

	/** The answer to one case: its status and JSON body. */
	private record Outcome(int status, Map<String, Object> body) {

		static Outcome of(int status, String text) {
			Map<String, Object> body = text.startsWith("{") ? JsonMapper.shared().readValue(text, Map.class)
					: Map.of("text", text);
			return new Outcome(status, body);
		}

		String uploadId() {
			Object id = this.body.containsKey("uploadId") ? this.body.get("uploadId") : this.body.get("id");
			return (id != null) ? id.toString() : null;
		}

	}

}
