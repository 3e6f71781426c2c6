package dev.intake.progress;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import dev.intake.testing.DirectRedis;
import dev.intake.testing.EventStreams;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.InProcessIntake;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.TestTenant;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL and one Redis: the test's own, which takes the upload,
 * and another one, started here, which relays its events.
 */
@IntakeIntegrationTest
class CrossInstanceIntegrationTests {

	static final TenantId TENANT = TenantId.of(TestTenant.TEST.id());

	static final Duration PATIENCE = Duration.ofSeconds(60);

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	static ConfigurableApplicationContext otherInstance;

	@BeforeAll
	static void startAnotherInstance() {
		otherInstance = InProcessIntake.start(Map.of());
	}

	@AfterAll
	static void stopTheOtherInstance() {
		otherInstance.close();
	}

	@Autowired
	StreamKeys keys;

	@Autowired
	WebTestClient http;

	@Test
	void watchesOnAnotherInstanceEveryEventInOrder() {
		WebClient other = EventStreams.client(InProcessIntake.portOf(otherInstance));
		try (DirectRedis redis = DirectRedis.connect()) {
			UUID id = create();
			Flux<ServerSentEvent<String>> watching = EventStreams
				.events(other, "/api/v1/uploads/" + id + "/events", null)
				.replay()
				.autoConnect(0);
			ConnectableFlux<ServerSentEvent<String>> dashboard = EventStreams
				.events(other, "/api/v1/uploads/events", latestFeedId(redis))
				.replay();
			Disposable dashboardConnection = dashboard.connect();
			watching.blockFirst(PATIENCE);

			Map<String, Object> upload = this.http.put()
				.uri("/api/v1/uploads/{id}/content", id)
				.contentType(MediaType.parseMediaType("text/csv"))
				.bodyValue(GeneratedCsv.of(20_000, 1000).bytes())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(JSON)
				.returnResult()
				.getResponseBody();
			List<ServerSentEvent<String>> seen = watching.filter((event) -> event.id() != null)
				.collectList()
				.block(PATIENCE);
			List<ServerSentEvent<String>> onDashboard = dashboard
				.filter((event) -> id.toString().equals(EventStreams.dataOf(event).get("uploadId")))
				.takeUntil(EventStreams::isTerminal)
				.collectList()
				.block(PATIENCE);
			dashboardConnection.dispose();

			assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS");
			assertThat(seen).extracting(ServerSentEvent::id)
				.containsExactlyElementsOf(redis.entryIds(this.keys.upload(id)));
			assertThat(seen).extracting(ServerSentEvent::event)
				.containsExactly("progress", "progress", "progress", "progress", "progress", "completed");
			assertThat(EventStreams.dataOf(seen.get(seen.size() - 1))).containsEntry("rowsSucceeded", 19_980)
				.containsEntry("rowsFailed", 20);
			assertThat(onDashboard).extracting(ServerSentEvent::event)
				.containsExactly("started", "progress", "progress", "progress", "progress", "completed");
		}
	}

	private UUID create() {
		Map<String, Object> created = this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("filename", "elsewhere.csv"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		return UUID.fromString((String) created.get("id"));
	}

	private String latestFeedId(DirectRedis redis) {
		List<StreamMessage<String, String>> newest = redis.commands()
			.xrevrange(this.keys.feed(TENANT), Range.create("-", "+"), Limit.from(1));
		return newest.isEmpty() ? "0-0" : newest.get(0).getId();
	}

}
