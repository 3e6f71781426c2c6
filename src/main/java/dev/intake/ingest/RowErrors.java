package dev.intake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The row errors of uploads: written batch by batch during ingest, read page by page or
 * as one stream.
 * <p>
 * A rejected row's cells are stored once, with its first error ({@code seq} 0); its other
 * errors store none, and the stream hands each of them the first one's cells. So a row
 * with many errors costs its bytes once, in the statement that writes it and in storage.
 */
@Repository
public class RowErrors {

	private static final String INSERT = """
			INSERT INTO upload_row_errors (upload_id, row_number, seq, column_name, code, message, raw_row)
			SELECT :upload, t.row_number, t.seq, t.column_name, t.code, t.message, t.raw_row
			FROM unnest(:rows::bigint[], :seqs::int[], :columns::text[], :codes::text[], :messages::text[],
			  :raws::text[]) AS t(row_number, seq, column_name, code, message, raw_row)""";

	private static final String SELECT = """
			SELECT row_number, seq, column_name, code, message, %s AS raw_row FROM upload_row_errors
			""";

	/**
	 * Rows fetched from the database at a time while an error report streams: few, as
	 * each may carry a row of up to {@code intake.limits.max-record-length} characters.
	 */
	private static final int STREAM_FETCH_SIZE = 32;

	private final DatabaseClient db;

	private final RawRows rawRows;

	RowErrors(DatabaseClient db, RawRows rawRows) {
		this.db = db;
		this.rawRows = rawRows;
	}

	Mono<Void> writeAll(UUID uploadId, List<RejectedRow> rejected) {
		if (rejected.isEmpty()) {
			return Mono.empty();
		}
		Columns columns = new Columns();
		rejected.forEach((row) -> columns.add(row, this.rawRows.encode(row.raw())));
		return this.db.sql(INSERT)
			.bind("upload", uploadId)
			.bind("rows", columns.rows.toArray(Long[]::new))
			.bind("seqs", columns.seqs.toArray(Integer[]::new))
			.bind("columns", columns.columns.toArray(String[]::new))
			.bind("codes", columns.codes.toArray(String[]::new))
			.bind("messages", columns.messages.toArray(String[]::new))
			.bind("raws", columns.raws.toArray(String[]::new))
			.then();
	}

	/**
	 * Emits the errors of an upload after a cursor, in row order, at most {@code limit},
	 * without the rows' cells ({@code rawRow} is {@code null}): a page never reads them.
	 */
	public Flux<StoredRowError> page(UUID uploadId, RowErrorCursor after, int limit) {
		return this.db.sql(SELECT.formatted("NULL") + """
				WHERE upload_id = :upload AND (row_number, seq) > (:row, :seq)
				ORDER BY row_number, seq
				LIMIT :limit""")
			.bind("upload", uploadId)
			.bind("row", after.row())
			.bind("seq", after.seq())
			.bind("limit", limit)
			.map(RowErrors::error)
			.all();
	}

	/**
	 * Emits every error of an upload in row order, fetched from the database a few
	 * hundred at a time as the subscriber asks for them.
	 */
	public Flux<StoredRowError> all(UUID uploadId) {
		return Flux.defer(() -> {
			SameRow sameRow = new SameRow();
			return this.db.sql(SELECT.formatted("raw_row") + "WHERE upload_id = :upload ORDER BY row_number, seq")
				.bind("upload", uploadId)
				.filter((statement) -> statement.fetchSize(STREAM_FETCH_SIZE))
				.map(RowErrors::error)
				.all()
				.map(sameRow::withCells);
		});
	}

	private static StoredRowError error(Readable row) {
		return new StoredRowError(row.get("row_number", Long.class), row.get("seq", Integer.class),
				row.get("column_name", String.class), row.get("code", String.class), row.get("message", String.class),
				row.get("raw_row", String.class));
	}

	/**
	 * Hands the errors after a row's first one that row's cells, in a row-ordered stream.
	 */
	private static final class SameRow {

		private long row = -1;

		private String cells;

		StoredRowError withCells(StoredRowError error) {
			if (error.rawRow() != null) {
				this.row = error.row();
				this.cells = error.rawRow();
				return error;
			}
			String shared = (error.row() == this.row) ? this.cells : "";
			return new StoredRowError(error.row(), error.seq(), error.column(), error.code(), error.message(), shared);
		}

	}

	/**
	 * Row errors turned column-wise, to bind as arrays for {@code unnest}: the cells only
	 * with each row's first error.
	 */
	private static final class Columns {

		final List<Long> rows = new ArrayList<>();

		final List<Integer> seqs = new ArrayList<>();

		final List<String> columns = new ArrayList<>();

		final List<String> codes = new ArrayList<>();

		final List<String> messages = new ArrayList<>();

		final List<String> raws = new ArrayList<>();

		void add(RejectedRow row, String raw) {
			int seq = 0;
			for (RowError error : row.errors()) {
				this.rows.add(row.row());
				this.seqs.add(seq);
				this.columns.add(error.column());
				this.codes.add(error.code());
				this.messages.add(error.message());
				this.raws.add((seq == 0) ? raw : null);
				seq++;
			}
		}

	}

}
