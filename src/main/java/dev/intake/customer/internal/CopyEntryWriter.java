package dev.intake.customer.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.intake.customer.CustomerEntry;
import dev.intake.customer.EntriesWritten;
import dev.intake.customer.EntryWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import dev.intake.system.DatabaseSettings;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes each batch with one {@code COPY … FROM STDIN} frame, PostgreSQL's fastest way
 * in.
 * <p>
 * COPY is atomic, so a batch is stored whole or not at all. When a batch holds a row that
 * repeats an earlier row of the same upload, COPY fails on the fingerprint's unique
 * index; only then is the batch written again with
 * {@code INSERT … ON CONFLICT DO NOTHING}, which reports the rows it skipped.
 */
@Component
class CopyEntryWriter implements EntryWriter {

	private static final String COPY = """
			COPY customers (upload_id, row_number, full_name, primary_phone, national_id_last4, national_id_hmac,
			  loan_account, amount_due, due_date, state, preferred_language, email, fingerprint) FROM STDIN""";

	private static final String INSERT_SKIPPING_DUPLICATES = """
			INSERT INTO customers (upload_id, row_number, full_name, primary_phone, national_id_last4, national_id_hmac,
			  loan_account, amount_due, due_date, state, preferred_language, email, fingerprint)
			SELECT :upload, t.row_number, t.full_name, t.primary_phone, t.last4, decode(t.hmac, 'hex'), t.loan_account,
			  t.amount_due::numeric, t.due_date::date, t.state, t.language, t.email, t.fingerprint::uuid
			FROM unnest(:rows::bigint[], :names::text[], :phones::text[], :last4s::text[], :hmacs::text[],
			  :accounts::text[], :amounts::text[], :dates::text[], :states::text[], :languages::text[],
			  :emails::text[], :fingerprints::text[])
			  AS t(row_number, full_name, primary_phone, last4, hmac, loan_account, amount_due, due_date, state,
			  language, email, fingerprint)
			ORDER BY t.row_number
			ON CONFLICT (fingerprint) DO NOTHING
			RETURNING row_number""";

	private static final String FINGERPRINT_INDEX = "uq_customers_fingerprint";

	private static final String BEFORE_COPY = "before_copy";

	private final DatabaseClient db;

	private final DatabaseSettings database;

	CopyEntryWriter(DatabaseClient db, DatabaseSettings database) {
		this.db = db;
		this.database = database;
	}

	@Override
	public Mono<EntriesWritten> write(UUID uploadId, List<CustomerEntry> entries) {
		if (entries.isEmpty()) {
			return Mono.just(new EntriesWritten(0, Set.of()));
		}
		return this.db.inConnection((connection) -> copyOrInsert(connection, uploadId, entries));
	}

	// A failed COPY aborts the transaction; the savepoint keeps it usable for the INSERT.
	private Mono<EntriesWritten> copyOrInsert(Connection connection, UUID uploadId, List<CustomerEntry> entries) {
		return Mono.from(connection.createSavepoint(BEFORE_COPY))
			.then(copied(connection, uploadId, entries))
			.map((count) -> new EntriesWritten(count.intValue(), Set.of()))
			.onErrorResume(CopyEntryWriter::isDuplicateFingerprint,
					(ex) -> Mono.from(connection.rollbackTransactionToSavepoint(BEFORE_COPY))
						.then(insertSkippingDuplicates(uploadId, entries)));
	}

	// COPY is a vendor call, outside the time-bound connection: bound it here (the
	// rollback that follows a timeout finds the connection stuck and drops it).
	private Mono<Long> copied(Connection connection, UUID uploadId, List<CustomerEntry> entries) {
		return postgres(connection).copyIn(COPY, encodedOffTheEventLoop(uploadId, entries))
			.timeout(this.database.answerTimeout());
	}

	private Mono<EntriesWritten> insertSkippingDuplicates(UUID uploadId, List<CustomerEntry> entries) {
		EntryColumns columns = EntryColumns.of(entries);
		return this.db.sql(INSERT_SKIPPING_DUPLICATES)
			.bind("upload", uploadId)
			.bind("rows", columns.rows())
			.bind("names", columns.names())
			.bind("phones", columns.phones())
			.bind("last4s", columns.last4s())
			.bind("hmacs", columns.hmacs())
			.bind("accounts", columns.accounts())
			.bind("amounts", columns.amounts())
			.bind("dates", columns.dates())
			.bind("states", columns.states())
			.bind("languages", columns.languages())
			.bind("emails", columns.emails())
			.bind("fingerprints", columns.fingerprints())
			.map((row) -> row.get(0, Long.class))
			.all()
			.collect(HashSet<Long>::new, Set::add)
			.map((stored) -> new EntriesWritten(stored.size(), duplicates(entries, stored)));
	}

	private static Set<Long> duplicates(List<CustomerEntry> entries, Set<Long> stored) {
		Set<Long> duplicates = new HashSet<>();
		for (CustomerEntry entry : entries) {
			if (!stored.contains(entry.rowNumber())) {
				duplicates.add(entry.rowNumber());
			}
		}
		return duplicates;
	}

	/** Encodes on a parallel worker, so the connection's event loop only moves bytes. */
	private static Mono<ByteBuf> encodedOffTheEventLoop(UUID uploadId, List<CustomerEntry> entries) {
		return Mono.fromSupplier(() -> encode(uploadId, entries))
			.subscribeOn(Schedulers.parallel())
			.doOnDiscard(ByteBuf.class, ByteBuf::release);
	}

	private static ByteBuf encode(UUID uploadId, List<CustomerEntry> entries) {
		StringBuilder text = new CopyText(entries.size()).entries(uploadId, entries).text();
		ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(ByteBufUtil.utf8MaxBytes(text));
		ByteBufUtil.writeUtf8(buffer, text);
		return buffer;
	}

	private static boolean isDuplicateFingerprint(Throwable ex) {
		return ex instanceof R2dbcDataIntegrityViolationException violation && "23505".equals(violation.getSqlState())
				&& String.valueOf(violation.getMessage()).contains(FINGERPRINT_INDEX);
	}

	private static PostgresqlConnection postgres(Connection connection) {
		Object candidate = connection;
		while (!(candidate instanceof PostgresqlConnection) && candidate instanceof Wrapped<?> wrapped) {
			candidate = wrapped.unwrap();
		}
		if (candidate instanceof PostgresqlConnection postgres) {
			return postgres;
		}
		throw new IllegalStateException("COPY needs an r2dbc-postgresql connection, got " + connection.getClass());
	}

}
