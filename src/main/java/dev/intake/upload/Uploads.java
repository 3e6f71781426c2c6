package dev.intake.upload;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import dev.intake.ingest.Checkpoint;
import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.ingest.IngestFailure;
import dev.intake.tenant.TenantId;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The uploads and their lifecycle. Every transition is one conditional {@code UPDATE}, so
 * an upload moves forward only: a final state is never left.
 */
@Repository
public class Uploads {

	/**
	 * An upload's columns as summaries show them: never the header, and only the first
	 * unknown columns, each cut a character past {@link ShownColumns#MAX_NAME_LENGTH} (so
	 * {@link ShownColumns} sees which were longer), with their count.
	 */
	private static final String COLUMNS = """
			id, filename, status, rows_total, rows_succeeded, rows_failed, bytes_received,
			ARRAY(SELECT left(u.name, %d) FROM unnest(unknown_columns[1 : %d]) WITH ORDINALITY AS u(name, at)
			  ORDER BY u.at) AS unknown_columns_shown, cardinality(unknown_columns) AS unknown_columns_count,
			error_stage, error_code, error_message, created_at, started_at, finished_at, changes_previous_upload_id,
			changes_new, changes_changed, changes_unchanged, changes_missing, changes_computed_at"""
		.formatted(ShownColumns.MAX_NAME_LENGTH + 1, ShownColumns.MAX_SHOWN);

	/** How long an upload without a lease is left alone before recovery may take it. */
	static final Duration UNLEASED_GRACE = Duration.ofMinutes(5);

	private static final String RETURNING = " RETURNING " + COLUMNS;

	/**
	 * When the state last changed; for uploads older than the column, their last known
	 * moment.
	 */
	private static final String CHANGED_AT = "COALESCE(changed_at, finished_at, started_at, created_at) AS changed_at";

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	Uploads(DatabaseClient db, TransactionalOperator transactions) {
		this.db = db;
		this.transactions = transactions;
	}

	/**
	 * Creates an upload of a tenant, with a given id, that waits for its content; errors
	 * with {@link TooManyAwaitingUploads} when the tenant already has {@code maxAwaiting}
	 * uploads waiting.
	 */
	Mono<Upload> createAwaitingContent(TenantId tenant, UUID id, String filename, int maxAwaiting) {
		return whileUnderLimit(tenant, count(tenant, UploadStatus.AWAITING_CONTENT), maxAwaiting,
				() -> new TooManyAwaitingUploads(maxAwaiting),
				this.db
					.sql("INSERT INTO uploads (id, tenant_id, filename, status) VALUES (:id, :tenant, :filename, "
							+ "'AWAITING_CONTENT')" + RETURNING)
					.bind("id", id)
					.bind("tenant", tenant.value())
					.bind("filename", filename)
					.map(Uploads::upload)
					.one());
	}

	/**
	 * Creates an upload of a tenant whose content is arriving now; errors with
	 * {@link TooManyUploads} when the tenant already has {@code maxProcessing} uploads
	 * processing.
	 */
	Mono<Upload> createProcessing(TenantId tenant, String filename, int maxProcessing, Lease lease) {
		return createProcessing(tenant, UUID.randomUUID(), filename, maxProcessing, lease);
	}

	/** The same, with a given id. */
	Mono<Upload> createProcessing(TenantId tenant, UUID id, String filename, int maxProcessing, Lease lease) {
		return whileUnderLimit(tenant, maxProcessing,
				this.db.sql("""
						INSERT INTO uploads (id, tenant_id, filename, status, started_at, lease_owner, heartbeat_at,
						  lease_expires_at, changed_at)
						VALUES (:id, :tenant, :filename, 'PROCESSING', now(), :owner, now(),
						  now() + make_interval(secs => :lease), clock_timestamp())""" + RETURNING)
					.bind("id", id)
					.bind("tenant", tenant.value())
					.bind("filename", filename)
					.bind("owner", lease.owner())
					.bind("lease", seconds(lease.length()))
					.map(Uploads::upload)
					.one());
	}

