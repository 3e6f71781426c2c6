package dev.intake.upload;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.ChildIntake;
import dev.intake.testing.FaultTest;
import dev.intake.testing.Invariants;
import dev.intake.testing.Sql;
import dev.intake.testing.StoredUploads;
import dev.intake.testing.StreamingUpload;
import dev.intake.testing.TestFilenames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second Intake runs in a child JVM against the same PostgreSQL and Redis as this
 * test's instance, whose recovery sweeper runs every few hundred milliseconds. The child
 * is killed with SIGKILL in the middle of an upload.
 */
@FaultTest
class KilledInstanceIntegrationTests {

	static final Duration LEASE = Duration.parse("PT" + FaultTest.LEASE);

	@Test
	void leavesALiveInstancesUploadAloneAndFailsItWithStageRecoveryOnceThatInstanceIsKilled() throws Exception {
		String filename = TestFilenames.unique("killed-");
		try (ChildIntake child = ChildIntake.start(Map.of("intake.ingest.batch-size", "" + FaultTest.BATCH_SIZE,
				"intake.recovery.heartbeat", FaultTest.HEARTBEAT, "intake.recovery.lease-expiry", FaultTest.LEASE));
				StreamingUpload upload = StreamingUpload.postUntilFirstBatch(child.port(), filename,
						"batches committed by the child")) {
			UUID abandoned = abandonedUpload();

			Thread.sleep(LEASE.multipliedBy(2).toMillis());

			assertThat(Sql.uploadNamed(filename)).as("the live child's upload, after two lease lengths")
				.containsEntry("status", "PROCESSING");
			assertThat(Sql.rows("SELECT status, error_code FROM uploads WHERE id = ?", abandoned))
				.as("an abandoned upload, meanwhile")
				.containsExactly(Map.of("status", "FAILED", "error_code", "lease-expired"));

			child.kill();
		}

		Map<String, Object> failed = StoredUploads.awaitFailed(filename);
		assertThat(failed).containsEntry("error_stage", "recovery").containsEntry("error_code", "lease-expired");
		assertThat(Sql.entriesOf(failed.get("id"))).as("rows the killed instance had stored, removed").isZero();
		Invariants.assertHold();
	}

	/** An upload left in PROCESSING by an instance that is long gone. */
	private static UUID abandonedUpload() {
		UUID id = UUID.randomUUID();
		Sql.rows("""
				INSERT INTO uploads (id, tenant_id, filename, status, started_at, lease_owner, heartbeat_at,
				  lease_expires_at)
				VALUES (?, 'test', 'abandoned.csv', 'PROCESSING', now() - interval '1 hour', 'gone',
				  now() - interval '1 hour', now() - interval '59 minutes')
				RETURNING id""", id);
		return id;
	}

}
