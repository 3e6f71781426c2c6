package dev.intake.progress.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.intake.tenant.TenantId;
import dev.intake.testing.Csv;
import dev.intake.testing.DirectRedis;
import dev.intake.testing.EventStreams;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.Problems;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
import dev.intake.testing.UploadSummary;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntakeIntegrationTest
class UploadEventsIntegrationTests {

	static final TenantId TENANT = TenantId.of(TestTenant.TEST.id());

	static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	StreamKeys keys;

	@Autowired
	WebTestClient http;

	@Autowired
	UploadClient uploads;

	@Autowired
	StreamReader reader;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	WebClient client;

	DirectRedis redis = DirectRedis.connect();

	@BeforeEach
	void connect() {
		this.client = EventStreams.client(this.port);
	}

	@AfterEach
	void disconnect() {
		this.redis.close();
	}

	@Test
	void relaysEveryBatchOfALargeUploadInOrder() {
		UUID id = create("large.csv");
		Flux<ServerSentEvent<String>> events = events(id, null).replay().autoConnect(0);
		ServerSentEvent<String> first = events.blockFirst(Timeouts.PATIENCE);

		Map<String, Object> upload = this.uploads.content(id, GeneratedCsv.of(50_000, 1000).bytes()).json();
		List<ServerSentEvent<String>> all = events.collectList().block(Timeouts.PATIENCE);

		assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS").containsEntry("rowsTotal", 50_000);
		assertThat(first.id()).as("the state before any event, from PostgreSQL").isNull();
		assertThat(EventStreams.dataOf(first)).containsEntry("status", "AWAITING_CONTENT");
		List<ServerSentEvent<String>> streamed = withIds(all);
		assertThat(streamed).extracting(ServerSentEvent::id)
			.containsExactlyElementsOf(this.redis.entryIds(this.keys.upload(id)));
		assertThat(streamed).extracting(ServerSentEvent::event).first().isEqualTo("progress");
		assertThat(EventStreams.dataOf(streamed.get(0))).containsEntry("type", "started")
			.containsEntry("status", "PROCESSING");
		List<ServerSentEvent<String>> batches = streamed.subList(1, streamed.size() - 1);
		assertThat(batches).hasSizeGreaterThanOrEqualTo(10).allSatisfy((event) -> {
			assertThat(event.event()).isEqualTo("progress");
			assertThat(EventStreams.dataOf(event)).containsEntry("type", "progress")
				.containsEntry("uploadId", id.toString());
		});
		assertStrictlyIncreasing(streamed);
		assertThat(streamed)
			.extracting((event) -> ((Number) EventStreams.dataOf(event).get("rowsProcessed")).longValue())
			.isSorted();
		assertThat(batches).extracting((event) -> ((Number) EventStreams.dataOf(event).get("percent")).doubleValue())
			.isSorted()
			.allSatisfy((percent) -> assertThat(percent).isBetween(0.0, 100.0));
		ServerSentEvent<String> last = streamed.get(streamed.size() - 1);
		assertThat(last.event()).isEqualTo("completed");
		assertThat(EventStreams.dataOf(last)).containsEntry("status", "COMPLETED_WITH_ERRORS")
			.containsEntry("rowsProcessed", 50_000)
			.containsEntry("rowsSucceeded", 49_950)
			.containsEntry("rowsFailed", 50)
			.containsEntry("percent", 100.0);
		assertThat(all.get(all.size() - 1)).isSameAs(last);
	}

