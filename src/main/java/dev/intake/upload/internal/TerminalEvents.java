package dev.intake.upload.internal;

import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import dev.intake.webhook.UploadOutcome;
import dev.intake.webhook.WebhookEventType;
import dev.intake.webhook.WebhookOutbox;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Writes the webhook event of an upload that just became final, in the transaction that
 * made it final: {@code upload.completed} for a completed upload,
 * {@code upload.validated} for a validated one, {@code upload.failed} for a failed one.
 * Only the upload's summary goes out, never its rows.
 */
@Component
class TerminalEvents {

	private final WebhookOutbox outbox;

	TerminalEvents(WebhookOutbox outbox) {
		this.outbox = outbox;
	}

	/** Completes once the event is written; errors as the database does. */
	Mono<Upload> record(TenantId tenant, Upload upload) {
		WebhookEventType type = switch (upload.status()) {
			case COMPLETED, COMPLETED_WITH_ERRORS -> WebhookEventType.UPLOAD_COMPLETED;
			case VALIDATED -> WebhookEventType.UPLOAD_VALIDATED;
			case FAILED -> WebhookEventType.UPLOAD_FAILED;
			case AWAITING_CONTENT, PROCESSING, INTERRUPTED -> null;
		};
		if (type == null) {
			return Mono.just(upload);
		}
		return this.outbox.record(tenant, type, outcomeOf(upload)).thenReturn(upload);
	}

	private static UploadOutcome outcomeOf(Upload upload) {
		UploadError error = upload.error();
		return new UploadOutcome(upload.id(), upload.filename(), upload.status().name(), upload.rowsTotal(),
				upload.rowsSucceeded(), upload.rowsFailed(), upload.bytesReceived(), upload.createdAt(),
				upload.finishedAt(), (error != null) ? error.stage() : null, (error != null) ? error.code() : null);
	}

}
