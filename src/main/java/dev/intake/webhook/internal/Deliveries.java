package dev.intake.webhook.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The deliveries of webhook events, and their claims. A claim is one statement: it locks
 * due rows with {@code FOR UPDATE SKIP LOCKED} (through the partial index of undelivered
 * rows by due time) and moves their due time a claim lease ahead, so no other instance
 * takes them while the attempt runs, and any instance takes them again if the claimer
 * died.
 */
@Repository
class Deliveries {

	/**
	 * The due deliveries, oldest due first: its predicate is the partial index's, so it
	 * reads that index, never the delivered and dead history.
	 */
	static final String DUE = """
			SELECT id FROM webhook_deliveries
			WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()
			ORDER BY next_attempt_at
			LIMIT :limit
			FOR UPDATE SKIP LOCKED""";

	private static final String CLAIM = """
			UPDATE webhook_deliveries d
			SET attempts = d.attempts + 1, claim_token = :claim, last_attempt_at = now(),
			  next_attempt_at = now() + make_interval(secs => :lease)
			FROM (%s) due, webhook_endpoints e, webhook_events ev
			WHERE d.id = due.id AND e.id = d.endpoint_id AND ev.id = d.event_id
			RETURNING d.id, d.attempts, e.url, e.secret,
			  CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS previous_secret,
			  ev.id AS event_id, ev.type, ev.body""".formatted(DUE);

	private static final String PAGE = """
			SELECT d.id, d.event_id, ev.type, ev.upload_id, d.attempts, d.last_status, d.last_error,
			  d.last_attempt_at, d.next_attempt_at, d.delivered_at, d.dead_at, ev.created_at
			FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
			WHERE d.endpoint_id = :endpoint AND d.id < :before
			ORDER BY d.id DESC
			LIMIT :limit""";

	private final DatabaseClient db;

	Deliveries(DatabaseClient db) {
		this.db = db;
	}

	/** Claims up to {@code limit} due deliveries for one attempt each. */
	Flux<ClaimedDelivery> claim(int limit, Duration lease) {
		UUID claim = UUID.randomUUID();
		return this.db.sql(CLAIM).bind("claim", claim).bind("lease", seconds(lease)).bind("limit", limit).map((row) -> {
			String previous = row.get("previous_secret", String.class);
			String current = row.get("secret", String.class);
			return new ClaimedDelivery(row.get("id", Long.class), claim, row.get("attempts", Integer.class),
					row.get("url", String.class), (previous != null) ? List.of(current, previous) : List.of(current),
					row.get("event_id", UUID.class), row.get("type", String.class), row.get("body", String.class));
		}).all();
	}

	/** Records a delivered attempt, whoever claimed it last. */
	Mono<Void> delivered(ClaimedDelivery delivery, AttemptResult result) {
		return this.db.sql("""
				UPDATE webhook_deliveries
				SET delivered_at = now(), last_status = :status, last_error = NULL, claim_token = NULL
				WHERE id = :id AND delivered_at IS NULL""")
			.bind("id", delivery.id())
			.bind("status", result.status())
			.then();
	}

	/**
	 * Records a failed attempt of the claim's holder: due again after {@code delay}, or
	 * dead if its event is older than {@code retryFor}. Emits whether it is dead now;
	 * empty if the claim was no longer held (it ran out, and another attempt took over).
	 */
	Mono<Boolean> failed(ClaimedDelivery delivery, AttemptResult result, Duration delay, Duration retryFor) {
		var update = this.db.sql("""
				UPDATE webhook_deliveries d
				SET last_status = :status, last_error = :error, claim_token = NULL,
				  next_attempt_at = now() + make_interval(secs => :delay),
				  dead_at = CASE WHEN ev.created_at + make_interval(secs => :retryFor) <= now() THEN now() END
				FROM webhook_events ev
				WHERE d.id = :id AND d.claim_token = :claim AND d.delivered_at IS NULL AND ev.id = d.event_id
				RETURNING d.dead_at IS NOT NULL AS dead""")
			.bind("id", delivery.id())
			.bind("claim", delivery.claim())
			.bind("error", result.error())
			.bind("delay", seconds(delay))
			.bind("retryFor", seconds(retryFor));
		update = (result.status() != null) ? update.bind("status", result.status())
				: update.bindNull("status", Integer.class);
		return update.map((row) -> row.get("dead", Boolean.class)).one();
	}

	/** An endpoint's deliveries, newest first, with ids below {@code before}. */
	Flux<Delivery> page(UUID endpoint, long before, int limit) {
		return this.db.sql(PAGE)
			.bind("endpoint", endpoint)
			.bind("before", before)
			.bind("limit", limit)
			.map(Deliveries::delivery)
			.all();
	}

	private static Delivery delivery(Readable row) {
		Instant delivered = instant(row.get("delivered_at", OffsetDateTime.class));
		Instant dead = instant(row.get("dead_at", OffsetDateTime.class));
		String state = (delivered != null) ? "delivered" : (dead != null) ? "dead" : "pending";
		return new Delivery(row.get("id", Long.class), row.get("event_id", UUID.class), row.get("type", String.class),
				row.get("upload_id", UUID.class), state, row.get("attempts", Integer.class),
				row.get("last_status", Integer.class), row.get("last_error", String.class),
				instant(row.get("last_attempt_at", OffsetDateTime.class)),
				state.equals("pending") ? instant(row.get("next_attempt_at", OffsetDateTime.class)) : null, delivered,
				dead, instant(row.get("created_at", OffsetDateTime.class)));
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
