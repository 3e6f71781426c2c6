package dev.intake.change.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * Reads an upload's customers of one kind in row order, from the row numbers
 * {@link ChangeCounting} stored: a read costs about the number of customers read,
 * wherever they are in the upload. Each customer of this upload is looked up in the
 * previous one through the {@code (primary_phone, upload_id)} index, to show what
 * changed.
 */
@Repository
class Changes {

	// Chunks of a kind's row numbers, in order, from one chunk on.
	private static final String CHUNKS = """
			SELECT chunk, row_numbers FROM upload_change_rows
			WHERE upload_id = :upload AND kind = :kind AND chunk >= :fromChunk
			ORDER BY chunk
			LIMIT :chunks""";

	// The customers of the row numbers :rows, in row order.
	private static final String PICKED = """
			WITH picked AS (
			  SELECT unnest(CAST(:rows AS bigint[])) AS row_number
			)
			""";

	static final String IN_THIS_UPLOAD = PICKED + """
			SELECT c.primary_phone, c.loan_account, c.row_number AS c_row_number, %s,
			  p.row_number AS p_row_number, %s,
			  CASE WHEN p.row_number IS NULL THEN CAST('{}' AS text[]) ELSE %s END AS fields
			FROM picked x
			JOIN customers c ON c.upload_id = :upload AND c.row_number = x.row_number
			LEFT JOIN LATERAL (
			  SELECT * FROM customers p
			  WHERE p.upload_id = :previous AND %s
			  ORDER BY p.row_number DESC
			  LIMIT 1
			) p ON true
			ORDER BY x.row_number""".formatted(ComparedFields.select("c", "c_"), ComparedFields.select("p", "p_"),
			ComparedFields.changed("c", "p"), LatestEntries.sameCustomer("p", "c"));

	static final String MISSING = PICKED + """
			SELECT p.primary_phone, p.loan_account, p.row_number AS p_row_number, %s
			FROM picked x
			JOIN customers p ON p.upload_id = :previous AND p.row_number = x.row_number
			ORDER BY x.row_number""".formatted(ComparedFields.select("p", "p_"));

	private final DatabaseClient db;

	Changes(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Emits the first {@code count} customers of one kind whose row is after
	 * {@code afterRow}, in row order: rows of this upload, or for missing customers rows
	 * of the previous one.
	 * @param previous the previous upload, or {@code null} when there is none
	 */
	Flux<Change> of(UUID upload, UUID previous, ChangeKind kind, long afterRow, int count) {
		return rowNumbers(upload, kind, new RowNumbers(afterRow, count), afterRow / ChangeCounting.CHUNK, 1)
			.flatMapMany((rows) -> customers(upload, previous, kind, rows));
	}

	// Reads chunks in order, twice as many each time, until enough row numbers are found:
	// one chunk for a page of a common kind, a few reads for a rare one.
	private Mono<List<Long>> rowNumbers(UUID upload, ChangeKind kind, RowNumbers found, long fromChunk, int chunks) {
		return this.db.sql(CHUNKS)
			.bind("upload", upload)
			.bind("kind", kind.label())
			.bind("fromChunk", fromChunk)
			.bind("chunks", chunks)
			.map((row) -> new Chunk(row.get("chunk", Long.class), row.get("row_numbers", Long[].class)))
			.all()
			.collectList()
			.flatMap((read) -> {
				read.forEach((chunk) -> found.add(chunk.rowNumbers()));
				if (found.isComplete() || read.size() < chunks) {
					return Mono.just(found.rows());
				}
				return rowNumbers(upload, kind, found, read.get(read.size() - 1).chunk() + 1, chunks * 2);
			});
	}

	private Flux<Change> customers(UUID upload, UUID previous, ChangeKind kind, List<Long> rows) {
		if (rows.isEmpty()) {
			return Flux.empty();
		}
		GenericExecuteSpec query = kind.isInThisUpload() ? this.db.sql(IN_THIS_UPLOAD).bind("upload", upload)
				: this.db.sql(MISSING);
		query = query.bind("rows", rows.toArray(Long[]::new));
		query = (previous != null) ? query.bind("previous", previous) : query.bindNull("previous", UUID.class);
		return query.map((row) -> kind.isInThisUpload() ? inThisUpload(kind, row) : missing(row)).all();
	}

	private static Change inThisUpload(ChangeKind kind, Readable row) {
		CycleEntry current = entry(row, "c_");
		CycleEntry previous = (row.get("p_row_number", Long.class) != null) ? entry(row, "p_") : null;
		return Change.of(kind, row.get("primary_phone", String.class), row.get("loan_account", String.class), current,
				previous, Arrays.asList(row.get("fields", String[].class)));
	}

	private static Change missing(Readable row) {
		return Change.of(ChangeKind.MISSING, row.get("primary_phone", String.class),
				row.get("loan_account", String.class), null, entry(row, "p_"), List.of());
	}

	private static CycleEntry entry(Readable row, String prefix) {
		return new CycleEntry(row.get(prefix + "row_number", Long.class), row.get(prefix + "full_name", String.class),
				row.get(prefix + "amount_due", BigDecimal.class), row.get(prefix + "due_date", LocalDate.class),
				row.get(prefix + "state", String.class), row.get(prefix + "preferred_language", String.class),
				row.get(prefix + "email", String.class));
	}

	/** One stored chunk: some row numbers of one kind, in no particular order. */
	private record Chunk(long chunk, Long[] rowNumbers) {

	}

	/** The row numbers found so far: the first {@code count} after a row, in order. */
	private static final class RowNumbers {

		private final long afterRow;

		private final int count;

		private final List<Long> rows = new ArrayList<>();

		RowNumbers(long afterRow, int count) {
			this.afterRow = afterRow;
			this.count = count;
		}

		void add(Long[] chunk) {
			Arrays.stream(chunk)
				.filter((row) -> row > this.afterRow)
				.sorted()
				.limit(this.count - this.rows.size())
				.forEach(this.rows::add);
		}

		boolean isComplete() {
			return this.rows.size() >= this.count;
		}

		List<Long> rows() {
			return this.rows;
		}

	}

}