	/**
	 * Moves a tenant's upload from awaiting content to processing; empty if it was not
	 * awaiting. Errors with {@link TooManyUploads} when the tenant already has
	 * {@code maxProcessing} uploads processing.
	 */
	Mono<Upload> start(TenantId tenant, UUID id, int maxProcessing, Lease lease) {
		return whileUnderLimit(tenant, maxProcessing,
				this.db
					.sql("""
							UPDATE uploads SET status = 'PROCESSING', started_at = now(), lease_owner = :owner, heartbeat_at = now(),
							  lease_expires_at = now() + make_interval(secs => :lease), changed_at = clock_timestamp()
							WHERE id = :id AND tenant_id = :tenant AND status = 'AWAITING_CONTENT'"""
							+ RETURNING)
					.bind("id", id)
					.bind("tenant", tenant.value())
					.bind("owner", lease.owner())
					.bind("lease", seconds(lease.length()))
					.map(Uploads::upload)
					.one());
	}

	/**
	 * Moves a tenant's upload that awaits content, or is interrupted, to processing for
	 * its next piece, if the piece starts at the stored offset; empty otherwise. Errors
	 * with {@link TooManyUploads} when the tenant already has {@code maxProcessing}
	 * uploads processing.
	 */
	Mono<ResumedUpload> resume(TenantId tenant, UUID id, long offset, int maxProcessing, Lease lease) {
		UUID piece = UUID.randomUUID();
		return whileUnderLimit(tenant, maxProcessing, this.db.sql("""
				UPDATE uploads SET status = 'PROCESSING', started_at = COALESCE(started_at, now()),
				  lease_owner = :owner, heartbeat_at = now(), lease_expires_at = now() + make_interval(secs => :lease),
				  content_offset = COALESCE(content_offset, 0), next_row = COALESCE(next_row, 0),
				  interrupted_at = NULL, piece_id = :piece, changed_at = clock_timestamp()
				WHERE id = :id AND tenant_id = :tenant AND status IN ('AWAITING_CONTENT', 'INTERRUPTED')
				  AND COALESCE(content_offset, 0) = :offset""" + RETURNING + ", content_offset, next_row, header")
			.bind("id", id)
			.bind("tenant", tenant.value())
			.bind("offset", offset)
			.bind("piece", piece)
			.bind("owner", lease.owner())
			.bind("lease", seconds(lease.length()))
			.map((row) -> new ResumedUpload(upload(row), piece, row.get("content_offset", Long.class),
					row.get("next_row", Long.class), list(row.get("header", String[].class))))
			.one());
	}

	/**
	 * An upload moved to processing for its next piece, with where the piece starts.
	 *
	 * @param upload the upload, with the counts committed so far
	 * @param piece the id of this piece: only its batches may store checkpoints
	 * @param offset the byte offset in the file where the piece starts
	 * @param nextRow the number of the piece's first record
	 * @param header the stored header cells; empty before the first batch
	 */
	record ResumedUpload(Upload upload, UUID piece, long offset, long nextRow, List<String> header) {

	}

	/**
	 * Reads where a tenant's upload stands in its file: for an upload sent in pieces, the
	 * offset of its last checkpoint; for one completed, the file's length; 0 otherwise.
	 */
	Mono<ContentState> contentState(TenantId tenant, UUID id) {
		return this.db.sql("SELECT " + COLUMNS + """
				, CASE WHEN status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'VALIDATED') THEN bytes_received
				  ELSE COALESCE(content_offset, 0) END AS resume_offset, interrupted_at
				FROM uploads WHERE id = :id AND tenant_id = :tenant""")
			.bind("id", id)
			.bind("tenant", tenant.value())
			.map((row) -> new ContentState(upload(row), row.get("resume_offset", Long.class),
					instant(row.get("interrupted_at", OffsetDateTime.class))))
			.one();
	}

	/**
	 * Where an upload stands in its file.
	 *
	 * @param upload the upload
	 * @param offset the byte offset the next piece starts at (the file's length once
	 * complete)
	 * @param interruptedAt when it was last interrupted, or {@code null}
	 */
	record ContentState(Upload upload, long offset, Instant interruptedAt) {

	}

