package dev.intake.tenant.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import dev.intake.testing.Csv;
import dev.intake.testing.EventStreams;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.Problems;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Browsers open event streams with a short-lived access token instead of a header: it
 * opens exactly the stream it was minted for, and nothing else; expired, tampered and
 * foreign tokens and API keys in its place get a 401.
 */
@IntakeIntegrationTest
class EventAccessTokensIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	UploadClient uploads;

	@LocalServerPort
	int port;

	@Test
	void mintsATokenThatExpiresInFiveMinutes() {
		UUID id = upload();

		Map<String, Object> token = mint("/api/v1/uploads/" + id + "/events/token");

		assertThat((String) token.get("accessToken")).isNotBlank().doesNotContain(TestTenant.TEST.key());
		assertThat(Instant.parse((String) token.get("expiresAt"))).isCloseTo(Instant.now().plus(Duration.ofMinutes(5)),
				within(Duration.ofSeconds(30)));
	}

	@Test
	void uploadTokenOpensItsUploadsEventsWithoutKey() {
		UUID id = upload();
		String token = (String) mint("/api/v1/uploads/" + id + "/events/token").get("accessToken");

		List<ServerSentEvent<String>> events = EventStreams
			.events(EventStreams.client(this.port, null), "/api/v1/uploads/" + id + "/events?access_token=" + token,
					null)
			.collectList()
			.block(Timeouts.PATIENCE);

		assertThat(events).extracting(ServerSentEvent::event).containsExactly("completed");
	}

	@Test
	void feedTokenOpensTheFeedWithoutKey() {
		String token = (String) mint("/api/v1/uploads/events/token").get("accessToken");
		UUID id = upload();

		List<ServerSentEvent<String>> events = EventStreams
			.events(EventStreams.client(this.port, null), "/api/v1/uploads/events?access_token=" + token, "0-0")
			.takeUntil((event) -> EventStreams.isTerminal(event)
					&& id.toString().equals(EventStreams.dataOf(event).get("uploadId")))
			.collectList()
			.block(Timeouts.PATIENCE);

		assertThat(events).isNotEmpty();
	}

	@Test
	void rejectsUploadTokenOnAnotherUploadTheFeedOrAnyOtherEndpoint() {
		UUID id = upload();
		UUID another = upload();
		String token = (String) mint("/api/v1/uploads/" + id + "/events/token").get("accessToken");

		expectUnauthorized("/api/v1/uploads/" + another + "/events?access_token=" + token);
		expectUnauthorized("/api/v1/uploads/events?access_token=" + token);
		expectUnauthorized("/api/v1/uploads/" + id + "?access_token=" + token);
		expectUnauthorized("/api/v1/uploads/" + id + "/entries?access_token=" + token);
		anonymous().post()
			.uri("/api/v1/uploads/{id}/events/token?access_token={token}", id, token)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void rejectsFeedTokenOnAnUploadsEvents() {
		UUID id = upload();
		String token = (String) mint("/api/v1/uploads/events/token").get("accessToken");

		expectUnauthorized("/api/v1/uploads/" + id + "/events?access_token=" + token);
	}

	@Test
	void rejectsExpiredToken() {
		UUID id = upload();
		Clock sixMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC);
		AccessTokens past = new AccessTokens(
				new SecuritySettings(null, TestTenant.TOKEN_SECRET, Duration.ofMinutes(5), null), sixMinutesAgo);
		String expired = past.forUpload(TenantId.of(TestTenant.TEST.id()), id).accessToken();
		AccessTokens now = new AccessTokens(
				new SecuritySettings(null, TestTenant.TOKEN_SECRET, Duration.ofMinutes(5), null));
		String valid = now.forUpload(TenantId.of(TestTenant.TEST.id()), id).accessToken();

		expectUnauthorized("/api/v1/uploads/" + id + "/events?access_token=" + expired);
		expectOk("/api/v1/uploads/" + id + "/events?access_token=" + valid);
	}

	@Test
	void rejectsTamperedToken() {
		UUID id = upload();
		String token = (String) mint("/api/v1/uploads/" + id + "/events/token").get("accessToken");
		char last = token.charAt(token.length() - 1);
		String tampered = token.substring(0, token.length() - 1) + ((last == 'A') ? 'B' : 'A');
		String forged = new AccessTokens(new SecuritySettings(null, "another-secret", Duration.ofMinutes(5), null))
			.forUpload(TenantId.of(TestTenant.TEST.id()), id)
			.accessToken();

		expectUnauthorized("/api/v1/uploads/" + id + "/events?access_token=" + tampered);
		expectUnauthorized("/api/v1/uploads/" + id + "/events?access_token=" + forged);
		expectUnauthorized("/api/v1/uploads/" + id + "/events?access_token=not-a-token");
	}

	@Test
	void rejectsApiKeyAsAccessToken() {
		UUID id = upload();

		expectUnauthorized("/api/v1/uploads/" + id + "/events?access_token=" + TestTenant.TEST.key());
		expectUnauthorized("/api/v1/uploads/events?access_token=" + TestTenant.TEST.key());
	}

	private void expectUnauthorized(String uri) {
		Problems.expectType(
				anonymous().get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON).exchange(),
				HttpStatus.UNAUTHORIZED)
			.expectHeader()
			.exists(HttpHeaders.WWW_AUTHENTICATE);
	}

	private void expectOk(String uri) {
		List<ServerSentEvent<String>> events = EventStreams.events(EventStreams.client(this.port, null), uri, null)
			.collectList()
			.block(Timeouts.PATIENCE);
		assertThat(events).isNotEmpty();
	}

	private WebTestClient anonymous() {
		return TestTenant.anonymous(this.http);
	}

	private Map<String, Object> mint(String path) {
		return this.http.post()
			.uri(path)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private UUID upload() {
		return this.uploads
			.raw("token.csv", Csv.standard().row("Token Holder," + Csv.randomPhone() + ",,LN-1,100,2024-11-15,,,"))
			.id();
	}

}
