package dev.intake.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Problems;
import dev.intake.testing.TestTenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets in: every API call and every actuator endpoint but health needs a tenant's API
 * key, from configuration or stored hashed in the database; missing or wrong keys get a
 * 401 problem.
 */
@IntakeIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuthenticationIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Test
	void rejectsApiCallWithoutKeyWithProblemAndChallenge() {
		Problems
			.expectType(TestTenant.anonymous(this.http).get().uri("/api/v1/uploads").exchange(),
					HttpStatus.UNAUTHORIZED)
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"intake\"")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.code")
			.isEqualTo("unauthorized")
			.jsonPath("$.instance")
			.isEqualTo("/api/v1/uploads");
	}

	@Test
	void rejectsEveryApiEndpointWithoutKey() {
		WebTestClient anonymous = TestTenant.anonymous(this.http);
		UUID id = UUID.randomUUID();
		for (String path : new String[] { "/api/v1/uploads/" + id, "/api/v1/uploads/" + id + "/errors",
				"/api/v1/uploads/" + id + "/entries", "/api/v1/uploads/" + id + "/events", "/api/v1/uploads/events",
				"/api/v1/customers/9876543210/entries", "/api/v1/unknown" }) {
			anonymous.get().uri(path).exchange().expectStatus().isUnauthorized();
		}
		anonymous.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"filename\":\"x.csv\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		anonymous.put()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue("full_name\n")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		anonymous.post().uri("/api/v1/uploads/events/token").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void rejectsUnknownKeyAsInvalidCredentials() {
		TestTenant.anonymous(this.http)
			.get()
			.uri("/api/v1/uploads")
			.header(TestTenant.API_KEY_HEADER, TestTenant.TEST.key() + "x")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"intake\", error=\"invalid_token\"")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid-credentials");
	}

	@Test
	void acceptsKeyAsBearerToken() {
		TestTenant.anonymous(this.http)
			.get()
			.uri("/api/v1/uploads")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTenant.OTHER.key())
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void rejectsOtherAuthorizationSchemes() {
		TestTenant.anonymous(this.http)
			.get()
			.uri("/api/v1/uploads")
			.headers((headers) -> headers.setBasicAuth("test", TestTenant.TEST.key()))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void acceptsKeyStoredHashedInTheDatabaseUntilRevoked() throws Exception {
		String key = "stored-" + UUID.randomUUID();
		String tenant = "stored-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		this.db.sql("INSERT INTO api_keys (key_hash, tenant_id, label) VALUES (:hash, :tenant, 'test')")
			.bind("hash", hash)
			.bind("tenant", tenant)
			.then()
			.block();
		WebTestClient stored = TestTenant.anonymous(this.http)
			.mutate()
			.defaultHeader(TestTenant.API_KEY_HEADER, key)
			.build();

		stored.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"filename\":\"stored.csv\"}")
			.exchange()
			.expectStatus()
			.isCreated();
		stored.get()
			.uri("/api/v1/uploads")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(1);
		this.db.sql("UPDATE api_keys SET revoked_at = now() WHERE key_hash = :hash").bind("hash", hash).then().block();

		stored.get().uri("/api/v1/uploads").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void refusesAStoredKeyOfAnInvalidTenantIdWithoutAnInternalError(CapturedOutput output) throws Exception {
		String key = "stored-" + UUID.randomUUID();
		String tenant = "bad|tenant " + UUID.randomUUID().toString().substring(0, 8);
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		this.db.sql("INSERT INTO api_keys (key_hash, tenant_id, label) VALUES (:hash, :tenant, 'test')")
			.bind("hash", hash)
			.bind("tenant", tenant)
			.then()
			.block();

		for (int i = 0; i < 3; i++) {
			Problems.expect(TestTenant.anonymous(this.http)
				.get()
				.uri("/api/v1/uploads")
				.header(TestTenant.API_KEY_HEADER, key)
				.exchange(), HttpStatus.UNAUTHORIZED, "invalid-credentials");
		}
		assertThat(output.getAll().split(java.util.regex.Pattern.quote(tenant), -1)).as("logged once").hasSize(2);
	}

	@Test
	void keepsHealthOpenAndMetricsForOperatorsOnly() {
		WebTestClient anonymous = TestTenant.anonymous(this.http);
		anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
		anonymous.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		anonymous.get()
			.uri("/actuator/health")
			.header(TestTenant.API_KEY_HEADER, "stale-key")
			.exchange()
			.expectStatus()
			.isOk();
		anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		anonymous.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
		for (String metrics : new String[] { "/actuator/prometheus", "/actuator/metrics",
				"/actuator/metrics/intake.uploads.active" }) {
			Problems.expect(this.http.get().uri(metrics).exchange(), HttpStatus.FORBIDDEN, "operator-key-required");
			TestTenant.operator(this.http).get().uri(metrics).exchange().expectStatus().isOk();
		}
		TestTenant.operator(this.http).get().uri("/api/v1/uploads").exchange().expectStatus().isUnauthorized();
	}

}
