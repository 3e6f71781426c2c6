package dev.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.intake.testing.ChildIntake;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.RedisCluster;
import dev.intake.testing.RunningPostgres;
import dev.intake.testing.Services;
import dev.intake.testing.Timeouts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar, as users run it, on a real Redis Cluster of three masters
 * ({@link RedisCluster}): {@code java -jar target/intake-*.jar} configured by environment
 * variables only, with {@code SPRING_DATA_REDIS_CLUSTER_NODES} instead of a host and
 * port. Run by failsafe after {@code package}, like {@link PackagedJarIntegrationTests}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedJarOnRedisClusterIntegrationTests {

	private static final int ROWS = 20_000;

	private final String apiKey = "packaged-cluster-" + UUID.randomUUID();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private RedisCluster cluster;

	private ChildIntake intake;

	@BeforeAll
	void startPackagedJarOnACluster() {
		this.cluster = RedisCluster.get();
		this.intake = ChildIntake.startJar(packagedJar(), environment());
	}

	@AfterAll
	void stopPackagedJar() {
		if (this.intake != null) {
			this.intake.close();
		}
	}

	@Test
	void reportsRedisUpWhenEverySlotGroupCanBePublishedAndRead() {
		await().atMost(Timeouts.PATIENCE).pollInterval(Duration.ofMillis(500)).until(this::redisHealth, "UP"::equals);
	}

	@Test
	void publishesAndRelaysAnUploadsEventsWithIdsThroughTheCluster() throws Exception {
		String uploadId = create();
		List<String> ids = new ArrayList<>();
		List<String> names = new ArrayList<>();
		CompletableFuture<Void> stream = this.http
			.sendAsync(authorized("/api/v1/uploads/" + uploadId + "/events").header("Accept", "text/event-stream")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofLines())
			.thenAccept((response) -> {
				try (Stream<String> lines = response.body()) {
					lines.forEach((line) -> {
						if (line.startsWith("id:")) {
							ids.add(line.substring("id:".length()).strip());
						}
						else if (line.startsWith("event:")) {
							names.add(line.substring("event:".length()).strip());
						}
					});
				}
			});
		await().atMost(Timeouts.PATIENCE).until(() -> !names.isEmpty());

		HttpResponse<String> upload = this.http
			.send(authorized("/api/v1/uploads/" + uploadId + "/content").header("Content-Type", "text/csv")
				.PUT(HttpRequest.BodyPublishers.ofByteArray(GeneratedCsv.of(ROWS, 100).bytes()))
				.build(), HttpResponse.BodyHandlers.ofString());
		stream.get(Timeouts.PATIENCE.toSeconds(), TimeUnit.SECONDS);

		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
		assertThat(names).last().isEqualTo("completed");
		List<String> keys = this.cluster.keysMatching("*{shard*}:upload:" + uploadId + ":events");
		assertThat(keys).as("the upload's stream, hash-tagged into a slot group").hasSize(1);
		assertThat(ids).as("every event read live from the cluster")
			.containsExactlyElementsOf(this.cluster.entryIds(keys.get(0)));
	}

	private String redisHealth() throws Exception {
		HttpResponse<String> health = this.http.send(
				HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return this.json.readTree(health.body()).path("components").path("redis").path("status").asString();
	}

	private String create() throws Exception {
		HttpResponse<String> created = this.http
			.send(authorized("/api/v1/uploads").header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"filename\":\"packaged-on-a-cluster.csv\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode upload = this.json.readTree(created.body());
		return upload.path("id").asString();
	}

	private Map<String, String> environment() {
		RunningPostgres postgres = Services.postgres();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_R2DBC_URL", postgres.r2dbcUrl());
		environment.put("SPRING_R2DBC_USERNAME", postgres.username());
		environment.put("SPRING_R2DBC_PASSWORD", postgres.password());
		environment.put("SPRING_FLYWAY_URL", postgres.jdbcUrl());
		environment.put("SPRING_DATA_REDIS_CLUSTER_NODES", this.cluster.nodes());
		environment.put("INTAKE_API_KEYS", "packaged=" + this.apiKey);
		environment.put("INTAKE_OPERATOR_KEYS", "operator-" + UUID.randomUUID());
		environment.put("INTAKE_INGEST_NATIONAL_ID_KEY", "packaged-national-id-key-" + UUID.randomUUID());
		environment.put("INTAKE_SECURITY_TOKEN_SECRET", "packaged-token-secret-" + UUID.randomUUID());
		return environment;
	}

	private HttpRequest.Builder authorized(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2)).header("X-API-Key", this.apiKey);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.intake.port() + path);
	}

	private static Path packagedJar() {
		String configured = System.getProperty("intake.packaged.jar");
		assertThat(configured).as("intake.packaged.jar, set by failsafe").isNotNull();
		Path jar = Path.of(configured);
		assertThat(Files.isRegularFile(jar)).as("%s exists (run `./mvnw verify`)", jar).isTrue();
		return jar;
	}

}
