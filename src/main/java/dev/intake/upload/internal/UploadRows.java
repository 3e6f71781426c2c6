package dev.intake.upload.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.intake.upload.ChangeCounts;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import io.r2dbc.spi.Readable;

/**
 * How the repositories of the {@code uploads} table read its rows: the columns a summary
 * shows, and the mapping of a row to an {@link Upload}.
 */
public final class UploadRows {

	/**
	 * An upload's columns as summaries show them: never the header, and only the first
	 * unknown columns, each cut a character past {@link ShownColumns#MAX_NAME_LENGTH} (so
	 * {@link ShownColumns} sees which were longer), with their count.
	 */
	public static final String COLUMNS = """
			id, filename, status, rows_total, rows_succeeded, rows_failed, bytes_received,
			ARRAY(SELECT left(u.name, %d) FROM unnest(unknown_columns[1 : %d]) WITH ORDINALITY AS u(name, at)
			  ORDER BY u.at) AS unknown_columns_shown, cardinality(unknown_columns) AS unknown_columns_count,
			error_stage, error_code, error_message, created_at, started_at, finished_at, changes_previous_upload_id,
			changes_new, changes_changed, changes_unchanged, changes_missing, changes_computed_at"""
		.formatted(ShownColumns.MAX_NAME_LENGTH + 1, ShownColumns.MAX_SHOWN);

	static final String RETURNING = " RETURNING " + COLUMNS;

	private UploadRows() {
	}

	public static Upload upload(Readable row) {
		String stage = row.get("error_stage", String.class);
		UploadError error = (stage != null)
				? new UploadError(stage, row.get("error_code", String.class), row.get("error_message", String.class))
				: null;
		return new Upload(row.get("id", UUID.class), row.get("filename", String.class),
				UploadStatus.valueOf(row.get("status", String.class)), row.get("rows_total", Long.class),
				row.get("rows_succeeded", Long.class), row.get("rows_failed", Long.class),
				row.get("bytes_received", Long.class),
				ShownColumns.of(list(row.get("unknown_columns_shown", String[].class)),
						row.get("unknown_columns_count", Integer.class)),
				error, instant(row.get("created_at", OffsetDateTime.class)),
				instant(row.get("started_at", OffsetDateTime.class)),
				instant(row.get("finished_at", OffsetDateTime.class)), changes(row));
	}

	private static ChangeCounts changes(Readable row) {
		if (row.get("changes_computed_at", OffsetDateTime.class) == null) {
			return null;
		}
		return ChangeCounts.of(row);
	}

	static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	public static List<String> list(String[] values) {
		return (values != null) ? Arrays.asList(values) : List.of();
	}

	public static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
