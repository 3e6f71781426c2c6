package dev.intake.upload;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where an upload is in its life: {@code AWAITING_CONTENT → PROCESSING → a final state}.
 * An upload whose content comes in pieces ({@code PATCH .../content}) is
 * {@code INTERRUPTED} between them, and when a piece's connection is lost: not final, not
 * processing (it does not count against the concurrent uploads), nothing of it visible;
 * it goes back to {@code PROCESSING} with the next piece, or is failed once
 * {@code intake.uploads.interrupted-retention} passes. {@code VALIDATED} is the final
 * state of an upload sent only to be checked ({@code mode=validate}): its rows were
 * decoded, mapped, validated and compared with the previous cycle, but none became a
 * customer entry and it never counts as a cycle.
 * <p>
 * Statuses are spelled in SQL only through {@link #sql()} and {@link #sqlList}, so a
 * status is renamed or added here alone.
 */
public enum UploadStatus {

	AWAITING_CONTENT, PROCESSING, INTERRUPTED, COMPLETED, COMPLETED_WITH_ERRORS, VALIDATED, FAILED;

	public boolean isFinal() {
		return this == COMPLETED || this == COMPLETED_WITH_ERRORS || this == VALIDATED || this == FAILED;
	}

	/** This status as an SQL literal of the {@code uploads.status} column. */
	public String sql() {
		return "'" + name() + "'";
	}

	/**
	 * The statuses of a completed upload, whose entries are visible and which counts as a
	 * cycle, as the parenthesised list of an SQL {@code IN}.
	 */
	public static String sqlListOfCompleted() {
		return sqlList(COMPLETED, COMPLETED_WITH_ERRORS);
	}

	/**
	 * The statuses as the parenthesised list of an SQL {@code IN}, in the order given.
	 */
	public static String sqlList(UploadStatus... statuses) {
		return Arrays.stream(statuses).map(UploadStatus::sql).collect(Collectors.joining(", ", "(", ")"));
	}

}
