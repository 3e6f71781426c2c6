package dev.intake.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The stored customer entries. Reads show only entries of completed uploads: an upload
 * that is still processing, or that failed, shows nothing.
 */
@Repository
public class CustomerEntries {

	private static final String COLUMNS = """
			SELECT c.upload_id, u.filename, u.created_at AS uploaded_at, c.row_number, c.full_name, c.primary_phone,
			  c.national_id_last4, c.loan_account, c.amount_due, c.due_date, c.state, c.preferred_language, c.email,
			  c.fingerprint
			""";

	/** Joins an entry's upload, if the upload is visible. */
	private static final String VISIBLE = """
			JOIN uploads u ON u.id = c.upload_id AND %s
			""";

	/**
	 * One phone's entries. The phone's rows are found first, through each partition's
	 * phone index alone, and only then joined to their uploads: joined directly,
	 * PostgreSQL probes every partition with the upload's id as well, and since all rows
	 * of an upload's partition share that id, each probe read the partition's whole
	 * primary key (80 ms per 1M-row partition, so the lookup grew with every cycle of
	 * history).
	 */
	private static final String HISTORY = """
			WITH c AS MATERIALIZED (SELECT * FROM customers WHERE primary_phone = :phone)
			""" + COLUMNS + "FROM c\n" + VISIBLE + """
			WHERE u.tenant_id = :tenant
			ORDER BY u.created_at DESC, c.upload_id, c.row_number
			LIMIT :limit""";

	private static final String SELECT = COLUMNS + "FROM customers c\n" + VISIBLE;

	private final DatabaseClient db;

	private final String history;

	private final String select;

	CustomerEntries(DatabaseClient db, VisibleUploads visible) {
		this.db = db;
		this.history = HISTORY.formatted(visible.condition("u"));
		this.select = SELECT.formatted(visible.condition("u"));
	}

	/** The statement of {@link #history}, with its named parameters. */
	String historyQuery() {
		return this.history;
	}

	/**
	 * Emits every visible entry of one phone in a tenant's uploads, newest upload first,
	 * at most {@code limit}.
	 */
	public Flux<CustomerHistoryEntry> history(TenantId tenant, String e164, int limit) {
		return this.db.sql(this.history)
			.bind("phone", e164)
			.bind("tenant", tenant.value())
			.bind("limit", limit)
			.map(CustomerEntries::entry)
			.all();
	}

	/**
	 * Emits the entries of one completed upload in row order, after row {@code afterRow},
	 * at most {@code limit}.
	 */
	public Flux<CustomerHistoryEntry> ofUpload(UUID uploadId, long afterRow, int limit) {
		return this.db.sql(this.select + """
				WHERE c.upload_id = :upload AND c.row_number > :after
				ORDER BY c.row_number
				LIMIT :limit""")
			.bind("upload", uploadId)
			.bind("after", afterRow)
			.bind("limit", limit)
			.map(CustomerEntries::entry)
			.all();
	}

	private static CustomerHistoryEntry entry(Readable row) {
		return new CustomerHistoryEntry(row.get("upload_id", UUID.class), row.get("filename", String.class),
				instant(row.get("uploaded_at", OffsetDateTime.class)), row.get("row_number", Long.class),
				row.get("full_name", String.class), row.get("primary_phone", String.class),
				CustomerHistoryEntry.maskNationalId(row.get("national_id_last4", String.class)),
				row.get("loan_account", String.class), row.get("amount_due", BigDecimal.class),
				row.get("due_date", LocalDate.class), row.get("state", String.class),
				row.get("preferred_language", String.class), row.get("email", String.class),
				row.get("fingerprint", UUID.class));
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
