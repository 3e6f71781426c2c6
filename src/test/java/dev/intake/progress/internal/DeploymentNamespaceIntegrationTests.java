package dev.intake.progress.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import dev.intake.testing.Csv;
import dev.intake.testing.DirectRedis;
import dev.intake.testing.EventStreams;
import dev.intake.testing.InProcessIntake;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.RunningPostgres;
import dev.intake.testing.Services;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two deployments of Intake (two databases) share one Redis and have a tenant of the same
 * name: each sees only its own events, because each deployment's keys carry its own
 * prefix, derived from the deployment's identity in its database.
 */
@IntakeIntegrationTest
class DeploymentNamespaceIntegrationTests {

	static final TenantId TENANT = TenantId.of(TestTenant.TEST.id());

	static InProcessIntake otherDeployment;

	@BeforeAll
	static void startAnotherDeploymentOnItsOwnDatabase() {
		RunningPostgres postgres = Services.postgres();
		String database = "intake_other_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		RunningPostgres other = new RunningPostgres(postgres.host(), postgres.port(), database, postgres.username(),
				postgres.password());
		otherDeployment = InProcessIntake
			.start(Map.of("spring.r2dbc.url", other.r2dbcUrl(), "spring.flyway.url", other.jdbcUrl()));
	}

	@AfterAll
	static void stopTheOtherDeployment() {
		otherDeployment.close();
	}

	@Autowired
	StreamKeys keys;

	@Autowired
	UploadClient uploads;

	@LocalServerPort
	int port;

	@Test
	void twoDeploymentsWithTheSameTenantOnOneRedisSeeOnlyTheirOwnEvents() {
		StreamKeys otherKeys = otherDeployment.bean(StreamKeys.class);
		assertThat(otherKeys.prefix()).isNotEqualTo(this.keys.prefix());

		ConnectableFlux<ServerSentEvent<String>> ourFeed = feedOf(EventStreams.client(this.port), this.keys);
		ConnectableFlux<ServerSentEvent<String>> theirFeed = feedOf(otherDeployment.client(), otherKeys);
		ourFeed.connect();
		theirFeed.connect();
		String ours = upload(this.uploads, "ours.csv", "9812300001");
		String theirs = upload(otherDeployment.uploads(), "theirs.csv", "9812300002");

		List<String> weSaw = uploadIdsUntilTerminalOf(ourFeed, ours);
		List<String> theySaw = uploadIdsUntilTerminalOf(theirFeed, theirs);

		assertThat(weSaw).contains(ours).doesNotContain(theirs);
		assertThat(theySaw).contains(theirs).doesNotContain(ours);
		try (DirectRedis redis = DirectRedis.connect()) {
			assertThat(redis.entryIds(this.keys.upload(UUID.fromString(ours)))).isNotEmpty();
			assertThat(redis.entryIds(otherKeys.upload(UUID.fromString(theirs)))).isNotEmpty();
			assertThat(redis.entryIds(this.keys.upload(UUID.fromString(theirs)))).isEmpty();
		}
	}

	// From the feed's newest entry on, so that no event is missed while the stream opens.
	private static ConnectableFlux<ServerSentEvent<String>> feedOf(WebClient client, StreamKeys keys) {
		try (DirectRedis redis = DirectRedis.connect()) {
			List<StreamMessage<String, String>> newest = redis.commands()
				.xrevrange(keys.feed(TENANT), Range.create("-", "+"), Limit.from(1));
			String after = newest.isEmpty() ? "0-0" : newest.get(0).getId();
			return EventStreams.events(client, "/api/v1/uploads/events", after).replay();
		}
	}

	private static List<String> uploadIdsUntilTerminalOf(Flux<ServerSentEvent<String>> feed, String uploadId) {
		return feed.filter((event) -> event.id() != null)
			.takeUntil((event) -> EventStreams.isTerminal(event)
					&& uploadId.equals(EventStreams.dataOf(event).get("uploadId")))
			.map((event) -> String.valueOf(EventStreams.dataOf(event).get("uploadId")))
			.collectList()
			.block(Timeouts.PATIENCE);
	}

	private static String upload(UploadClient uploads, String filename, String phone) {
		return uploads.raw(filename, Csv.standard().row("Same Tenant," + phone + ",,LN-1,100,2024-11-15,,,"))
			.id()
			.toString();
	}

}
