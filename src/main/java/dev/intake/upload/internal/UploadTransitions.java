package dev.intake.upload.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.intake.ingest.Checkpoint;
import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.ingest.IngestFailure;
import dev.intake.tenant.TenantId;
import dev.intake.upload.ChangeCounts;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * The changes of a started upload: its progress, and its moves to a later state. Every
 * transition is one conditional {@code UPDATE}, so an upload moves forward only: a final
 * state is never left.
 */
@Repository
class UploadTransitions {

	private final DatabaseClient db;

	UploadTransitions(DatabaseClient db) {
		this.db = db;
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
				WHERE id = :id AND status = %s AND piece_id = :piece""".formatted(UploadStatus.PROCESSING.sql()))
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
		return this.db
			.sql("""
					UPDATE uploads SET status = %s, interrupted_at = now(), lease_owner = NULL,
					  lease_expires_at = NULL, changed_at = clock_timestamp()
					WHERE id = :id AND status = %s AND content_offset IS NOT NULL"""
				.formatted(UploadStatus.INTERRUPTED.sql(), UploadStatus.PROCESSING.sql()) + UploadRows.RETURNING)
			.bind("id", id)
			.map(UploadRows::upload)
			.one();
	}

	/**
	 * Emits those of the given uploads that are neither processing nor interrupted (whose
	 * rows wait for their next piece), or do not exist.
	 */
	Flux<UUID> notProcessing(Collection<UUID> ids) {
		return this.db
			.sql("""
					SELECT x.id FROM unnest(:ids::uuid[]) AS x(id) LEFT JOIN uploads u ON u.id = x.id
					WHERE u.id IS NULL OR u.status NOT IN %s"""
				.formatted(UploadStatus.sqlList(UploadStatus.PROCESSING, UploadStatus.INTERRUPTED)))
			.bind("ids", ids.toArray(UUID[]::new))
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	/**
	 * Takes the uploads that have been in {@code wait} for longer than {@code age},
	 * oldest first, locking them for the transaction and skipping those another one has
	 * locked.
	 */
	Flux<ExpiredUpload> lockWaitingLongerThan(UploadWait wait, Duration age, int limit) {
		return this.db.sql("""
				SELECT id, tenant_id FROM uploads
				WHERE status = %1$s AND %2$s < now() - make_interval(secs => :age)
				ORDER BY %2$s
				LIMIT :limit
				FOR UPDATE SKIP LOCKED""".formatted(wait.status().sql(), wait.sinceColumn()))
			.bind("age", UploadRows.seconds(age))
			.bind("limit", limit)
			.map((row) -> new ExpiredUpload(row.get("id", UUID.class),
					new TenantId(row.get("tenant_id", String.class))))
			.all();
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
				WHERE id = :id AND status = %s""".formatted(UploadStatus.PROCESSING.sql()))
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
		return this.db
			.sql("SELECT id FROM uploads WHERE id = :id AND status = %s FOR UPDATE"
				.formatted(UploadStatus.PROCESSING.sql()))
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
		return this.db
			.sql("""
					UPDATE uploads
					SET status = CASE WHEN rows_failed + :repeats > 0 THEN %s ELSE %s END,
					  rows_succeeded = rows_succeeded - :repeats, rows_failed = rows_failed + :repeats,
					  bytes_received = :bytes, finished_at = now(), changed_at = clock_timestamp()
					WHERE id = :id AND status = %s
					""".formatted(UploadStatus.COMPLETED_WITH_ERRORS.sql(), UploadStatus.COMPLETED.sql(),
					UploadStatus.PROCESSING.sql()) + UploadRows.RETURNING)
			.bind("id", id)
			.bind("bytes", bytesReceived)
			.bind("repeats", repeats)
			.map(UploadRows::upload)
			.one();
	}

	/**
	 * Validates a processing upload, counting {@code repeats} of its rows as rejected and
	 * storing the changes it would make; empty if it was no longer processing.
	 */
	Mono<Upload> validate(UUID id, long bytesReceived, long repeats, ChangeCounts changes) {
		GenericExecuteSpec update = this.db.sql("""
				UPDATE uploads
				SET status = %s, rows_succeeded = rows_succeeded - :repeats,
				  rows_failed = rows_failed + :repeats, bytes_received = :bytes, finished_at = now(),
				  changes_previous_upload_id = :previous, changes_new = :new, changes_changed = :changed,
				  changes_unchanged = :unchanged, changes_missing = :missing, changes_computed_at = now()
				WHERE id = :id AND status = %s
				""".formatted(UploadStatus.VALIDATED.sql(), UploadStatus.PROCESSING.sql()) + UploadRows.RETURNING)
			.bind("id", id)
			.bind("bytes", bytesReceived)
			.bind("repeats", repeats)
			.bind("new", changes.newCount())
			.bind("changed", changes.changed())
			.bind("unchanged", changes.unchanged())
			.bind("missing", changes.missing());
		update = (changes.previousUploadId() != null) ? update.bind("previous", changes.previousUploadId())
				: update.bindNull("previous", UUID.class);
		return update.map(UploadRows::upload).one();
	}

	/** Fails an upload that is not final yet; empty if it already was. */
	Mono<Upload> fail(UUID id, UploadFailure failure, long bytesReceived) {
		return this.db
			.sql("""
					UPDATE uploads
					SET status = %s, error_stage = :stage, error_code = :code, error_message = :message,
					  bytes_received = GREATEST(bytes_received, :bytes), finished_at = now(), changed_at = clock_timestamp()
					WHERE id = :id AND status IN %s
					"""
				.formatted(UploadStatus.FAILED.sql(),
						UploadStatus.sqlList(UploadStatus.AWAITING_CONTENT, UploadStatus.PROCESSING,
								UploadStatus.INTERRUPTED))
					+ UploadRows.RETURNING)
			.bind("id", id)
			.bind("stage", failure.stage().label())
			.bind("code", failure.code())
			.bind("message", failure.getMessage())
			.bind("bytes", bytesReceived)
			.map(UploadRows::upload)
			.one();
	}

}
