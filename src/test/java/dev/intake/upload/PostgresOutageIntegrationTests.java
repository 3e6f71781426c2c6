package dev.intake.upload;

import java.util.Map;
import java.util.UUID;

import dev.intake.testing.Csv;
import dev.intake.testing.FaultTest;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Invariants;
import dev.intake.testing.PostgresThroughAProxy;
import dev.intake.testing.Sql;
import dev.intake.testing.StoredUploads;
import dev.intake.testing.StreamingUpload;
import dev.intake.testing.TcpProxy;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's R2DBC pool reaches the real PostgreSQL through a TCP proxy that the
 * test cuts in the middle of an upload (every connection closed, new ones refused) and
 * then restores, without restarting the application.
 */
@IntakeIntegrationTest
@TestPropertySource(
		properties = { "intake.ingest.batch-size=" + FaultTest.BATCH_SIZE, "intake.recovery.fail-timeout=60s" })
@Import(PostgresThroughAProxy.class)
@DirtiesContext
class PostgresOutageIntegrationTests {

	@Autowired
	TcpProxy postgresProxy;

	@Autowired
	UploadClient uploads;

	@LocalServerPort
	int port;

	@Test
	void failsTheUploadAtStageWriteWhenPostgresIsCutAndTakesTheNextOneOnceItIsBack() {
		String filename = TestFilenames.unique("postgres-cut-");
		String response;
		try (StreamingUpload upload = StreamingUpload.postUntilFirstBatch(this.port, filename,
				"batches committed before the cut")) {
			UUID id = (UUID) Sql.uploadNamed(filename).get("id");
			assertThat(Sql.entriesOf(id)).as("rows stored before the cut").isPositive();

			this.postgresProxy.cut();
			response = upload.finish();
		}
		finally {
			this.postgresProxy.restore();
		}

		StreamingUpload.assertNoAnswerOr(503, response);
		Map<String, Object> failed = StoredUploads.awaitFailed(filename);
		assertThat(failed).containsEntry("error_stage", "write").containsEntry("error_code", "database-unavailable");
		// The status is stored first; the table of its rows is dropped once the batch the
		// cut
		// caught has let go of it (by the failing instance, or at the latest by the
		// sweeper).
		await().atMost(Timeouts.PATIENCE)
			.untilAsserted(() -> assertThat(Sql.entriesOf(failed.get("id"))).as("rows written before the cut, removed")
				.isZero());
		assertThat(this.uploads.raw("after-postgres-is-back.csv", Csv.oneCustomer("Back Again")).json())
			.containsEntry("status", "COMPLETED")
			.containsEntry("rowsSucceeded", 1);
		Invariants.assertHold();
	}

}
