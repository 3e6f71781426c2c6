package dev.intake.system;

import java.time.Duration;

import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.TestTenant;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requests that follow each other on one reused HTTP/1.1 keep-alive connection each get
 * their answer. Reactor Netty 1.3.6 could stop reading such a connection when a request
 * arrived before the previous one's operations had ended and the next one then completed
 * at once (reactor-netty issue 4361): the request after it got no answer at all, and the
 * client waited for its timeout. Quick answers (health, 401, 403) after one another are
 * what made it happen here: on 1.3.6 this failed in each of 4 runs, by round 15.
 */
@IntakeIntegrationTest
class KeepAliveIntegrationTests {

	private static final int ROUNDS = 200;

	// Far above any of these answers' time, far below the client's two minutes.
	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

	@Autowired
	WebTestClient http;

	@Test
	void answersEveryRequestOfAReusedKeepAliveConnection() {
		WebTestClient anonymous = TestTenant.anonymous(this.http).mutate().responseTimeout(ANSWER_WITHIN).build();
		WebTestClient tenant = this.http.mutate().responseTimeout(ANSWER_WITHIN).build();
		for (int round = 0; round < ROUNDS; round++) {
			anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
			anonymous.get()
				.uri("/actuator/health")
				.header(TestTenant.API_KEY_HEADER, "stale-key")
				.exchange()
				.expectStatus()
				.isOk();
			anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
			tenant.get().uri("/actuator/metrics").exchange().expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
			tenant.get().uri("/api/v1/uploads").exchange().expectStatus().isOk();
		}
	}

}
