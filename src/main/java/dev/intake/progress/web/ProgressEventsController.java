package dev.intake.progress.web;

import java.util.UUID;

import dev.intake.progress.ProgressEvent;
import dev.intake.progress.internal.FeedEvents;
import dev.intake.progress.internal.InvalidLastEventId;
import dev.intake.progress.internal.ProgressSettings;
import dev.intake.progress.internal.UploadEvents;
import dev.intake.system.ApiProblem;
import dev.intake.tenant.CurrentTenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Streams progress as server-sent events: of one upload, or of all the tenant's uploads
 * for dashboards. Besides an API key, each stream takes an access token minted for it as
 * {@code ?access_token=} (see {@link EventTokensController}), for browsers. A client
 * resumes with the {@code Last-Event-ID} header, which browsers send on reconnect, or
 * with {@code ?lastEventId=} when it cannot set headers; the header wins, being the
 * newer. Responses are not to be cached or buffered by proxies. Problems found before the
 * stream starts (unknown upload, malformed upload id or {@code Last-Event-ID}) are
 * answered as {@code application/problem+json}.
 */
@RestController
@RequestMapping("/api/v1/uploads")
@Tag(name = "Progress events", description = "Live progress as server-sent events, relayed through Redis Streams")
class ProgressEventsController {

	static final String LAST_EVENT_ID = "Last-Event-ID";

	private final UploadEvents uploadEvents;

	private final FeedEvents feedEvents;

	private final ProgressSettings settings;

	private final SseSubscribers subscribers;

	ProgressEventsController(UploadEvents uploadEvents, FeedEvents feedEvents, ProgressSettings settings,
			SseSubscribers subscribers) {
		this.uploadEvents = uploadEvents;
		this.feedEvents = feedEvents;
		this.settings = settings;
		this.subscribers = subscribers;
	}

	@GetMapping("/{id}/events")
	@Operation(summary = "Follow one upload's progress",
			description = "`progress` events, then `completed` or `failed`, after which the stream ends. Each event's "
					+ "`id` is its Redis stream entry id: reconnect with `Last-Event-ID` (or `?lastEventId=`) to "
					+ "resume right after it. A heartbeat comment comes every 15 s.",
			responses = @ApiResponse(responseCode = "200", description = "The event stream; each `data` is one event",
					content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
							schema = @Schema(implementation = ProgressEvent.class))))
	@ApiProblem(status = 400, code = InvalidLastEventId.CODE, when = "`Last-Event-ID` is not a stream entry id")
	Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> uploadEvents(@PathVariable UUID id,
			@RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventIdHeader,
			@RequestParam(name = "lastEventId", required = false) String lastEventIdParam) {
		return CurrentTenant.get()
			.flatMap((tenant) -> this.uploadEvents.follow(tenant, id, newest(lastEventIdHeader, lastEventIdParam)))
			.map((events) -> stream(this.subscribers.ofUpload(events.map(ServerSentEvents::ofUpload))));
	}

	@GetMapping("/events")
	@Operation(summary = "Follow every upload's progress (the dashboard feed)",
			description = "`started`, `progress`, `completed` and `failed` events of all uploads from the moment of "
					+ "subscribing, or from `Last-Event-ID`. Never ends by itself.",
			responses = @ApiResponse(responseCode = "200", description = "The event stream; each `data` is one event",
					content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
							schema = @Schema(implementation = ProgressEvent.class))))
	@ApiProblem(status = 400, code = InvalidLastEventId.CODE, when = "`Last-Event-ID` is not a stream entry id")
	Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> feedEvents(
			@RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventIdHeader,
			@RequestParam(name = "lastEventId", required = false) String lastEventIdParam) {
		return CurrentTenant.get()
			.flatMap((tenant) -> this.feedEvents.follow(tenant, newest(lastEventIdHeader, lastEventIdParam)))
			.map((events) -> stream(this.subscribers.ofFeed(events.map(ServerSentEvents::ofFeed))));
	}

	/**
	 * Answers problems as JSON even to a client that accepts only
	 * {@code text/event-stream}, rather than as an event.
	 */
	@ExceptionHandler(ErrorResponseException.class)
	ResponseEntity<ProblemDetail> problem(ErrorResponseException problem) {
		return ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.getBody());
	}

	private ResponseEntity<Flux<ServerSentEvent<String>>> stream(Flux<ServerSentEvent<String>> events) {
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.cacheControl(CacheControl.noCache())
			.header("X-Accel-Buffering", "no")
			.body(Heartbeats.around(events, this.settings.heartbeat()));
	}

	private static String newest(String header, String param) {
		return (header != null && !header.isBlank()) ? header : param;
	}

}
