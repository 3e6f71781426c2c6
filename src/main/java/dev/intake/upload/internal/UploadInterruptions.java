package dev.intake.upload.internal;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import dev.intake.ingest.Ingestion;
import dev.intake.progress.ProgressPublisher;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The one place that interrupts an upload sent in pieces, for processing and the recovery
 * sweeper alike: stores {@code INTERRUPTED} (its committed rows, counts and checkpoint
 * stay, nothing becomes visible, and it no longer counts as processing), logs it, and
 * publishes an {@code interrupted} progress event whose {@code bytesReceived} is the
 * offset to resume from. No webhook: the upload is not final.
 * <p>
 * An upload that was not processing (final, or interrupted already) is left as it was,
 * and nothing is logged or published for it.
 */
@Component
class UploadInterruptions {

	private static final Logger log = LoggerFactory.getLogger(UploadInterruptions.class);

	/**
	 * The failures of a piece that interrupt its upload instead of failing it: the
	 * content stopped coming (or could not be taken yet), and what was committed before
	 * is intact.
	 */
	private static final Set<String> INTERRUPTING = Set.of("client-disconnected", "receive-failed",
			UploadProcessing.READ_TIMEOUT, Ingestion.SERVER_BUSY);

	private final UploadTransitions transitions;

	private final Leases leases;

	private final ProgressPublisher progress;

	UploadInterruptions(UploadTransitions transitions, Leases leases, ProgressPublisher progress) {
		this.transitions = transitions;
		this.leases = leases;
		this.progress = progress;
	}

	/** Whether a failure of a piece interrupts its upload rather than failing it. */
	static boolean interrupts(UploadFailure failure) {
		return failure.stage() == UploadStage.RECEIVE && INTERRUPTING.contains(failure.code());
	}

	/**
	 * Interrupts a processing upload; emits it, or nothing if it was not processing.
	 * @param reason why, for the log
	 * @param bytesExpected the file's announced length, for the event, or {@code null}
	 */
	Mono<Upload> interrupt(TenantId tenant, UUID id, String reason, Long bytesExpected) {
		return this.transitions.interrupt(id).doOnNext((upload) -> announce(tenant, upload, reason, bytesExpected));
	}

	/**
	 * Interrupts a processing upload only if its lease is still expired (its instance
	 * stopped); emits it, or nothing if it was not interrupted.
	 */
	Mono<Upload> interruptExpired(TenantId tenant, UUID id, Duration lease) {
		return this.leases.interruptExpired(id, lease)
			.doOnNext((upload) -> announce(tenant, upload, "lease-expired", null));
	}

	private void announce(TenantId tenant, Upload upload, String reason, Long bytesExpected) {
		log.atInfo()
			.addKeyValue(UploadProcessing.UPLOAD_ID, upload.id())
			.log("Upload {} interrupted at byte {} after {} rows: {}", upload.id(), upload.bytesReceived(),
					upload.rowsTotal(), reason);
		this.progress.publish(tenant, UploadRun.stateOf(upload, bytesExpected));
	}

}
