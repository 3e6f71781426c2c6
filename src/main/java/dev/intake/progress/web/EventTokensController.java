package dev.intake.progress.web;

import java.util.UUID;

import dev.intake.progress.internal.UploadEvents;
import dev.intake.tenant.AccessToken;
import dev.intake.tenant.CurrentTenant;
import dev.intake.tenant.EventAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mints short-lived access tokens for browsers, whose {@code EventSource} cannot send an
 * API key: one for the events of one of the tenant's uploads (404 for an upload the
 * tenant does not have), one for the tenant's feed. Only an API key may mint them.
 */
@RestController
@RequestMapping("/api/v1/uploads")
@Tag(name = "Progress events")
class EventTokensController {

	private final UploadEvents uploadEvents;

	private final EventAccess access;

	EventTokensController(UploadEvents uploadEvents, EventAccess access) {
		this.uploadEvents = uploadEvents;
		this.access = access;
	}

	@PostMapping("/{id}/events/token")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Get a short-lived token to follow one upload's events from a browser",
			description = "Pass it as `?access_token=` to `GET /api/v1/uploads/{id}/events`; never the API key.")
	Mono<AccessToken> uploadToken(@PathVariable UUID id) {
		return CurrentTenant.get()
			.flatMap((tenant) -> this.uploadEvents.exists(tenant, id)
				.then(Mono.fromSupplier(() -> this.access.forUpload(tenant, id))));
	}

	@PostMapping("/events/token")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Get a short-lived token to follow the feed from a browser",
			description = "Pass it as `?access_token=` to `GET /api/v1/uploads/events`; never the API key.")
	Mono<AccessToken> feedToken() {
		return CurrentTenant.get().map(this.access::forFeed);
	}

}
