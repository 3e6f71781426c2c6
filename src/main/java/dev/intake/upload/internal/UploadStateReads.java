package dev.intake.upload.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import dev.intake.upload.UploadStatus;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The reads of an upload's state that only this module makes: where its content stands,
 * for a piece or a retry, and when its state last changed, for the feed of changes.
 * {@link dev.intake.upload.Uploads} holds the reads other modules make too.
 */
@Repository
class UploadStateReads {

	/**
	 * When the state last changed; for uploads older than the column, their last known
	 * moment.
	 */
	private static final String CHANGED_AT = "COALESCE(changed_at, finished_at, started_at, created_at) AS changed_at";

	private final DatabaseClient db;

	UploadStateReads(DatabaseClient db) {
		this.db = db;
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
			.map(UploadStateReads::changed)
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
			.map(UploadStateReads::changed)
			.all();
	}

	private static ChangedUpload changed(Readable row) {
		return new ChangedUpload(UploadRows.upload(row),
				UploadRows.instant(row.get("changed_at", OffsetDateTime.class)));
	}

}
