package dev.intake.progress.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.intake.tenant.TenantId;
import dev.intake.testing.EventStreams;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.InProcessIntake;
import dev.intake.testing.Json;
import dev.intake.testing.RedisCluster;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one PostgreSQL and a real Redis Cluster of three masters
 * ({@link RedisCluster}), configured with {@code spring.data.redis.cluster.nodes} alone:
 * one takes the uploads, the other relays their events.
 */
class RedisClusterIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(RedisClusterIntegrationTests.class);

	static final TenantId TENANT = TenantId.of(TestTenant.TEST.id());

	static RedisCluster cluster;

	static InProcessIntake uploading;

	static InProcessIntake relaying;

	@BeforeAll
	static void startTwoInstancesOnACluster() {
		cluster = RedisCluster.get();
		Map<String, String> onCluster = Map.of("spring.data.redis.cluster.nodes", cluster.nodes());
		uploading = InProcessIntake.start(onCluster);
		relaying = InProcessIntake.start(onCluster);
	}

	@AfterAll
	static void stopThem() {
		if (relaying != null) {
			relaying.close();
		}
		if (uploading != null) {
			uploading.close();
		}
	}

	@Test
	void relaysEveryEventInOrderWithIdsFromAnotherInstance() {
		StreamKeys keys = uploading.bean(StreamKeys.class);
		WebClient other = relaying.client();
		UUID id = create();
		Flux<ServerSentEvent<String>> watching = EventStreams.events(other, "/api/v1/uploads/" + id + "/events", null)
			.replay()
			.autoConnect(0);
		ConnectableFlux<ServerSentEvent<String>> dashboard = EventStreams
			.events(other, "/api/v1/uploads/events", latestId(keys.feed(TENANT)))
			.replay();
		Disposable dashboardConnection = dashboard.connect();
		watching.blockFirst(Timeouts.PATIENCE);

		Map<String, Object> upload = putContent(id, GeneratedCsv.of(20_000, 1000).bytes());
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
		assertThat(keys.upload(id)).as("hash-tagged into a slot group").contains("{shard");
		assertThat(seen).extracting(ServerSentEvent::id).containsExactlyElementsOf(cluster.entryIds(keys.upload(id)));
		// A publisher that falls behind may conflate progress events: what counts is that
		// every stored entry is relayed, in order.
		assertThat(seen).extracting(ServerSentEvent::event).hasSizeGreaterThan(2).endsWith("completed");
		assertThat(seen.subList(0, seen.size() - 1)).extracting(ServerSentEvent::event).containsOnly("progress");
		assertThat(EventStreams.dataOf(seen.get(seen.size() - 1))).containsEntry("rowsSucceeded", 19_980)
			.containsEntry("rowsFailed", 20);
		assertThat(onDashboard).extracting(ServerSentEvent::event).startsWith("started").endsWith("completed");
		assertThat(onDashboard).extracting(ServerSentEvent::id)
			.doesNotContainNull()
			.as("each once, in order")
			.isSortedAccordingTo((a, b) -> (a.equals(b) || StreamId.parse(a).isAfter(StreamId.parse(b))) ? 1 : -1);
	}

	@Test
	void resumesAfterLastEventIdWithoutGapOrDuplicate() {
		StreamKeys keys = uploading.bean(StreamKeys.class);
		UUID id = create();
		putContent(id, GeneratedCsv.of(20_000, 1000).bytes());
		List<String> stored = cluster.entryIds(keys.upload(id));

		List<ServerSentEvent<String>> resumed = EventStreams
			.events(relaying.client(), "/api/v1/uploads/" + id + "/events", stored.get(1))
			.collectList()
			.block(Timeouts.PATIENCE);

		assertThat(stored).hasSizeGreaterThan(3);
		assertThat(resumed).extracting(ServerSentEvent::id).containsExactlyElementsOf(stored.subList(2, stored.size()));
	}

	@Test
	void followsAStreamWhoseSlotMovesToAnotherMasterMidUpload() throws Exception {
		StreamKeys keys = uploading.bean(StreamKeys.class);
		WebClient other = relaying.client();
		UUID id = create();
		String key = keys.upload(id);
		int from = cluster.portServing(key);
		int to = cluster.ports().stream().filter((port) -> port != from).findFirst().orElseThrow();
		Flux<ServerSentEvent<String>> watching = EventStreams.events(other, "/api/v1/uploads/" + id + "/events", null)
			.replay()
			.autoConnect(0);
		watching.blockFirst(Timeouts.PATIENCE);
		Sinks.Empty<Void> secondHalf = Sinks.empty();
		CompletableFuture<Map<String, Object>> uploaded = uploading.client()
			.put()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(UploadClient.TEXT_CSV)
			.body(GeneratedCsv.of(40_000, 1000).gatedAfter(20_000, secondHalf.asMono()), DataBuffer.class)
			.retrieve()
			.bodyToMono(Json.OBJECT)
			.toFuture();
		List<ServerSentEvent<String>> before = watching.filter((event) -> event.id() != null)
			.take(2)
			.collectList()
			.block(Timeouts.PATIENCE);

		cluster.moveSlot(key, to);
		long movedAt = System.nanoTime();
		secondHalf.tryEmitEmpty();
		Map<String, Object> upload = uploaded.get(Timeouts.PATIENCE.toSeconds(), TimeUnit.SECONDS);
		ServerSentEvent<String> firstAfter = watching.filter((event) -> event.id() != null)
			.skip(before.size())
			.blockFirst(Timeouts.PATIENCE);
		Duration readAgain = since(movedAt);
		// The first event is the upload's state before it started, from PostgreSQL.
		List<ServerSentEvent<String>> seen = watching.skip(1).collectList().block(Timeouts.PATIENCE);

		assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS");
		assertThat(cluster.portServing(key)).isEqualTo(to);
		assertThat(firstAfter).isNotNull();
		assertThat(seen).as("every event read live, from the old master and then the new one")
			.allSatisfy((event) -> assertThat(event.id()).isNotNull());
		assertThat(seen).extracting(ServerSentEvent::id).containsExactlyElementsOf(cluster.entryIds(key));
		assertThat(seen).extracting(ServerSentEvent::event).endsWith("completed");
		log.info("Slot {} moved mid-upload: the first event published after the move relayed {} ms after it",
				SlotHash.getSlot(key), readAgain.toMillis());
	}

	@Test
	void everySlotGroupIsHealthyOnAWholeCluster() {
		Health health = uploading.bean(StreamsHealth.class).health().block(Timeouts.PATIENCE);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("slotGroups", 16).containsEntry("failingGroups", 0);
		assertThat(cluster.ports()).as("the groups' probes spread over every master")
			.allSatisfy((port) -> assertThat(cluster.keyCount(port)).isPositive());
	}

	@Test
	void uploadCompletesWhileTheMasterOfItsStreamIsStoppedAndEventsFlowOnceItIsBack() throws Exception {
		StreamKeys keys = uploading.bean(StreamKeys.class);
		WebClient other = relaying.client();
		UUID id = create();
		int master = cluster.portServing(keys.upload(id));
		Flux<ServerSentEvent<String>> watching = EventStreams.events(other, "/api/v1/uploads/" + id + "/events", null)
			.replay()
			.autoConnect(0);
		watching.blockFirst(Timeouts.PATIENCE);
		Sinks.Empty<Void> secondHalf = Sinks.empty();
		CompletableFuture<Map<String, Object>> uploaded = uploading.client()
			.put()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(UploadClient.TEXT_CSV)
			.body(GeneratedCsv.of(50_000, 1000).gatedAfter(25_000, secondHalf.asMono()), DataBuffer.class)
			.retrieve()
			.bodyToMono(Json.OBJECT)
			.toFuture();
		watching.filter((event) -> event.id() != null).take(2).blockLast(Timeouts.PATIENCE);

		cluster.stop(master);
		long stoppedAt = System.nanoTime();
		secondHalf.tryEmitEmpty();
		Map<String, Object> upload = uploaded.get(Timeouts.PATIENCE.toSeconds(), TimeUnit.SECONDS);
		Duration uploadDone = since(stoppedAt);
		List<ServerSentEvent<String>> seen = watching.collectList().block(Timeouts.PATIENCE);
		Duration terminalSeen = since(stoppedAt);
		Health whileDown = uploading.bean(StreamsHealth.class).health().block(Timeouts.PATIENCE);

		assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS").containsEntry("rowsSucceeded", 49_950);
		ServerSentEvent<String> last = seen.get(seen.size() - 1);
		assertThat(last.event()).isEqualTo("completed");
		assertThat(EventStreams.dataOf(last)).containsEntry("rowsSucceeded", 49_950).containsEntry("rowsFailed", 50);
		assertThat(whileDown.getStatus()).isEqualTo(StreamsHealth.DEGRADED);
		assertThat(whileDown.getDetails()).containsKey("failing");
		assertThat((Integer) whileDown.getDetails().get("failingGroups")).isBetween(1, 15);

		cluster.restart(master);
		long restartedAt = System.nanoTime();
		await().atMost(Timeouts.PATIENCE)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> uploading.bean(StreamsHealth.class).health().block(Timeouts.PATIENCE).getStatus(),
					Status.UP::equals);
		Duration healthyAgain = since(restartedAt);
		UUID later = createServedBy(master, keys);
		Flux<ServerSentEvent<String>> watchingLater = EventStreams
			.events(other, "/api/v1/uploads/" + later + "/events", null)
			.replay()
			.autoConnect(0);
		watchingLater.blockFirst(Timeouts.PATIENCE);
		putContent(later, GeneratedCsv.of(2_000, 1000).bytes());
		List<ServerSentEvent<String>> seenLater = watchingLater.filter((event) -> event.id() != null)
			.collectList()
			.block(Timeouts.PATIENCE);

		assertThat(seenLater).extracting(ServerSentEvent::id)
			.as("read live from the master that is back")
			.containsExactlyElementsOf(cluster.entryIds(keys.upload(later)));
		assertThat(seenLater).extracting(ServerSentEvent::event).endsWith("completed");
		log.info(
				"Master of slot group stopped mid-upload: upload answered {} ms, terminal event relayed {} ms "
						+ "after the stop; health UP {} ms after the restart",
				uploadDone.toMillis(), terminalSeen.toMillis(), healthyAgain.toMillis());
	}

	private static UUID create() {
		return uploading.uploads().create("on-a-cluster.csv").id();
	}

	// Ids are random: creates uploads until one's stream lives on this master, and
	// completes the others, so that none is left awaiting content (they are capped per
	// tenant).
	private static UUID createServedBy(int port, StreamKeys keys) {
		for (int attempt = 0; attempt < 50; attempt++) {
			UUID id = create();
			if (cluster.portServing(keys.upload(id)) == port) {
				return id;
			}
			putContent(id, GeneratedCsv.of(10, 1000).bytes());
		}
		throw new IllegalStateException("No upload of 50 had its stream on " + port);
	}

	private static Map<String, Object> putContent(UUID id, byte[] csv) {
		return uploading.uploads().content(id, csv).json();
	}

	private static String latestId(String key) {
		List<String> ids = cluster.entryIds(key);
		return ids.isEmpty() ? "0-0" : ids.get(ids.size() - 1);
	}

	private static Duration since(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos);
	}

}
