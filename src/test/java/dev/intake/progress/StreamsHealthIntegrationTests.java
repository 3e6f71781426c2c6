package dev.intake.progress;

import java.util.Map;
import java.util.UUID;

import dev.intake.testing.DirectRedis;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.RunningRedis;
import dev.intake.testing.Services;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application talks to Redis as a user that may do anything but {@code XADD}: Redis
 * answers every PING, yet no progress event can be published. The {@code redis} health
 * component must say so.
 */
@IntakeIntegrationTest
@DirtiesContext
class StreamsHealthIntegrationTests {

	static final String USER = "intake-no-xadd-" + UUID.randomUUID().toString().substring(0, 8);

	static final String PASSWORD = "pw-" + UUID.randomUUID();

	@DynamicPropertySource
	static void asAUserWhoCannotPublish(DynamicPropertyRegistry registry) {
		try (DirectRedis redis = DirectRedis.connect()) {
			redis.commands()
				.aclSetuser(USER,
						AclSetuserArgs.Builder.on()
							.addPassword(PASSWORD)
							.allKeys()
							.allChannels()
							.allCommands()
							.removeCommand(CommandType.XADD));
		}
		registry.add("spring.data.redis.username", () -> USER);
		registry.add("spring.data.redis.password", () -> PASSWORD);
	}

	@AfterAll
	static void removeTheUser() {
		try (DirectRedis redis = DirectRedis.connect()) {
			redis.commands().aclDeluser(USER);
		}
	}

	@Autowired
	WebTestClient http;

	@Test
	void redisThatAnswersPingButTakesNoEventsIsDegraded() {
		RunningRedis redis = Services.redis();
		RedisClient client = RedisClient.create(RedisURI.builder()
			.withHost(redis.host())
			.withPort(redis.port())
			.withAuthentication(USER, PASSWORD)
			.build());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			assertThat(connection.sync().ping()).as("what a PING-only check sees").isEqualTo("PONG");
		}
		finally {
			client.shutdown();
		}

		Map<String, Object> health = Json.get(this.http, "/actuator/health");

		assertThat(health).containsEntry("status", "DEGRADED");
		assertThat(component(health, "redis")).containsEntry("status", "DEGRADED");
		assertThat(component(health, "db")).containsEntry("status", "UP");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> component(Map<String, Object> health, String name) {
		return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get(name);
	}

}