	@Test
	void resumesFromLastEventIdWithoutGapOrDuplicate() throws Exception {
		UUID id = create("resumed.csv");
		Sinks.Empty<Void> secondHalf = Sinks.empty();
		ConnectableFlux<ServerSentEvent<String>> firstSubscriber = events(id, null).replay();
		Disposable firstConnection = firstSubscriber.connect();
		firstSubscriber.blockFirst(Timeouts.PATIENCE);
		CompletableFuture<Map<String, Object>> uploaded = this.client.put()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(UploadClient.TEXT_CSV)
			.body(GeneratedCsv.of(50_000, 1000).gatedAfter(30_000, secondHalf.asMono()), DataBuffer.class)
			.retrieve()
			.bodyToMono(Json.OBJECT)
			.toFuture();

		List<ServerSentEvent<String>> seen = withIds(
				firstSubscriber.filter((event) -> event.id() != null).take(3).collectList().block(Timeouts.PATIENCE));
		firstConnection.dispose();
		await().atMost(Timeouts.PATIENCE).until(() -> this.redis.entryIds(this.keys.upload(id)).size() > seen.size());
		String lastEventId = seen.get(seen.size() - 1).id();
		Flux<ServerSentEvent<String>> resumed = events(id, lastEventId).replay().autoConnect(0);
		Flux<ServerSentEvent<String>> resumedByQuery = EventStreams
			.events(this.client, "/api/v1/uploads/" + id + "/events?lastEventId=" + lastEventId, null)
			.replay()
			.autoConnect(0);
		resumed.blockFirst(Timeouts.PATIENCE);
		resumedByQuery.blockFirst(Timeouts.PATIENCE);
		secondHalf.tryEmitEmpty();
		Map<String, Object> upload = uploaded.get(Timeouts.PATIENCE.toSeconds(), TimeUnit.SECONDS);

		List<ServerSentEvent<String>> rest = resumed.collectList().block(Timeouts.PATIENCE);
		List<ServerSentEvent<String>> restByQuery = resumedByQuery.collectList().block(Timeouts.PATIENCE);
		assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS");
		List<String> everyId = new ArrayList<>(ids(seen));
		everyId.addAll(ids(rest));
		assertThat(everyId).containsExactlyElementsOf(this.redis.entryIds(this.keys.upload(id)));
		assertThat(ids(restByQuery)).isEqualTo(ids(rest));
		assertThat(rest).allSatisfy((event) -> assertThat(event.id()).isNotNull());
		assertThat(rest.get(rest.size() - 1).event()).isEqualTo("completed");
	}

