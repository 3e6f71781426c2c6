package dev.intake.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What must hold in the database of {@link Services} after any fault, checked over JDBC
 * straight against PostgreSQL, whatever the application says:
 * <ul>
 * <li>every upload that started processing ends in a final state (within a bounded
 * wait);</li>
 * <li>no two entries have the same (upload, row);</li>
 * <li>a completed upload has exactly its {@code rows_succeeded} entries, and an upload
 * that did not complete has none, so the visible entries are exactly the accepted rows of
 * the completed uploads;</li>
 * <li>no entry belongs to no upload;</li>
 * <li>no upload that ended has a table of its own rows left that is not a partition of
 * {@code customers} (failing an upload drops it; an interrupted one keeps it for its next
 * piece).</li>
 * </ul>
 * Run {@link #assertHold()} at the end of every fault test.
 */
public final class Invariants {

	private Invariants() {
	}

	/** Waits up to a minute for every upload to end, then checks the rest. */
	public static void assertHold() {
		assertHold(Timeouts.PATIENCE);
	}

	public static void assertHold(Duration patience) {
		try {
			await().atMost(patience)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> rows("SELECT id FROM uploads WHERE status = 'PROCESSING'").isEmpty());
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(
					"Uploads still PROCESSING after " + patience + ": "
							+ rows("SELECT id, lease_owner, heartbeat_at FROM uploads WHERE status = 'PROCESSING'"),
					ex);
		}
		assertThat(rows("""
				SELECT upload_id, row_number, count(*) FROM customers
				GROUP BY upload_id, row_number HAVING count(*) > 1 LIMIT 10"""))
			.as("entries with the same (upload, row)")
			.isEmpty();
		assertThat(rows("""
				SELECT u.id, u.status, u.rows_succeeded, count(c.upload_id) AS entries
				FROM uploads u LEFT JOIN customers c ON c.upload_id = u.id
				GROUP BY u.id, u.status, u.rows_succeeded
				HAVING count(c.upload_id) <> CASE WHEN u.status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS')
				  THEN u.rows_succeeded ELSE 0 END
				LIMIT 10""")).as("uploads whose entries are not exactly their accepted rows (none unless completed)")
			.isEmpty();
		assertThat(rows("""
				SELECT c.upload_id, count(*) FROM customers c
				WHERE NOT EXISTS (SELECT 1 FROM uploads u WHERE u.id = c.upload_id)
				GROUP BY c.upload_id LIMIT 10""")).as("entries of no upload").isEmpty();
		assertThat(rows("""
				SELECT (SELECT count(*) FROM customers c JOIN uploads u ON u.id = c.upload_id
				          AND u.status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS')) AS visible,
				       (SELECT COALESCE(sum(rows_succeeded), 0) FROM uploads
				          WHERE status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS')) AS accepted
				WHERE (SELECT count(*) FROM customers c JOIN uploads u ON u.id = c.upload_id
				          AND u.status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS'))
				   <> (SELECT COALESCE(sum(rows_succeeded), 0) FROM uploads
				          WHERE status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS'))"""))
			.as("visible entries against accepted rows of completed uploads")
			.isEmpty();
		// A batch that was in flight when its upload failed may leave a table; the
		// recovery
		// sweeper drops it at its next sweep.
		await().atMost(patience).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(rows("""
				SELECT c.relname, u.status FROM pg_class c
				LEFT JOIN uploads u ON c.relname = 'customers_' || replace(u.id::text, '-', '')
				WHERE c.relkind = 'r' AND NOT c.relispartition AND c.relname ~ '^customers_[0-9a-f]{32}$'
				  AND (u.id IS NULL OR u.status NOT IN ('PROCESSING', 'INTERRUPTED'))
				LIMIT 10""")).as("tables of rows of uploads that ended, left behind").isEmpty());
	}

	private static List<Map<String, Object>> rows(String sql) {
		return Sql.rows(sql);
	}

}
