package dev.intake.upload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import dev.intake.upload.internal.UploadCursor;
import dev.intake.upload.internal.UploadRows;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * The uploads as other modules read them: by id, by tenant, a tenant's list, a file's
 * header. Inside this module, uploads are added by {@code internal.Admissions}, move on
 * through {@code internal.UploadTransitions}, and their leases are kept by
 * {@code internal.Leases}; where an upload's content stands and when its state last
 * changed are read by {@link dev.intake.upload.internal.UploadStateReads}.
 */
@Repository
public class Uploads {

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

}
