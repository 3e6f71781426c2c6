package dev.intake.upload;

import dev.intake.customer.VisibleUploads;

import org.springframework.stereotype.Component;

/** Entries are visible once their upload completed: never while processing or failed. */
@Component
class CompletedUploadsVisible implements VisibleUploads {

	@Override
	public String condition(String alias) {
		return alias + ".status IN " + UploadStatus.sqlListOfCompleted();
	}

}