	/**
	 * Stores a resumable upload's checkpoint, in the transaction of the batch that
	 * reached it: its offset and next row, its counts, and (with its first batch) its
	 * header. Errors with the {@code no-longer-processing} failure if it was not
	 * processing that piece (it was failed or interrupted meanwhile, maybe resumed by a
	 * later piece), which rolls the batch back.
	 */
	Mono<Void> checkpoint(UUID id, UUID piece, Checkpoint checkpoint) {
		GenericExecuteSpec update = this.db.sql("""
				UPDATE uploads SET content_offset = :offset, next_row = :next, bytes_received = :offset,
				  changed_at = clock_timestamp(),
				  rows_total = :total, rows_succeeded = :succeeded, rows_failed = :failed,
				  header = COALESCE(CAST(:header AS text[]), header),
				  unknown_columns = COALESCE(CAST(:unknown AS text[]), unknown_columns)
				WHERE id = :id AND status = 'PROCESSING' AND piece_id = :piece""")
			.bind("id", id)
			.bind("piece", piece)
			.bind("offset", checkpoint.offset())
			.bind("next", checkpoint.nextRow())
			.bind("total", checkpoint.totals().rowsProcessed())
			.bind("succeeded", checkpoint.totals().rowsSucceeded())
			.bind("failed", checkpoint.totals().rowsFailed());
		update = (checkpoint.header() != null)
				? update.bind("header", checkpoint.header().toArray(String[]::new))
					.bind("unknown", checkpoint.unknownColumns().toArray(String[]::new))
				: update.bindNull("header", String[].class).bindNull("unknown", String[].class);
		return update.fetch()
			.rowsUpdated()
			.flatMap((updated) -> (updated == 1) ? Mono.<Void>empty()
					: Mono.error(new IngestFailure(IngestFailure.Stage.WRITE, "no-longer-processing",
							"The upload was no longer processing when a batch of it was committed")));
	}

	/**
	 * Interrupts a processing upload sent in pieces: it keeps its rows and checkpoint and
	 * gives up its lease; empty if it was not processing.
	 */
	Mono<Upload> interrupt(UUID id) {
		return this.db.sql("""
				UPDATE uploads SET status = 'INTERRUPTED', interrupted_at = now(), lease_owner = NULL,
				  lease_expires_at = NULL, changed_at = clock_timestamp()
				WHERE id = :id AND status = 'PROCESSING' AND content_offset IS NOT NULL""" + RETURNING)
			.bind("id", id)
			.map(Uploads::upload)
			.one();
	}

	/**
	 * Interrupts a processing upload sent in pieces whose lease expired, as
	 * {@link #lockExpired} found it, unless a heartbeat renewed the lease since; empty if
	 * it was not interrupted.
	 */
	Mono<Upload> interruptExpired(UUID id, Duration lease) {
		return this.db.sql("""
				UPDATE uploads SET status = 'INTERRUPTED', interrupted_at = now(), lease_owner = NULL,
				  lease_expires_at = NULL, changed_at = clock_timestamp()
				WHERE id = :id AND status = 'PROCESSING' AND content_offset IS NOT NULL
				  AND COALESCE(lease_expires_at, started_at + make_interval(secs => :unleased)) < now()
				""" + RETURNING)
			.bind("id", id)
			.bind("unleased", seconds(unleasedGrace(lease)))
			.map(Uploads::upload)
			.one();
	}

	/**
	 * Runs a change that may add a processing upload, in one transaction that holds the
	 * tenant's advisory lock while it counts the tenant's processing uploads whose lease
	 * is alive: concurrent requests of a tenant, on any instance, take turns, so the
	 * count cannot be overtaken. An upload whose instance died stops counting as soon as
	 * its lease runs out, before the recovery sweeper fails it.
	 */
	private <T> Mono<T> whileUnderLimit(TenantId tenant, int maxProcessing, Mono<T> change) {
		return whileUnderLimit(tenant, countLeased(tenant), maxProcessing, () -> new TooManyUploads(maxProcessing),
				change);
	}

