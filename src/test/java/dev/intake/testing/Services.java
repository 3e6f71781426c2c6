package dev.intake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.embedded.RedisServer;

/**
 * The real PostgreSQL and Redis servers of this JVM, started once on first use and
 * stopped when the JVM exits.
 * <p>
 * {@code intake.services} (system property) or {@code INTAKE_SERVICES} (environment)
 * picks them: {@code docker} runs pinned containers, {@code embedded} runs the PostgreSQL
 * and Redis binaries shipped in Maven artifacts, {@code local} uses the servers on
 * 127.0.0.1:5432 and 127.0.0.1:6379 with a fresh database, and {@code auto} (the default)
 * takes Docker when it is up and embedded servers otherwise. There is no fallback to a
 * mock: if none can be had, the tests fail.
 */
public final class Services {

	static final String POSTGRES_IMAGE = "postgres:16.4-alpine";

	static final String REDIS_IMAGE = "redis:7.4.1-alpine";

	private static final Logger log = LoggerFactory.getLogger(Services.class);

	private static RunningPostgres postgres;

	private static RunningRedis redis;

	private static RedisServer embeddedRedis;

	private Services() {
	}

	public static synchronized RunningPostgres postgres() {
		if (postgres == null) {
			postgres = switch (mode()) {
				case "docker" -> dockerPostgres();
				case "local" -> localPostgres();
				default -> embeddedPostgres();
			};
			log.info("PostgreSQL for this run: {}", postgres.jdbcUrl());
		}
		return postgres;
	}

	public static synchronized RunningRedis redis() {
		if (redis == null) {
			redis = switch (mode()) {
				case "docker" -> dockerRedis();
				case "local" -> new RunningRedis("127.0.0.1", 6379);
				default -> embeddedRedis();
			};
			log.info("Redis for this run: {}:{}", redis.host(), redis.port());
		}
		return redis;
	}

	/**
	 * The application properties of a test instance, as {@link DevServices} sets them,
	 * for instances started outside the test framework: the servers, the API keys of
	 * every {@link TestTenant} and the operator's, and a token secret shared by all test
	 * instances.
	 */
	public static Map<String, Object> applicationProperties() {
		Map<String, Object> properties = serverProperties();
		properties.put("intake.security.api-keys", TestTenant.apiKeys());
		properties.put("intake.security.token-secret", TestTenant.TOKEN_SECRET);
		properties.put("intake.security.operator-keys", TestTenant.OPERATOR_KEY);
		// Test receivers of webhooks listen on http://127.0.0.1 only, and retries come
		// fast.
		properties.put("intake.webhooks.allow-http", "true");
		properties.put("intake.webhooks.allowed-networks", "127.0.0.1/32");
		properties.put("intake.webhooks.backoff-base", "400ms");
		properties.put("intake.webhooks.timeout", "2s");
		properties.put("intake.webhooks.poll-interval", "200ms");
		return properties;
	}

	/** The application properties that point an instance at these servers. */
	public static Map<String, Object> serverProperties() {
		return serverProperties(postgres());
	}

	/**
	 * The application properties of {@link #applicationProperties()}, but with a database
	 * of its own on the same PostgreSQL server: instances on it share nothing stored with
	 * this JVM's (their Redis keys are apart too, since they are prefixed with the
	 * database's deployment id).
	 */
	public static Map<String, Object> applicationPropertiesOnScratchDatabase() {
		RunningPostgres server = postgres();
		String database = "scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
				server.password()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database, ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> dropScratchDatabase(server, database)));
		Map<String, Object> properties = applicationProperties();
		properties.putAll(serverProperties(
				new RunningPostgres(server.host(), server.port(), database, server.username(), server.password())));
		return properties;
	}

	private static void dropScratchDatabase(RunningPostgres server, String database) {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
				server.password()); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			// The JVM is exiting; a leftover scratch database is harmless.
		}
	}

	private static Map<String, Object> serverProperties(RunningPostgres postgres) {
		RunningRedis redis = redis();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", postgres.r2dbcUrl());
		properties.put("spring.r2dbc.username", postgres.username());
		properties.put("spring.r2dbc.password", postgres.password());
		properties.put("spring.flyway.url", postgres.jdbcUrl());
		properties.put("spring.flyway.user", postgres.username());
		properties.put("spring.flyway.password", postgres.password());
		properties.put("spring.flyway.locations", "filesystem:db/migration");
		properties.put("spring.data.redis.host", redis.host());
		properties.put("spring.data.redis.port", redis.port());
		return properties;
	}

	private static String mode() {
		String configured = System.getProperty("intake.services", System.getenv("INTAKE_SERVICES"));
		String mode = (configured != null) ? configured.trim().toLowerCase(Locale.ROOT) : "auto";
		if (mode.equals("auto")) {
			return dockerAvailable() ? "docker" : "embedded";
		}
		return mode;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static RunningPostgres dockerPostgres() {
		PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
		container.start();
		return new RunningPostgres(container.getHost(), container.getMappedPort(5432), container.getDatabaseName(),
				container.getUsername(), container.getPassword());
	}

	private static RunningRedis dockerRedis() {
		GenericContainer<?> container = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
		container.start();
		return new RunningRedis(container.getHost(), container.getMappedPort(6379));
	}

	private static RunningPostgres embeddedPostgres() {
		try {
			EmbeddedPostgres server = EmbeddedPostgres.builder()
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("fsync", "off")
				.setServerConfig("max_connections", "200")
				.start();
			return new RunningPostgres("127.0.0.1", server.getPort(), "postgres", "postgres", "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Embedded PostgreSQL did not start", ex);
		}
	}

	private static RunningPostgres localPostgres() {
		String database = "intake_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
		try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("No PostgreSQL on 127.0.0.1:5432 to create " + database + " in", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> dropLocalDatabase(admin, database)));
		return new RunningPostgres("127.0.0.1", 5432, database, "postgres", "");
	}

	private static void dropLocalDatabase(String admin, String database) {
		try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			// The JVM is exiting; a leftover scratch database is harmless.
		}
	}

	private static RunningRedis embeddedRedis() {
		try {
			int port = freePort();
			embeddedRedis = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			embeddedRedis.start();
			Runtime.getRuntime().addShutdownHook(new Thread(Services::stopEmbeddedRedis));
			return new RunningRedis("127.0.0.1", port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Embedded Redis did not start", ex);
		}
	}

	private static void stopEmbeddedRedis() {
		try {
			embeddedRedis.stop();
		}
		catch (IOException ex) {
			// The JVM is exiting anyway.
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
