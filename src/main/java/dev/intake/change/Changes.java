package dev.intake.change;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * Reads an upload's changes in row order, a page at a time: each page walks the rows
 * after a row number and looks each customer up in the other cycle through the
 * {@code (primary_phone, upload_id)} index, so a page costs about its own size, not the
 * upload's. The kinds are those {@link ChangeCounting} counts: same keys, same last row
 * wins, same compared fields.
 */
@Repository
class Changes {

	private static final String IN_THIS_UPLOAD = """
			SELECT c.primary_phone, c.loan_account, c.row_number AS c_row_number, %s,
			  p.row_number AS p_row_number, %s, k.kind, k.fields
			FROM customers c
			LEFT JOIN LATERAL (
			  SELECT * FROM customers p
			  WHERE p.upload_id = :previous AND %s
			  ORDER BY p.row_number DESC
			  LIMIT 1
			) p ON true
			CROSS JOIN LATERAL (
			  SELECT CASE WHEN p.row_number IS NULL THEN 'new' WHEN %s THEN 'changed' ELSE 'unchanged' END AS kind,
			    CASE WHEN p.row_number IS NULL THEN CAST('{}' AS text[]) ELSE %s END AS fields
			) k
			WHERE c.upload_id = :upload AND c.row_number > :after AND %s AND k.kind = ANY(:kinds)
			ORDER BY c.row_number
			LIMIT :limit""".formatted(ComparedFields.select("c", "c_"), ComparedFields.select("p", "p_"),
			LatestEntries.sameCustomer("p", "c"), ComparedFields.differ("c", "p"), ComparedFields.changed("c", "p"),
			LatestEntries.isLast("c"));

	private static final String MISSING = """
			SELECT p.primary_phone, p.loan_account, p.row_number AS p_row_number, %s
			FROM customers p
			WHERE p.upload_id = :previous AND p.row_number > :after AND %s
			  AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.upload_id = :upload AND %s)
			ORDER BY p.row_number
			LIMIT :limit""".formatted(ComparedFields.select("p", "p_"), LatestEntries.isLast("p"),
			LatestEntries.sameCustomer("c", "p"));

	private final DatabaseClient db;

	Changes(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Emits customers of this upload of the given kinds (new, changed, unchanged) whose
	 * last row is after {@code afterRow}, in row order, at most {@code limit}.
	 * @param previous the previous upload, or {@code null}: then every customer is new
	 */
	Flux<Change> inThisUpload(UUID upload, UUID previous, Collection<ChangeKind> kinds, long afterRow, int limit) {
		String[] labels = kinds.stream().map(ChangeKind::label).toArray(String[]::new);
		return withPrevious(this.db.sql(IN_THIS_UPLOAD), previous).bind("upload", upload)
			.bind("after", afterRow)
			.bind("kinds", labels)
			.bind("limit", limit)
			.map(Changes::inThisUpload)
			.all();
	}

	/**
	 * Emits customers of the previous upload that this one lacks, whose last row there is
	 * after {@code afterRow}, in that upload's row order, at most {@code limit}.
	 */
	Flux<Change> missing(UUID upload, UUID previous, long afterRow, int limit) {
		return this.db.sql(MISSING)
			.bind("upload", upload)
			.bind("previous", previous)
			.bind("after", afterRow)
			.bind("limit", limit)
			.map(Changes::missing)
			.all();
	}

	private static GenericExecuteSpec withPrevious(GenericExecuteSpec query, UUID previous) {
		return (previous != null) ? query.bind("previous", previous) : query.bindNull("previous", UUID.class);
	}

	private static Change inThisUpload(Readable row) {
		CycleEntry current = entry(row, "c_");
		CycleEntry previous = (row.get("p_row_number", Long.class) != null) ? entry(row, "p_") : null;
		return Change.of(ChangeKind.of(row.get("kind", String.class)), row.get("primary_phone", String.class),
				row.get("loan_account", String.class), current, previous,
				Arrays.asList(row.get("fields", String[].class)));
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
