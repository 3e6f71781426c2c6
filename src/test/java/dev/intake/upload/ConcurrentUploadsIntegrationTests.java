package dev.intake.upload;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.intake.testing.Csv;
import dev.intake.testing.EventStreams;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant runs at most {@code intake.limits.max-concurrent-uploads-per-tenant} (4)
 * uploads at once, counted in PostgreSQL under the tenant's advisory lock: requests that
 * race for the last places never overshoot, the rest get 429 with {@code Retry-After},
 * and other tenants are not held back.
 */
@IntakeIntegrationTest
class ConcurrentUploadsIntegrationTests {

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@LocalServerPort
	int port;

	@Test
	void refusesUploadsBeyondTheTenantsLimitWithRetryAfterWhileOtherTenantsGoOn() {
		WebClient busy = EventStreams.client(this.port, TestTenant.BUSY);
		Sinks.Empty<Void> gate = Sinks.empty();
		List<CompletableFuture<ResponseEntity<String>>> racing = IntStream.range(0, 8)
			.mapToObj((i) -> busy.post()
				.uri("/api/v1/uploads?filename=busy-{i}.csv", i)
				.contentType(TEXT_CSV)
				.body(GeneratedCsv.of(2_000, 1000).gatedAfter(10, gate.asMono()), DataBuffer.class)
				.exchangeToMono((response) -> response.toEntity(String.class))
				.toFuture())
			.toList();

		await().atMost(Timeouts.PATIENCE).until(() -> racing.stream().filter(CompletableFuture::isDone).count() == 4);
		List<ResponseEntity<String>> refused = racing.stream()
			.filter(CompletableFuture::isDone)
			.map(CompletableFuture::join)
			.toList();
		assertThat(refused).allSatisfy((response) -> {
			assertThat(response.getStatusCode().value()).isEqualTo(429);
			assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody()).contains("\"code\":\"too-many-concurrent-uploads\"");
		});
		assertThat(processing(TestTenant.BUSY)).isEqualTo(4);
		String awaiting = TestTenant.BUSY.on(this.http)
			.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"filename\":\"later.csv\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(String.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		TestTenant.BUSY.on(this.http)
			.put()
			.uri(awaiting + "/content")
			.contentType(TEXT_CSV)
			.bodyValue(csv())
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5");
		this.http.post()
			.uri("/api/v1/uploads?filename=meanwhile.csv")
			.contentType(TEXT_CSV)
			.bodyValue(csv())
			.exchange()
			.expectStatus()
			.isCreated();

		gate.tryEmitEmpty();

		assertThat(racing.stream().map((upload) -> upload.orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join()))
			.extracting((response) -> response.getStatusCode().value())
			.containsExactlyInAnyOrder(201, 201, 201, 201, 429, 429, 429, 429);
		assertThat(processing(TestTenant.BUSY)).isZero();
		TestTenant.BUSY.on(this.http)
			.put()
			.uri(awaiting + "/content")
			.contentType(TEXT_CSV)
			.bodyValue(csv())
			.exchange()
			.expectStatus()
			.isOk();
	}

	private long processing(TestTenant tenant) {
		return this.db.sql("SELECT count(*) FROM uploads WHERE tenant_id = :tenant AND status = 'PROCESSING'")
			.bind("tenant", tenant.id())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private static byte[] csv() {
		String phone = "98"
				+ String.format("%08d", Math.abs(java.util.UUID.randomUUID().getLeastSignificantBits() % 100_000_000));
		return Csv.standard().row("Late Comer," + phone + ",,LN-1,100,2024-11-15,,,").bytes();
	}

}
