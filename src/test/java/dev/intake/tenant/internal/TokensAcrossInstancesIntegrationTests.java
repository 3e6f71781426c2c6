package dev.intake.tenant.internal;

import java.time.Duration;
import java.util.Map;

import dev.intake.testing.InProcessIntake;
import dev.intake.testing.TestTenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one deployment, neither with {@code intake.security.token-secret} set:
 * a token minted on one opens the event stream on the other, because both sign with the
 * secret the deployment keeps in PostgreSQL.
 */
class TokensAcrossInstancesIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(60);

	static final Map<String, String> NO_TOKEN_SECRET = Map.of("intake.security.token-secret", "");

	static ConfigurableApplicationContext minting;

	static ConfigurableApplicationContext verifying;

	@BeforeAll
	static void startTwoInstancesWithoutATokenSecret() {
		minting = InProcessIntake.start(NO_TOKEN_SECRET);
		verifying = InProcessIntake.start(NO_TOKEN_SECRET);
	}

	@AfterAll
	static void stopThem() {
		minting.close();
		verifying.close();
	}

	@Test
	void tokenMintedOnOneInstanceOpensTheFeedOnAnother() {
		Map<String, Object> minted = TestTenant.TEST.on(client(minting))
			.post()
			.uri("/api/v1/uploads/events/token")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		String token = (String) minted.get("accessToken");

		TestTenant.anonymous(client(verifying))
			.get()
			.uri("/api/v1/uploads/events?access_token={token}", token)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.take(Duration.ofSeconds(1))
			.blockLast(PATIENCE);
		assertThat(minting.getBean(AccessTokens.class).verify(token)).as("and on the instance that minted it")
			.isPresent();
		assertThat(verifying.getBean(AccessTokens.class).verify(token)).isPresent();
	}

	private static WebTestClient client(ConfigurableApplicationContext instance) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + InProcessIntake.portOf(instance))
			.responseTimeout(PATIENCE)
			.defaultHeader(TestTenant.API_KEY_HEADER, TestTenant.TEST.key())
			.build();
	}

}
