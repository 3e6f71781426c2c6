package dev.intake.change;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;

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

	// The first :count row numbers of a kind after row :after, in order: the chunks from
	// the one of :after on, in order, each sorted on its own, read until :count are
	// found.
	private static final String PICKED = """
			WITH picked AS (
			  SELECT r.row_number
			  FROM upload_change_rows s
			  CROSS JOIN LATERAL unnest(s.row_numbers) AS r(row_number)
			  WHERE s.upload_id = :upload AND s.kind = :kind AND s.chunk >= :firstChunk AND r.row_number > :after
			  ORDER BY s.chunk, r.row_number
			  LIMIT :count
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
		GenericExecuteSpec query = this.db.sql(kind.isInThisUpload() ? IN_THIS_UPLOAD : MISSING)
			.bind("upload", upload)
			.bind("kind", kind.label())
			.bind("firstChunk", afterRow / ChangeCounting.CHUNK)
			.bind("after", afterRow)
			.bind("count", count);
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

}
