package dev.intake.progress.internal;

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
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
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
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL and one Redis: the test's own, which takes the upload,
 * and another one, started here, which relays its events.
 */
@IntakeIntegrationTest
class CrossInstanceIntegrationTests {

	static final TenantId TENANT = TenantId.of(TestTenant.TEST.id());

	static InProcessIntake otherInstance;

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
	UploadClient uploads;

	@Test
	void watchesOnAnotherInstanceEveryEventInOrder() {
		WebClient other = otherInstance.client();
		try (DirectRedis redis = DirectRedis.connect()) {
			UUID id = this.uploads.create("elsewhere.csv").id();
			Flux<ServerSentEvent<String>> watching = EventStreams
				.events(other, "/api/v1/uploads/" + id + "/events", null)
				.replay()
				.autoConnect(0);
			ConnectableFlux<ServerSentEvent<String>> dashboard = EventStreams
				.events(other, "/api/v1/uploads/events", latestFeedId(redis))
				.replay();
			Disposable dashboardConnection = dashboard.connect();
			watching.blockFirst(Timeouts.PATIENCE);

			Map<String, Object> upload = this.uploads.content(id, GeneratedCsv.of(20_000, 1000).bytes()).json();
			List<ServerSentEvent<String>> seen = watching.filter((event) -> event.id() != null)
				.collectList()
				.block(Timeouts.PATIENCE);
			List<ServerSentEvent<String>> onDashboard = dashboard
				.filter((event) -> id.toString().equals(EventStreams.dataOf(event).get("uploadId")))
				.takeUntil(EventStreams::isTerminal)
				.collectList()
				.block(Timeouts.PATIENCE);
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

	private String latestFeedId(DirectRedis redis) {
		List<StreamMessage<String, String>> newest = redis.commands()
			.xrevrange(this.keys.feed(TENANT), Range.create("-", "+"), Limit.from(1));
		return newest.isEmpty() ? "0-0" : newest.get(0).getId();
	}

}
