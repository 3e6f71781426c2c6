package dev.intake.webhook;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The outbox of webhook events. {@link #record} runs in the caller's transaction, the one
 * that makes the upload final, so the event exists exactly when the final status does: a
 * crash before the commit loses both, after it neither. Delivery workers on any instance
 * then send it ({@code internal.DeliveryWorker}).
 */
@Component
public class WebhookOutbox {

	/**
	 * One event for every endpoint of the tenant subscribed to its type, and a delivery
	 * due now for each; nothing when none is subscribed, and nothing again for an upload
	 * whose event of this type exists already.
	 */
	private static final String RECORD = """
			WITH targets AS (
			  SELECT id FROM webhook_endpoints WHERE tenant_id = :tenant AND :type = ANY(events)
			), event AS (
			  INSERT INTO webhook_events (id, tenant_id, type, upload_id, body, created_at)
			  SELECT :id, :tenant, :type, :upload, :body, :createdAt WHERE EXISTS (SELECT 1 FROM targets)
			  ON CONFLICT (upload_id, type) DO NOTHING
			  RETURNING id
			)
			INSERT INTO webhook_deliveries (endpoint_id, event_id) SELECT t.id, e.id FROM targets t CROSS JOIN event e""";

	private final DatabaseClient db;

	private final JsonMapper json;

	WebhookOutbox(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * Writes the event of an upload that became final, in the current transaction;
	 * completes when it is written, errors as the database does.
	 */
	public Mono<Void> record(TenantId tenant, WebhookEventType type, UploadOutcome upload) {
		UUID id = UUID.randomUUID();
		Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		return Mono.fromCallable(() -> body(id, type, createdAt, upload))
			.flatMap((body) -> this.db.sql(RECORD)
				.bind("id", id)
				.bind("tenant", tenant.value())
				.bind("type", type.label())
				.bind("upload", upload.id())
				.bind("body", body)
				.bind("createdAt", createdAt.atOffset(ZoneOffset.UTC))
				.then());
	}

	private String body(UUID id, WebhookEventType type, Instant createdAt, UploadOutcome upload) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("id", upload.id());
		summary.put("filename", upload.filename());
		summary.put("status", upload.status());
		summary.put("rowsTotal", upload.rowsTotal());
		summary.put("rowsSucceeded", upload.rowsSucceeded());
		summary.put("rowsFailed", upload.rowsFailed());
		summary.put("bytesReceived", upload.bytesReceived());
		summary.put("createdAt", upload.createdAt());
		summary.put("finishedAt", upload.finishedAt());
		summary.put("error",
				(upload.errorCode() != null) ? Map.of("stage", upload.errorStage(), "code", upload.errorCode()) : null);
		summary.put("links", Map.of("self", "/api/v1/uploads/" + upload.id()));
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", id);
		event.put("type", type.label());
		event.put("createdAt", createdAt);
		event.put("data", Map.of("upload", summary));
		return this.json.writeValueAsString(event);
	}

}
