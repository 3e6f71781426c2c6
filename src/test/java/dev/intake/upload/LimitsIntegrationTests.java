package dev.intake.upload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntakeIntegrationTest
@TestPropertySource(properties = "intake.limits.max-body-size=64KB")
class LimitsIntegrationTests {

	@Autowired
	WebTestClient http;

	@LocalServerPort
	int port;

	@Test
	void refusesAnAnnouncedOversizedBodyBeforeReadingIt() {
		this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(new byte[100 * 1024])
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("body-too-large");
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
