package dev.intake.progress.web;

import dev.intake.progress.ProgressEvent;
import dev.intake.progress.internal.StreamedEvent;

import org.springframework.http.codec.ServerSentEvent;

/**
 * Progress events as server-sent events: the stream entry id as {@code id:}, the type as
 * {@code event:}, and the event's JSON as {@code data:}.
 */
final class ServerSentEvents {

	private ServerSentEvents() {
	}

	/**
	 * For one upload's stream, where the names are {@code progress}, {@code completed}
	 * and {@code failed}: its {@code started} event is named {@code progress} (its data
	 * keeps {@code "type":"started"}).
	 */
	static ServerSentEvent<String> ofUpload(StreamedEvent event) {
		String name = ProgressEvent.STARTED.equals(event.type()) ? ProgressEvent.PROGRESS : event.type();
		return of(event, name);
	}

	/** For the feed of all uploads, where the names are the event types. */
	static ServerSentEvent<String> ofFeed(StreamedEvent event) {
		return of(event, event.type());
	}

	private static ServerSentEvent<String> of(StreamedEvent event, String name) {
		ServerSentEvent.Builder<String> builder = ServerSentEvent.builder(event.json()).event(name);
		if (event.id() != null) {
			builder.id(event.id());
		}
		return builder.build();
	}

}
