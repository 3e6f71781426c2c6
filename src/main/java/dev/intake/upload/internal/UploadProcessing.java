package dev.intake.upload.internal;

import java.util.Map;
import java.util.UUID;

import dev.intake.ingest.IngestEvent;
import dev.intake.ingest.IngestEvent.BatchWritten;
import dev.intake.ingest.IngestEvent.HeaderAccepted;
import dev.intake.ingest.IngestFailure;
import dev.intake.ingest.Ingestion;
import dev.intake.ingest.Piece;
import dev.intake.progress.ProgressPublisher;
import dev.intake.system.Limits;
import dev.intake.system.UploadNotFound;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Service;

/**
 * Runs an upload's content through the ingest pipeline and keeps its lifecycle: counts
 * move batch by batch, then the upload completes, or fails and its partial entries are
 * removed.
 * <p>
 * {@link #process} emits the final upload once it is {@code COMPLETED} or
 * {@code COMPLETED_WITH_ERRORS} ({@code VALIDATED} in {@link UploadMode#VALIDATE}, whose
 * rows are dropped once checked). On a fatal problem it stores {@code FAILED} with the
 * stage and code, deletes the entries written so far, and then errors with
 * {@link UploadFailed}. If the subscriber cancels (the client went away), the upload is
 * failed the same way with code {@code client-disconnected}, detached from the cancelled
 * request.
 * <p>
 * {@link #processPiece} runs one piece of a file sent in pieces; when its content stops,
 * the upload is interrupted instead of failed (see {@link UploadInterruptions}).
 * <p>
 * Every lifecycle change and every committed batch is also published as a progress event;
 * publishing never slows or fails the upload. A completed upload is also announced as an
 * {@link UploadCompleted} application event.
 * <p>
 * Each concern has its own owner: {@link UploadAdmission} lets an upload start,
 * {@link BodyLimit} bounds its bytes, {@link RunEnding} completes or pauses it, and
 * {@link UploadFailures} fails or interrupts it.
 */
@Service
public class UploadProcessing {

	/** The code of an upload whose client stopped sending for longer than allowed. */
	public static final String READ_TIMEOUT = "read-timeout";

	private static final Logger log = LoggerFactory.getLogger(UploadProcessing.class);

	/** The key-value every log line about one upload carries, for structured logs. */
	static final String UPLOAD_ID = "uploadId";

	private final UploadAdmission admission;

	private final UploadTransitions transitions;

	private final Ingestion ingestion;

	private final UploadFailures failures;

	private final InFlightUploads inFlight;

	private final ProgressPublisher progress;

	private final Limits limits;

	private final BodyLimit bodyLimit;

	private final UploadMetrics metrics;

	private final RunEnding ending;

	UploadProcessing(UploadAdmission admission, UploadTransitions transitions, Ingestion ingestion,
			UploadFailures failures, InFlightUploads inFlight, ProgressPublisher progress, Limits limits,
			BodyLimit bodyLimit, UploadMetrics metrics, RunEnding ending) {
		this.admission = admission;
		this.transitions = transitions;
		this.ingestion = ingestion;
		this.failures = failures;
		this.inFlight = inFlight;
		this.progress = progress;
		this.limits = limits;
		this.bodyLimit = bodyLimit;
		this.metrics = metrics;
		this.ending = ending;
	}

	/**
	 * Creates an upload of a tenant and processes its content now; errors with
	 * {@link TooManyUploads}, before reading any content, when the tenant already has as
	 * many uploads processing as it may.
	 * @param bytesExpected the body's announced length, or {@code null}
	 */
	public Mono<Upload> createAndProcess(TenantId tenant, String filename, Flux<DataBuffer> content,
			Long bytesExpected) {
		return createAndProcess(tenant, filename, content, bytesExpected, UploadMode.STORE);
	}

	/**
	 * Creates an upload and processes its content now in the given mode: validated only,
	 * it emits the upload once it is {@code VALIDATED}.
	 * @param bytesExpected the body's announced length, or {@code null}
	 */
	public Mono<Upload> createAndProcess(TenantId tenant, String filename, Flux<DataBuffer> content, Long bytesExpected,
			UploadMode mode) {
		return this.admission.createProcessing(tenant, UUID.randomUUID(), filename)
			.flatMap((upload) -> process(new UploadRun(tenant, upload, bytesExpected, mode), content));
	}

	/**
	 * Processes the content of a tenant's upload that {@link UploadAdmission} just
	 * created as processing.
	 * @param bytesExpected the body's announced length, or {@code null}
	 */
	Mono<Upload> processAdmitted(TenantId tenant, Upload upload, Flux<DataBuffer> content, Long bytesExpected) {
		return process(new UploadRun(tenant, upload, bytesExpected), content);
	}

