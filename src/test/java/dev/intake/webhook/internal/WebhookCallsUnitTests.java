package dev.intake.webhook.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.intake.testing.WebhookReceiver;
import dev.intake.testing.WebhookReceiver.Answer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One attempt against a real HTTP receiver on 127.0.0.1, without Spring: what counts as
 * delivered, and the guard on the connection itself.
 */
class WebhookCallsUnitTests {

	@Test
	void refusesTheConnectionsAddressEvenWhenTheCheckBeforeTheAttemptLetItThrough() {
		WebhookSettings refusing = WebhookTargetsUnitTests.settings(false, List.of());
		// A target check fooled as by DNS rebinding: it passes, the connection goes to
		// loopback.
		WebhookTargets fooled = new WebhookTargets(refusing) {
			@Override
			Mono<URI> reachable(URI target) {
				return Mono.just(target);
			}
		};
		try (WebhookReceiver receiver = WebhookReceiver.start()) {
			StepVerifier.create(new WebhookCalls(fooled, refusing).attempt(delivery(receiver.url("/rebound"))))
				.assertNext((result) -> {
					assertThat(result.delivered()).isFalse();
					assertThat(result.status()).isNull();
					assertThat(result.error()).contains("loopback");
				})
				.verifyComplete();
			assertThat(receiver.received()).as("requests that reached the receiver").isEmpty();
		}
	}

	@Test
	void countsOnlyA2xxAsDeliveredAndATimeoutAsAFailure() {
		WebhookSettings allowing = WebhookTargetsUnitTests.settings(false, List.of("127.0.0.1/32"));
		WebhookCalls calls = new WebhookCalls(new WebhookTargets(allowing), allowing);
		try (WebhookReceiver receiver = WebhookReceiver.start(Answer.status(204), Answer.status(302),
				Answer.status(410), Answer.after(Duration.ofSeconds(5)))) {
			ClaimedDelivery delivery = delivery(receiver.url("/hook"));
			StepVerifier.create(calls.attempt(delivery))
				.assertNext((result) -> assertThat(result).isEqualTo(new AttemptResult(true, 204, null)))
				.verifyComplete();
			StepVerifier.create(calls.attempt(delivery))
				.assertNext((result) -> assertThat(result.delivered()).isFalse())
				.verifyComplete();
			StepVerifier.create(calls.attempt(delivery))
				.assertNext((result) -> assertThat(result.status()).isEqualTo(410))
				.verifyComplete();
			StepVerifier.create(calls.attempt(delivery))
				.assertNext((result) -> assertThat(result.error()).contains("No answer within PT2S"))
				.expectComplete()
				.verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void countsARefusedConnectionAsAFailure() throws Exception {
		WebhookSettings allowing = WebhookTargetsUnitTests.settings(false, List.of("127.0.0.1/32"));
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		StepVerifier
			.create(new WebhookCalls(new WebhookTargets(allowing), allowing)
				.attempt(delivery("http://127.0.0.1:" + closedPort + "/hook")))
			.assertNext((result) -> {
				assertThat(result.delivered()).isFalse();
				assertThat(result.error()).containsIgnoringCase("refused");
			})
			.verifyComplete();
	}

	private static ClaimedDelivery delivery(String url) {
		return new ClaimedDelivery(1, UUID.randomUUID(), 1, url, List.of("whsec_test"), UUID.randomUUID(),
				"upload.completed", "{\"id\":\"x\"}");
	}

}
