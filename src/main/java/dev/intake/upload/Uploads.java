package dev.intake.upload;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * The uploads as they are read: by id, by tenant, and by when they last changed. Uploads
 * are added by {@link Admissions}, move on through {@link UploadTransitions}, and their
 * leases are kept by {@link Leases}.
 */
@Repository
public class Uploads {

	/**
	 * When the state last changed; for uploads older than the column, their last known
	 * moment.
	 */
	private static final String CHANGED_AT = "COALESCE(changed_at, finished_at, started_at, created_at) AS changed_at";

	private final DatabaseClient db;

	Uploads(DatabaseClient db) {
		this.db = db;
	}

	/** Finds an upload of any tenant, for internal use; never for a request's id. */
	public Mono<Upload> findById(UUID id) {
		return this.db.sql("SELECT " + UploadRows.COLUMNS + " FROM uploads WHERE id = :id")
			.bind("id", id)
			.map(UploadRows::upload)
			.one();
	}

	/** Finds an upload of a tenant: another tenant's upload is not found. */
	public Mono<Upload> find(TenantId tenant, UUID id) {
		return this.db.sql("SELECT " + UploadRows.COLUMNS + " FROM uploads WHERE id = :id AND tenant_id = :tenant")
			.bind("id", id)
			.bind("tenant", tenant.value())
			.map(UploadRows::upload)
			.one();
	}

	/**
	 * Reads where a tenant's upload stands in its file: for an upload sent in pieces, the
	 * offset of its last checkpoint; for one completed, the file's length; 0 otherwise.
	 */
	Mono<ContentState> contentState(TenantId tenant, UUID id) {
		return this.db
			.sql("SELECT " + UploadRows.COLUMNS
					+ """
							, CASE WHEN status IN %s THEN bytes_received
							  ELSE COALESCE(content_offset, 0) END AS resume_offset, interrupted_at
							FROM uploads WHERE id = :id AND tenant_id = :tenant""".formatted(UploadStatus
						.sqlList(UploadStatus.COMPLETED, UploadStatus.COMPLETED_WITH_ERRORS, UploadStatus.VALIDATED)))
			.bind("id", id)
			.bind("tenant", tenant.value())
			.map((row) -> new ContentState(UploadRows.upload(row), row.get("resume_offset", Long.class),
					UploadRows.instant(row.get("interrupted_at", OffsetDateTime.class))))
			.one();
	}

	/**
	 * Emits an upload of any tenant with when its state last changed, for internal use.
	 */
	Mono<ChangedUpload> findChanged(UUID id) {
		return this.db.sql("SELECT " + UploadRows.COLUMNS + ", " + CHANGED_AT + " FROM uploads WHERE id = :id")
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
	Flux<ChangedUpload> changedSince(TenantId tenant, Instant from, int limit) {
		return this.db.sql("SELECT " + UploadRows.COLUMNS + ", " + CHANGED_AT + """
				 FROM uploads
				WHERE tenant_id = :tenant AND changed_at >= :from AND status <> %s
				ORDER BY changed_at, id
				LIMIT :limit""".formatted(UploadStatus.AWAITING_CONTENT.sql()))
			.bind("tenant", tenant.value())
			.bind("from", from.atOffset(ZoneOffset.UTC))
			.bind("limit", limit)
			.map(Uploads::changed)
			.all();
	}

	/**
	 * Emits a tenant's uploads newest first, optionally of one status, strictly after a
	 * cursor.
	 */
	public Flux<Upload> list(TenantId tenant, UploadStatus status, UploadCursor after, int limit) {
		GenericExecuteSpec query = this.db.sql("SELECT " + UploadRows.COLUMNS + """
				 FROM uploads
				WHERE tenant_id = :tenant
				  AND (CAST(:status AS text) IS NULL OR status = :status)
				  AND (CAST(:afterTime AS timestamptz) IS NULL OR (created_at, id) < (:afterTime, :afterId))
				ORDER BY created_at DESC, id DESC
				LIMIT :limit""").bind("tenant", tenant.value()).bind("limit", limit);
		query = (status != null) ? query.bind("status", status.name()) : query.bindNull("status", String.class);
		query = (after != null) ? query.bind("afterTime", after.createdAt()).bind("afterId", after.id())
				: query.bindNull("afterTime", OffsetDateTime.class).bindNull("afterId", UUID.class);
		return query.map(UploadRows::upload).all();
	}

	/**
	 * Reads the header cells of an upload, whole, for the one reader that needs them: the
	 * error report's header line.
	 */
	public Mono<List<String>> header(UUID id) {
		return this.db.sql("SELECT header FROM uploads WHERE id = :id")
			.bind("id", id)
			.map((row) -> UploadRows.list(row.get("header", String[].class)))
			.one()
			.defaultIfEmpty(List.of());
	}

	private static ChangedUpload changed(Readable row) {
		return new ChangedUpload(UploadRows.upload(row),
				UploadRows.instant(row.get("changed_at", OffsetDateTime.class)));
	}

}
