package dev.intake.progress.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.intake.tenant.TenantId;
import dev.intake.testing.Csv;
import dev.intake.testing.DirectRedis;
import dev.intake.testing.EventStreams;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Invariants;
import dev.intake.testing.Json;
import dev.intake.testing.Services;
import dev.intake.testing.TcpProxy;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application talks to Redis through a proxy that the test cuts in the middle of an
 * upload, whatever Redis the tests use.
 */
@IntakeIntegrationTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageIntegrationTests {

	static final TenantId TENANT = TenantId.of(TestTenant.TEST.id());

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	static final TcpProxy redisProxy = TcpProxy.to(Services.redis().host(), Services.redis().port());

	@DynamicPropertySource
	static void redisThroughTheProxy(DynamicPropertyRegistry registry) {
		// The URL wins over the host and port that every integration test sets.
		registry.add("spring.data.redis.url", () -> "redis://" + redisProxy.host() + ":" + redisProxy.port());
		registry.add("intake.progress.fallback-poll", () -> "200ms");
		registry.add("intake.progress.read-retry", () -> "200ms");
		registry.add("intake.progress.reconnect-delay", () -> "200ms");
	}

	@AfterAll
	static void closeProxy() {
		redisProxy.close();
	}

	@Autowired
	StreamKeys keys;

	@Autowired
	StateChecks stateChecks;

	@Autowired
	WebTestClient http;

	@Autowired
	UploadClient uploads;

	@Autowired
	MeterRegistry meters;

	@Autowired
	StreamCommands commands;

	@LocalServerPort
	int port;

	@Test
	void uploadCompletesWithRightCountsWhileRedisIsAwayAndEventsFlowOnceItIsBack(CapturedOutput output)
			throws Exception {
		WebClient client = EventStreams.client(this.port);
		UUID id = this.uploads.create("cut.csv").id();
		Flux<ServerSentEvent<String>> watching = EventStreams.events(client, "/api/v1/uploads/" + id + "/events", null)
			.replay()
			.autoConnect(0);
		watching.blockFirst(Timeouts.PATIENCE);
		Sinks.Empty<Void> secondHalf = Sinks.empty();
		CompletableFuture<Map<String, Object>> uploaded = client.put()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(TEXT_CSV)
			.body(GeneratedCsv.of(50_000, 1000).gatedAfter(25_000, secondHalf.asMono()), DataBuffer.class)
			.retrieve()
			.bodyToMono(Json.OBJECT)
			.toFuture();
		watching.filter((event) -> event.id() != null).take(3).blockLast(Timeouts.PATIENCE);
		double failuresBefore = publishFailures();

		redisProxy.cut();
		long cutAt = System.nanoTime();
		secondHalf.tryEmitEmpty();
		Map<String, Object> upload = uploaded.get(Timeouts.PATIENCE.toSeconds(), TimeUnit.SECONDS);
		Duration rest = Duration.ofNanos(System.nanoTime() - cutAt);
		List<ServerSentEvent<String>> seen = watching.collectList().block(Timeouts.PATIENCE);

		assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS")
			.containsEntry("rowsTotal", 50_000)
			.containsEntry("rowsSucceeded", 49_950)
			.containsEntry("rowsFailed", 50);
		assertThat(rest).as("the second half, with every publish failing").isLessThan(Duration.ofSeconds(10));
		assertThat(publishFailures()).isGreaterThan(failuresBefore);
		StepVerifier.create(this.commands.append(this.keys.feed(TENANT), Map.of("probe", "1"), 10))
			.as("rejected at once rather than queued until Redis is back")
			.expectError(RedisException.class)
			.verify(Duration.ofMillis(500));
		assertThat(output.getOut().split("Publishing progress events failed", -1)).as("logged once per outage")
			.hasSize(2);
		ServerSentEvent<String> last = seen.get(seen.size() - 1);
		assertThat(last.event()).isEqualTo("completed");
		assertThat(last.id()).as("read from PostgreSQL while Redis is away, with an id to resume from").isNotNull();
		assertThat(EventStreams.dataOf(last)).containsEntry("rowsSucceeded", 49_950).containsEntry("rowsFailed", 50);

		redisProxy.restore();
		try (DirectRedis redis = DirectRedis.connect()) {
			await().atMost(Timeouts.PATIENCE)
				.alias("Lettuce has reconnected")
				.until(() -> postCsv(), (posted) -> !redis.entryIds(this.keys.upload(posted)).isEmpty());
			// Until this instance reads its streams again, subscribers are fed from
			// PostgreSQL, which may skip a progress event (see StateChecks): wait for
			// both.
			await().atMost(Timeouts.PATIENCE)
				.alias("progress streams are published and read again")
				.until(() -> this.stateChecks.usable().blockFirst(Timeouts.PATIENCE));
			ConnectableFlux<ServerSentEvent<String>> feed = EventStreams
				.events(client, "/api/v1/uploads/events", latestFeedId(redis))
				.replay();
			Disposable connection = feed.connect();
			try {
				UUID later = postCsv();
				List<ServerSentEvent<String>> ofLater = feed
					.filter((event) -> later.toString().equals(EventStreams.dataOf(event).get("uploadId")))
					.takeUntil(EventStreams::isTerminal)
					.collectList()
					.block(Timeouts.PATIENCE);
				assertThat(ofLater).extracting(ServerSentEvent::event)
					.containsExactly("started", "progress", "completed");
				assertThat(ofLater).allSatisfy((event) -> assertThat(event.id()).isNotNull());
			}
			finally {
				connection.dispose();
			}
		}
		Invariants.assertHold();
	}

	private double publishFailures() {
		return this.meters.get("intake.progress.publish.failures").counter().count();
	}

	private UUID postCsv() {
		return this.uploads
			.raw("after-the-outage.csv",
					Csv.standard().row("Back Again," + Csv.randomPhone() + ",,LN-1,100,2024-11-15,,,"))
			.id();
	}

	private String latestFeedId(DirectRedis redis) {
		List<StreamMessage<String, String>> newest = redis.commands()
			.xrevrange(this.keys.feed(TENANT), Range.create("-", "+"), Limit.from(1));
		return newest.isEmpty() ? "0-0" : newest.get(0).getId();
	}

}