	@Test
	void lateSubscriberGetsTheFinalStateAndTheStreamEnds() {
		UUID id = this.uploads
			.raw("late.csv",
					Csv.standard()
						.row("Asha Verma," + phone() + ",,LN-1,15000,2024-11-15,,,")
						.row("Bad Amount," + phone() + ",,LN-2,-5,2024-11-15,,,"))
			.id();
		List<String> entries = entriesOfFinished(id);

		List<ServerSentEvent<String>> events = this.http.get()
			.uri("/api/v1/uploads/{id}/events", id)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.expectHeader()
			.valueEquals("Cache-Control", "no-cache")
			.expectHeader()
			.valueEquals("X-Accel-Buffering", "no")
			.returnResult(EVENT)
			.getResponseBody()
			.filter((event) -> event.event() != null)
			.collectList()
			.block(Timeouts.PATIENCE);

		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.id()).isEqualTo(entries.get(entries.size() - 1));
			assertThat(event.event()).isEqualTo("completed");
			assertThat(EventStreams.dataOf(event)).containsEntry("status", "COMPLETED_WITH_ERRORS")
				.containsEntry("rowsSucceeded", 1)
				.containsEntry("rowsFailed", 1);
		});
	}

	@Test
	void lateSubscriberWithLastEventIdGetsTheRestAndTheStreamEnds() {
		UUID id = this.uploads
			.raw("late-resumed.csv", Csv.standard().row("Ravi Kumar," + phone() + ",,LN-1,100,2024-11-15,,,"))
			.id();
		List<String> entries = entriesOfFinished(id);

		List<ServerSentEvent<String>> events = events(id, entries.get(0)).collectList().block(Timeouts.PATIENCE);

		assertThat(events).extracting(ServerSentEvent::id)
			.containsExactlyElementsOf(entries.subList(1, entries.size()));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("progress", "completed");
	}

	@Test
	void lateSubscriberGetsTheFinalStateFromPostgresWhenTheStreamExpired() {
		UUID id = this.uploads
			.raw("expired.csv", Csv.standard().row("Meena Iyer," + phone() + ",,LN-7,1500,2024-11-15,,,"))
			.id();
		String someEventId = entriesOfFinished(id).get(0);
		this.redis.commands().del(this.keys.upload(id));

		List<ServerSentEvent<String>> fresh = events(id, null).collectList().block(Timeouts.PATIENCE);
		List<ServerSentEvent<String>> resumed = events(id, someEventId).collectList().block(Timeouts.PATIENCE);

		assertThat(fresh).singleElement().satisfies((event) -> {
			assertThat(event.id()).isNull();
			assertThat(event.event()).isEqualTo("completed");
			assertThat(EventStreams.dataOf(event)).containsEntry("status", "COMPLETED")
				.containsEntry("rowsSucceeded", 1);
		});
		assertThat(resumed).singleElement().satisfies((event) -> assertThat(event.event()).isEqualTo("completed"));
	}

	@Test
	void answersUnknownUploadWithProblem() {
		Problems.expect(this.http.get()
			.uri("/api/v1/uploads/{id}/events", UUID.randomUUID())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange(), HttpStatus.NOT_FOUND, "upload-not-found");
	}

	@Test
	void answersMalformedUploadIdWithProblem() {
		Problems.expectType(
				this.http.get().uri("/api/v1/uploads/not-an-id/events").accept(MediaType.TEXT_EVENT_STREAM).exchange(),
				HttpStatus.BAD_REQUEST);
	}

	@Test
	void answersMalformedLastEventIdWithProblem() {
		UUID id = create("malformed-last-event-id.csv");
		for (String path : List.of("/api/v1/uploads/" + id + "/events", "/api/v1/uploads/events")) {
			Problems.expect(this.http.get()
				.uri(path)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.header("Last-Event-ID", "yesterday")
				.exchange(), HttpStatus.BAD_REQUEST, "invalid-last-event-id");
		}
	}

	@Test
	void feedShowsEveryEventOfAnUploadFromItsStart() {
		ConnectableFlux<ServerSentEvent<String>> feed = EventStreams
			.events(this.client, "/api/v1/uploads/events", latestFeedId())
			.replay();
		Disposable connection = feed.connect();
		try {
			UUID id = this.uploads
				.raw("dashboard.csv", Csv.standard().row("Kiran Rao," + phone() + ",,LN-3,100,2024-11-15,,,"))
				.id();

			List<ServerSentEvent<String>> ofUpload = feed
				.filter((event) -> id.toString().equals(EventStreams.dataOf(event).get("uploadId")))
				.takeUntil(EventStreams::isTerminal)
				.collectList()
				.block(Timeouts.PATIENCE);

			assertThat(ofUpload).extracting(ServerSentEvent::event).containsExactly("started", "progress", "completed");
			assertStrictlyIncreasing(ofUpload);
		}
		finally {
			connection.dispose();
		}
	}

	@Test
	void feedWithoutLastEventIdStartsWithNewEvents() {
		UUID before = this.uploads
			.raw("before.csv", Csv.standard().row("Old One," + phone() + ",,LN-4,100,2024-11-15,,,"))
			.id();
		await().atMost(Timeouts.PATIENCE).until(() -> isInTheFeed(before, "completed"));
		ConnectableFlux<ServerSentEvent<String>> feed = EventStreams.events(this.client, "/api/v1/uploads/events", null)
			.replay();
		Disposable connection = feed.connect();
		try {
			await().atMost(Timeouts.PATIENCE).until(() -> this.reader.isReading(this.keys.feed(TENANT)));
			UUID after = this.uploads
				.raw("after.csv", Csv.standard().row("New One," + phone() + ",,LN-5,100,2024-11-15,,,"))
				.id();

			List<ServerSentEvent<String>> events = feed
				.takeUntil((event) -> EventStreams.isTerminal(event)
						&& after.toString().equals(EventStreams.dataOf(event).get("uploadId")))
				.collectList()
				.block(Timeouts.PATIENCE);

			assertThat(events).extracting((event) -> EventStreams.dataOf(event).get("uploadId"))
				.doesNotContain(before.toString())
				.contains(after.toString());
		}
		finally {
			connection.dispose();
		}
	}

	@Test
	void blockingReadsOutliveTheShortCommandTimeout() {
		UUID id = create("quiet.csv");
		ConnectableFlux<ServerSentEvent<String>> events = events(id, null).replay();
		Disposable connection = events.connect();
		try {
			events.blockFirst(Timeouts.PATIENCE);
			double failuresBefore = readFailures();

			await().during(Duration.ofMillis(2500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> this.reader.isReading(this.keys.upload(id)) && readFailures() == failuresBefore);
		}
		finally {
			connection.dispose();
		}
	}

	@Test
	void twoHundredSubscribersShareOneReader() {
		UUID id = create("watched.csv");
		List<Flux<ServerSentEvent<String>>> subscribers = IntStream.range(0, 200)
			.mapToObj((i) -> events(id, null).replay().autoConnect(0))
			.toList();
		Flux.merge(subscribers.stream().map(Flux::next).toList()).collectList().block(Timeouts.PATIENCE);

		await().atMost(Timeouts.PATIENCE).untilAsserted(() -> {
			List<Map<String, String>> clients = this.redis.clients();
			assertThat(clients).filteredOn((client) -> this.reader.clientName().equals(client.get("name")))
				.singleElement()
				.satisfies((client) -> {
					assertThat(client.get("cmd")).isEqualTo("xread");
					assertThat(client.get("flags")).contains("b");
				});
			assertThat(clients).as("Redis clients, of every instance and test").hasSizeLessThan(40);
		});
		Map<String, Object> upload = this.uploads.content(id, GeneratedCsv.of(12_000, 1000).bytes()).json();

		List<List<ServerSentEvent<String>>> received = Flux
			.merge(subscribers.stream().map((events) -> events.collectList()).toList())
			.collectList()
			.block(Timeouts.PATIENCE);
		assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS");
		List<String> entries = this.redis.entryIds(this.keys.upload(id));
		assertThat(received).hasSize(200).allSatisfy((events) -> {
			assertThat(ids(withIds(events))).isEqualTo(entries);
			assertThat(events.get(events.size() - 1).event()).isEqualTo("completed");
		});
	}

	private double readFailures() {
		return this.meters.get("intake.progress.read.failures").counter().count();
	}

	private Flux<ServerSentEvent<String>> events(UUID id, String lastEventId) {
		return EventStreams.events(this.client, "/api/v1/uploads/" + id + "/events", lastEventId);
	}

	private UUID create(String filename) {
		UploadSummary created = this.uploads.create(filename);
		assertThat(created.json()).extractingByKey("links").asString().contains("/events");
		return created.id();
	}

	// The upload's answer may come before its terminal event is written.
	private List<String> entriesOfFinished(UUID id) {
		String key = this.keys.upload(id);
		await().atMost(Timeouts.PATIENCE)
			.until(() -> this.redis.commands()
				.xrevrange(key, Range.create("-", "+"), Limit.from(1))
				.stream()
				.anyMatch((entry) -> "completed".equals(entry.getBody().get("type"))));
		return this.redis.entryIds(key);
	}

	// The feed gets an event after the upload's own stream.
	private boolean isInTheFeed(UUID id, String type) {
		return this.redis.commands()
			.xrevrange(this.keys.feed(TENANT), Range.create("-", "+"), Limit.from(100))
			.stream()
			.anyMatch((entry) -> id.toString().equals(entry.getBody().get("upload"))
					&& type.equals(entry.getBody().get("type")));
	}

	private String latestFeedId() {
		List<StreamMessage<String, String>> newest = this.redis.commands()
			.xrevrange(this.keys.feed(TENANT), Range.create("-", "+"), Limit.from(1));
		return newest.isEmpty() ? "0-0" : newest.get(0).getId();
	}

	private static String phone() {
		return "98" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100_000_000));
	}

	private static List<ServerSentEvent<String>> withIds(List<ServerSentEvent<String>> events) {
		return events.stream().filter((event) -> event.id() != null).toList();
	}

	private static List<String> ids(List<ServerSentEvent<String>> events) {
		return events.stream().map(ServerSentEvent::id).toList();
	}

	private static void assertStrictlyIncreasing(List<ServerSentEvent<String>> events) {
		for (int i = 1; i < events.size(); i++) {
			assertThat(StreamId.parse(events.get(i).id())).isGreaterThan(StreamId.parse(events.get(i - 1).id()));
		}
	}

}
