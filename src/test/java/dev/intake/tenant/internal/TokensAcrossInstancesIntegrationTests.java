package dev.intake.tenant.internal;

import java.time.Duration;
import java.util.Map;

import dev.intake.testing.InProcessIntake;
import dev.intake.testing.Json;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one deployment, neither with {@code intake.security.token-secret} set:
 * a token minted on one opens the event stream on the other, because both sign with the
 * secret the deployment keeps in PostgreSQL.
 */
class TokensAcrossInstancesIntegrationTests {

	static final Map<String, String> NO_TOKEN_SECRET = Map.of("intake.security.token-secret", "");

	static InProcessIntake minting;

	static InProcessIntake verifying;

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
		Map<String, Object> minted = minting.http()
			.post()
			.uri("/api/v1/uploads/events/token")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		String token = (String) minted.get("accessToken");

		TestTenant.anonymous(verifying.http())
			.get()
			.uri("/api/v1/uploads/events?access_token={token}", token)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.take(Duration.ofSeconds(1))
			.blockLast(Timeouts.PATIENCE);
		assertThat(minting.bean(AccessTokens.class).verify(token)).as("and on the instance that minted it").isPresent();
		assertThat(verifying.bean(AccessTokens.class).verify(token)).isPresent();
	}

}
