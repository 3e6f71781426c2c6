package dev.intake.upload.internal;

import java.util.Map;

import dev.intake.ingest.IngestFailure;

/**
 * A fatal problem that ends an upload as {@code FAILED}: the stage where it happened, a
 * stable machine code, and a message that is safe to show (it never holds row data). The
 * pipeline's failures ({@link IngestFailure}) keep their stage, code, message and
 * details.
 */
public final class UploadFailure extends RuntimeException {

	private final UploadStage stage;

	private final String code;

	private final Map<String, Object> details;

	UploadFailure(UploadStage stage, String code, String message, Throwable cause, Map<String, Object> details) {
		super(message, cause);
		this.stage = stage;
		this.code = code;
		this.details = Map.copyOf(details);
	}

	UploadFailure(UploadStage stage, String code, String message, Throwable cause) {
		this(stage, code, message, cause, Map.of());
	}

	UploadFailure(UploadStage stage, String code, String message) {
		this(stage, code, message, null);
	}

	/**
	 * The pipeline's failure as the upload's, with its stage, code, message and details.
	 */
	static UploadFailure of(IngestFailure failure) {
		return new UploadFailure(UploadStage.of(failure.stage()), failure.code(), failure.getMessage(), failure,
				failure.details());
	}

	public UploadStage stage() {
		return this.stage;
	}

	public String code() {
		return this.code;
	}

	/** Facts that help the client fix the problem, such as the missing columns' names. */
	public Map<String, Object> details() {
		return this.details;
	}

}
