package dev.intake.upload;

import java.util.Map;
import java.util.UUID;

import dev.intake.testing.Csv;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Invariants;
import dev.intake.testing.Services;
import dev.intake.testing.Sql;
import dev.intake.testing.StreamingUpload;
import dev.intake.testing.TcpProxy;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's R2DBC pool reaches the real PostgreSQL through a TCP proxy that the
 * test cuts in the middle of an upload (every connection closed, new ones refused) and
 * then restores, without restarting the application.
 */
@IntakeIntegrationTest
@TestPropertySource(properties = { "intake.ingest.batch-size=500", "intake.recovery.fail-timeout=60s" })
@Import(PostgresOutageIntegrationTests.ThroughTheProxy.class)
@DirtiesContext
class PostgresOutageIntegrationTests {

	static final TcpProxy postgresProxy = TcpProxy.to(Services.postgres().host(), Services.postgres().port());

	@Autowired
	WebTestClient http;

	@Autowired
	UploadClient uploads;

	@LocalServerPort
	int port;

	@Test
	void failsTheUploadAtStageWriteWhenPostgresIsCutAndTakesTheNextOneOnceItIsBack() {
		String filename = TestFilenames.unique("postgres-cut-");
		String response;
		try (StreamingUpload upload = StreamingUpload.post(this.port, filename,
				GeneratedCsv.of(20_000, 1000).bytes())) {
			upload.sendUpTo(0.3);
			await().atMost(Timeouts.PATIENCE)
				.alias("batches committed before the cut")
				.until(() -> Sql.uploadNamed(filename),
						(stored) -> stored != null && ((Number) stored.get("rows_total")).longValue() >= 500);
			UUID id = (UUID) Sql.uploadNamed(filename).get("id");
			assertThat(Sql.entriesOf(id)).as("rows stored before the cut").isPositive();

			postgresProxy.cut();
			response = upload.finish();
		}
		finally {
			postgresProxy.restore();
		}

		assertThat(response).as("the answer, if the server answered before closing the connection")
			.satisfiesAnyOf((answer) -> assertThat(answer).isEmpty(),
					(answer) -> assertThat(answer).startsWith("HTTP/1.1 503"));
		Map<String, Object> failed = await().atMost(Timeouts.PATIENCE)
			.until(() -> Sql.uploadNamed(filename), (stored) -> "FAILED".equals(stored.get("status")));
		assertThat(failed).containsEntry("error_stage", "write").containsEntry("error_code", "database-unavailable");
		// The status is stored first; the table of its rows is dropped once the batch the
		// cut
		// caught has let go of it (by the failing instance, or at the latest by the
		// sweeper).
		await().atMost(Timeouts.PATIENCE)
			.untilAsserted(() -> assertThat(Sql.entriesOf(failed.get("id"))).as("rows written before the cut, removed")
				.isZero());
		assertThat(uploadAfterTheOutage()).containsEntry("status", "COMPLETED").containsEntry("rowsSucceeded", 1);
		Invariants.assertHold();
	}

	private Map<String, Object> uploadAfterTheOutage() {
		return this.uploads
			.raw("after-postgres-is-back.csv",
					Csv.standard().row("Back Again," + Csv.randomPhone("96") + ",,LN-1,100,2024-11-15,,,"))
			.json();
	}

	/** Points the application's R2DBC connections (not Flyway's) at the proxy. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ThroughTheProxy {

		@Bean
		ConnectionFactoryOptionsBuilderCustomizer throughTheProxy() {
			return (options) -> options.option(ConnectionFactoryOptions.HOST, postgresProxy.host())
				.option(ConnectionFactoryOptions.PORT, postgresProxy.port());
		}

	}

}
