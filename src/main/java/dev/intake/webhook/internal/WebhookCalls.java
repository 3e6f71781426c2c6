package dev.intake.webhook.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Makes one attempt of a delivery: checks the target again, POSTs the event's body,
 * signed, with Reactor Netty's non-blocking client, and tells how it ended. Emits exactly
 * one {@link AttemptResult} and never errors: any answer but a 2xx, a timeout
 * ({@code intake.webhooks.timeout}, connecting included), a refused connection or a
 * refused target is a failed attempt. Redirects are not followed. The connection's remote
 * address is checked before the request is written, so a host that resolves to a refused
 * address between the check and the connect gets nothing.
 */
@Component
class WebhookCalls {

	static final String EVENT_ID = "Intake-Event-Id";

	static final String EVENT_TYPE = "Intake-Event-Type";

	static final String USER_AGENT = "Intake-Webhooks/1";

	private final WebhookTargets targets;

	private final WebhookSettings settings;

	private final WebClient client;

	WebhookCalls(WebhookTargets targets, WebhookSettings settings) {
		this.targets = targets;
		this.settings = settings;
		this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient())).build();
	}

	Mono<AttemptResult> attempt(ClaimedDelivery delivery) {
		long timestamp = Instant.now().getEpochSecond();
		byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
		return Mono.fromCallable(() -> URI.create(delivery.url()))
			.flatMap(this.targets::reachable)
			.flatMap((target) -> this.client.post()
				.uri(target)
				.contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.USER_AGENT, USER_AGENT)
				.header(Signatures.HEADER, Signatures.header(timestamp, delivery.body(), delivery.secrets()))
				.header(EVENT_ID, delivery.eventId().toString())
				.header(EVENT_TYPE, delivery.type())
				.bodyValue(body)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())))
			.timeout(this.settings.timeout())
			.map(AttemptResult::of)
			.onErrorResume((ex) -> Mono.just(AttemptResult.failed(describe(ex))));
	}

	private HttpClient httpClient() {
		int timeout = (int) Math.min(Integer.MAX_VALUE, this.settings.timeout().toMillis());
		return HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeout)
			.responseTimeout(this.settings.timeout())
			.followRedirect(false)
			.doOnRequest((request, connection) -> refuseRemote(connection.channel().remoteAddress()));
	}

	private void refuseRemote(SocketAddress remote) {
		if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
			this.targets.refusal(inet.getAddress()).ifPresent((reason) -> {
				throw new WebhookTargetRefused(inet.getHostString(), reason, inet.getAddress().getHostAddress());
			});
		}
	}

	private String describe(Throwable ex) {
		if (ex instanceof TimeoutException || ex.getCause() instanceof TimeoutException
				|| ex.getClass().getSimpleName().contains("Timeout")) {
			return "No answer within " + this.settings.timeout() + " (intake.webhooks.timeout)";
		}
		Throwable cause = ex;
		while (cause.getCause() != null && !(cause instanceof WebhookTargetRefused)
				&& !(cause instanceof InvalidWebhook)) {
			cause = cause.getCause();
		}
		if (cause instanceof WebhookTargetRefused || cause instanceof InvalidWebhook) {
			return cause.getMessage();
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
