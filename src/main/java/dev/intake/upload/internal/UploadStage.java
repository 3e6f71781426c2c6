package dev.intake.upload.internal;

import java.util.Locale;

import dev.intake.ingest.IngestFailure;

/**
 * Where in the life of an upload a fatal problem happened: one of the ingest pipeline's
 * stages, or one of the upload's own: {@code finalize} (completing it) and
 * {@code recovery} (its instance stopped).
 */
public enum UploadStage {

	RECEIVE, HEADER, PARSE, WRITE, FINALIZE, RECOVERY;

	/** The lower-case name used in the API and the database. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	static UploadStage of(IngestFailure.Stage stage) {
		return switch (stage) {
			case RECEIVE -> RECEIVE;
			case HEADER -> HEADER;
			case PARSE -> PARSE;
			case WRITE -> WRITE;
		};
	}

}
