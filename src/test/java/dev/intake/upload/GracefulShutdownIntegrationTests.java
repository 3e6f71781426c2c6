package dev.intake.upload;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.intake.testing.FaultTest;
import dev.intake.testing.InProcessIntake;
import dev.intake.testing.Invariants;
import dev.intake.testing.Sql;
import dev.intake.testing.StreamingUpload;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.Timeouts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance of its own is shut down (as on SIGTERM) while an upload streams into it.
 */
class GracefulShutdownIntegrationTests {

	@Test
	void letsAnUploadInFlightFinishWithinTheShutdownTimeout() throws Exception {
		InProcessIntake intake = start("30s");
		String filename = TestFilenames.unique("finishes-on-shutdown-");
		String response;
		try (StreamingUpload upload = StreamingUpload.postUntilFirstBatch(intake.port(), filename,
				"batches committed before the shutdown")) {
			CompletableFuture<Void> shutdown = CompletableFuture.runAsync(intake::close);
			await().atMost(Timeouts.PATIENCE)
				.alias("new connections refused")
				.until(() -> refusesConnections(intake.port()));
			response = upload.finish();
			shutdown.get(Timeouts.PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}

		assertThat(response).startsWith("HTTP/1.1 201");
		assertThat(Sql.uploadNamed(filename)).containsEntry("status", "COMPLETED_WITH_ERRORS")
			.containsEntry("rows_succeeded", 19_980L);
		Invariants.assertHold();
	}

	@Test
	void failsAnUploadStillInFlightWhenTheShutdownTimeoutIsOver() {
		InProcessIntake intake = start("1s");
		String filename = TestFilenames.unique("cut-by-shutdown-");
		try (StreamingUpload upload = StreamingUpload.postUntilFirstBatch(intake.port(), filename,
				"batches committed before the shutdown")) {
			intake.close();
		}

		Map<String, Object> failed = Sql.uploadNamed(filename);
		assertThat(failed).as("failed before the instance was down")
			.containsEntry("status", "FAILED")
			.containsEntry("error_stage", "receive")
			.containsEntry("error_code", "shutdown");
		assertThat(Sql.entriesOf(failed.get("id"))).as("its rows, removed").isZero();
		Invariants.assertHold();
	}

	private static InProcessIntake start(String shutdownTimeout) {
		return InProcessIntake.start(Map.of("spring.lifecycle.timeout-per-shutdown-phase", shutdownTimeout,
				"intake.ingest.batch-size", "" + FaultTest.BATCH_SIZE));
	}

	private static boolean refusesConnections(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