	/**
	 * Processes the content of a tenant's upload that awaits it; errors with
	 * {@link UploadNotFound} (also for another tenant's upload),
	 * {@link UploadNotAwaitingContent} or {@link TooManyUploads} otherwise.
	 * @param bytesExpected the body's announced length, or {@code null}
	 */
	public Mono<Upload> processContent(TenantId tenant, UUID id, Flux<DataBuffer> content, Long bytesExpected) {
		return this.admission.start(tenant, id)
			.flatMap((upload) -> process(new UploadRun(tenant, upload, bytesExpected), content));
	}

	/**
	 * Processes one piece of the file of a tenant's upload sent in pieces, which starts
	 * at byte {@code offset} of the file: the upload's stored offset, where its last
	 * committed record ended. Emits the upload once the piece is processed: final, after
	 * the {@code last} piece; {@code INTERRUPTED} after any other, its
	 * {@code bytesReceived} the offset the next piece starts at (a record the piece ended
	 * in the middle of is not stored: the next piece sends it again).
	 * <p>
	 * Before reading content, errors with {@link UploadNotFound} (also for another
	 * tenant's upload), {@link UploadOffsetMismatch}, {@link UploadInProgress},
	 * {@link UploadNotResumable} or {@link TooManyUploads}. When the content stops (the
	 * client went away or cancelled, it sent nothing for too long, or Intake was too busy
	 * to take it) the upload is interrupted, not failed, keeping what it committed; the
	 * request then errors with {@link UploadFailed} naming why. Any other problem fails
	 * the upload as {@link #processContent} does.
	 * @param bytesExpected the whole file's announced length, or {@code null}
	 */
	public Mono<Upload> processPiece(TenantId tenant, UUID id, long offset, boolean last, Flux<DataBuffer> content,
			Long bytesExpected) {
		return this.admission.resume(tenant, id, offset)
			.flatMap((resumed) -> process(
					new UploadRun(tenant, resumed.upload(), bytesExpected, pieceOf(resumed, last), resumed.piece()),
					content));
	}

	private static Piece pieceOf(ResumedUpload resumed, boolean last) {
		Upload upload = resumed.upload();
		BatchWritten totals = new BatchWritten(upload.rowsTotal(), upload.rowsSucceeded(), upload.rowsFailed());
		return new Piece(resumed.offset(), resumed.nextRow(), (resumed.offset() > 0) ? resumed.header() : null, totals,
				last);
	}

	private Mono<Upload> process(UploadRun run, Flux<DataBuffer> content) {
		UUID id = run.upload().id();
		this.inFlight.hold(run);
		log.atInfo().addKeyValue(UPLOAD_ID, id).log("Upload {} started", id);
		this.progress.publish(run.tenant(), run.started());
		// A client that leaves while the lease is being claimed fails the upload too.
		return this.inFlight.claim(id)
			.then(Mono.defer(() -> pipeline(run, content)))
			.doOnCancel(() -> this.failures.stopDetached(run));
	}

	private Mono<Upload> pipeline(UploadRun run, Flux<DataBuffer> content) {
		UUID id = run.upload().id();
		Flux<DataBuffer> body = this.bodyLimit.limited(
				ReadTimeout.applied(content, this.limits.readTimeout(), this::readTimeout), run::received,
				BodyTooLarge::failure);
		Piece piece = run.piece();
		Flux<IngestEvent> events = (piece != null)
				? this.ingestion.ingest(id, piece, body,
						(upload, checkpoint) -> this.transitions.checkpoint(upload, run.pieceId(), checkpoint))
				: this.ingestion.ingest(id, body, run.bytesExpected());
		return events.concatMap((event) -> record(run, event))
			.then(Mono
				.defer(() -> (piece != null && !piece.last()) ? this.ending.pause(run) : this.ending.complete(run)))
			.onErrorResume((ex) -> this.failures.stopAndRethrow(run, UploadFailures.failureOf(id, ex)))
			.transform(this.metrics::measured);
	}

	private IngestFailure readTimeout() {
		return new IngestFailure(IngestFailure.Stage.RECEIVE, READ_TIMEOUT,
				"The client sent nothing for longer than %s (intake.limits.read-timeout)".formatted(
						this.limits.readTimeout()),
				null, Map.of("readTimeout", this.limits.readTimeout().toString()));
	}

	private Mono<Void> record(UploadRun run, IngestEvent event) {
		UUID id = run.upload().id();
		if (event instanceof HeaderAccepted header) {
			return this.transitions.recordHeader(id, header.header(), header.unknownColumns())
				.onErrorMap(IngestFailure::write);
		}
		BatchWritten counts = (BatchWritten) event;
		// A piece's counts were stored with its checkpoint, in the batch's transaction.
		Mono<Void> stored = (run.piece() != null) ? Mono.empty()
				: this.transitions.recordProgress(id, counts, run.bytesReceived());
		return stored.onErrorMap(IngestFailure::write)
			.doOnSuccess((done) -> this.metrics.batchWritten(run.committed(counts)))
			.doOnSuccess((done) -> this.progress.publish(run.tenant(), run.progressed(counts)));
	}

}
