package dev.intake.webhook.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import dev.intake.webhook.WebhookEventType;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The tenants' webhook endpoints. Every query names the tenant, so another tenant's
 * endpoint is never found.
 */
@Repository
class WebhookEndpoints {

	private static final String COLUMNS = "id, url, events, created_at, previous_secret_expires_at";

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	WebhookEndpoints(DatabaseClient db, TransactionalOperator transactions) {
		this.db = db;
		this.transactions = transactions;
	}

	/**
	 * Creates an endpoint with a new secret; errors with {@link TooManyWebhooks} when the
	 * tenant has {@code max} already (counted under the tenant's advisory lock, so
	 * concurrent requests cannot overshoot it).
	 */
	Mono<WebhookSecret> create(TenantId tenant, URI url, List<WebhookEventType> events, int max) {
		String secret = WebhookSecret.generate();
		Mono<WebhookEndpoint> insert = this.db
			.sql("INSERT INTO webhook_endpoints (id, tenant_id, url, events, secret) "
					+ "VALUES (:id, :tenant, :url, :events, :secret) RETURNING " + COLUMNS)
			.bind("id", UUID.randomUUID())
			.bind("tenant", tenant.value())
			.bind("url", url.toString())
			.bind("events", events.stream().map(WebhookEventType::label).toArray(String[]::new))
			.bind("secret", secret)
			.map(WebhookEndpoints::endpoint)
			.one();
		return this.db.sql("SELECT pg_advisory_xact_lock(hashtextextended('intake.webhooks:' || :tenant, 0))")
			.bind("tenant", tenant.value())
			.then()
			.then(this.db.sql("SELECT count(*) AS found FROM webhook_endpoints WHERE tenant_id = :tenant")
				.bind("tenant", tenant.value())
				.map((row) -> row.get("found", Long.class))
				.one())
			.flatMap((found) -> (found < max) ? insert : Mono.error(new TooManyWebhooks(max)))
			.as(this.transactions::transactional)
			.map((endpoint) -> new WebhookSecret(endpoint, secret));
	}

	/** A tenant's endpoints, newest first, strictly after a cursor. */
	Flux<WebhookEndpoint> list(TenantId tenant, WebhookCursor after, int limit) {
		GenericExecuteSpec query = this.db.sql("SELECT " + COLUMNS + """
				 FROM webhook_endpoints
				WHERE tenant_id = :tenant
				  AND (CAST(:afterTime AS timestamptz) IS NULL OR (created_at, id) < (:afterTime, :afterId))
				ORDER BY created_at DESC, id DESC
				LIMIT :limit""").bind("tenant", tenant.value()).bind("limit", limit);
		query = (after != null)
				? query.bind("afterTime", after.createdAt().atOffset(ZoneOffset.UTC)).bind("afterId", after.id())
				: query.bindNull("afterTime", OffsetDateTime.class).bindNull("afterId", UUID.class);
		return query.map(WebhookEndpoints::endpoint).all();
	}

	/** A tenant's endpoint; empty for another tenant's, as for a missing one. */
	Mono<WebhookEndpoint> find(TenantId tenant, UUID id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = :id AND tenant_id = :tenant")
			.bind("id", id)
			.bind("tenant", tenant.value())
			.map(WebhookEndpoints::endpoint)
			.one();
	}

	/** Deletes a tenant's endpoint and its deliveries; emits whether there was one. */
	Mono<Boolean> delete(TenantId tenant, UUID id) {
		return this.db.sql("DELETE FROM webhook_endpoints WHERE id = :id AND tenant_id = :tenant")
			.bind("id", id)
			.bind("tenant", tenant.value())
			.fetch()
			.rowsUpdated()
			.map((deleted) -> deleted > 0);
	}

	/**
	 * Gives a tenant's endpoint a new secret; the current one keeps signing for
	 * {@code grace} (not at all for zero). Empty for an endpoint not found.
	 */
	Mono<WebhookSecret> rotate(TenantId tenant, UUID id, Duration grace) {
		String secret = WebhookSecret.generate();
		return this.db.sql("""
				UPDATE webhook_endpoints
				SET previous_secret = CASE WHEN :grace > 0 THEN secret END,
				  previous_secret_expires_at = CASE WHEN :grace > 0 THEN now() + make_interval(secs => :grace) END,
				  secret = :secret
				WHERE id = :id AND tenant_id = :tenant
				RETURNING """ + " " + COLUMNS)
			.bind("id", id)
			.bind("tenant", tenant.value())
			.bind("secret", secret)
			.bind("grace", grace.toMillis() / 1000.0)
			.map(WebhookEndpoints::endpoint)
			.one()
			.map((endpoint) -> new WebhookSecret(endpoint, secret));
	}

	private static WebhookEndpoint endpoint(Readable row) {
		OffsetDateTime expires = row.get("previous_secret_expires_at", OffsetDateTime.class);
		return new WebhookEndpoint(row.get("id", UUID.class), row.get("url", String.class),
				Arrays.asList(row.get("events", String[].class)), instant(row.get("created_at", OffsetDateTime.class)),
				(expires != null) ? instant(expires) : null);
	}

	private static Instant instant(OffsetDateTime time) {
		return time.toInstant();
	}

}
