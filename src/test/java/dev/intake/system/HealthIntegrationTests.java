package dev.intake.system;

import java.time.Duration;
import java.util.Map;

import dev.intake.testing.Csv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.PostgresThroughAProxy;
import dev.intake.testing.Services;
import dev.intake.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application talks to Redis and (over R2DBC) to PostgreSQL through proxies that the
 * tests cut, whatever servers the tests use.
 */
@IntakeIntegrationTest
@Import(PostgresThroughAProxy.class)
@DirtiesContext
class HealthIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	static final TcpProxy redisProxy = TcpProxy.to(Services.redis().host(), Services.redis().port());

	@DynamicPropertySource
	static void redisThroughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> "redis://" + redisProxy.host() + ":" + redisProxy.port());
	}

	@AfterAll
	static void closeProxy() {
		redisProxy.close();
	}

	@Autowired
	WebTestClient http;

	@Autowired
	TcpProxy postgresProxy;

	@Test
	void isUpWithItsDatabaseAndRedisComponents() {
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(statusOf(health("/actuator/health"))).isEqualTo("UP"));
		Map<String, Object> health = health("/actuator/health");

		assertThat(statusOf(component(health, "db"))).isEqualTo("UP");
		assertThat(statusOf(component(health, "redis"))).isEqualTo("UP");
		assertThat(health).as("details are not shown without a key").doesNotContainKey("details");
	}

	@Test
	void redisAwayDegradesHealthButKeepsTheServiceLiveReadyAndTakingUploads() {
		redisProxy.cut();
		try {
			Map<String, Object> health = health("/actuator/health");
			assertThat(statusOf(health)).isEqualTo("DEGRADED");
			assertThat(statusOf(component(health, "redis"))).isEqualTo("DEGRADED");
			assertThat(statusOf(component(health, "db"))).isEqualTo("UP");

			Map<String, Object> readiness = health("/actuator/health/readiness");
			assertThat(statusOf(readiness)).isEqualTo("UP");
			assertThat(components(readiness)).containsOnlyKeys("readinessState", "db");
			assertThat(statusOf(health("/actuator/health/liveness"))).isEqualTo("UP");

			this.http.post()
				.uri("/api/v1/uploads?filename=while-redis-is-away.csv")
				.contentType(MediaType.parseMediaType("text/csv"))
				.bodyValue(Csv.standard().row("Redis Away,9876501234,,LN-1,100,2024-11-15,,,").bytes())
				.exchange()
				.expectStatus()
				.isCreated();
		}
		finally {
			redisProxy.restore();
		}
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(statusOf(health("/actuator/health"))).isEqualTo("UP"));
	}

	@Test
	void databaseAwayTakesHealthAndReadinessDownWith503ButKeepsTheServiceLive() {
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(statusOf(health("/actuator/health"))).isEqualTo("UP"));
		this.postgresProxy.cut();
		try {
			Map<String, Object> health = health("/actuator/health", HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(statusOf(health)).isEqualTo("DOWN");
			assertThat(statusOf(component(health, "db"))).isEqualTo("DOWN");

			Map<String, Object> readiness = health("/actuator/health/readiness", HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(statusOf(readiness)).isEqualTo("DOWN");
			assertThat(statusOf(health("/actuator/health/liveness"))).as("a restart would not bring the database back")
				.isEqualTo("UP");
		}
		finally {
			this.postgresProxy.restore();
		}
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(statusOf(health("/actuator/health/readiness"))).isEqualTo("UP"));
	}

	private Map<String, Object> health(String path) {
		return health(path, HttpStatus.OK);
	}

	private Map<String, Object> health(String path, HttpStatus expected) {
		return this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(expected)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> components(Map<String, Object> health) {
		return (Map<String, Object>) health.get("components");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> component(Map<String, Object> health, String name) {
		return (Map<String, Object>) components(health).get(name);
	}

	private static Object statusOf(Map<String, Object> health) {
		return health.get("status");
	}

}
