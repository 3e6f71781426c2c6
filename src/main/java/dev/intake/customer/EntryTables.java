package dev.intake.customer;

import java.util.UUID;

import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The table of each upload's entries: created without indexes when the upload starts, so
 * rows stream in at the cost of the upload alone; at completion indexed in one sorted
 * pass and attached to {@code customers} as the partition of its upload; dropped whole
 * when the upload does not complete.
 * <p>
 * The table carries a {@code CHECK} of its upload id from the start, which PostgreSQL
 * takes as proof of the partition bound: attaching it scans nothing.
 */
@Repository
public class EntryTables {

	private static final String PREFIX = "customers_";

	private static final String UNIQUE_VIOLATION = "23505";

	private final DatabaseClient db;

	private final EntrySettings settings;

	EntryTables(DatabaseClient db, EntrySettings settings) {
		this.db = db;
		this.settings = settings;
	}

	/** The name of an upload's own table, in SQL: {@code customers_<32 hex digits>}. */
	public static String tableOf(UUID uploadId) {
		return PREFIX + uploadId.toString().replace("-", "");
	}

	/** Emits the uploads whose table exists but is not attached to {@code customers}. */
	public Flux<UUID> unattached() {
		return this.db.sql("""
				SELECT relname FROM pg_class
				WHERE relkind = 'r' AND NOT relispartition AND relname ~ '^customers_[0-9a-f]{32}$'""")
			.map((row) -> uploadOf(row.get("relname", String.class)))
			.all();
	}

	private static UUID uploadOf(String table) {
		String hex = table.substring(PREFIX.length());
		return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
				Long.parseUnsignedLong(hex.substring(16), 16));
	}

	/**
	 * Emits the fingerprint of every entry in the upload's own table, unattached, in no
	 * order; errors if the table does not exist.
	 */
	public Flux<UUID> fingerprints(UUID uploadId) {
		return this.db.sql("SELECT fingerprint FROM " + tableOf(uploadId))
			.map((row) -> row.get("fingerprint", UUID.class))
			.all();
	}

	/**
	 * Creates the upload's table, empty and without indexes; does nothing if it exists.
	 */
	public Mono<Void> create(UUID uploadId) {
		String table = tableOf(uploadId);
		return this.db
			.sql("""
					CREATE TABLE IF NOT EXISTS %1$s (LIKE customers INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
					  CONSTRAINT %1$s_upload CHECK (upload_id IS NOT NULL AND upload_id = '%2$s'::uuid))"""
				.formatted(table, uploadId))
			.then();
	}

	/**
	 * Builds the table's indexes and attaches it as the upload's partition of
	 * {@code customers}, in the caller's transaction: its rows become visible when that
	 * commits, together with the upload's status. Errors if the table is gone (the upload
	 * was failed meanwhile).
	 * <p>
	 * With {@code removeRepeats}, the table may hold rows that repeat an earlier row of
	 * the file: the unique fingerprint index is tried first, behind a savepoint, and only
	 * if it finds a repeat is the savepoint rolled back, {@code removeRepeats} run and
	 * the index built again. A file without repeats, the usual case, pays for no search.
	 * @param uploadId the upload
	 * @param removeRepeats removes the rows that repeat an earlier one, or {@code null}
	 * when the table cannot hold any
	 * @return completes once the table is attached
	 */
	public Mono<Void> attach(UUID uploadId, Mono<Void> removeRepeats) {
		String table = tableOf(uploadId);
		PartitionIndexes indexes = PartitionIndexes.of(table);
		return this.db.sql("SELECT set_config('maintenance_work_mem', :memory, true)")
			.bind("memory", this.settings.indexBuildMemory())
			.then()
			.then(run(indexes.primaryKey()))
			.then((removeRepeats != null) ? uniqueUnlessRepeated(indexes.uniqueFingerprint(), removeRepeats)
					: run(indexes.uniqueFingerprint()))
			.then(run(indexes.phone()))
			.then(run("ALTER TABLE customers ATTACH PARTITION %s FOR VALUES IN ('%s')".formatted(table, uploadId)));
	}

	private Mono<Void> uniqueUnlessRepeated(String uniqueIndex, Mono<Void> removeRepeats) {
		return run("SAVEPOINT unique_fingerprints").then(run(uniqueIndex))
			.onErrorResume(EntryTables::isUniqueViolation,
					(repeated) -> run("ROLLBACK TO SAVEPOINT unique_fingerprints").then(removeRepeats)
						.then(run(uniqueIndex)));
	}

	private Mono<Void> run(String sql) {
		return this.db.sql(sql).then();
	}

	private static boolean isUniqueViolation(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException db && UNIQUE_VIOLATION.equals(db.getSqlState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Drops the upload's table unless it is attached (its upload completed); O(1) however
	 * many rows it holds.
	 */
	public Mono<Void> drop(UUID uploadId) {
		return this.db.sql("""
				SELECT c.relname FROM pg_class c
				WHERE c.relname = :table AND c.relkind = 'r' AND NOT c.relispartition""")
			.bind("table", tableOf(uploadId))
			.map((row) -> row.get("relname", String.class))
			.all()
			.concatMap((table) -> this.db.sql("DROP TABLE IF EXISTS " + table).then())
			.then();
	}

}