	private <T> Mono<T> whileUnderLimit(TenantId tenant, Mono<Long> count, int max,
			Supplier<? extends RuntimeException> tooMany, Mono<T> change) {
		return this.db.sql("SELECT pg_advisory_xact_lock(hashtextextended('intake.uploads:' || :tenant, 0))")
			.bind("tenant", tenant.value())
			.then()
			.then(count)
			.flatMap((found) -> (found < max) ? change : Mono.error(tooMany.get()))
			.as(this.transactions::transactional);
	}

	private Mono<Long> count(TenantId tenant, UploadStatus status) {
		return this.db.sql("SELECT count(*) AS found FROM uploads WHERE tenant_id = :tenant AND status = :status")
			.bind("tenant", tenant.value())
			.bind("status", status.name())
			.map((row) -> row.get("found", Long.class))
			.one();
	}

	/**
	 * Counts a tenant's processing uploads whose lease has not run out; one without a
	 * lease yet counts for {@link #UNLEASED_GRACE} after it started, as the sweeper sees
	 * it.
	 */
	private Mono<Long> countLeased(TenantId tenant) {
		return this.db.sql("""
				SELECT count(*) AS found FROM uploads
				WHERE tenant_id = :tenant AND status = 'PROCESSING'
				  AND COALESCE(lease_expires_at, started_at + make_interval(secs => :unleased)) >= now()""")
			.bind("tenant", tenant.value())
			.bind("unleased", seconds(UNLEASED_GRACE))
			.map((row) -> row.get("found", Long.class))
			.one();
	}

