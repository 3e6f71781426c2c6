package dev.intake.upload.internal;

import dev.intake.upload.UploadStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadStatusUnitTests {

	@Test
	void spellsAStatusAsTheLiteralOfItsColumn() {
		assertThat(UploadStatus.PROCESSING.sql()).isEqualTo("'PROCESSING'");
		assertThat(UploadStatus.COMPLETED_WITH_ERRORS.sql()).isEqualTo("'COMPLETED_WITH_ERRORS'");
	}

	@Test
	void spellsStatusesAsAnInListInTheOrderGiven() {
		assertThat(UploadStatus.sqlList(UploadStatus.INTERRUPTED, UploadStatus.AWAITING_CONTENT))
			.isEqualTo("('INTERRUPTED', 'AWAITING_CONTENT')");
		assertThat(UploadStatus.sqlList(UploadStatus.FAILED)).isEqualTo("('FAILED')");
	}

	@Test
	void completedUploadsAreThoseWhoseEntriesAreVisible() {
		assertThat(UploadStatus.sqlListOfCompleted()).isEqualTo("('COMPLETED', 'COMPLETED_WITH_ERRORS')");
		assertThat(new CompletedUploadsVisible().condition("u"))
			.isEqualTo("u.status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS')");
	}

}
