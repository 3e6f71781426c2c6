package dev.intake.progress;

import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Writes a progress event to its upload's stream and then to the feed of all uploads,
 * each trimmed with {@code MAXLEN ~}. Two plain {@code XADD}s rather than a transaction:
 * the keys live in different cluster slots, and the caller writes one event at a time per
 * upload, which keeps the order within each stream. The upload's stream expires
 * {@code finished-ttl} after a final event, or {@code idle-ttl} after any other.
 */
@Component
class StreamWriter implements EventWriter {

	private final StreamCommands commands;

	private final EventJson json;

	private final ProgressSettings settings;

	StreamWriter(StreamCommands commands, EventJson json, ProgressSettings settings) {
		this.commands = commands;
		this.json = json;
		this.settings = settings;
	}

	@Override
	public Mono<Void> write(ProgressEvent event) {
		String key = StreamKeys.upload(event.uploadId());
		Map<String, String> fields = StreamedEvent.fieldsOf(event, this.json.write(event));
		Duration ttl = event.isTerminal() ? this.settings.finishedTtl() : this.settings.idleTtl();
		return this.commands.append(key, fields, this.settings.uploadStreamLength())
			.then(this.commands.expire(key, ttl))
			.then(this.commands.append(StreamKeys.FEED, fields, this.settings.feedStreamLength()))
			.then()
			.timeout(this.settings.publishTimeout());
	}

}
