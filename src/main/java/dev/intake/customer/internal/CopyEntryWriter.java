package dev.intake.customer.internal;

import java.util.List;
import java.util.UUID;

import dev.intake.customer.CustomerEntry;
import dev.intake.customer.EntriesWritten;
import dev.intake.customer.EntryTables;
import dev.intake.customer.EntryWriter;
import dev.intake.system.DatabaseSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes each batch with one binary {@code COPY … FROM STDIN} frame ({@link CopyBinary}),
 * PostgreSQL's fastest way in, into the upload's own table ({@link EntryTables}), which
 * has no indexes while rows arrive: the cost of a batch does not grow with the history.
 * <p>
 * COPY is atomic, so a batch is stored whole or not at all. When the upload's table is
 * gone (the upload was failed elsewhere), the COPY errors with SQLSTATE {@code 42P01}.
 */
@Component
class CopyEntryWriter implements EntryWriter {

	private static final String COPY = """
			COPY %s (upload_id, row_number, full_name, primary_phone, national_id_last4, national_id_hmac,
			  loan_account, amount_due, due_date, state, preferred_language, email, fingerprint) FROM STDIN (FORMAT binary)""";

	private final DatabaseClient db;

	private final DatabaseSettings database;

	CopyEntryWriter(DatabaseClient db, DatabaseSettings database) {
		this.db = db;
		this.database = database;
	}

	@Override
	public Mono<EntriesWritten> write(UUID uploadId, List<CustomerEntry> entries) {
		if (entries.isEmpty()) {
			return Mono.just(new EntriesWritten(0));
		}
		return this.db.inConnection((connection) -> copied(connection, uploadId, entries))
			.map((count) -> new EntriesWritten(count.intValue()));
	}

	// COPY is a vendor call, outside the time-bound connection: bound it here (the
	// rollback that follows a timeout finds the connection stuck and drops it).
	private Mono<Long> copied(Connection connection, UUID uploadId, List<CustomerEntry> entries) {
		return postgres(connection)
			.copyIn(COPY.formatted(EntryTables.tableOf(uploadId)), encodedOffTheEventLoop(uploadId, entries))
			.timeout(this.database.answerTimeout());
	}

	/** Encodes on a parallel worker, so the connection's event loop only moves bytes. */
	private static Mono<ByteBuf> encodedOffTheEventLoop(UUID uploadId, List<CustomerEntry> entries) {
		return Mono.fromSupplier(() -> encode(uploadId, entries))
			.subscribeOn(Schedulers.parallel())
			.doOnDiscard(ByteBuf.class, ByteBuf::release);
	}

	private static ByteBuf encode(UUID uploadId, List<CustomerEntry> entries) {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(entries.size() * CopyBinary.ROW_SIZE_GUESS);
		try {
			return new CopyBinary(buffer).entries(uploadId, entries);
		}
		catch (RuntimeException ex) {
			buffer.release();
			throw ex;
		}
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
