package dev.intake.change.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.intake.system.DatabaseCalls;
import dev.intake.upload.ChangeCounts;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadCompleted;
import dev.intake.upload.UploadStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Compares an upload with the previous cycle in one set-based statement: stores which
 * customers are of which kind (for {@link ChangePages}) and the counts of each kind on
 * the upload, where its summary shows them.
 * <p>
 * Counting starts as soon as an upload completes, detached from the request that
 * completed it: the upload's answer does not wait for it, and a failure is only logged.
 * Whatever was not counted then is counted on first read by {@link #countsOf}. One upload
 * is counted at most once at a time per instance; counting twice gives the same counts.
 */
@Service
class ChangeCounting {

	private static final Logger log = LoggerFactory.getLogger(ChangeCounting.class);

	/** The previous upload must be of the same tenant as the compared one. */
	static final String SAME_TENANT = "AND p.tenant_id = t.tenant_id";

	/**
	 * The span of row numbers one chunk of {@code upload_change_rows} covers: chunk
	 * {@code n} holds the rows from {@code n * CHUNK} to {@code (n + 1) * CHUNK - 1}.
	 */
	static final int CHUNK = 1000;

	// One statement: find the previous upload, join both uploads' customers, store the
	// row
	// numbers of each kind in chunks, count each kind, store the counts. A full join of
	// two
	// uploads' keys, never a query per customer.
	static final String COUNT = """
			WITH target AS (
			  SELECT id, tenant_id, finished_at FROM uploads
			  WHERE id = :id AND status IN %7$s
			), previous AS (
			  SELECT p.id FROM uploads p, target t
			  WHERE p.status IN %7$s AND (p.finished_at, p.id) < (t.finished_at, t.id)
			    %1$s
			  ORDER BY p.finished_at DESC, p.id DESC
			  LIMIT 1
			), c AS (
			  %2$s
			), p AS (
			  %3$s
			), compared AS (
			  SELECT CASE WHEN p.row_number IS NULL THEN 'new' WHEN c.row_number IS NULL THEN 'missing'
			    WHEN %4$s THEN 'changed' ELSE 'unchanged' END AS kind,
			    coalesce(c.row_number, p.row_number) AS row_number
			  FROM c FULL JOIN p ON %5$s
			), stored AS (
			  INSERT INTO upload_change_rows (upload_id, kind, chunk, row_numbers)
			  SELECT (SELECT id FROM target), kind, row_number / %6$d, array_agg(row_number)
			  FROM compared
			  GROUP BY kind, row_number / %6$d
			  ON CONFLICT (upload_id, kind, chunk) DO UPDATE SET row_numbers = EXCLUDED.row_numbers
			  RETURNING kind, cardinality(row_numbers) AS n
			), kinds AS (
			  SELECT kind, sum(n) AS n FROM stored GROUP BY kind
			)
			UPDATE uploads u SET changes_previous_upload_id = (SELECT id FROM previous),
			  changes_new = coalesce((SELECT n FROM kinds WHERE kind = 'new'), 0),
			  changes_changed = coalesce((SELECT n FROM kinds WHERE kind = 'changed'), 0),
			  changes_unchanged = coalesce((SELECT n FROM kinds WHERE kind = 'unchanged'), 0),
			  changes_missing = coalesce((SELECT n FROM kinds WHERE kind = 'missing'), 0),
			  changes_computed_at = now()
			FROM target t
			WHERE u.id = t.id
			RETURNING u.changes_previous_upload_id, u.changes_new, u.changes_changed, u.changes_unchanged,
			  u.changes_missing""".formatted(SAME_TENANT, LatestEntries.of("(SELECT id FROM target)"),
			LatestEntries.of("(SELECT id FROM previous)"), ComparedFields.differ("c", "p"),
			LatestEntries.sameKey("c", "p"), CHUNK, UploadStatus.sqlListOfCompleted());

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final ChangeSettings settings;

	private final Map<UUID, Mono<ChangeCounts>> counting = new ConcurrentHashMap<>();

	ChangeCounting(DatabaseClient db, TransactionalOperator transactions, ChangeSettings settings) {
		this.db = db;
		this.transactions = transactions;
		this.settings = settings;
	}

	/**
	 * Emits the counts of a completed upload, counting them first if they are not stored
	 * yet; errors with {@link UploadNotCompleted} for an upload that is not completed.
	 */
	Mono<ChangeCounts> countsOf(Upload upload) {
		if (upload.status() != UploadStatus.COMPLETED && upload.status() != UploadStatus.COMPLETED_WITH_ERRORS) {
			return Mono.error(new UploadNotCompleted(upload));
		}
		if (upload.changes() != null) {
			return Mono.just(upload.changes());
		}
		return count(upload.id()).switchIfEmpty(Mono.error(() -> new UploadNotCompleted(upload)));
	}

	@EventListener
	void countWhenCompleted(UploadCompleted completed) {
		UUID id = completed.uploadId();
		count(id).subscribe((counts) -> log.debug("Counted the changes of upload {}", id),
				(ex) -> log.warn("Could not count the changes of upload {}; they are counted when first read", id, ex));
	}

	/** Counts and stores; empty if the upload is not completed. */
	Mono<ChangeCounts> count(UUID id) {
		return Mono.defer(() -> this.counting.computeIfAbsent(id,
				(key) -> countOnce(key).doFinally((signal) -> this.counting.remove(key)).cache()));
	}

	private Mono<ChangeCounts> countOnce(UUID id) {
		return this.db.sql("SELECT set_config('jit', 'off', true), set_config('work_mem', :workMem, true)")
			.bind("workMem", this.settings.countWorkMem())
			.then()
			.then(this.db.sql(COUNT).bind("id", id).map(ChangeCounts::of).one())
			.as(this.transactions::transactional)
			.as(DatabaseCalls::longRunning)
			.elapsed()
			.doOnNext((timed) -> log.info("Counted the changes of upload {} in {} ms: {}", id, timed.getT1(),
					timed.getT2()))
			.map(Tuple2::getT2);
	}

}
