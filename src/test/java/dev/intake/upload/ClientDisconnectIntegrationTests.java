package dev.intake.upload;

import java.util.Map;
import java.util.UUID;

import dev.intake.testing.FaultTest;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.Invariants;
import dev.intake.testing.Sql;
import dev.intake.testing.StoredUploads;
import dev.intake.testing.StreamingUpload;
import dev.intake.testing.TestFilenames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client sends part of a CSV body over a real socket, waits until Intake has committed
 * batches of it, and then vanishes with a TCP reset.
 */
@FaultTest
class ClientDisconnectIntegrationTests {

	static final int ROWS = 20_000;

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "at {0}% of the body")
	@ValueSource(ints = { 10, 50, 90 })
	void failsTheUploadAndRemovesItsRowsWhenTheClientDisconnects(int percent) {
		String filename = TestFilenames.unique("disconnect-" + percent + "-");
		try (StreamingUpload upload = StreamingUpload.post(this.port, filename, GeneratedCsv.of(ROWS, 1000).bytes())) {
			upload.sendUpTo(percent / 100.0);
			disconnectOnceRowsAreStored(upload, filename);
		}
		Map<String, Object> failed = StoredUploads.awaitFailed(filename);
		assertThat(failed).containsEntry("error_stage", "receive").containsEntry("error_code", "client-disconnected");
		assertThat(Sql.entriesOf(failed.get("id"))).as("partial rows cleaned up").isZero();
		Invariants.assertHold();
	}

	private static void disconnectOnceRowsAreStored(StreamingUpload upload, String filename) {
		StoredUploads.awaitFirstBatch(filename, "batches committed before the disconnect");
		UUID id = (UUID) Sql.uploadNamed(filename).get("id");
		assertThat(Sql.entriesOf(id)).as("rows stored before the disconnect").isPositive();

		upload.disconnect();
	}

}
