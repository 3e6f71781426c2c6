package dev.intake.upload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.intake.testing.Csv;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.Gzipped;
import dev.intake.testing.HostileInputTest;
import dev.intake.testing.Problems;
import dev.intake.testing.RawHttp;
import dev.intake.testing.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@HostileInputTest
class LimitsIntegrationTests {

	@Autowired
	WebTestClient http;

	@LocalServerPort
	int port;

	@Test
	void refusesAnAnnouncedOversizedBodyBeforeReadingItAndClosesTheConnection() throws Exception {
		try (RawHttp raw = RawHttp.connect(this.port, Duration.ofSeconds(20))) {
			long start = System.nanoTime();
			raw.head("POST /api/v1/uploads HTTP/1.1", "Content-Type: text/csv", "Content-Length: 10737418240")
				.write((Csv.HEADER + "\n").getBytes(StandardCharsets.UTF_8));

			RawHttp.Response response = raw.readToEnd();

			assertThat(response.status()).isEqualTo(413);
			assertThat(response.text()).containsIgnoringCase("content-type: application/problem+json");
			assertThat(JsonMapper.shared().readValue(response.body(), Map.class)).containsEntry("code",
					"body-too-large");
			assertThat(response.closed()).as("closed instead of draining 10 GB").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
		}
	}

	@Test
	void failsASlowDripClientAtStageReceiveAndClosesTheConnection() throws Exception {
		try (RawHttp raw = RawHttp.connect(this.port, Duration.ofSeconds(20))) {
			raw.head("POST /api/v1/uploads HTTP/1.1", "Content-Type: text/csv", "Transfer-Encoding: chunked")
				.chunk((Csv.HEADER + "\nAs").getBytes(StandardCharsets.UTF_8));
			Thread.sleep(1500);
			try {
				raw.chunk("h".getBytes(StandardCharsets.UTF_8));
			}
			catch (java.io.IOException ex) {
				// Already answered and closed: the drip came too late.
			}

			RawHttp.Response response = raw.readToEnd();

			assertThat(response.status()).isEqualTo(408);
			assertThat(response.closed()).isTrue();
			Map<?, ?> problem = JsonMapper.shared().readValue(response.body(), Map.class);
			assertThat(problem.get("code")).isEqualTo("read-timeout");
			this.http.get()
				.uri("/api/v1/uploads/{id}", problem.get("uploadId"))
				.exchange()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("FAILED")
				.jsonPath("$.error.stage")
				.isEqualTo("receive")
				.jsonPath("$.error.code")
				.isEqualTo("read-timeout");
		}
	}

	@Test
	void refusesABodyInAContentCodingOtherThanGzipWith415() {
		Problems.expect(this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.parseMediaType("text/csv"))
			.header("Content-Encoding", "br")
			.bodyValue(new byte[] { 0x1F, (byte) 0x8B, 8, 0 })
			.exchange(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content-encoding-not-supported");
	}

	@Test
	void countsInflatedBytesAgainstTheBodyLimit() {
		byte[] csv = GeneratedCsv.of(60_000, 1000).bytes();
		byte[] gzipped = Gzipped.of(csv);
		assertThat(csv.length).isGreaterThan((int) HostileInputTest.MAX_BODY_SIZE);
		assertThat(gzipped.length).isLessThan((int) HostileInputTest.MAX_BODY_SIZE / 2);

		Problems
			.expect(this.http.post()
				.uri("/api/v1/uploads")
				.contentType(MediaType.parseMediaType("text/csv"))
				.header("Content-Encoding", "gzip")
				.bodyValue(gzipped)
				.exchange(), HttpStatus.CONTENT_TOO_LARGE, "body-too-large")
			.jsonPath("$.maxBodySize")
			.isEqualTo(HostileInputTest.MAX_BODY_SIZE);
	}

	@Test
	void stopsAStreamedBodyAsSoonAsItCrossesTheLimit() throws Exception {
		AtomicLong sent = new AtomicLong();
		String row = "Asha,9876543210,100,2024-11-15\n";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/uploads"))
			.header(TestTenant.API_KEY_HEADER, TestTenant.TEST.key())
			.header("Content-Type", "text/csv")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
					new java.io.ByteArrayInputStream("name,phone,amount,due_date\n".getBytes()),
					new java.io.InputStream() {
						private int at;

						@Override
						public int read() {
							if (sent.get() > 1_000_000_000L) {
								return -1;
							}
							sent.incrementAndGet();
							char c = row.charAt(this.at++ % row.length());
							return c;
						}
					})))
			.build();

		HttpResponse<String> response;
		try {
			response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			// The server may close the connection while the client still sends; what
			// matters
			// is that it stopped reading early and stored the upload as failed.
			response = null;
		}
		if (response != null) {
			assertThat(response.statusCode()).isEqualTo(413);
			Map<?, ?> problem = JsonMapper.shared().readValue(response.body(), Map.class);
			assertThat(problem.get("code")).isEqualTo("body-too-large");
			assertThat(problem.get("stage")).isEqualTo("receive");
		}
		assertThat(sent.get()).as("bytes the client managed to send").isLessThan(50_000_000L);
	}

}
