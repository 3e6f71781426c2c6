package dev.intake;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
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
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.intake.testing.ChildIntake;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.Gzipped;
import dev.intake.testing.RunningPostgres;
import dev.intake.testing.RunningRedis;
import dev.intake.testing.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The artifact users deploy, tested as they run it: after {@code package}, failsafe runs
 * this class, which starts {@code java -jar target/intake-*.jar} as a separate process
 * against this machine's PostgreSQL (a fresh database) and Redis, configured by nothing
 * but standard {@code SPRING_*} / {@code INTAKE_*} environment variables, the same names
 * {@code docker-compose.yml} passes. If the jar cannot start, every test here fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedJarIntegrationTests {

	/**
	 * The environment variables a deployment sets, and all this test sets:
	 * {@code docker-compose.yml} must pass each of them ({@code PackagingUnitTests}).
	 */
	static final List<String> DEPLOYMENT_SETTINGS = List.of("SPRING_R2DBC_URL", "SPRING_R2DBC_USERNAME",
			"SPRING_R2DBC_PASSWORD", "SPRING_FLYWAY_URL", "SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PORT",
			"INTAKE_API_KEYS", "INTAKE_OPERATOR_KEYS", "INTAKE_INGEST_NATIONAL_ID_KEY", "INTAKE_SECURITY_TOKEN_SECRET");

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration EVENTS_PATIENCE = Duration.ofSeconds(60);

	private static final Duration BOMB_PATIENCE = Duration.ofSeconds(10);

	private static final int ROWS = 20_000;

	private static final int INVALID_EVERY = 100;

	private final String apiKey = "packaged-" + UUID.randomUUID();

	private final String operatorKey = "operator-" + UUID.randomUUID();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private ChildIntake intake;

	private String uploadId;

	@BeforeAll
	void startPackagedJar() {
		this.intake = ChildIntake.startJar(packagedJar(), environment());
	}

	@AfterAll
	void stopPackagedJar() {
		if (this.intake != null) {
			this.intake.close();
		}
	}

	@Test
	@Order(1)
	void packagedJarStartsTheProductionApplication() throws IOException {
		try (JarFile jar = new JarFile(packagedJar().toFile())) {
			assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
				.isEqualTo(IntakeApplication.class.getName());
			assertThat(jar.getEntry("BOOT-INF/classes/db/migration/V1__uploads_customers_row_errors.sql"))
				.as("migrations packaged")
				.isNotNull();
			assertThat(jar.stream().map((entry) -> entry.getName()))
				.noneMatch((name) -> name.contains("TestIntakeApplication"));
		}
	}

	@Test
	@Order(2)
	void answersReadinessUp() throws Exception {
		HttpResponse<String> readiness = get("/actuator/health/readiness");

		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(readiness.body()).path("status").asString()).isEqualTo("UP");
	}

	@Test
	@Order(3)
	void storesARealCsvUploadAndAnswersCreatedWithItsCounts() throws Exception {
		HttpRequest upload = authorized("/api/v1/uploads?filename=packaged.csv").header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofByteArray(GeneratedCsv.of(ROWS, INVALID_EVERY).bytes()))
			.build();

		HttpResponse<String> response = this.http.send(upload, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode summary = this.json.readTree(response.body());
		assertThat(summary.path("status").asString()).isEqualTo("COMPLETED_WITH_ERRORS");
		assertThat(summary.path("rowsTotal").asLong()).isEqualTo(ROWS);
		assertThat(summary.path("rowsSucceeded").asLong()).isEqualTo(ROWS - ROWS / INVALID_EVERY);
		assertThat(summary.path("rowsFailed").asLong()).isEqualTo(ROWS / INVALID_EVERY);
		this.uploadId = summary.path("id").asString();
		HttpResponse<String> entries = this.http.send(
				authorized("/api/v1/uploads/" + this.uploadId + "/entries?limit=1").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(entries.statusCode()).isEqualTo(200);
	}

	@Test
	@Order(4)
	void relaysTheUploadsEventsOverSseEndingWithTheTerminalEvent() throws Exception {
		assertThat(this.uploadId).as("the upload of the previous test").isNotNull();
		HttpRequest events = authorized("/api/v1/uploads/" + this.uploadId + "/events")
			.header("Accept", "text/event-stream")
			.GET()
			.build();

		List<String> names = new ArrayList<>();
		List<String> data = new ArrayList<>();
		CompletableFuture<Void> stream = this.http.sendAsync(events, HttpResponse.BodyHandlers.ofLines())
			.thenAccept((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				try (Stream<String> lines = response.body()) {
					lines.forEach((line) -> {
						if (line.startsWith("event:")) {
							names.add(line.substring("event:".length()).strip());
						}
						else if (line.startsWith("data:")) {
							data.add(line.substring("data:".length()).strip());
						}
					});
				}
			});
		stream.get(EVENTS_PATIENCE.toSeconds(), TimeUnit.SECONDS);

		assertThat(names).as("the stream ended by itself").isNotEmpty().last().isEqualTo("completed");
		JsonNode terminal = this.json.readTree(data.get(data.size() - 1));
		assertThat(terminal.path("uploadId").asString()).isEqualTo(this.uploadId);
		assertThat(terminal.path("rowsSucceeded").asLong()).isEqualTo(ROWS - ROWS / INVALID_EVERY);
		assertThat(terminal.path("rowsFailed").asLong()).isEqualTo(ROWS / INVALID_EVERY);
	}

	@Test
	@Order(5)
	void answersGzipBombsWithinSecondsAndKeepsServingAtTheImagesHeapLimit() throws Exception {
		assertBombAnswered(Gzipped.zeros(200), 415, "binary-content");
		assertBombAnswered(Gzipped.repeatedRows(200), 413, "inflation-ratio-exceeded");

		assertThat(isReady()).isTrue();
		assertThat(this.intake.logTail()).doesNotContain("OutOfMemoryError");
	}

	@Test
	@Order(6)
	void servesPrometheusMetricsToTheOperatorKeyOnly() throws Exception {
		HttpResponse<String> asOperator = this.http.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
			.timeout(Duration.ofSeconds(30))
			.header("X-API-Key", this.operatorKey)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> asTenant = this.http.send(authorized("/actuator/prometheus").GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(asOperator.statusCode()).isEqualTo(200);
		assertThat(asOperator.body()).contains("intake_");
		assertThat(asTenant.statusCode()).isEqualTo(403);
	}

	@Test
	@Order(7)
	void stopsGracefullyOnSigtermWithinTheShutdownTimeout() {
		long pid = this.intake.pid();
		List<ProcessHandle> children = this.intake.descendants();
		long started = System.nanoTime();

		Integer exitCode = this.intake.terminate(SHUTDOWN_TIMEOUT.plusSeconds(10));

		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(exitCode).as("exited within %s (log:%n%s)", SHUTDOWN_TIMEOUT, this.intake.logTail())
			.isNotNull()
			.isIn(0, 143);
		assertThat(took).isLessThan(SHUTDOWN_TIMEOUT.plusSeconds(10));
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(children).noneMatch(ProcessHandle::isAlive);
		assertThat(listening(this.intake.port())).as("port closed").isFalse();
		assertThat(this.intake.logTail()).contains("Graceful shutdown complete");
	}

	private void assertBombAnswered(byte[] bomb, int status, String code) throws Exception {
		HttpRequest upload = authorized("/api/v1/uploads?filename=bomb.csv").header("Content-Type", "text/csv")
			.header("Content-Encoding", "gzip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(bomb))
			.build();
		long started = System.nanoTime();

		HttpResponse<String> response = this.http.send(upload, HttpResponse.BodyHandlers.ofString());

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered within").isLessThan(BOMB_PATIENCE);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(this.json.readTree(response.body()).path("code").asString()).isEqualTo(code);
	}

	private boolean isReady() throws Exception {
		HttpResponse<String> readiness = get("/actuator/health/readiness");
		return readiness.statusCode() == 200
				&& "UP".equals(this.json.readTree(readiness.body()).path("status").asString());
	}

	private Map<String, String> environment() {
		RunningPostgres postgres = Services.postgres();
		RunningRedis redis = Services.redis();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_R2DBC_URL", postgres.r2dbcUrl());
		environment.put("SPRING_R2DBC_USERNAME", postgres.username());
		environment.put("SPRING_R2DBC_PASSWORD", postgres.password());
		environment.put("SPRING_FLYWAY_URL", postgres.jdbcUrl());
		environment.put("SPRING_DATA_REDIS_HOST", redis.host());
		environment.put("SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()));
		environment.put("INTAKE_API_KEYS", "packaged=" + this.apiKey);
		environment.put("INTAKE_OPERATOR_KEYS", this.operatorKey);
		environment.put("INTAKE_INGEST_NATIONAL_ID_KEY", "packaged-national-id-key-" + UUID.randomUUID());
		environment.put("INTAKE_SECURITY_TOKEN_SECRET", "packaged-token-secret-" + UUID.randomUUID());
		assertThat(environment).containsOnlyKeys(DEPLOYMENT_SETTINGS);
		environment.put("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", SHUTDOWN_TIMEOUT.toSeconds() + "s");
		return environment;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder authorized(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2)).header("X-API-Key", this.apiKey);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.intake.port() + path);
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (ConnectException ex) {
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Path packagedJar() {
		String configured = System.getProperty("intake.packaged.jar");
		assertThat(configured).as("intake.packaged.jar, set by failsafe").isNotNull();
		Path jar = Path.of(configured);
		assertThat(Files.isRegularFile(jar)).as("%s exists (run `./mvnw verify`)", jar).isTrue();
		return jar;
	}

}
