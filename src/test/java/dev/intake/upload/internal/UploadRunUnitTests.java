package dev.intake.upload.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.ingest.Piece;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadRunUnitTests {

	private static final TenantId TENANT = new TenantId("unit");

	@Test
	void committedBatchGivesWhatItAdded() {
		UploadRun run = new UploadRun(TENANT, processing(), null);

		assertThat(run.committed(new BatchWritten(100, 90, 10))).isEqualTo(new BatchWritten(100, 90, 10));
		assertThat(run.committed(new BatchWritten(250, 230, 20))).isEqualTo(new BatchWritten(150, 140, 10));
	}

	@Test
	void aPieceAddsToTheTotalsItResumedFrom() {
		Piece piece = new Piece(4096, 300, List.of("full_name"), new BatchWritten(300, 280, 20), false);
		UploadRun run = new UploadRun(TENANT, processing(), null, piece, UUID.randomUUID());

		assertThat(run.committed(new BatchWritten(400, 370, 30))).isEqualTo(new BatchWritten(100, 90, 10));
	}

	private static Upload processing() {
		return new Upload(UUID.randomUUID(), "unit.csv", UploadStatus.PROCESSING, 0, 0, 0, 0, ShownColumns.NONE, null,
				Instant.now(), Instant.now(), null, null);
	}

}
