package dev.intake.testing;

import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/** Reads server-sent event streams of a running instance, as a browser would. */
public final class EventStreams {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	private static final JsonMapper json = JsonMapper.builder().build();

	private EventStreams() {
	}

	/**
	 * A client of the instance on {@code port} that opens a connection per request, so
	 * that any number of streams can be open at once; it sends the key of
	 * {@link TestTenant#TEST}.
	 */
	public static WebClient client(int port) {
		return client(port, TestTenant.TEST);
	}

	/** The same, as another tenant; {@code null} for a client that sends no key. */
	public static WebClient client(int port, TestTenant tenant) {
		return WebClient.builder().baseUrl("http://localhost:" + port).defaultHeaders((headers) -> {
			if (tenant != null) {
				headers.set(TestTenant.API_KEY_HEADER, tenant.key());
			}
		}).clientConnector(new ReactorClientHttpConnector(HttpClient.newConnection())).build();
	}

	/**
	 * The events of a stream, without heartbeats; errors if the answer is not a 2xx.
	 * @param lastEventId sent as {@code Last-Event-ID}, unless {@code null}
	 */
	public static Flux<ServerSentEvent<String>> events(WebClient client, String path, String lastEventId) {
		return client.get().uri(path).accept(MediaType.TEXT_EVENT_STREAM).headers((headers) -> {
			if (lastEventId != null) {
				headers.set("Last-Event-ID", lastEventId);
			}
		}).retrieve().bodyToFlux(EVENT).filter((event) -> event.event() != null);
	}

	/** The JSON data of an event. */
	public static Map<String, Object> dataOf(ServerSentEvent<String> event) {
		return json.readValue(event.data(), new TypeReference<Map<String, Object>>() {
		});
	}

	public static boolean isTerminal(ServerSentEvent<String> event) {
		return "completed".equals(event.event()) || "failed".equals(event.event());
	}

}
