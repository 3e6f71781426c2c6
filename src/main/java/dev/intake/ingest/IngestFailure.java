package dev.intake.ingest;

import java.util.Locale;
import java.util.Map;

/**
 * A fatal problem that ends an upload as {@code FAILED}: where it happened, a stable
 * machine code, and a message that is safe to show (it never holds row data).
 */
public class IngestFailure extends RuntimeException {

	private final Stage stage;

	private final String code;

	private final Map<String, Object> details;

	public IngestFailure(Stage stage, String code, String message, Throwable cause) {
		this(stage, code, message, cause, Map.of());
	}

	public IngestFailure(Stage stage, String code, String message, Throwable cause, Map<String, Object> details) {
		super(message, cause);
		this.stage = stage;
		this.code = code;
		this.details = Map.copyOf(details);
	}

	public IngestFailure(Stage stage, String code, String message) {
		this(stage, code, message, null);
	}

	static IngestFailure receive(Throwable cause) {
		return new IngestFailure(Stage.RECEIVE, "receive-failed", "The upload body could not be read to its end",
				cause);
	}

	public Stage stage() {
		return this.stage;
	}

	public String code() {
		return this.code;
	}

	/** Facts that help the client fix the problem, such as the missing columns' names. */
	public Map<String, Object> details() {
		return this.details;
	}

	/** Where in the life of an upload a fatal problem happened. */
	public enum Stage {

		RECEIVE, HEADER, PARSE, WRITE, FINALIZE, RECOVERY;

		/** The lower-case name used in the API and the database. */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
