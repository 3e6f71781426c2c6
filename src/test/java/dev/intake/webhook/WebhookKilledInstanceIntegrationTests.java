package dev.intake.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.ChildIntake;
import dev.intake.testing.Csv;
import dev.intake.testing.Services;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.TestTenant;
import dev.intake.testing.WebhookApi;
import dev.intake.testing.WebhookReceiver;
import dev.intake.testing.WebhookReceiver.Answer;
import dev.intake.testing.WebhookReceiver.Received;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Intake killed between attempts: a child Intake writes an upload's event and makes its
 * first attempt, which the receiver holds without answering; the child is killed with
 * SIGKILL while it holds the claim. A new child on the same database takes the delivery
 * once the claim runs out and delivers exactly the same event. Both children run on a
 * database of their own, so no other instance of this JVM can deliver in their place.
 */
class WebhookKilledInstanceIntegrationTests {

	static final Duration PATIENCE = Duration.ofMinutes(2);

	@Test
	void deliversTheSameEventFromANewInstanceAfterTheOneHoldingItsClaimWasKilled() throws Exception {
		Map<String, Object> settings = Services.applicationPropertiesOnScratchDatabase();
		// Until the first child is gone every request is held past the timeout, so only
		// an attempt of the second child can succeed.
		try (WebhookReceiver receiver = WebhookReceiver.start()
			.otherwise((index) -> Answer.after(Duration.ofSeconds(30)))) {
			Object webhookId;
			try (ChildIntake first = ChildIntake.start(settings)) {
				WebhookApi api = WebhookApi.at(first.port(), TestTenant.TEST);
				webhookId = api.create(receiver.url("/killed"), "upload.completed").get("id");
				api.upload(TestFilenames.unique("webhook-killed-"),
						Csv.standard().row("Ravi Kumar,9876543210,,LN-1,100,2024-11-15,,,"), HttpStatus.CREATED);
				receiver.awaitReceived(1, PATIENCE);
				first.kill();
			}
			int beforeRestart = receiver.received().size();
			receiver.otherwise((index) -> Answer.OK);

			try (ChildIntake second = ChildIntake.start(settings)) {
				WebhookApi api = WebhookApi.at(second.port(), TestTenant.TEST);
				Map<String, Object> delivered = await().atMost(PATIENCE)
					.until(() -> api.deliveries(webhookId).get(0),
							(delivery) -> "delivered".equals(delivery.get("state")));
				List<Received> received = receiver.received();
				assertThat(received).hasSizeGreaterThan(beforeRestart);
				assertThat(received.get(received.size() - 1).answered()).isEqualTo(200);
				assertThat(received).extracting((request) -> request.header("Intake-Event-Id"))
					.as("every attempt, before and after the kill")
					.containsOnly(delivered.get("eventId").toString());
				assertThat(received).extracting(Received::body).containsOnly(received.get(0).body());
				assertThat(UUID.fromString(received.get(0).header("Intake-Event-Id"))).isNotNull();
				assertThat((Integer) delivered.get("attempts")).isGreaterThanOrEqualTo(2);
				assertThat(delivered).containsEntry("lastStatus", 200);
			}
		}
	}

}
