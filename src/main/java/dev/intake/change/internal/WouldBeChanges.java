package dev.intake.change.internal;

import java.util.UUID;

import dev.intake.upload.ChangeCounts;
import dev.intake.upload.CycleComparison;
import dev.intake.upload.UploadStatus;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The changes an upload being validated would make against the previous completed upload
 * of its tenant, counted in one statement over its unpublished table, with the same
 * definitions of a customer and of {@code changed} as {@link ChangeCounting}; nothing is
 * stored per customer, since the rows are dropped.
 */
@Component
class WouldBeChanges implements CycleComparison {

	private static final String COUNT = """
			WITH previous AS (
			  SELECT p.id FROM uploads p, uploads t
			  WHERE t.id = :id AND p.status IN %6$s %1$s
			  ORDER BY p.finished_at DESC, p.id DESC
			  LIMIT 1
			), c AS (
			  %2$s
			), p AS (
			  %3$s
			), compared AS (
			  SELECT CASE WHEN p.row_number IS NULL THEN 'new' WHEN c.row_number IS NULL THEN 'missing'
			    WHEN %4$s THEN 'changed' ELSE 'unchanged' END AS kind
			  FROM c FULL JOIN p ON %5$s
			)
			SELECT (SELECT id FROM previous) AS previous_upload_id,
			  count(*) FILTER (WHERE kind = 'new') AS new_count, count(*) FILTER (WHERE kind = 'changed') AS changed,
			  count(*) FILTER (WHERE kind = 'unchanged') AS unchanged, count(*) FILTER (WHERE kind = 'missing') AS missing
			FROM compared""";

	private final DatabaseClient db;

	private final ChangeSettings settings;

	WouldBeChanges(DatabaseClient db, ChangeSettings settings) {
		this.db = db;
		this.settings = settings;
	}

	@Override
	public Mono<ChangeCounts> wouldChange(UUID uploadId, String table) {
		String count = COUNT.formatted(ChangeCounting.SAME_TENANT, LatestEntries.of(table, ":id"),
				LatestEntries.of("customers", "(SELECT id FROM previous)"), ComparedFields.differ("c", "p"),
				LatestEntries.sameKey("c", "p"), UploadStatus.sqlListOfCompleted());
		return this.db.sql("SELECT set_config('jit', 'off', true), set_config('work_mem', :workMem, true)")
			.bind("workMem", this.settings.countWorkMem())
			.then()
			.then(this.db.sql(count)
				.bind("id", uploadId)
				.map((row) -> new ChangeCounts(row.get("previous_upload_id", UUID.class),
						row.get("new_count", Long.class), row.get("changed", Long.class),
						row.get("unchanged", Long.class), row.get("missing", Long.class)))
				.one());
	}

}
