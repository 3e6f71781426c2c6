package dev.intake.webhook.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.intake.tenant.TenantId;
import dev.intake.webhook.WebhookEventType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * What a tenant does with its webhook endpoints: create (the target checked by
 * {@link WebhookTargets}), list, read, delete, rotate the secret, and read an endpoint's
 * deliveries. Another tenant's endpoint errors with {@link WebhookNotFound}, exactly like
 * a missing one.
 */
@Service
public class Webhooks {

	private final WebhookEndpoints endpoints;

	private final Deliveries deliveries;

	private final WebhookTargets targets;

	private final WebhookSettings settings;

	Webhooks(WebhookEndpoints endpoints, Deliveries deliveries, WebhookTargets targets, WebhookSettings settings) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.targets = targets;
		this.settings = settings;
	}

	/**
	 * Creates an endpoint; emits it with its secret, the only time the secret is shown.
	 * Errors with {@link InvalidWebhook}, {@link WebhookTargetRefused} or
	 * {@link TooManyWebhooks}.
	 */
	public Mono<WebhookSecret> create(TenantId tenant, String url, List<String> events) {
		return Mono.fromCallable(() -> eventTypes(events))
			.zipWith(this.targets.accepted(url))
			.flatMap((checked) -> this.endpoints.create(tenant, checked.getT2(), checked.getT1(),
					this.settings.maxPerTenant()));
	}

	public Flux<WebhookEndpoint> list(TenantId tenant, WebhookCursor after, int limit) {
		return this.endpoints.list(tenant, after, limit);
	}

	public Mono<WebhookEndpoint> find(TenantId tenant, UUID id) {
		return this.endpoints.find(tenant, id).switchIfEmpty(Mono.error(() -> new WebhookNotFound(id)));
	}

	/** Deletes an endpoint; its pending deliveries are never made. */
	public Mono<Void> delete(TenantId tenant, UUID id) {
		return this.endpoints.delete(tenant, id)
			.flatMap((deleted) -> deleted ? Mono.<Void>empty() : Mono.error(new WebhookNotFound(id)));
	}

	/**
	 * Gives an endpoint a new secret, emitted once; the previous one keeps signing for
	 * {@code intake.webhooks.rotation-grace}.
	 */
	public Mono<WebhookSecret> rotate(TenantId tenant, UUID id) {
		return this.endpoints.rotate(tenant, id, this.settings.rotationGrace())
			.switchIfEmpty(Mono.error(() -> new WebhookNotFound(id)));
	}

	/** An endpoint's deliveries, newest first, with ids below {@code before}. */
	public Flux<Delivery> deliveries(TenantId tenant, UUID id, long before, int limit) {
		return find(tenant, id).flatMapMany((endpoint) -> this.deliveries.page(id, before, limit));
	}

	private static List<WebhookEventType> eventTypes(List<String> events) {
		if (events == null || events.isEmpty()) {
			throw InvalidWebhook.events("events must name at least one of " + labels());
		}
		Set<WebhookEventType> types = new LinkedHashSet<>();
		for (String event : events) {
			types.add(WebhookEventType.of(event)
				.orElseThrow(() -> InvalidWebhook.events("Unknown event; events are " + labels())));
		}
		return new ArrayList<>(types);
	}

	private static String labels() {
		return String.join(", ",
				java.util.Arrays.stream(WebhookEventType.values()).map(WebhookEventType::label).toList());
	}

}
