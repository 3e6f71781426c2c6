package dev.intake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of an upload that may repeat an earlier row of its file, kept with their raw
 * row while the upload is written, so the real repeats can become {@code duplicate-row}
 * errors at completion without keeping every row's raw text.
 */
@Repository
class DuplicateCandidates {

	private static final String INSERT = """
			INSERT INTO upload_duplicate_candidates (upload_id, row_number, fingerprint, raw_row)
			SELECT :upload, t.row_number, t.fingerprint, t.raw_row
			FROM unnest(:rows::bigint[], :fingerprints::uuid[], :raws::text[]) AS t(row_number, fingerprint, raw_row)""";

	/** Repeats read back at a time while their row errors are written. */
	private static final int PAGE = 1000;

	private final DatabaseClient db;

	private final RawRows rawRows;

	DuplicateCandidates(DatabaseClient db, RawRows rawRows) {
		this.db = db;
		this.rawRows = rawRows;
	}

	Mono<Void> writeAll(UUID uploadId, List<AcceptedRow> candidates) {
		if (candidates.isEmpty()) {
			return Mono.empty();
		}
		int size = candidates.size();
		Long[] rows = new Long[size];
		UUID[] fingerprints = new UUID[size];
		String[] raws = new String[size];
		for (int i = 0; i < size; i++) {
			AcceptedRow row = candidates.get(i);
			rows[i] = row.row();
			fingerprints[i] = row.entry().fingerprint();
			raws[i] = this.rawRows.encode(row.raw());
		}
		return this.db.sql(INSERT)
			.bind("upload", uploadId)
			.bind("rows", rows)
			.bind("fingerprints", fingerprints)
			.bind("raws", raws)
			.then();
	}

	/**
	 * As {@link #deleteRepeats}, with no search at all when there is no candidate.
	 */
	Mono<Long> removeRepeats(UUID uploadId, String table) {
		return count(uploadId)
			.flatMap((candidates) -> (candidates == 0) ? Mono.just(0L) : deleteRepeats(uploadId, table));
	}

	/** Emits how many rows of the upload may repeat an earlier one. */
	Mono<Long> count(UUID uploadId) {
		return this.db.sql("SELECT count(*) AS n FROM upload_duplicate_candidates WHERE upload_id = :upload")
			.bind("upload", uploadId)
			.map((row) -> row.get("n", Long.class))
			.one();
	}

	/**
	 * Deletes from the upload's table ({@code table}) every row whose fingerprint an
	 * earlier row of the file has, among the candidates, set-based; marks them repeated
	 * and emits how many there were.
	 */
	Mono<Long> deleteRepeats(UUID uploadId, String table) {
		return this.db.sql("""
				WITH repeats AS (
				  SELECT r.row_number FROM (
				    SELECT row_number, row_number() OVER (PARTITION BY fingerprint ORDER BY row_number) AS nth
				    FROM %1$s
				    WHERE fingerprint IN (SELECT fingerprint FROM upload_duplicate_candidates WHERE upload_id = :upload)
				  ) r
				  WHERE r.nth > 1
				), removed AS (
				  DELETE FROM %1$s t USING repeats r WHERE t.row_number = r.row_number RETURNING t.row_number
				)
				UPDATE upload_duplicate_candidates c SET repeated = true
				FROM removed r
				WHERE c.upload_id = :upload AND c.row_number = r.row_number""".formatted(table))
			.bind("upload", uploadId)
			.fetch()
			.rowsUpdated();
	}

	/** Emits the rows found repeated, in row order, a page at a time. */
	Flux<List<RejectedRow>> repeats(UUID uploadId) {
		return page(uploadId, 0)
			.expand((rows) -> (rows.size() < PAGE) ? Mono.empty() : page(uploadId, rows.get(rows.size() - 1).row()))
			.filter((rows) -> !rows.isEmpty());
	}

	private Mono<List<RejectedRow>> page(UUID uploadId, long afterRow) {
		return this.db.sql("""
				SELECT row_number, raw_row FROM upload_duplicate_candidates
				WHERE upload_id = :upload AND repeated AND row_number > :after
				ORDER BY row_number
				LIMIT :limit""")
			.bind("upload", uploadId)
			.bind("after", afterRow)
			.bind("limit", PAGE)
			.map((row) -> duplicate(row.get("row_number", Long.class), row.get("raw_row", String.class)))
			.all()
			.collect(ArrayList::new, List::add);
	}

	private RejectedRow duplicate(long row, String raw) {
		RowError error = new RowError(row, null, "duplicate-row",
				"This row repeats an earlier row of the same file; only the first one is kept");
		return new RejectedRow(row, List.of(error), this.rawRows.decode(raw));
	}

	Mono<Void> deleteAll(UUID uploadId) {
		return this.db.sql("DELETE FROM upload_duplicate_candidates WHERE upload_id = :upload")
			.bind("upload", uploadId)
			.then();
	}

}
