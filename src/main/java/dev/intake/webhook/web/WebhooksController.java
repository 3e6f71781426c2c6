package dev.intake.webhook.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.intake.system.ApiProblem;
import dev.intake.system.PageLimits;
import dev.intake.system.PagedProblems;
import dev.intake.system.Problem;
import dev.intake.tenant.CurrentTenant;
import dev.intake.webhook.internal.Delivery;
import dev.intake.webhook.internal.InvalidWebhook;
import dev.intake.webhook.internal.TooManyWebhooks;
import dev.intake.webhook.internal.WebhookCursor;
import dev.intake.webhook.internal.WebhookEndpoint;
import dev.intake.webhook.internal.WebhookNotFound;
import dev.intake.webhook.internal.WebhookTargetRefused;
import dev.intake.webhook.internal.Webhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets a tenant register webhook endpoints for upload events, rotate their secrets and
 * read what was delivered to them. Another tenant's endpoint is a 404, like a missing
 * one.
 */
@RestController
@RequestMapping(WebhooksController.PATH)
@Tag(name = "Webhooks", description = "Signed HTTP callbacks when uploads complete, fail or are validated")
class WebhooksController {

	static final String PATH = "/api/v1/webhooks";

	private final Webhooks webhooks;

	WebhooksController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping
	@Operation(summary = "Register a webhook endpoint",
			description = "Events of the listed types (`upload.completed`, `upload.failed`, `upload.validated`) are "
					+ "POSTed to `url` as JSON, signed in `Intake-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "
					+ "\"<t>.<body>\">` with the endpoint's secret, and retried with exponential backoff for at least "
					+ "24 h until a 2xx. The answer carries `secret`: it is shown this once.",
			responses = @ApiResponse(responseCode = "201", description = "Created, with its secret",
					content = @Content(schema = @Schema(implementation = WebhookView.class))))
	@ApiProblem(status = 400, code = InvalidWebhook.INVALID_URL,
			when = "`url` is missing, too long, not https (or http where allowed), or has user info")
	@ApiProblem(status = 400, code = InvalidWebhook.INVALID_EVENTS,
			when = "`events` is empty or names an unknown event")
	@ApiProblem(status = 400, code = WebhookTargetRefused.CODE,
			when = "the host is or resolves to a loopback, private, link-local, multicast, unspecified or reserved "
					+ "address (`reason` says which) and no setting allows it")
	@ApiProblem(status = 400, code = InvalidWebhook.UNRESOLVABLE, when = "the host does not resolve")
	@ApiProblem(status = 409, code = TooManyWebhooks.CODE,
			when = "the tenant has `intake.webhooks.max-per-tenant` endpoints already")
	Mono<ResponseEntity<WebhookView>> create(@RequestBody NewWebhook request) {
		return CurrentTenant.get()
			.flatMap((tenant) -> this.webhooks.create(tenant, request.url(), request.events()))
			.map(WebhookView::of)
			.map((view) -> ResponseEntity.created(URI.create(view.links().get("self"))).body(view));
	}

	@GetMapping
	@Operation(summary = "List the tenant's webhook endpoints, newest first",
			description = "A page of at most `limit` (1 to 1000, default 50); pass `next` as `cursor` for the next one. "
					+ "Secrets are never listed.")
	@PagedProblems
	Mono<Page<WebhookView>> list(@RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		int size = PageLimits.size(limit);
		WebhookCursor after = (cursor != null) ? endpointCursor(cursor) : null;
		return CurrentTenant.get()
			.flatMap((tenant) -> this.webhooks.list(tenant, after, size + 1).collectList())
			.map((found) -> {
				List<WebhookEndpoint> page = found.subList(0, Math.min(size, found.size()));
				String next = (found.size() > size) ? WebhookCursor.after(page.get(page.size() - 1)).token() : null;
				return Page.of(page.stream().map(WebhookView::of).toList(), next, PATH + "?limit=" + size + "&cursor=");
			});
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read one webhook endpoint", description = "Without its secret.")
	@ApiProblem(status = 404, code = WebhookNotFound.CODE, when = "no endpoint of this tenant has this id")
	Mono<WebhookView> get(@PathVariable UUID id) {
		return CurrentTenant.get().flatMap((tenant) -> this.webhooks.find(tenant, id)).map(WebhookView::of);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a webhook endpoint",
			description = "Its delivery log goes with it, and deliveries not yet made are never made.")
	@ApiProblem(status = 404, code = WebhookNotFound.CODE, when = "no endpoint of this tenant has this id")
	Mono<Void> delete(@PathVariable UUID id) {
		return CurrentTenant.get().flatMap((tenant) -> this.webhooks.delete(tenant, id));
	}

	@PostMapping("/{id}/secret")
	@Operation(summary = "Rotate a webhook endpoint's secret",
			description = "Answers the new secret, shown this once. The previous secret keeps signing for "
					+ "`intake.webhooks.rotation-grace` (24 h by default, `previousSecretExpiresAt`): meanwhile every "
					+ "delivery carries a `v1=` signature for each secret, so receivers can switch without losing "
					+ "events.")
	@ApiProblem(status = 404, code = WebhookNotFound.CODE, when = "no endpoint of this tenant has this id")
	Mono<WebhookView> rotate(@PathVariable UUID id) {
		return CurrentTenant.get().flatMap((tenant) -> this.webhooks.rotate(tenant, id)).map(WebhookView::of);
	}

	@GetMapping("/{id}/deliveries")
	@Operation(summary = "List a webhook endpoint's deliveries, newest first",
			description = "Each event sent to the endpoint: its id (`Intake-Event-Id`), type, upload, `state` "
					+ "(`pending`, `delivered` or `dead`), attempts, the last status or error, and when the next "
					+ "attempt is due. A page of at most `limit`; pass `next` as `cursor` for the next one.")
	@PagedProblems
	@ApiProblem(status = 404, code = WebhookNotFound.CODE, when = "no endpoint of this tenant has this id")
	Mono<Page<Delivery>> deliveries(@PathVariable UUID id, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		int size = PageLimits.size(limit);
		long before = (cursor != null) ? deliveryCursor(cursor) : Long.MAX_VALUE;
		return CurrentTenant.get()
			.flatMap((tenant) -> this.webhooks.deliveries(tenant, id, before, size + 1).collectList())
			.map((found) -> {
				List<Delivery> page = found.subList(0, Math.min(size, found.size()));
				String next = (found.size() > size) ? Long.toString(page.get(page.size() - 1).id()) : null;
				return Page.of(page, next, PATH + "/" + id + "/deliveries?limit=" + size + "&cursor=");
			});
	}

	private static WebhookCursor endpointCursor(String cursor) {
		try {
			return WebhookCursor.parse(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw invalidCursor();
		}
	}

	private static long deliveryCursor(String cursor) {
		// ASCII digits only: Long.parseLong would also read other scripts' digits and a
		// sign.
		if (!cursor.matches("[0-9]{1,18}")) {
			throw invalidCursor();
		}
		return Long.parseLong(cursor);
	}

	private static Problem invalidCursor() {
		return new Problem(HttpStatus.BAD_REQUEST, PageLimits.INVALID_CURSOR, "Invalid cursor",
				"The cursor parameter is not one this API handed out; use the 'next' value of the previous page");
	}

}