	/**
	 * Takes or renews, for {@code lease} from now, the lease of the given processing
	 * uploads for {@code owner} (an upload leased to another owner is left alone). Rows
	 * another transaction holds are skipped, not waited for: an upload completing holds
	 * its row for as long as its indexes take to build, and waiting for it would let the
	 * leases of all the others run out; no sweeper can take a row while it is held, and
	 * the next heartbeat renews it.
	 */
	Mono<Long> heartbeat(String owner, Collection<UUID> ids, Duration lease) {
		return this.db.sql("""
				UPDATE uploads SET lease_owner = :owner, heartbeat_at = now(),
				  lease_expires_at = now() + make_interval(secs => :lease)
				WHERE id IN (
				  SELECT id FROM uploads
				  WHERE id = ANY(:ids) AND (lease_owner IS NULL OR lease_owner = :owner) AND status = 'PROCESSING'
				  FOR UPDATE SKIP LOCKED)""")
			.bind("ids", ids.toArray(UUID[]::new))
			.bind("owner", owner)
			.bind("lease", seconds(lease))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Locks, until the end of the current transaction, up to {@code limit} processing
	 * uploads whose lease ran out, skipping those another transaction holds and those in
	 * {@code held}. An upload without a lease yet (its instance takes the lease just
	 * after starting it) is taken only once it started more than {@link #UNLEASED_GRACE}
	 * ago, or {@code lease} if longer, so a short lease never takes a live upload whose
	 * first lease is late on a busy machine.
	 */
	Flux<Expired> lockExpired(Duration lease, Collection<UUID> held, int limit) {
		return this.db.sql("""
				SELECT id, tenant_id, content_offset IS NOT NULL AS resumable FROM uploads
				WHERE status = 'PROCESSING'
				  AND COALESCE(lease_expires_at, started_at + make_interval(secs => :unleased)) < now()
				  AND NOT (id = ANY(:held))
				ORDER BY lease_expires_at NULLS FIRST
				LIMIT :limit
				FOR UPDATE SKIP LOCKED""")
			.bind("unleased", seconds(unleasedGrace(lease)))
			.bind("held", held.toArray(UUID[]::new))
			.bind("limit", limit)
			.map((row) -> new Expired(row.get("id", UUID.class), new TenantId(row.get("tenant_id", String.class)),
					Boolean.TRUE.equals(row.get("resumable", Boolean.class))))
			.all();
	}

	/**
	 * Emits those of the given uploads that are neither processing nor interrupted (whose
	 * rows wait for their next piece), or do not exist.
	 */
	Flux<UUID> notProcessing(Collection<UUID> ids) {
		return this.db.sql("""
				SELECT x.id FROM unnest(:ids::uuid[]) AS x(id) LEFT JOIN uploads u ON u.id = x.id
				WHERE u.id IS NULL OR u.status NOT IN ('PROCESSING', 'INTERRUPTED')""")
			.bind("ids", ids.toArray(UUID[]::new))
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	/**
	 * Takes the uploads that have been in {@code wait} for longer than {@code age},
	 * oldest first, locking them for the transaction and skipping those another one has
	 * locked.
	 */
	Flux<Expired> lockWaitingLongerThan(UploadWait wait, Duration age, int limit) {
		return this.db.sql("""
				SELECT id, tenant_id FROM uploads
				WHERE status = '%1$s' AND %2$s < now() - make_interval(secs => :age)
				ORDER BY %2$s
				LIMIT :limit
				FOR UPDATE SKIP LOCKED""".formatted(wait.name(), wait.sinceColumn()))
			.bind("age", seconds(age))
			.bind("limit", limit)
			.map((row) -> new Expired(row.get("id", UUID.class), new TenantId(row.get("tenant_id", String.class))))
			.all();
	}

	/**
	 * An upload whose lease (or wait for content) expired, its tenant, and whether its
	 * content comes in pieces (it can be resumed from its last checkpoint).
	 */
	record Expired(UUID id, TenantId tenant, boolean resumable) {

		Expired(UUID id, TenantId tenant) {
			this(id, tenant, false);
		}

	}

	/** Finds an upload of any tenant, for internal use; never for a request's id. */
	public Mono<Upload> findById(UUID id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM uploads WHERE id = :id")
			.bind("id", id)
			.map(Uploads::upload)
			.one();
	}

	/** Finds an upload of a tenant: another tenant's upload is not found. */
	public Mono<Upload> find(TenantId tenant, UUID id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM uploads WHERE id = :id AND tenant_id = :tenant")
			.bind("id", id)
			.bind("tenant", tenant.value())
			.map(Uploads::upload)
			.one();
	}

	/**
	 * Emits an upload of any tenant with when its state last changed, for internal use.
	 */
	Mono<Changed> findChanged(UUID id) {
		return this.db.sql("SELECT " + COLUMNS + ", " + CHANGED_AT + " FROM uploads WHERE id = :id")
			.bind("id", id)
			.map(Uploads::changed)
			.one();
	}

	/**
	 * Emits up to {@code limit} of a tenant's uploads whose state changed at or after
	 * {@code from}, oldest change first; never uploads that await their content. An index
	 * range scan over the tenant's recent changes ({@code ix_uploads_tenant_changed}),
	 * however many uploads the tenant has.
	 */
	Flux<Changed> changedSince(TenantId tenant, Instant from, int limit) {
		return this.db.sql("SELECT " + COLUMNS + ", " + CHANGED_AT + """
				 FROM uploads
				WHERE tenant_id = :tenant AND changed_at >= :from AND status <> 'AWAITING_CONTENT'
				ORDER BY changed_at, id
				LIMIT :limit""")
			.bind("tenant", tenant.value())
			.bind("from", from.atOffset(ZoneOffset.UTC))
			.bind("limit", limit)
			.map(Uploads::changed)
			.all();
	}

	/** An upload, and when its state last changed. */
	record Changed(Upload upload, Instant changedAt) {

	}

	/**
	 * Emits a tenant's uploads newest first, optionally of one status, strictly after a
	 * cursor.
	 */
	public Flux<Upload> list(TenantId tenant, UploadStatus status, UploadCursor after, int limit) {
		GenericExecuteSpec query = this.db.sql("SELECT " + COLUMNS + """
				 FROM uploads
				WHERE tenant_id = :tenant
				  AND (CAST(:status AS text) IS NULL OR status = :status)
				  AND (CAST(:afterTime AS timestamptz) IS NULL OR (created_at, id) < (:afterTime, :afterId))
				ORDER BY created_at DESC, id DESC
				LIMIT :limit""").bind("tenant", tenant.value()).bind("limit", limit);
		query = (status != null) ? query.bind("status", status.name()) : query.bindNull("status", String.class);
		query = (after != null) ? query.bind("afterTime", after.createdAt()).bind("afterId", after.id())
				: query.bindNull("afterTime", OffsetDateTime.class).bindNull("afterId", UUID.class);
		return query.map(Uploads::upload).all();
	}

	/**
	 * Reads the header cells of an upload, whole, for the one reader that needs them: the
	 * error report's header line.
	 */
	public Mono<List<String>> header(UUID id) {
		return this.db.sql("SELECT header FROM uploads WHERE id = :id")
			.bind("id", id)
			.map((row) -> list(row.get("header", String[].class)))
			.one()
			.defaultIfEmpty(List.of());
	}

	Mono<Void> recordHeader(UUID id, List<String> header, List<String> unknownColumns) {
		return this.db.sql("UPDATE uploads SET header = :header, unknown_columns = :unknown WHERE id = :id")
			.bind("id", id)
			.bind("header", header.toArray(String[]::new))
			.bind("unknown", unknownColumns.toArray(String[]::new))
			.then();
	}

	Mono<Void> recordProgress(UUID id, BatchWritten counts, long bytesReceived) {
		return this.db.sql("""
				UPDATE uploads SET rows_total = :total, rows_succeeded = :succeeded, rows_failed = :failed,
				  bytes_received = :bytes, changed_at = clock_timestamp()
				WHERE id = :id AND status = 'PROCESSING'""")
			.bind("id", id)
			.bind("total", counts.rowsProcessed())
			.bind("succeeded", counts.rowsSucceeded())
			.bind("failed", counts.rowsFailed())
			.bind("bytes", bytesReceived)
			.then();
	}

	/**
	 * Locks a processing upload's row until the end of the current transaction, so that
	 * neither recovery nor shutdown fails it while it completes; empty if it is no longer
	 * processing.
	 */
	Mono<UUID> lockProcessing(UUID id) {
		return this.db.sql("SELECT id FROM uploads WHERE id = :id AND status = 'PROCESSING' FOR UPDATE")
			.bind("id", id)
			.map((row) -> row.get("id", UUID.class))
			.one();
	}

	/**
	 * Completes a processing upload, counting {@code repeats} of its stored rows as
	 * rejected instead (they repeated an earlier row); empty if it was no longer
	 * processing.
	 */
	Mono<Upload> complete(UUID id, long bytesReceived, long repeats) {
		return this.db.sql("""
				UPDATE uploads
				SET status = CASE WHEN rows_failed + :repeats > 0 THEN 'COMPLETED_WITH_ERRORS' ELSE 'COMPLETED' END,
				  rows_succeeded = rows_succeeded - :repeats, rows_failed = rows_failed + :repeats,
				  bytes_received = :bytes, finished_at = now(), changed_at = clock_timestamp()
				WHERE id = :id AND status = 'PROCESSING'
				""" + RETURNING)
			.bind("id", id)
			.bind("bytes", bytesReceived)
			.bind("repeats", repeats)
			.map(Uploads::upload)
			.one();
	}

	/**
	 * Validates a processing upload, counting {@code repeats} of its rows as rejected and
	 * storing the changes it would make; empty if it was no longer processing.
	 */
	Mono<Upload> validate(UUID id, long bytesReceived, long repeats, ChangeCounts changes) {
		GenericExecuteSpec update = this.db.sql("""
				UPDATE uploads
				SET status = 'VALIDATED', rows_succeeded = rows_succeeded - :repeats,
				  rows_failed = rows_failed + :repeats, bytes_received = :bytes, finished_at = now(),
				  changes_previous_upload_id = :previous, changes_new = :new, changes_changed = :changed,
				  changes_unchanged = :unchanged, changes_missing = :missing, changes_computed_at = now()
				WHERE id = :id AND status = 'PROCESSING'
				""" + RETURNING)
			.bind("id", id)
			.bind("bytes", bytesReceived)
			.bind("repeats", repeats)
			.bind("new", changes.newCount())
			.bind("changed", changes.changed())
			.bind("unchanged", changes.unchanged())
			.bind("missing", changes.missing());
		update = (changes.previousUploadId() != null) ? update.bind("previous", changes.previousUploadId())
				: update.bindNull("previous", UUID.class);
		return update.map(Uploads::upload).one();
	}

	/** Fails an upload that is not final yet; empty if it already was. */
	Mono<Upload> fail(UUID id, IngestFailure failure, long bytesReceived) {
		return this.db.sql("""
				UPDATE uploads
				SET status = 'FAILED', error_stage = :stage, error_code = :code, error_message = :message,
				  bytes_received = GREATEST(bytes_received, :bytes), finished_at = now(), changed_at = clock_timestamp()
				WHERE id = :id AND status IN ('AWAITING_CONTENT', 'PROCESSING', 'INTERRUPTED')
				""" + RETURNING)
			.bind("id", id)
			.bind("stage", failure.stage().label())
			.bind("code", failure.code())
			.bind("message", failure.getMessage())
			.bind("bytes", bytesReceived)
			.map(Uploads::upload)
			.one();
	}

	/**
	 * Fails a processing upload whose lease expired, as {@link #lockExpired} found it,
	 * unless a heartbeat renewed the lease since; empty if it was not failed.
	 */
	Mono<Upload> failExpired(UUID id, IngestFailure failure, Duration lease) {
		return this.db.sql("""
				UPDATE uploads
				SET status = 'FAILED', error_stage = :stage, error_code = :code, error_message = :message,
				  finished_at = now(), changed_at = clock_timestamp()
				WHERE id = :id AND status = 'PROCESSING'
				  AND COALESCE(lease_expires_at, started_at + make_interval(secs => :unleased)) < now()
				""" + RETURNING)
			.bind("id", id)
			.bind("stage", failure.stage().label())
			.bind("code", failure.code())
			.bind("message", failure.getMessage())
			.bind("unleased", seconds(unleasedGrace(lease)))
			.map(Uploads::upload)
			.one();
	}

	private static Duration unleasedGrace(Duration lease) {
		return UNLEASED_GRACE.compareTo(lease) > 0 ? UNLEASED_GRACE : lease;
	}

	private static Upload upload(Readable row) {
		String stage = row.get("error_stage", String.class);
		UploadError error = (stage != null)
				? new UploadError(stage, row.get("error_code", String.class), row.get("error_message", String.class))
				: null;
		return new Upload(row.get("id", UUID.class), row.get("filename", String.class),
				UploadStatus.valueOf(row.get("status", String.class)), row.get("rows_total", Long.class),
				row.get("rows_succeeded", Long.class), row.get("rows_failed", Long.class),
				row.get("bytes_received", Long.class),
				ShownColumns.of(list(row.get("unknown_columns_shown", String[].class)),
						row.get("unknown_columns_count", Integer.class)),
				error, instant(row.get("created_at", OffsetDateTime.class)),
				instant(row.get("started_at", OffsetDateTime.class)),
				instant(row.get("finished_at", OffsetDateTime.class)), changes(row));
	}

	private static Changed changed(Readable row) {
		return new Changed(upload(row), instant(row.get("changed_at", OffsetDateTime.class)));
	}

	private static ChangeCounts changes(Readable row) {
		if (row.get("changes_computed_at", OffsetDateTime.class) == null) {
			return null;
		}
		return new ChangeCounts(row.get("changes_previous_upload_id", UUID.class), row.get("changes_new", Long.class),
				row.get("changes_changed", Long.class), row.get("changes_unchanged", Long.class),
				row.get("changes_missing", Long.class));
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static List<String> list(String[] values) {
		return (values != null) ? Arrays.asList(values) : List.of();
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
