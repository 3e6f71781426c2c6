package dev.intake.progress.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.intake.testing.Csv;
import dev.intake.testing.EventStreams;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Invariants;
import dev.intake.testing.Json;
import dev.intake.testing.Services;
import dev.intake.testing.TcpProxy;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis made unusable for real: the application talks to it through a proxy that the test
 * blackholes (connections stay open, nothing gets through), then restores. The fallback
 * to PostgreSQL runs with its default poll.
 */
@IntakeIntegrationTest
@DirtiesContext
class FallbackIntegrationTests {

	/** The fallback polls every 500 ms; room for a busy machine. */
	static final Duration WITHIN = Duration.ofSeconds(3);

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	static final TcpProxy redisProxy = TcpProxy.to(Services.redis().host(), Services.redis().port());

	@DynamicPropertySource
	static void redisThroughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> "redis://" + redisProxy.host() + ":" + redisProxy.port());
		registry.add("intake.ingest.batch-size", () -> "1000");
		registry.add("intake.progress.read-retry", () -> "200ms");
		registry.add("intake.progress.reconnect-delay", () -> "200ms");
	}

	@AfterAll
	static void closeProxy() {
		redisProxy.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	UploadClient uploads;

	@Test
	void subscribersSeeEveryUploadFromPostgresWhileRedisIsUnusableAndResumeWithoutDuplicates() throws Exception {
		WebClient client = EventStreams.client(this.port);
		Arrivals feed = Arrivals.of(EventStreams.events(client, "/api/v1/uploads/events", null));
		try {
			UUID before = postSmall();
			feed.arrival(before, "completed");
			assertThat(feed.of(before)).allSatisfy((event) -> assertThat(event.id()).isNotNull());

			redisProxy.blackhole();
			UUID during = create();
			Sinks.Empty<Void> rest = Sinks.empty();
			CompletableFuture<Map<String, Object>> uploaded = client.put()
				.uri("/api/v1/uploads/{id}/content", during)
				.contentType(TEXT_CSV)
				.body(GeneratedCsv.of(20_000, 1000).gatedAfter(10_000, rest.asMono()), DataBuffer.class)
				.retrieve()
				.bodyToMono(Json.OBJECT)
				.toFuture();
			feed.awaitAny(during);
			Arrivals ofUpload = Arrivals.of(EventStreams.events(client, "/api/v1/uploads/" + during + "/events", null));
			ofUpload.arrival(during, "progress");

			rest.tryEmitEmpty();
			Map<String, Object> upload = uploaded.get(Timeouts.PATIENCE.toSeconds(), TimeUnit.SECONDS);
			long answeredAt = System.nanoTime();
			assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS").containsEntry("rowsTotal", 20_000);
			Duration toFeed = feed.arrival(during, "completed").since(answeredAt);
			Duration toSubscriber = ofUpload.arrival(during, "completed").since(answeredAt);
			assertThat(toFeed).as("the terminal state on the feed, read from PostgreSQL").isLessThan(WITHIN);
			assertThat(toSubscriber).as("and on the upload's stream").isLessThan(WITHIN);
			assertThat(EventStreams.dataOf(feed.last(during))).containsEntry("rowsSucceeded", 19_980)
				.containsEntry("rowsFailed", 20);
			System.out.printf(
					"Fallback: the terminal state reached the feed %d ms and the upload's stream %d ms "
							+ "after the upload answered, with Redis blackholed%n",
					toFeed.toMillis(), toSubscriber.toMillis());

			String resumeFrom = feed.last(during).id();
			Arrivals resumed = Arrivals.of(EventStreams.events(client, "/api/v1/uploads/events", resumeFrom));
			UUID alsoDuring = postSmall();
			resumed.arrival(alsoDuring, "completed");

			redisProxy.restore();
			await().atMost(Timeouts.PATIENCE)
				.alias("events relayed from Redis again")
				.until(() -> resumed.within(postSmall(), "started", Duration.ofSeconds(5)));
			UUID after = postSmall();
			resumed.arrival(after, "completed");
			feed.arrival(after, "completed");

			assertThat(resumed.of(during)).as("nothing of what the subscriber had before it resumed").isEmpty();
			assertThat(resumed.of(after)).extracting(ServerSentEvent::event)
				.containsExactly("started", "progress", "completed");
			for (Arrivals subscriber : List.of(feed, resumed, ofUpload)) {
				subscriber.assertEveryEventOnceWithIdsInOrder();
			}
		}
		finally {
			redisProxy.restore();
			feed.close();
		}
		Invariants.assertHold();
	}

	private UUID create() {
		return this.uploads.create(TestFilenames.unique("fallback-")).id();
	}

	private UUID postSmall() {
		return this.uploads
			.raw(TestFilenames.unique("small-"),
					Csv.standard().row("Fallback Person," + Csv.randomPhone() + ",,LN-1,100,2024-11-15,,,"))
			.id();
	}

	/** The events one subscriber received, each with when it arrived. */
	static final class Arrivals implements AutoCloseable {

		private final List<ServerSentEvent<String>> events = new ArrayList<>();

		private final List<Long> times = new ArrayList<>();

		private final Disposable subscription;

		private Arrivals(Flux<ServerSentEvent<String>> events) {
			this.subscription = events.subscribe(this::arrived);
		}

		static Arrivals of(Flux<ServerSentEvent<String>> events) {
			return new Arrivals(events);
		}

		private synchronized void arrived(ServerSentEvent<String> event) {
			this.events.add(event);
			this.times.add(System.nanoTime());
		}

		synchronized List<ServerSentEvent<String>> of(UUID upload) {
			return this.events.stream()
				.filter((event) -> upload.toString().equals(EventStreams.dataOf(event).get("uploadId")))
				.toList();
		}

		synchronized ServerSentEvent<String> last(UUID upload) {
			List<ServerSentEvent<String>> ofUpload = of(upload);
			return ofUpload.get(ofUpload.size() - 1);
		}

		/** Waits for any event of an upload. */
		void awaitAny(UUID upload) {
			await().atMost(Timeouts.PATIENCE).alias("an event of " + upload).until(() -> !of(upload).isEmpty());
		}

		/** Whether an event of an upload arrives within a time. */
		boolean within(UUID upload, String type, Duration time) {
			long deadline = System.nanoTime() + time.toNanos();
			while (System.nanoTime() < deadline) {
				if (find(upload, type) != null) {
					return true;
				}
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return false;
		}

		/** Waits for an event of an upload; emits when it arrived. */
		Arrival arrival(UUID upload, String type) {
			return await().atMost(Timeouts.PATIENCE)
				.alias(type + " of " + upload)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> find(upload, type), (found) -> found != null);
		}

		private synchronized Arrival find(UUID upload, String type) {
			for (int i = 0; i < this.events.size(); i++) {
				ServerSentEvent<String> event = this.events.get(i);
				if (type.equals(event.event())
						&& upload.toString().equals(EventStreams.dataOf(event).get("uploadId"))) {
					return new Arrival(event, this.times.get(i));
				}
			}
			return null;
		}

		synchronized void assertEveryEventOnceWithIdsInOrder() {
			Set<List<Object>> seen = new HashSet<>();
			StreamId previous = StreamId.ZERO;
			for (ServerSentEvent<String> event : this.events) {
				Map<String, Object> data = EventStreams.dataOf(event);
				assertThat(seen.add(List.of(data.get("uploadId"), event.event(), data.get("rowsProcessed"))))
					.as("seen once: %s %s", event.event(), data)
					.isTrue();
				assertThat(event.id()).as("an id to resume from: %s", data).isNotNull();
				StreamId id = StreamId.parse(event.id());
				assertThat(id.compareTo(previous)).as("ids never go back: %s after %s", id, previous)
					.isGreaterThanOrEqualTo(0);
				previous = id;
			}
		}

		@Override
		public void close() {
			this.subscription.dispose();
		}

	}

	/** An event and when it arrived. */
	record Arrival(ServerSentEvent<String> event, long nanos) {

		Duration since(long earlier) {
			return Duration.ofNanos(Math.max(0, this.nanos - earlier));
		}

	}

}
