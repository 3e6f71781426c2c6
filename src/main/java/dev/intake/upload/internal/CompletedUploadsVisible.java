package dev.intake.upload.internal;

import dev.intake.customer.VisibleUploads;
import dev.intake.upload.UploadStatus;

import org.springframework.stereotype.Component;

/** Entries are visible once their upload completed: never while processing or failed. */
@Component
class CompletedUploadsVisible implements VisibleUploads {

	@Override
	public String condition(String alias) {
		return alias + ".status IN " + UploadStatus.sqlListOfCompleted();
	}

}
