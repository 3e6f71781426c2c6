package dev.intake.upload.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.ingest.Piece;
import dev.intake.progress.ProgressEvent;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;

/**
 * One upload while its content is being processed: what it has received so far, and its
 * progress events.
 */
final class UploadRun {

	private final TenantId tenant;

	private final Upload upload;

	private final Long bytesExpected;

	private final Piece piece;

	private final UUID pieceId;

	private final UploadMode mode;

	private final AtomicLong bytesReceived = new AtomicLong();

	private final AtomicReference<BatchWritten> committed = new AtomicReference<>(new BatchWritten(0, 0, 0));

	UploadRun(TenantId tenant, Upload upload, Long bytesExpected) {
		this(tenant, upload, bytesExpected, null, null, UploadMode.STORE);
	}

	UploadRun(TenantId tenant, Upload upload, Long bytesExpected, UploadMode mode) {
		this(tenant, upload, bytesExpected, null, null, mode);
	}

	/**
	 * A run of one piece of an upload's file: bytes and counts go on from where the piece
	 * starts.
	 */
	UploadRun(TenantId tenant, Upload upload, Long bytesExpected, Piece piece, UUID pieceId) {
		this(tenant, upload, bytesExpected, piece, pieceId, UploadMode.STORE);
	}

	private UploadRun(TenantId tenant, Upload upload, Long bytesExpected, Piece piece, UUID pieceId, UploadMode mode) {
		this.mode = mode;
		this.tenant = tenant;
		this.upload = upload;
		this.bytesExpected = (bytesExpected != null && bytesExpected > 0) ? bytesExpected : null;
		this.piece = piece;
		this.pieceId = pieceId;
		if (piece != null) {
			this.bytesReceived.set(piece.offset());
			this.committed.set(piece.totals());
		}
	}

	/** The piece this run processes, or {@code null} for a whole file. */
	Piece piece() {
		return this.piece;
	}

	/** The id of the piece, which its checkpoints must name. */
	UUID pieceId() {
		return this.pieceId;
	}

	TenantId tenant() {
		return this.tenant;
	}

	Upload upload() {
		return this.upload;
	}

	/** Whether the content is only validated, never stored. */
	boolean validating() {
		return this.mode == UploadMode.VALIDATE;
	}

	/** The body's announced length, or {@code null}. */
	Long bytesExpected() {
		return this.bytesExpected;
	}

	/** Counts bytes received; returns the total so far, from the file's start. */
	long received(long bytes) {
		return this.bytesReceived.addAndGet(bytes);
	}

	long bytesReceived() {
		return this.bytesReceived.get();
	}

	/**
	 * Keeps the totals after the batch just committed; returns what that batch added to
	 * them.
	 */
	BatchWritten committed(BatchWritten totals) {
		BatchWritten before = this.committed.getAndSet(totals);
		return new BatchWritten(totals.rowsProcessed() - before.rowsProcessed(),
				totals.rowsSucceeded() - before.rowsSucceeded(), totals.rowsFailed() - before.rowsFailed());
	}

	ProgressEvent started() {
		if (this.piece != null && this.piece.offset() > 0) {
			return event(ProgressEvent.STARTED, UploadStatus.PROCESSING.name(), this.piece.totals(), percentSoFar(),
					"Upload resumed at byte " + this.piece.offset());
		}
		return event(ProgressEvent.STARTED, UploadStatus.PROCESSING.name(), new BatchWritten(0, 0, 0), 0.0,
				"Upload started");
	}

	ProgressEvent progressed(BatchWritten counts) {
		Upload now = new Upload(this.upload.id(), this.upload.filename(), UploadStatus.PROCESSING,
				counts.rowsProcessed(), counts.rowsSucceeded(), counts.rowsFailed(), bytesReceived(), ShownColumns.NONE,
				null, this.upload.createdAt(), this.upload.startedAt(), null, null);
		return event(ProgressEvent.PROGRESS, UploadStatus.PROCESSING.name(), counts, percentSoFar(), now.message());
	}

	private Double percentSoFar() {
		if (this.bytesExpected == null) {
			return null;
		}
		return Math.min(99.9, Math.floor(1000.0 * bytesReceived() / this.bytesExpected) / 10);
	}

	private ProgressEvent event(String type, String status, BatchWritten counts, Double percent, String message) {
		return new ProgressEvent(type, this.upload.id(), this.upload.filename(), status, counts.rowsProcessed(),
				counts.rowsSucceeded(), counts.rowsFailed(), bytesReceived(), this.bytesExpected, percent, message,
				null, null, Instant.now());
	}

	ProgressEvent finished(Upload upload) {
		return stateOf(upload, this.bytesExpected);
	}

	/** An upload's stored state as an event: terminal when the upload is final. */
	static ProgressEvent stateOf(Upload upload, Long bytesExpected) {
		UploadError error = upload.error();
		String type = switch (upload.status()) {
			case FAILED -> ProgressEvent.FAILED;
			case COMPLETED, COMPLETED_WITH_ERRORS, VALIDATED -> ProgressEvent.COMPLETED;
			case INTERRUPTED -> ProgressEvent.INTERRUPTED;
			case AWAITING_CONTENT, PROCESSING -> ProgressEvent.PROGRESS;
		};
		Double percent = (upload.status().isFinal() && upload.status() != UploadStatus.FAILED) ? Double.valueOf(100.0)
				: null;
		return new ProgressEvent(type, upload.id(), upload.filename(), upload.status().name(), upload.rowsTotal(),
				upload.rowsSucceeded(), upload.rowsFailed(), upload.bytesReceived(), bytesExpected, percent,
				upload.message(), (error != null) ? error.stage() : null, (error != null) ? error.code() : null,
				(upload.finishedAt() != null) ? upload.finishedAt() : Instant.now());
	}

}
