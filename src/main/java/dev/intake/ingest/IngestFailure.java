package dev.intake.ingest;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import reactor.netty.channel.AbortedException;

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
		if (isDisconnect(cause)) {
			return clientDisconnected(cause);
		}
		return new IngestFailure(Stage.RECEIVE, "receive-failed", "The upload body could not be read to its end",
				cause);
	}

	/**
	 * A database error while an upload's rows or progress were being stored, as a failure
	 * of stage {@code write} coded by its SQLSTATE class.
	 */
	public static IngestFailure write(Throwable cause) {
		return (cause instanceof IngestFailure failure) ? failure : WriteFailures.of(cause);
	}

	/** The client went away before the whole body arrived. */
	public static IngestFailure clientDisconnected(Throwable cause) {
		return new IngestFailure(Stage.RECEIVE, "client-disconnected",
				"The client disconnected before the upload was complete", cause);
	}

	/** The connection was closed or reset under the body being read. */
	private static boolean isDisconnect(Throwable cause) {
		for (Throwable ex = cause; ex != null; ex = ex.getCause()) {
			if (ex instanceof AbortedException || ex instanceof IOException) {
				return true;
			}
		}
		return false;
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

	/**
	 * Where in the pipeline a fatal problem happened; the upload's own stages (completing
	 * it, recovering it) are the upload module's.
	 */
	public enum Stage {

		RECEIVE, HEADER, PARSE, WRITE;

		/** The lower-case name used in the API and the database. */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
