package dev.intake.webhook.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one endpoint, as its delivery log shows it.
 *
 * @param id the delivery's id, also the log's cursor
 * @param eventId the event's id, the same in every attempt ({@code Intake-Event-Id})
 * @param type the event's type
 * @param uploadId the upload the event is about
 * @param state {@code pending}, {@code delivered} or {@code dead}
 * @param attempts attempts made so far (or started)
 * @param lastStatus the HTTP status of the last attempt, or {@code null} if it got none
 * @param lastError what went wrong in the last attempt, or {@code null}
 * @param lastAttemptAt when the last attempt started
 * @param nextAttemptAt when the next attempt is due, while pending
 * @param deliveredAt when an attempt got a 2xx
 * @param deadAt when it was given up
 * @param createdAt when the event was written
 */
public record Delivery(long id, UUID eventId, String type, UUID uploadId, String state, int attempts,
		Integer lastStatus, String lastError, Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt,
		Instant deadAt, Instant createdAt) {

}
